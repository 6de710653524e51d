// The GTFS reader and the service levels on real feeds from ../shared/data, checked against figures
// from elsewhere: an independent tool's per-trip statistics for Cairns (cairns_trip_stats.csv), and
// counts made by hand with unzip + awk for the Iizuka community buses (commands in the comments).

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/layer.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/stop_service.hpp"
#include "keniki/transit/trip_stats.hpp"
#include "support/test_paths.hpp"

namespace {

using keniki::transit::Date;
using keniki::transit::DayKind;
using keniki::transit::Feed;
using keniki::transit::format_gtfs_time;
using keniki::transit::load_feed;
using keniki::transit::parse_gtfs_time;
using keniki::transit::stop_service;
using keniki::transit::StopService;
using keniki::transit::StopServiceOptions;

std::string shared(const std::string& relative) { return (keniki::test::shared_data() / relative).string(); }
Date ymd(const char* text) { return *Date::parse(text); }

/// Loads a feed from ../shared/data.
Feed load_shared(const std::string& relative) { return load_feed(shared(relative)); }

const StopService* find(const std::vector<StopService>& all, const std::string& id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const StopService& s) { return s.id == id; });
    return it == all.end() ? nullptr : &*it;
}

/// Departures of a stop given as "feed:stop_id" (the id of its merged stop or one of its members).
std::int64_t departures_at(const std::vector<StopService>& all, const std::string& feed, const std::string& stop_id) {
    for (const auto& s : all)
        for (const auto& m : s.members)
            if (m.feed_id == feed && m.stop_id == stop_id) return s.departures;
    ADD_FAILURE() << "no stop " << feed << ":" << stop_id;
    return -1;
}

TEST(Cairns, EveryTripMatchesTheIndependentTripStats) {
    KENIKI_REQUIRE_SHARED("gtfs/cairns_gtfs.zip");
    KENIKI_REQUIRE_SHARED("gtfs/cairns_trip_stats.csv");
    const Feed feed = load_shared("gtfs/cairns_gtfs.zip");
    // The reference, read by the io module (GDAL's CSV driver), not by transit's own CSV reader.
    const keniki::Layer ref = keniki::io::read_layer(shared("gtfs/cairns_trip_stats.csv"));
    const auto c_trip = ref.field_index("trip_id"), c_route = ref.field_index("route_id"), c_start = ref.field_index("start_time"),
               c_end = ref.field_index("end_time"), c_stops = ref.field_index("num_stops");
    ASSERT_TRUE(c_trip && c_route && c_start && c_end && c_stops);
    ASSERT_EQ(ref.features.size(), 1339u);

    const auto stats = keniki::transit::trip_stats(feed);
    ASSERT_EQ(stats.size(), ref.features.size());
    std::map<std::string, const keniki::transit::TripStats*> by_trip;
    for (const auto& s : stats) by_trip[s.trip_id] = &s;
    int checked = 0;
    for (const auto& f : ref.features) {
        const std::string trip_id = keniki::as_text(f.values[*c_trip]);
        const auto it = by_trip.find(trip_id);
        ASSERT_NE(it, by_trip.end()) << trip_id;
        const auto& s = *it->second;
        EXPECT_EQ(s.route_id, keniki::as_text(f.values[*c_route])) << trip_id;
        const auto start = parse_gtfs_time(keniki::as_text(f.values[*c_start]));
        const auto end = parse_gtfs_time(keniki::as_text(f.values[*c_end]));
        ASSERT_TRUE(start && end) << trip_id;
        EXPECT_EQ(s.start_time, *start) << trip_id << " start " << format_gtfs_time(s.start_time);
        EXPECT_EQ(s.end_time, *end) << trip_id << " end " << format_gtfs_time(s.end_time);
        EXPECT_EQ(static_cast<double>(s.num_stops), *keniki::as_number(f.values[*c_stops])) << trip_id;
        ++checked;
    }
    EXPECT_EQ(checked, 1339);
    // Spot check the latest trip (sort -t, -k10,10 cairns_trip_stats.csv | tail -1): the night
    // bus 110N leaving at 28:40:00 and arriving at 29:39:00 with 51 stops.
    const auto latest = std::max_element(stats.begin(), stats.end(), [](const auto& a, const auto& b) { return a.end_time < b.end_time; });
    EXPECT_EQ(format_gtfs_time(latest->start_time), "28:40:00");
    EXPECT_EQ(format_gtfs_time(latest->end_time), "29:39:00");
    EXPECT_EQ(latest->num_stops, 51u);
}

TEST(Cairns, ServiceDaysFollowTheCalendar) {
    KENIKI_REQUIRE_SHARED("gtfs/cairns_gtfs.zip");
    const std::vector<Feed> feeds{load_feed(shared("gtfs/cairns_gtfs.zip"))};
    // calendar.txt: Weekday-00 Mon-Fri from Monday 20140526, Weekday-00-0000100 Fridays from 20140530,
    // Saturday-00 from 20140531, Sunday-00 from 20140601; calendar_dates swaps weekday for Sunday
    // service on 20140609, 20141006, 20141225, 20141226 (Queensland public holidays).
    // The common weekday pattern is Mon-Thu (Weekday-00 alone), first on 2014-05-26.
    const auto weekday = keniki::transit::typical_service_day(feeds, DayKind::weekday);
    EXPECT_EQ(weekday.date, ymd("20140526")) << weekday.reason;
    const auto sunday = keniki::transit::typical_service_day(feeds, DayKind::sunday_holiday);
    EXPECT_EQ(sunday.date, ymd("20140601")) << sunday.reason;
    // Queen's Birthday, Monday 20140609, runs Sunday service: as many trips as a Sunday.
    EXPECT_EQ(keniki::transit::trips_running(feeds[0], ymd("20140609")), keniki::transit::trips_running(feeds[0], ymd("20140601")));
}

class Iizuka : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* f : {"chikuho", "miyawaka", "old4routes"}) {
            if (!keniki::test::have_shared(std::string("iizuka/gtfs/") + f + ".zip"))
                GTEST_SKIP() << "real data " << shared(std::string("iizuka/gtfs/") + f + ".zip") << " is absent";
        }
    }
};

TEST_F(Iizuka, FeedsLoadWithBomsAndGtfsJpExtras) {
    // Counts: unzip -p X.zip stops.txt | tr -d '\r' | grep -c .   (minus the header line)
    const Feed chikuho = load_shared("iizuka/gtfs/chikuho.zip");
    const Feed miyawaka = load_shared("iizuka/gtfs/miyawaka.zip");
    const Feed old = load_shared("iizuka/gtfs/old4routes.zip");
    EXPECT_EQ(chikuho.stops.size(), 32u);
    EXPECT_EQ(chikuho.trips.size(), 6u);
    EXPECT_EQ(chikuho.stop_times.size(), 116u);
    EXPECT_EQ(miyawaka.stops.size(), 44u);
    EXPECT_EQ(miyawaka.trips.size(), 16u);
    EXPECT_EQ(miyawaka.stop_times.size(), 432u);
    EXPECT_EQ(old.stops.size(), 72u);
    EXPECT_EQ(old.trips.size(), 26u);
    EXPECT_EQ(old.stop_times.size(), 427u);
    // chikuho's stops.txt and calendar.txt start with a BOM: the first column is still found.
    EXPECT_EQ(chikuho.stops[0].id, "101_01");
    EXPECT_EQ(chikuho.stops[0].name, "筑前大分駅");
    EXPECT_EQ(chikuho.services.size(), 1u);
    EXPECT_EQ(chikuho.services[0].id, "平日");
    // miyawaka's calendar.txt has no final newline: its last service is still read.
    ASSERT_EQ(miyawaka.services.size(), 2u);
    EXPECT_EQ(miyawaka.services[1].id, "土曜・日曜・祝日");
    EXPECT_EQ(miyawaka.services[1].weekdays, 0b1100000);
    // H:MM:SS times (old4routes writes "8:40:00").
    EXPECT_EQ(old.stop_times[0].departure, 8 * 3600 + 40 * 60);
    auto ignored = [](const Feed& f, const char* name) {
        return std::find(f.ignored_files.begin(), f.ignored_files.end(), name) != f.ignored_files.end();
    };
    EXPECT_TRUE(ignored(chikuho, "translations.txt"));
    EXPECT_TRUE(ignored(chikuho, "shapes.txt"));
    EXPECT_TRUE(ignored(miyawaka, "agency_jp.txt"));
    EXPECT_TRUE(ignored(miyawaka, "office_jp.txt"));
    EXPECT_TRUE(ignored(old, "routes_jp.txt"));
}

TEST_F(Iizuka, WeekdayDeparturesCountedByHand) {
    // Departures per stop on a weekday: every row but each trip's last, without pickup_type 1
    // (all trips of chikuho and of old4routes are weekday trips):
    //   unzip -p chikuho.zip stop_times.txt | tr -d '\r' | tail -n +2 | sort -t, -k1,1 -k5,5n |
    //   awk -F, '{ if ($1!=prev && prev!="") last[prevrow]=1; prev=$1; prevrow=NR; stop[NR]=$4; pick[NR]=$7; dep[NR]=$3 }
    //     END { last[prevrow]=1; for (i=1;i<=NR;i++) if (!last[i] && pick[i]!=1) { c[stop[i]]++;
    //           if (!(stop[i] in f) || dep[i]<f[stop[i]]) f[stop[i]]=dep[i]; if (dep[i]>l[stop[i]]) l[stop[i]]=dep[i] }
    //           for (s in c) print s, c[s], f[s], l[s] }'
    // gives 101_01 6 08:25:00 17:36:00, 116_01 2 11:36:00 15:07:00, 108_02 2 12:20:00 15:51:00, 113_02 none.
    // For miyawaka, the same after keeping the trips of service 平日（月～金） (10 trips):
    //   unzip -p miyawaka.zip trips.txt | tr -d '\r' | awk -F, '$2=="平日（月～金）"{print $3}' > wd.txt
    //   unzip -p miyawaka.zip stop_times.txt | tr -d '\r' | tail -n +2 | awk -F, 'NR==FNR{w[$1];next} ($1 in w)' wd.txt - | sort ... | awk ...
    // gives MI03 10, MI01 5, MI24_y 5, MI24_m 5.
    const std::vector<Feed> chikuho{load_feed(shared("iizuka/gtfs/chikuho.zip"))};
    const auto day = keniki::transit::typical_service_day(chikuho, DayKind::weekday);
    EXPECT_EQ(day.date, ymd("20260401")) << day.reason;  // first day of the calendar, a Wednesday
    const auto all = stop_service(chikuho, day.date);
    EXPECT_EQ(all.size(), 32u);
    const StopService* ekimae = find(all, "chikuho:101_01");
    ASSERT_NE(ekimae, nullptr);
    EXPECT_EQ(ekimae->name, "筑前大分駅");
    EXPECT_EQ(ekimae->departures, 6);
    EXPECT_EQ(format_gtfs_time(ekimae->first_departure), "08:25:00");
    EXPECT_EQ(format_gtfs_time(ekimae->last_departure), "17:36:00");
    const StopService* city_hall = find(all, "chikuho:116_01");
    ASSERT_NE(city_hall, nullptr);
    EXPECT_EQ(city_hall->departures, 2);
    EXPECT_EQ(format_gtfs_time(city_hall->first_departure), "11:36:00");
    EXPECT_EQ(format_gtfs_time(city_hall->last_departure), "15:07:00");
    EXPECT_EQ(find(all, "chikuho:108_02")->departures, 2);
    EXPECT_EQ(find(all, "chikuho:113_02")->departures, 0);
    ASSERT_EQ(city_hall->routes.size(), 1u);
    EXPECT_EQ(city_hall->routes[0].route_id, "CT");
    // A holiday Wednesday (昭和の日, 20260429) is removed in calendar_dates.txt: nothing runs.
    const auto holiday = stop_service(chikuho, ymd("20260429"));
    EXPECT_EQ(std::count_if(holiday.begin(), holiday.end(), [](const StopService& s) { return s.departures > 0; }), 0);

    const std::vector<Feed> miyawaka{load_feed(shared("iizuka/gtfs/miyawaka.zip"))};
    const auto mw = stop_service(miyawaka, ymd("20260401"));
    EXPECT_EQ(departures_at(mw, "miyawaka", "MI03"), 10);
    EXPECT_EQ(departures_at(mw, "miyawaka", "MI01"), 5);
    EXPECT_EQ(departures_at(mw, "miyawaka", "MI24_y"), 5);
    EXPECT_EQ(departures_at(mw, "miyawaka", "MI24_m"), 5);

    // old4routes, 20210401 (a Thursday of its calendar): ICH 6, tc010 3, tokuzen_1 19.
    const std::vector<Feed> old{load_feed(shared("iizuka/gtfs/old4routes.zip"))};
    const auto od = stop_service(old, ymd("20210401"));
    EXPECT_EQ(departures_at(od, "old4routes", "ICH"), 6);
    EXPECT_EQ(departures_at(od, "old4routes", "tc010"), 3);
    EXPECT_EQ(departures_at(od, "old4routes", "tokuzen_1"), 19);
}

TEST_F(Iizuka, ChikuhoAndMiyawakaTogether) {
    const std::vector<Feed> feeds{load_feed(shared("iizuka/gtfs/chikuho.zip")), load_feed(shared("iizuka/gtfs/miyawaka.zip"))};
    // Both run on weekdays from 20260401 (chikuho's first day); neither removes that day.
    const auto day = keniki::transit::typical_service_day(feeds, DayKind::weekday);
    EXPECT_EQ(day.date, ymd("20260401")) << day.reason;
    EXPECT_EQ(day.trips, 6u + 10u);
    // The two feeds share one place by name, 飯塚市役所: chikuho 116_01 lies 101 m from miyawaka
    // MI24_y and 128 m from MI24_m (which are 57 m apart, across the road); no other same-named
    // pair lies within 100 m (checked with a haversine over both stops.txt). So at the default
    // 10 m nothing merges, and at 150 m the city hall is one stop with 2 + 5 + 5 departures.
    const auto apart = stop_service(feeds, day.date);
    EXPECT_EQ(apart.size(), 32u + 44u);
    EXPECT_EQ(find(apart, "chikuho:116_01")->departures, 2);
    StopServiceOptions wide;
    wide.merge_distance_m = 150;
    const auto merged = stop_service(feeds, day.date, wide);
    const StopService* city_hall = find(merged, "chikuho:116_01");
    ASSERT_NE(city_hall, nullptr);
    EXPECT_EQ(city_hall->departures, 12);
    EXPECT_EQ(city_hall->members.size(), 3u);
    ASSERT_EQ(city_hall->routes.size(), 2u);
    EXPECT_EQ(city_hall->routes[0].feed_id, "chikuho");
    EXPECT_EQ(city_hall->routes[1].feed_id, "miyawaka");
    EXPECT_EQ(find(merged, "miyawaka:MI24_y"), nullptr);  // it is a member now, not a stop of its own
    // Scenario: the 宮若 line cut (whole feed excluded): back to chikuho's 2 at the city hall.
    wide.routes.exclude.push_back({"miyawaka", "", "", ""});
    EXPECT_EQ(find(stop_service(feeds, day.date, wide), "chikuho:116_01")->departures, 2);
}

TEST_F(Iizuka, ChikuhoAndItsPredecessorShareTheirStops) {
    // old4routes (2021) is the older timetable of the same community buses: 22 of chikuho's stops
    // have a same-named stop at 0 m (one, イオン穂波店, at 7.4 m) in it, and no two same-named
    // stops within either feed are closer than 11 m. 32 + 72 - 22 = 82 stops.
    const std::vector<Feed> feeds{load_feed(shared("iizuka/gtfs/chikuho.zip")), load_feed(shared("iizuka/gtfs/old4routes.zip"))};
    const auto on_2026 = stop_service(feeds, ymd("20260401"));
    EXPECT_EQ(on_2026.size(), 82u);
    const StopService* city_hall = find(on_2026, "chikuho:116_01");
    ASSERT_NE(city_hall, nullptr);
    ASSERT_EQ(city_hall->members.size(), 2u);
    EXPECT_EQ(city_hall->members[1].stop_id, "ICH");
    EXPECT_EQ(city_hall->departures, 2);  // old4routes does not run in 2026
    EXPECT_EQ(find(stop_service(feeds, ymd("20210401")), "chikuho:116_01")->departures, 6);  // nor chikuho in 2021
    EXPECT_EQ(departures_at(on_2026, "old4routes", "aeon_honami"), departures_at(on_2026, "chikuho", "112_01"));
}

}  // namespace
