// load_feed on the hand-made feeds in tests/fixtures/gtfs (see the files themselves for the
// figures), and io::read_text_file / list_archive through which it reads them.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/io/read_text_file.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/trip_stats.hpp"
#include "support/test_paths.hpp"

namespace {

using keniki::DataError;
using keniki::UsageError;
using keniki::transit::Date;
using keniki::transit::Feed;
using keniki::transit::k_no_index;
using keniki::transit::load_feed;
using keniki::transit::parse_gtfs_time;
using keniki::transit::Seconds;
using keniki::transit::Stop;
using keniki::transit::StopTime;

std::string fixture(const std::string& name) { return (keniki::test::source_dir() / "tests/fixtures/gtfs" / name).string(); }

Seconds hms(const char* text) { return *parse_gtfs_time(text); }
Date ymd(const char* text) { return *Date::parse(text); }

/// The DataError that loading `name` throws (fails the test when none is thrown).
DataError load_error(const std::string& name) {
    try {
        load_feed(fixture(name));
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << name << " loaded without error";
    return DataError("none");
}

const Stop& stop(const Feed& feed, const char* id) {
    const auto i = feed.find_stop(id);
    if (!i) throw std::runtime_error(std::string("no stop ") + id);
    return feed.stops[*i];
}

/// (stop_id, departure) of a trip's rows, in order.
std::vector<std::pair<std::string, Seconds>> rows_of(const Feed& feed, const char* trip_id) {
    std::vector<std::pair<std::string, Seconds>> out;
    for (const StopTime& st : feed.stop_times_of(feed.trips[*feed.find_trip(trip_id)])) out.emplace_back(feed.stops[st.stop].id, st.departure);
    return out;
}

TEST(ReadTextFile, ReadsFolderAndZipMembersByteForByte) {
    const std::string direct = keniki::io::read_text_file(fixture("tiny/routes.txt"));
    EXPECT_EQ(direct.substr(0, 9), "route_id,");
    const auto files = keniki::io::list_archive(fixture("tiny_nested.zip"));
    EXPECT_NE(std::find(files.begin(), files.end(), "tiny/routes.txt"), files.end());
    EXPECT_EQ(std::find(files.begin(), files.end(), "tiny"), files.end());  // folders are not listed
    EXPECT_EQ(std::find(files.begin(), files.end(), "tiny/"), files.end());
    EXPECT_EQ(keniki::io::read_text_file(keniki::io::archive_member_path(fixture("tiny_nested.zip"), "tiny/routes.txt")), direct);
    const auto folder = keniki::io::list_archive(fixture("tiny"));
    EXPECT_EQ(folder.size(), 9u);
    EXPECT_TRUE(std::is_sorted(folder.begin(), folder.end()));
}

TEST(ReadTextFile, MissingFilesAreUsageErrors) {
    EXPECT_THROW(keniki::io::read_text_file(fixture("tiny/nope.txt")), UsageError);
    EXPECT_THROW(keniki::io::read_text_file("/vsizip/" + fixture("tiny_nested.zip") + "/tiny/nope.txt"), UsageError);
    EXPECT_THROW(keniki::io::read_text_file(fixture("tiny")), UsageError);  // a folder
    EXPECT_THROW(keniki::io::list_archive(fixture("nope.zip")), UsageError);
    EXPECT_THROW(load_feed(fixture("nope")), UsageError);
    EXPECT_THROW(load_feed(fixture("tiny/stops.txt")), DataError);  // a file, but neither zip nor folder
}

TEST(LoadFeed, TinyFeedAsWritten) {
    const Feed feed = load_feed(fixture("tiny"));
    EXPECT_EQ(feed.id, "tiny");
    ASSERT_EQ(feed.agencies.size(), 1u);
    EXPECT_EQ(feed.agencies[0].name, "Tiny Town Bus");

    ASSERT_EQ(feed.stops.size(), 8u);
    EXPECT_EQ(stop(feed, "ST").location_type, 1);
    EXPECT_EQ(feed.stops[stop(feed, "P1").parent].id, "ST");
    EXPECT_EQ(stop(feed, "E1").location_type, 2);
    EXPECT_EQ(stop(feed, "A").parent, k_no_index);
    EXPECT_EQ(stop(feed, "B").name, "病院 \"北\"");  // doubled quotes
    EXPECT_EQ(stop(feed, "C").location_type, 0);     // empty location_type
    EXPECT_DOUBLE_EQ(stop(feed, "D").lat, 33.64);
    EXPECT_DOUBLE_EQ(stop(feed, "D").lon, 130.64);

    ASSERT_EQ(feed.routes.size(), 3u);
    EXPECT_EQ(feed.routes[2].short_name, "S");
    EXPECT_EQ(feed.routes[2].long_name, "土曜線");

    // WD and SAT from calendar.txt, HOL only from calendar_dates.txt.
    ASSERT_EQ(feed.services.size(), 3u);
    const auto& wd = feed.services[*feed.find_service("WD")];
    EXPECT_TRUE(wd.in_calendar);
    EXPECT_EQ(wd.weekdays, 0b0011111);
    EXPECT_EQ(wd.removed, std::vector<Date>{ymd("20260429")});
    EXPECT_EQ(wd.added, std::vector<Date>{ymd("20260425")});
    const auto& hol = feed.services[*feed.find_service("HOL")];
    EXPECT_FALSE(hol.in_calendar);
    EXPECT_TRUE(hol.runs_on(ymd("20260429")));
    EXPECT_FALSE(hol.runs_on(ymd("20260430")));
    EXPECT_TRUE(wd.runs_on(ymd("20260401")));   // Wednesday
    EXPECT_FALSE(wd.runs_on(ymd("20260429")));  // removed
    EXPECT_TRUE(wd.runs_on(ymd("20260425")));   // a Saturday, added
    EXPECT_FALSE(wd.runs_on(ymd("20260404")));  // a plain Saturday
    EXPECT_FALSE(wd.runs_on(ymd("20260501")));  // after end_date
    ASSERT_TRUE(feed.calendar_range());
    EXPECT_EQ(feed.calendar_range()->first, ymd("20260401"));
    EXPECT_EQ(feed.calendar_range()->second, ymd("20260430"));

    ASSERT_EQ(feed.trips.size(), 5u);
    ASSERT_EQ(feed.stop_times.size(), 17u);
    // T2: past midnight, and A without a time, interpolated half-way between 23:50 and 24:20.
    const auto t2 = rows_of(feed, "T2");
    ASSERT_EQ(t2.size(), 4u);
    EXPECT_EQ(t2[1], std::make_pair(std::string("A"), hms("24:05:00")));
    EXPECT_EQ(t2[3], std::make_pair(std::string("D"), hms("25:10:00")));
    EXPECT_TRUE(feed.stop_times_of(feed.trips[*feed.find_trip("T2")])[1].interpolated);
    // T3 is written backwards in stop_times.txt: it comes out in stop_sequence order.
    const auto t3 = rows_of(feed, "T3");
    ASSERT_EQ(t3.size(), 3u);
    EXPECT_EQ(t3[0], std::make_pair(std::string("D"), hms("09:00:00")));
    EXPECT_EQ(t3[2], std::make_pair(std::string("P2"), hms("09:30:00")));
    // pickup_type kept (T5 at C: no boarding).
    EXPECT_EQ(feed.stop_times_of(feed.trips[*feed.find_trip("T5")])[1].pickup_type, 1);

    EXPECT_EQ(feed.ignored_files, (std::vector<std::string>{"shapes.txt", "translations.txt"}));
}

TEST(LoadFeed, CrlfBomAndMissingFinalNewlineLoadTheSame) {
    // tiny_crlf_bom holds the same files as tiny with CRLF, a BOM on every file and no final newline.
    const Feed a = load_feed(fixture("tiny"));
    const Feed b = load_feed(fixture("tiny_crlf_bom"));
    ASSERT_EQ(a.stops.size(), b.stops.size());
    for (std::size_t i = 0; i < a.stops.size(); ++i) {
        EXPECT_EQ(a.stops[i].id, b.stops[i].id);
        EXPECT_EQ(a.stops[i].name, b.stops[i].name);
        EXPECT_EQ(a.stops[i].parent, b.stops[i].parent);
    }
    ASSERT_EQ(a.stop_times.size(), b.stop_times.size());
    for (std::size_t i = 0; i < a.stop_times.size(); ++i) {
        EXPECT_EQ(a.stop_times[i].stop, b.stop_times[i].stop);
        EXPECT_EQ(a.stop_times[i].departure, b.stop_times[i].departure);
        EXPECT_EQ(a.stop_times[i].pickup_type, b.stop_times[i].pickup_type);
    }
    ASSERT_EQ(b.services.size(), 3u);
    EXPECT_EQ(b.services[*b.find_service("WD")].added, std::vector<Date>{ymd("20260425")});  // last line, no newline
    EXPECT_EQ(b.trips.back().id, "T5");
}

TEST(LoadFeed, ZipWithTheFilesInASubFolder) {
    const Feed feed = load_feed(fixture("tiny_nested.zip"));
    EXPECT_EQ(feed.id, "tiny_nested");
    EXPECT_EQ(feed.stop_times.size(), 17u);
    EXPECT_EQ(feed.trips.size(), 5u);
    const Feed named = load_feed(fixture("tiny_nested.zip"), {.id = "town"});
    EXPECT_EQ(named.id, "town");
}

TEST(LoadFeed, TripStatsOfTheTinyFeed) {
    const Feed feed = load_feed(fixture("tiny"));
    const auto stats = keniki::transit::trip_stats(feed);
    ASSERT_EQ(stats.size(), 5u);
    EXPECT_EQ(stats[1].trip_id, "T2");
    EXPECT_EQ(stats[1].route_id, "R1");
    EXPECT_EQ(stats[1].start_time, hms("23:50:00"));
    EXPECT_EQ(stats[1].end_time, hms("25:10:00"));
    EXPECT_EQ(stats[1].num_stops, 4u);
    EXPECT_EQ(stats[2].start_time, hms("09:00:00"));  // T3, sorted by stop_sequence first
    EXPECT_EQ(stats[2].end_time, hms("09:30:00"));
    EXPECT_EQ(stats[4].service_id, "HOL");
}

TEST(LoadFeed, FrequenciesGiveRunsPerTrip) {
    const Feed feed = load_feed(fixture("freq"));
    ASSERT_EQ(feed.frequencies.size(), 2u);
    EXPECT_EQ(feed.frequencies[0].start, hms("07:00:00"));  // sorted by start within the trip
    const auto stats = keniki::transit::trip_stats(feed);
    // FT: 07:00-08:00 every 20 min = 07:00, 07:20, 07:40; 17:00-17:30 every 15 min = 17:00, 17:15.
    EXPECT_EQ(stats[0].runs, 5u);
    EXPECT_EQ(stats[1].runs, 1u);
}

TEST(LoadFeed, MissingStopsTxtIsNamed) {
    const DataError e = load_error("broken_no_stops");
    EXPECT_EQ(e.where().file, "broken_no_stops/stops.txt");
    EXPECT_NE(std::string(e.what()).find("stops.txt"), std::string::npos);
}

TEST(LoadFeed, MissingCalendarsAreNamed) {
    const DataError e = load_error("broken_no_calendar");
    EXPECT_NE(e.message().find("calendar.txt"), std::string::npos);
    EXPECT_NE(e.message().find("calendar_dates.txt"), std::string::npos);
}

TEST(LoadFeed, UnknownStopInStopTimesNamesFileLineAndField) {
    // Line 5: the quoted headsign of the record on line 2 spans lines 2-3.
    const DataError e = load_error("broken_unknown_stop");
    EXPECT_EQ(e.where().file, "broken_unknown_stop/stop_times.txt");
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().field, "stop_id");
    EXPECT_NE(e.message().find("M9"), std::string::npos);
    EXPECT_EQ(std::string(e.what()), "broken_unknown_stop/stop_times.txt, line 5, field 'stop_id': stop_id 'M9' is not in stops.txt");
}

TEST(LoadFeed, UnknownTripInStopTimesNamesTheLine) {
    const DataError e = load_error("broken_unknown_trip");
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().field, "trip_id");
    EXPECT_NE(e.message().find("MX"), std::string::npos);
}

TEST(LoadFeed, BadTimeNamesTheLine) {
    const DataError e = load_error("broken_bad_time");
    EXPECT_EQ(e.where().file, "broken_bad_time/stop_times.txt");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().field, "arrival_time");
    EXPECT_NE(e.message().find("25:61:00"), std::string::npos);
}

TEST(LoadFeed, NonNumericStopSequenceNamesTheLine) {
    const DataError e = load_error("broken_bad_sequence");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().field, "stop_sequence");
    EXPECT_NE(e.message().find("2a"), std::string::npos);
}

TEST(LoadFeed, FeedsWrittenOnTheFlyFailWhereTheyShould) {
    // Variations of the mini feed that need no fixture of their own.
    const auto dir = keniki::test::fresh_temp_dir("keniki-gtfs");
    std::filesystem::copy(fixture("mini"), dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::FILE* f = std::fopen((dir / name).c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    };
    auto error_of = [&]() -> std::string {
        try {
            load_feed(dir.string());
        } catch (const DataError& e) {
            return e.what();
        }
        return "no error";
    };
    const std::string folder = dir.filename().string();
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\nMT,abc,abc,M2,2\n");
    EXPECT_EQ(error_of(), folder + "/stop_times.txt, line 3, field 'arrival_time': arrival_time is not a time (H:MM:SS, minutes and seconds below 60): 'abc'");
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\nMT,07:10:00,07:10:00,M2,1\n");
    EXPECT_NE(error_of().find("line 3, field 'stop_sequence': stop_sequence 1 appears twice in trip 'MT' (also on line 2)"), std::string::npos);
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\nMT,,,M2,2\n");
    EXPECT_NE(error_of().find("line 3, field 'arrival_time': the last stop of trip 'MT' has no time"), std::string::npos);
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_sequence\nMT,07:00:00,07:00:00,1\n");
    EXPECT_NE(error_of().find("stop_times.txt, line 1, field 'stop_id': missing required column 'stop_id'"), std::string::npos);
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\n");
    write("trips.txt", "route_id,service_id,trip_id\nMR,MS,MT\nMR,NOPE,MU\n");
    EXPECT_NE(error_of().find("trips.txt, line 3, field 'service_id'"), std::string::npos);
    write("trips.txt", "route_id,service_id,trip_id\nMR,MS,MT\n");
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.5,130.5\nM2,下町,north,130.51\n");
    EXPECT_NE(error_of().find("stops.txt, line 3, field 'stop_lat'"), std::string::npos);
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.5,130.5\nM2,下町,33.51,130.51\nM1,again,33.5,130.5\n");
    EXPECT_NE(error_of().find("stops.txt, line 4, field 'stop_id': stop_id 'M1' appears twice (first on line 2)"), std::string::npos);
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.5,130.5\nM2,下町,33.51,130.51\n");
    EXPECT_EQ(error_of(), "no error");
    std::filesystem::remove_all(dir);
}

TEST(ReadTextFile, FirstInvalidUtf8Line) {
    EXPECT_EQ(keniki::io::first_invalid_utf8_line("a\n上町\n"), std::nullopt);
    EXPECT_EQ(keniki::io::first_invalid_utf8_line("a\nb\n\x8f\xe3\x92\xac\n"), 3);
    EXPECT_EQ(keniki::io::first_invalid_utf8_line("\xff"), 1);
}

TEST(LoadFeed, DamagedZipsAndFilesSayWhatIsWrong) {
    // Zips built from a folder feed by GDAL itself are beyond this test; the catalogue
    // (tests/badinput) damages hand-written zips byte by byte. Here: the archive-level messages.
    const auto dir = keniki::test::fresh_temp_dir("keniki-gtfs-zip");
    auto write = [&](const std::string& name, const std::string& bytes) {
        std::FILE* f = std::fopen((dir / name).c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fwrite(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
    };
    auto error_of = [&](const std::string& name) -> std::string {
        try {
            load_feed((dir / name).string());
        } catch (const DataError& e) {
            return e.what();
        }
        return "no error";
    };
    write("empty.zip", "");
    EXPECT_NE(error_of("empty.zip").find("empty.zip: the file is empty (0 bytes)"), std::string::npos) << error_of("empty.zip");
    write("text.zip", "stop_id\n");
    EXPECT_NE(error_of("text.zip").find("not a zip archive"), std::string::npos) << error_of("text.zip");
    // The first 100 bytes of a real zip: a local header, no central directory.
    const std::string whole = keniki::test::read_file(fixture("tiny_nested.zip"));
    write("cut.zip", whole.substr(0, 100));
    EXPECT_NE(error_of("cut.zip").find("cut.zip: the zip archive is truncated or damaged"), std::string::npos) << error_of("cut.zip");
    std::filesystem::remove_all(dir);
}

TEST(LoadFeed, Cp932TextAndShortRowsNameTheFileAndLine) {
    const auto dir = keniki::test::fresh_temp_dir("keniki-gtfs-text");
    std::filesystem::copy(fixture("mini"), dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::FILE* f = std::fopen((dir / name).c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    };
    auto error_of = [&]() -> std::string {
        try {
            load_feed(dir.string());
        } catch (const DataError& e) {
            return e.what();
        }
        return "no error";
    };
    const std::string folder = dir.filename().string();
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,\x8f\xe3\x92\xac,33.5,130.5\nM2,x,33.51,130.51\n");
    EXPECT_EQ(error_of().rfind(folder + "/stops.txt, line 2: the text is not valid UTF-8", 0), 0u) << error_of();
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.5,130.5\nM2,下町,33.51\n");
    EXPECT_EQ(error_of(), folder + "/stops.txt, line 3, field 'stop_lon': the row is short: it has 3 fields, the header (line 1) has 4 "
                                   "(no value for 'stop_lon')");
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n");
    EXPECT_EQ(error_of(), folder + "/stops.txt: the file has a header and no stops");
    // Optional columns may be left off the end of a row (feeds do): stop_headsign here.
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.5,130.5\nM2,下町,33.51,130.51\n");
    write("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign\nMT,07:00:00,07:00:00,M1,1\nMT,07:10:00,07:10:00,M2,2\n");
    EXPECT_EQ(error_of(), "no error");
    std::filesystem::remove_all(dir);
}

}  // namespace
