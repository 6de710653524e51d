// Service days and per-stop service levels on the hand-made feeds. Every figure is worked out by
// hand from tests/fixtures/gtfs/tiny (April 2026: the 1st is a Wednesday; Saturdays 4, 11, 18, 25;
// Sundays 5, 12, 19, 26; the 29th, a Wednesday, is 昭和の日):
//
//   services  WD  Mon-Fri 20260401-20260430, minus 20260429, plus Saturday 20260425
//             SAT Saturdays 20260401-20260430
//             HOL only 20260429 (calendar_dates.txt)
//   trips     T1 R1 WD   P1 08:00 → A 08:10 → B 08:20 → D 08:30 (pickup_type 1 at D)
//             T2 R1 WD   P1 23:50 → A (no time: 24:05 interpolated) → B 24:20 → D 25:10
//             T3 R2 WD   D 09:00 → B 09:15 → P2 09:30 (rows written backwards)
//             T4 R3 SAT  A 10:00 → C 10:20 → P1 10:40
//             T5 R2 HOL  P2 12:00 → C 12:10 (pickup_type 1: no boarding) → B 12:30
//   stops     ST 中央駅 is a station with platforms P1, P2 and an entrance E1: one stop "tiny:ST".
//
// Departures = rows of running trips except each trip's last row and rows with pickup_type 1:
//   weekday (20260401): ST 2 (T1 08:00, T2 23:50; T3 ends at P2), A 2 (08:10, 24:05),
//                       B 3 (08:20, 09:15, 24:20), C 0, D 1 (T3 09:00; T1, T2 end there)   = 8
//   saturday (20260404): A 1 (10:00), C 1 (10:20), the rest 0 (T4 ends at P1)              = 2
//   20260425 (Saturday + WD added): ST 2, A 3, B 3, C 1, D 1                               = 10
//   20260429 (holiday): ST 1 (T5 12:00 at P2), C 0 (no pickup), B 0 (last)                 = 1

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/stop_service.hpp"
#include "support/test_paths.hpp"

namespace {

using keniki::transit::Date;
using keniki::transit::DayKind;
using keniki::transit::Feed;
using keniki::transit::k_no_time;
using keniki::transit::load_feed;
using keniki::transit::parse_gtfs_time;
using keniki::transit::RouteSelector;
using keniki::transit::Seconds;
using keniki::transit::stop_service;
using keniki::transit::StopService;
using keniki::transit::StopServiceOptions;

std::string fixture(const std::string& name) { return (keniki::test::source_dir() / "tests/fixtures/gtfs" / name).string(); }
Seconds hms(const char* text) { return *parse_gtfs_time(text); }
Date ymd(const char* text) { return *Date::parse(text); }

const StopService& by_id(const std::vector<StopService>& all, const std::string& id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const StopService& s) { return s.id == id; });
    if (it == all.end()) throw std::runtime_error("no stop " + id);
    return *it;
}

std::int64_t total(const std::vector<StopService>& all) {
    return std::accumulate(all.begin(), all.end(), std::int64_t{0}, [](std::int64_t n, const StopService& s) { return n + s.departures; });
}

std::vector<std::int64_t> departures(const std::vector<StopService>& all) {
    std::vector<std::int64_t> out;
    for (const auto& s : all) out.push_back(s.departures);
    return out;
}

std::vector<std::string> route_ids(const StopService& s) {
    std::vector<std::string> out;
    for (const auto& r : s.routes) out.push_back(r.route_id);
    return out;
}

RouteSelector select_route(const std::string& feed, const std::string& route_id) {
    RouteSelector s;
    s.feed = feed;
    s.route_id = route_id;
    return s;
}
RouteSelector select_feed(const std::string& feed) { return select_route(feed, ""); }
RouteSelector select_route_id(const std::string& route_id) { return select_route("", route_id); }
RouteSelector select_short_name(const std::string& name) {
    RouteSelector s;
    s.short_name = name;
    return s;
}
RouteSelector select_long_name(const std::string& name) {
    RouteSelector s;
    s.long_name = name;
    return s;
}

class TinyFeed : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_feeds = new std::vector<Feed>{load_feed(fixture("tiny"))}; }
    static void TearDownTestSuite() {
        delete s_feeds;
        s_feeds = nullptr;
    }
    static const std::vector<Feed>& feeds() { return *s_feeds; }
    static std::vector<Feed>* s_feeds;
};
std::vector<Feed>* TinyFeed::s_feeds = nullptr;

TEST_F(TinyFeed, TypicalWeekdayIsTheFirstOrdinaryWeekday) {
    const auto day = keniki::transit::typical_service_day(feeds(), DayKind::weekday);
    EXPECT_EQ(day.date, ymd("20260401"));
    EXPECT_EQ(day.trips, 3u);
    ASSERT_TRUE(day.kind);
    // 22 weekdays in April 2026; 21 run WD, the 29th runs HOL.
    EXPECT_NE(day.reason.find("2026-04-01 (Wed)"), std::string::npos) << day.reason;
    EXPECT_NE(day.reason.find("21 of 22"), std::string::npos) << day.reason;
}

TEST(TypicalServiceDay, ACalendarRunningToTheYear9999CountsEveryDayWithoutWalkingThem) {
    // The tiny feed with its services running 1900-01-01 .. 9999-12-31 ("forever", as some feeds
    // write it). The count of weekdays is made here day by day, independently of the classes of days
    // the selection works with; the 29 April 2026 exception still makes one weekday differ.
    const auto dir = keniki::test::fresh_temp_dir("keniki-forever-feed");
    for (const auto& e : std::filesystem::directory_iterator(fixture("tiny"))) std::filesystem::copy_file(e.path(), dir / e.path().filename());
    std::ofstream(dir / "calendar.txt", std::ios::trunc) << "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                                                            "WD,1,1,1,1,1,0,0,19000101,99991231\n"
                                                            "SAT,0,0,0,0,0,1,0,19000101,99991231\n";
    const std::vector<Feed> feeds{load_feed(dir.string())};
    std::size_t weekdays = 0;
    for (Date d = ymd("19000101"); d <= ymd("99991231"); ++d) weekdays += d.weekday() <= 4;
    const auto day = keniki::transit::typical_service_day(feeds, DayKind::weekday);
    EXPECT_EQ(day.date, ymd("19000101"));  // a Monday
    EXPECT_EQ(day.trips, 3u);
    EXPECT_NE(day.reason.find(std::to_string(weekdays - 1) + " of " + std::to_string(weekdays) + " such days"), std::string::npos)
        << day.reason << " (weekdays counted one by one: " << weekdays << ")";
}

TEST_F(TinyFeed, TypicalSaturdayIsNotTheOneWithAddedWeekdayService) {
    // The 25th runs SAT and WD (4 trips) but is the only Saturday with that pattern.
    const auto day = keniki::transit::typical_service_day(feeds(), DayKind::saturday);
    EXPECT_EQ(day.date, ymd("20260404"));
    EXPECT_EQ(day.trips, 1u);
    EXPECT_NE(day.reason.find("3 of 4"), std::string::npos) << day.reason;
}

TEST_F(TinyFeed, TypicalSundayWithoutServiceSaysSo) {
    const auto day = keniki::transit::typical_service_day(feeds(), DayKind::sunday_holiday);
    EXPECT_EQ(day.date, ymd("20260405"));
    EXPECT_EQ(day.trips, 0u);
    EXPECT_NE(day.reason.find("no trip runs"), std::string::npos) << day.reason;
}

TEST_F(TinyFeed, DaySelectors) {
    EXPECT_EQ(std::get<DayKind>(keniki::transit::parse_day_selector("saturday")), DayKind::saturday);
    EXPECT_EQ(std::get<Date>(keniki::transit::parse_day_selector("20260429")), ymd("20260429"));
    EXPECT_THROW(keniki::transit::parse_day_selector("friday"), keniki::UsageError);
    EXPECT_THROW(keniki::transit::parse_day_selector("20260431"), keniki::UsageError);
    const auto holiday = keniki::transit::choose_service_day(feeds(), ymd("20260429"));
    EXPECT_EQ(holiday.trips, 1u);
    EXPECT_FALSE(holiday.kind);
    const auto may = keniki::transit::choose_service_day(feeds(), ymd("20260501"));
    EXPECT_EQ(may.trips, 0u);
    EXPECT_NE(may.reason.find("no service"), std::string::npos);
    EXPECT_EQ(keniki::transit::trips_running(feeds()[0], ymd("20260425")), 4u);
}

TEST_F(TinyFeed, WeekdayDepartures) {
    const auto all = stop_service(feeds(), ymd("20260401"));
    ASSERT_EQ(all.size(), 5u);  // the station with its platforms, A, B, C, D; the entrance is no stop
    EXPECT_EQ(all[0].id, "tiny:ST");
    EXPECT_EQ(all[0].name, "中央駅");
    EXPECT_DOUBLE_EQ(all[0].lat, 33.6);  // the station's position
    ASSERT_EQ(all[0].members.size(), 3u);
    EXPECT_EQ(all[0].members[1].stop_id, "P1");
    EXPECT_EQ(all[0].members[2].stop_id, "P2");
    EXPECT_EQ(departures(all), (std::vector<std::int64_t>{2, 2, 3, 0, 1}));
    EXPECT_EQ(all[0].first_departure, hms("08:00:00"));
    EXPECT_EQ(all[0].last_departure, hms("23:50:00"));
    const auto& a = by_id(all, "tiny:A");
    EXPECT_EQ(a.first_departure, hms("08:10:00"));
    EXPECT_EQ(a.last_departure, hms("24:05:00"));
    const auto& b = by_id(all, "tiny:B");
    EXPECT_EQ(b.first_departure, hms("08:20:00"));
    EXPECT_EQ(b.last_departure, hms("24:20:00"));
    EXPECT_EQ(route_ids(b), (std::vector<std::string>{"R1", "R2"}));
    EXPECT_EQ(b.routes[1].short_name, "2");
    EXPECT_EQ(b.routes[1].long_name, "病院線");
    const auto& c = by_id(all, "tiny:C");
    EXPECT_EQ(c.first_departure, k_no_time);
    EXPECT_TRUE(c.routes.empty());
    EXPECT_EQ(route_ids(by_id(all, "tiny:D")), (std::vector<std::string>{"R2"}));
    EXPECT_EQ(total(all), 8);
}

TEST_F(TinyFeed, SaturdayAddedDateAndHolidayDepartures) {
    EXPECT_EQ(departures(stop_service(feeds(), ymd("20260404"))), (std::vector<std::int64_t>{0, 1, 0, 1, 0}));
    const auto added = stop_service(feeds(), ymd("20260425"));
    EXPECT_EQ(departures(added), (std::vector<std::int64_t>{2, 3, 3, 1, 1}));
    EXPECT_EQ(by_id(added, "tiny:A").first_departure, hms("08:10:00"));
    EXPECT_EQ(by_id(added, "tiny:A").last_departure, hms("24:05:00"));
    EXPECT_EQ(route_ids(by_id(added, "tiny:A")), (std::vector<std::string>{"R1", "R3"}));
    const auto holiday = stop_service(feeds(), ymd("20260429"));
    EXPECT_EQ(departures(holiday), (std::vector<std::int64_t>{1, 0, 0, 0, 0}));
    EXPECT_EQ(holiday[0].first_departure, hms("12:00:00"));
    EXPECT_EQ(total(stop_service(feeds(), ymd("20260405"))), 0);
}

TEST_F(TinyFeed, OnlyServedStopsWhenAsked) {
    StopServiceOptions options;
    options.include_unserved = false;
    const auto served = stop_service(feeds(), ymd("20260401"), options);
    ASSERT_EQ(served.size(), 4u);
    EXPECT_EQ(std::count_if(served.begin(), served.end(), [](const StopService& s) { return s.id == "tiny:C"; }), 0);
}

TEST_F(TinyFeed, RouteFilters) {
    const Date wed = ymd("20260401");
    StopServiceOptions no_r2;
    no_r2.routes.exclude.push_back(select_route_id("R2"));
    EXPECT_EQ(departures(stop_service(feeds(), wed, no_r2)), (std::vector<std::int64_t>{2, 2, 2, 0, 0}));

    StopServiceOptions only_2;
    only_2.routes.only.push_back(select_short_name("2"));
    EXPECT_EQ(departures(stop_service(feeds(), wed, only_2)), (std::vector<std::int64_t>{0, 0, 1, 0, 1}));

    StopServiceOptions by_long_name;
    by_long_name.routes.exclude.push_back(select_long_name("病院線"));
    EXPECT_EQ(departures(stop_service(feeds(), wed, by_long_name)), departures(stop_service(feeds(), wed, no_r2)));

    StopServiceOptions no_feed;
    no_feed.routes.exclude.push_back(select_feed("tiny"));
    const auto none = stop_service(feeds(), wed, no_feed);
    EXPECT_EQ(none.size(), 5u);  // filters change counts, not the list of stops
    EXPECT_EQ(total(none), 0);

    StopServiceOptions other_feed;  // a selector naming another feed matches nothing here
    other_feed.routes.exclude.push_back(select_route("elsewhere", "R2"));
    EXPECT_EQ(total(stop_service(feeds(), wed, other_feed)), 8);
}

TEST(StopService, TheSameFeedTwiceMergesEveryStop) {
    // tiny and tiny_nested.zip hold the same stops: same names at 0 m, so every stop is merged and
    // departures add up.
    const std::vector<Feed> feeds{load_feed(fixture("tiny")), load_feed(fixture("tiny_nested.zip"))};
    const auto all = stop_service(feeds, ymd("20260401"));
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(departures(all), (std::vector<std::int64_t>{4, 4, 6, 0, 2}));
    EXPECT_EQ(all[0].id, "tiny:ST");
    ASSERT_EQ(all[0].members.size(), 6u);
    EXPECT_EQ(all[0].members[3].feed_id, "tiny_nested");
    EXPECT_EQ(all[2].routes.size(), 4u);  // R1, R2 of each feed
    StopServiceOptions apart;
    apart.merge_distance_m = -1;
    EXPECT_EQ(stop_service(feeds, ymd("20260401"), apart).size(), 10u);
    StopServiceOptions without_copy;
    without_copy.routes.exclude.push_back(select_feed("tiny_nested"));
    EXPECT_EQ(departures(stop_service(feeds, ymd("20260401"), without_copy)), (std::vector<std::int64_t>{2, 2, 3, 0, 1}));
}

/// A feed with one trip from a stop named `name` at (lat, lon) to a terminus far away.
Feed one_stop_feed(const std::string& id, const std::string& name, double lat, double lon) {
    Feed f;
    f.id = id;
    f.stops = {{"S", name, lat, lon, 0, keniki::transit::k_no_index}, {"END", "終点 " + id, lat + 1, lon, 0, keniki::transit::k_no_index}};
    f.routes = {{"R", "", "", id + " line", 3}};
    keniki::transit::Service daily;
    daily.id = "D";
    daily.in_calendar = true;
    daily.weekdays = 0x7F;
    daily.start = ymd("20260101");
    daily.end = ymd("20261231");
    f.services = {daily};
    f.trips = {{"T", 0, 0, 0, 2}};
    f.stop_times = {{0, hms("07:00:00"), hms("07:00:00"), 0, 0, false}, {1, hms("08:00:00"), hms("08:00:00"), 0, 0, false}};
    f.build_index();
    return f;
}

TEST(StopService, MergeNeedsTheSameNameAndTheDistance) {
    // 0.0001 degree of latitude is 11.1 m.
    const std::vector<Feed> feeds{one_stop_feed("a", "市役所", 33.6, 130.6), one_stop_feed("b", "市役所", 33.6001, 130.6),
                                  one_stop_feed("c", "市役所前", 33.6, 130.6), one_stop_feed("d", "　市役所 ", 33.60005, 130.6)};
    const Date day = ymd("20260601");
    // Default 10 m: a (0 m) and d (5.6 m, the same name once the ideographic space is trimmed)
    // merge, b (11.1 m from a, 5.6 m from d) is chained in through d; c has another name.
    const auto merged = stop_service(feeds, day);
    const auto& city_hall = by_id(merged, "a:S");
    EXPECT_EQ(city_hall.departures, 3);
    EXPECT_EQ(city_hall.members.size(), 3u);
    EXPECT_EQ(city_hall.routes.size(), 3u);
    EXPECT_NEAR(city_hall.lat, 33.60005, 1e-9);  // mean of the three
    EXPECT_EQ(by_id(merged, "c:S").departures, 1);
    // 5 m: the closest same-named pairs (a-d, d-b) are 5.6 m apart, so nothing merges.
    StopServiceOptions tight;
    tight.merge_distance_m = 5;
    EXPECT_EQ(by_id(stop_service(feeds, day, tight), "a:S").departures, 1);
    // Without d the chain breaks: a and b are 11.1 m apart.
    const std::vector<Feed> two{feeds[0], feeds[1]};
    EXPECT_EQ(by_id(stop_service(two, day), "a:S").departures, 1);
    StopServiceOptions wide;
    wide.merge_distance_m = 12;
    EXPECT_EQ(by_id(stop_service(two, day, wide), "a:S").departures, 2);
}

TEST(StopService, FrequencyBasedTripsCountEveryRun) {
    // freq: FT F1 → F2 (+10 min) → F3 (+25 min), run 07:00, 07:20, 07:40 and 17:00, 17:15;
    // FO F3 09:00 → F1 09:30. F1: 5 (07:00-17:15), F2: 5 (07:10-17:25), F3: 1 (FO 09:00).
    const std::vector<Feed> feeds{load_feed(fixture("freq"))};
    const auto all = stop_service(feeds, ymd("20260601"));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(departures(all), (std::vector<std::int64_t>{5, 5, 1}));
    EXPECT_EQ(all[0].first_departure, hms("07:00:00"));
    EXPECT_EQ(all[0].last_departure, hms("17:15:00"));
    EXPECT_EQ(all[1].first_departure, hms("07:10:00"));
    EXPECT_EQ(all[1].last_departure, hms("17:25:00"));
    EXPECT_EQ(all[2].first_departure, hms("09:00:00"));
    EXPECT_EQ(keniki::transit::typical_service_day(feeds, DayKind::weekday).trips, 6u);
}

}  // namespace
