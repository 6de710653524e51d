// The router (transit/timetable, transit/raptor, transit/round_trip) against a brute-force
// time-expanded search (time_expanded.hpp) on the hand-made feed tests/fixtures/gtfs/router (its
// README gives the timetable), on random feeds, and on the real Iizuka and Cairns feeds in
// ../shared/data; round trips worked by hand on the hand-made feed.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/transit/feed.hpp"
#include "keniki/transit/raptor.hpp"
#include "keniki/transit/round_trip.hpp"
#include "keniki/transit/timetable.hpp"
#include "support/test_paths.hpp"
#include "transit/time_expanded.hpp"

namespace {

using namespace keniki::transit;
using keniki::test::TimeExpanded;

Seconds hms(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }
Date ymd(const char* text) { return *Date::parse(text); }

std::string fixture(const std::string& name) { return (keniki::test::source_dir() / "tests/fixtures/gtfs" / name).string(); }
std::string shared(const std::string& relative) { return (keniki::test::shared_data() / relative).string(); }

std::uint32_t stop_index(const Timetable& tt, const std::string& id) {
    for (std::uint32_t s = 0; s < tt.stops.size(); ++s)
        if (tt.stops[s].id == id) return s;
    throw std::runtime_error("no stop " + id);
}

/// Footpaths between stops within max_m (equirectangular metres, exact enough for a test), walked at
/// 1 m/s along a 1.3 detour.
void add_footpaths(Timetable& tt, double max_m) {
    std::vector<std::vector<Footpath>> by(tt.stops.size());
    const double k = std::numbers::pi / 180 * 6371000;
    for (std::uint32_t a = 0; a < tt.stops.size(); ++a) {
        for (std::uint32_t b = 0; b < tt.stops.size(); ++b) {
            if (a == b) continue;
            const double dx = (tt.stops[a].lon - tt.stops[b].lon) * k * std::cos(tt.stops[a].lat * std::numbers::pi / 180);
            const double dy = (tt.stops[a].lat - tt.stops[b].lat) * k;
            const double d = std::hypot(dx, dy);
            if (d <= max_m) by[a].push_back(Footpath{b, static_cast<Seconds>(std::lround(d * 1.3))});
        }
    }
    tt.set_footpaths(by);
}

/// RAPTOR's earliest arrival with at most k trips equals the brute force at every stop, for every
/// k (the Pareto set of arrival and trips), from `queries` random (stop, time) sources.
void compare_with_brute_force(std::span<const Feed> feeds, Date date, double footpath_m, int queries, int max_transfers, unsigned seed,
                              Seconds from = hms(5, 0), Seconds to = hms(26, 0)) {
    Timetable tt = build_timetable(feeds, date);
    add_footpaths(tt, footpath_m);
    ASSERT_GT(tt.trips, 0u);
    const TimeExpanded reference(feeds, date, tt);
    RaptorOptions o;
    o.max_transfers = max_transfers;
    Raptor raptor(tt, o);
    std::mt19937 rng(seed);
    // Sources among the stops that have departures.
    std::vector<std::uint32_t> served;
    for (std::uint32_t s = 0; s < tt.stops.size(); ++s)
        if (tt.stops[s].departures) served.push_back(s);
    ASSERT_FALSE(served.empty());
    std::uniform_int_distribution<std::size_t> pick(0, served.size() - 1);
    std::uniform_int_distribution<Seconds> when(from, to);
    std::size_t pairs = 0, reached = 0, transfers_helped = 0;
    for (int q = 0; q < queries; ++q) {
        const std::uint32_t src = served[pick(rng)];
        const Seconds at = when(rng);
        const RaptorSource source{src, at};
        raptor.run(std::span(&source, 1));
        const auto ref = reference.earliest(src, at, max_transfers + 1);
        for (std::uint32_t s = 0; s < tt.stops.size(); ++s) {
            for (int k = 0; k <= max_transfers + 1; ++k) {
                ASSERT_EQ(raptor.arrival(s, k), ref.any[static_cast<std::size_t>(k)][s])
                    << "from " << tt.stops[src].id << " at " << format_gtfs_time(at) << " to " << tt.stops[s].id << " with at most " << k << " trips";
                ASSERT_EQ(raptor.ride_arrival(s, k), ref.ride[static_cast<std::size_t>(k)][s])
                    << "by ride, from " << tt.stops[src].id << " at " << format_gtfs_time(at) << " to " << tt.stops[s].id << ", " << k << " trips";
            }
            ++pairs;
            if (raptor.arrival(s) != k_never && s != src) ++reached;
            if (raptor.arrival(s, 1) != raptor.arrival(s)) ++transfers_helped;
        }
    }
    std::cout << "  compared " << pairs << " (source, stop) pairs x " << max_transfers + 2 << " trip limits from " << queries << " sources: "
              << reached << " reached, " << transfers_helped << " sooner with a transfer; " << tt.trips << " trips, " << reference.events() << " stop events\n";
    // The comparison must have covered real journeys, with transfers among them.
    EXPECT_GE(pairs, 1000u);
    EXPECT_GT(reached, pairs / 50) << "too few stops reached for the comparison to mean much";
    if (max_transfers > 0) {
        EXPECT_GT(transfers_helped, 0u) << "no journey used a transfer";
    }
}

TEST(Timetable, TheHandMadeFeedsDayHasTheTripsOfItsReadme) {
    const Feed feed = load_feed(fixture("router"));
    const Timetable mon = build_timetable(std::span(&feed, 1), ymd("20260406"));
    // Monday: t1 t2 t3 t4 t5 t8 t9, t6 (added), t7's 3 runs; t5 of Sunday does not run (weekdays only).
    EXPECT_EQ(mon.trips, 11u);
    EXPECT_EQ(mon.trips_previous_day, 0u);
    const Timetable tue = build_timetable(std::span(&feed, 1), ymd("20260407"));
    // Tuesday: no t6; Monday's t5 still runs after midnight.
    EXPECT_EQ(tue.trips, 11u);
    EXPECT_EQ(tue.trips_previous_day, 1u);
    const Timetable wed = build_timetable(std::span(&feed, 1), ymd("20260408"));
    // Wednesday: the weekday service removed; Tuesday's t5 after midnight only.
    EXPECT_EQ(wed.trips, 1u);
    // Departures: X has t1 t2 t8 (t9 forbids boarding) = 3 on Monday.
    EXPECT_EQ(mon.stops[stop_index(mon, "router:X")].departures, 3);
    EXPECT_EQ(mon.stops[stop_index(mon, "router:W")].departures, 3);
}

TEST(Raptor, HandMadeFeedJourneysWorkedByHand) {
    const Feed feed = load_feed(fixture("router"));
    Timetable tt = build_timetable(std::span(&feed, 1), ymd("20260407"));
    add_footpaths(tt, 100);  // H <-> W, 28 m: 36 s
    const auto X = stop_index(tt, "router:X"), H = stop_index(tt, "router:H"), Z = stop_index(tt, "router:Z"), W = stop_index(tt, "router:W");
    Raptor r(tt, RaptorOptions{1, k_never});
    RaptorSource src{X, hms(9, 0)};
    r.run(std::span(&src, 1));
    EXPECT_EQ(r.arrival(H), hms(9, 30));   // t1
    EXPECT_EQ(r.arrival(Z), hms(9, 20));   // t8 direct
    EXPECT_EQ(r.arrival(W), hms(9, 30, 36));  // t1 then the footpath
    src = {X, hms(9, 1)};
    r.run(std::span(&src, 1));
    EXPECT_EQ(r.arrival(Z), hms(9, 40));  // t9 may not be boarded at X: t1 to Z
    // Overnight: Tuesday 00:00 from Z, Monday's t5 at 00:30 reaches X at 01:10.
    src = {Z, hms(0, 0)};
    r.run(std::span(&src, 1));
    EXPECT_EQ(r.arrival(X), hms(1, 10));
    // Transfers: from W at 08:10 by f1 (08:20 run) to Z 08:25; no way on from Z before 15:00; with one transfer Z 15:00 -> X 15:20.
    src = {W, hms(8, 10)};
    r.run(std::span(&src, 1));
    EXPECT_EQ(r.arrival(Z, 1), hms(8, 25));
    EXPECT_EQ(r.arrival(X, 1), k_never);
    EXPECT_EQ(r.arrival(X, 2), hms(15, 20));
}

TEST(Raptor, EqualsTheTimeExpandedReferenceOnTheHandMadeFeed) {
    const Feed feed = load_feed(fixture("router"));
    // Mornings, when its buses run (and the night after for Tuesday's overnight run).
    for (const char* day : {"20260406", "20260407"}) compare_with_brute_force(std::span(&feed, 1), ymd(day), 100, 250, 2, 7, hms(7, 50), hms(10, 0));
    compare_with_brute_force(std::span(&feed, 1), ymd("20260408"), 100, 250, 0, 8, hms(0, 0), hms(1, 0));
}

/// A random feed: stops on a 6 x 6 grid 300 m apart, routes as random walks over it, trips at random
/// times with random headways, some running past midnight, one day with an exception.
Feed random_feed(unsigned seed) {
    std::mt19937 rng(seed);
    const auto dir = keniki::test::fresh_temp_dir("keniki-random-feed");
    auto write = [&](const char* name, const std::string& text) {
        std::FILE* f = std::fopen((dir / name).c_str(), "wb");
        std::fputs(text.c_str(), f);
        std::fclose(f);
    };
    std::string stops = "stop_id,stop_name,stop_lat,stop_lon\n";
    for (int i = 0; i < 36; ++i)
        stops += "s" + std::to_string(i) + ",S" + std::to_string(i) + "," + std::to_string(33.6 + (i / 6) * 0.0027) + "," + std::to_string(130.6 + (i % 6) * 0.00325) + "\n";
    write("stops.txt", stops);
    write("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nA,1,1,1,1,1,1,1,20260101,20261231\nB,1,0,1,0,1,0,0,20260101,20261231\n");
    write("calendar_dates.txt", "service_id,date,exception_type\nA,20260407,2\nB,20260407,1\n");
    std::string routes = "route_id,route_type\n", trips = "route_id,service_id,trip_id\n", times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n";
    std::uniform_int_distribution<int> coin(0, 9);
    for (int r = 0; r < 9; ++r) {
        routes += "r" + std::to_string(r) + ",3\n";
        std::vector<int> path{static_cast<int>(rng() % 36)};
        while (path.size() < 3 + rng() % 6) {
            const int at = path.back();
            const int next = (rng() % 2) ? (at % 6 < 5 ? at + 1 : at - 1) : (at / 6 < 5 ? at + 6 : at - 6);
            path.push_back(next);
        }
        const int first = 5 * 3600 + static_cast<int>(rng() % 7200);
        const int headway = 600 + static_cast<int>(rng() % 3000);
        for (int t = 0, dep = first; dep < 25 * 3600; ++t, dep += headway) {
            const std::string id = "r" + std::to_string(r) + "t" + std::to_string(t);
            trips += "r" + std::to_string(r) + "," + (coin(rng) < 3 ? "B" : "A") + "," + id + "\n";
            int at = dep;
            for (std::size_t i = 0; i < path.size(); ++i) {
                const int dwell = coin(rng) < 2 ? 60 : 0;
                times += id + "," + format_gtfs_time(at) + "," + format_gtfs_time(at + dwell) + ",s" + std::to_string(path[i]) + "," +
                         std::to_string(i + 1) + "," + (coin(rng) == 0 ? "1" : "0") + "," + (coin(rng) == 0 ? "1" : "0") + "\n";
                at += dwell + 120 + static_cast<int>(rng() % 240);
            }
        }
    }
    write("routes.txt", routes);
    write("trips.txt", trips);
    write("stop_times.txt", times);
    LoadOptions lo;
    lo.id = "random";
    return load_feed(dir.string(), lo);
}

TEST(Raptor, EqualsTheTimeExpandedReferenceOnRandomFeeds) {
    for (unsigned seed : {1u, 2u, 3u}) {
        const Feed feed = random_feed(seed);
        compare_with_brute_force(std::span(&feed, 1), ymd("20260407"), 450, 60, 2, seed);
        compare_with_brute_force(std::span(&feed, 1), ymd("20260408"), 450, 60, 0, seed + 10);
    }
}

TEST(Raptor, EqualsTheTimeExpandedReferenceOnIizukasThreeFeeds) {
    for (const char* f : {"iizuka/gtfs/chikuho.zip", "iizuka/gtfs/miyawaka.zip", "iizuka/gtfs/old4routes.zip"}) KENIKI_REQUIRE_SHARED(f);
    std::vector<Feed> feeds;
    for (const char* f : {"iizuka/gtfs/chikuho.zip", "iizuka/gtfs/miyawaka.zip", "iizuka/gtfs/old4routes.zip"}) feeds.push_back(load_feed(shared(f)));
    // A weekday of the feeds' calendars, and the footpaths of a 300 m walk between stops.
    const ServiceDay day = typical_service_day(feeds, DayKind::weekday);
    compare_with_brute_force(feeds, day.date, 300, 40, 2, 11, hms(6, 0), hms(20, 0));
    // The 2021 feed of the four routes since cut, on a weekday of its own calendar (more trips).
    const Feed old = load_feed(shared("iizuka/gtfs/old4routes.zip"));
    compare_with_brute_force(std::span(&old, 1), typical_service_day(std::span(&old, 1), DayKind::weekday).date, 300, 40, 2, 12, hms(6, 0), hms(20, 0));
}

TEST(Raptor, EqualsTheTimeExpandedReferenceOnCairns) {
    KENIKI_REQUIRE_SHARED("gtfs/cairns_gtfs.zip");
    const Feed feed = load_feed(shared("gtfs/cairns_gtfs.zip"));
    const ServiceDay day = typical_service_day(std::span(&feed, 1), DayKind::weekday);
    compare_with_brute_force(std::span(&feed, 1), day.date, 250, 25, 2, 5, hms(6, 0), hms(23, 30));
}

/// The window profile (rRAPTOR from the hub backwards) equals single forward searches leaving
/// each stop at every minute, one by one.
void compare_window_with_single_queries(std::span<const Feed> feeds, Date date, const std::vector<std::string>& hub_stop_ids, Seconds w0, Seconds w1,
                                        int max_transfers, int stops_checked) {
    Timetable tt = build_timetable(feeds, date);
    add_footpaths(tt, 300);
    const Timetable back = reversed(tt);
    std::vector<StopWalk> hub;
    for (std::size_t i = 0; i < hub_stop_ids.size(); ++i) hub.push_back(StopWalk{stop_index(tt, hub_stop_ids[i]), static_cast<Seconds>(60 * i + 30)});
    RoundTripOptions o;
    o.window_start = w0;
    o.window_end = w1;
    o.limit = 3 * 3600;
    o.home_by = 30 * 3600;
    o.max_transfers = max_transfers;
    const HubProfile profile = hub_profile(tt, back, hub, o);
    Raptor single(tt, RaptorOptions{max_transfers, k_never});
    std::size_t compared = 0, connected = 0;
    for (std::uint32_t s = 0; s < tt.stops.size() && static_cast<int>(compared / 60) < stops_checked; ++s) {
        if (!tt.stops[s].departures) continue;
        const auto entries = profile.outward(s);
        for (Seconds t = w0; t < w1; t += 60) {
            const RaptorSource src{s, t};
            single.run(std::span(&src, 1));
            Seconds expect = k_never;
            for (const auto& h : hub)
                if (single.ride_arrival(h.stop) != k_never) expect = std::min(expect, single.ride_arrival(h.stop) + h.seconds);
            // Profile: the first entry leaving at t or later.
            Seconds got = k_never;
            for (const auto& [ld, T] : entries)
                if (ld >= t) {
                    got = T;
                    break;
                }
            // The profile only lists arrivals up to window_end + limit.
            if (expect != k_never && expect > std::min(w1 + o.limit, o.home_by)) expect = k_never;
            ASSERT_EQ(got, expect) << "from " << tt.stops[s].id << " leaving at " << format_gtfs_time(t);
            ++compared;
            if (got != k_never) ++connected;
        }
    }
    EXPECT_GT(connected, compared / 10);
}

TEST(RoundTrip, TheWindowProfileEqualsSingleQueriesMinuteByMinute) {
    const Feed feed = random_feed(4);
    compare_window_with_single_queries(std::span(&feed, 1), ymd("20260406"), {"random:s14", "random:s15"}, hms(9, 0), hms(11, 0), 1, 36);
}

TEST(RoundTrip, TheWindowProfileEqualsSingleQueriesOnIizuka) {
    KENIKI_REQUIRE_SHARED("iizuka/gtfs/chikuho.zip");
    const Feed feed = load_feed(shared("iizuka/gtfs/chikuho.zip"));
    const ServiceDay day = typical_service_day(std::span(&feed, 1), DayKind::weekday);
    // The busiest stop of the day as the hub.
    const Timetable tt = build_timetable(std::span(&feed, 1), day.date);
    std::uint32_t busiest = 0;
    for (std::uint32_t s = 0; s < tt.stops.size(); ++s)
        if (tt.stops[s].departures > tt.stops[busiest].departures) busiest = s;
    compare_window_with_single_queries(std::span(&feed, 1), day.date, {tt.stops[busiest].id}, hms(9, 0), hms(10, 0), 1, 25);
}

/// Round trips on the hand-made feed, worked by hand (README): hub at H, window 09:00-10:00, home
/// by 16:00, 60 minutes each way, the walk from home to the stop 2 minutes.
TEST(RoundTrip, WorkedByHandOnTheHandMadeFeed) {
    const Feed feed = load_feed(fixture("router"));
    const Timetable tt = build_timetable(std::span(&feed, 1), ymd("20260406"));
    const Timetable back = reversed(tt);
    const auto X = stop_index(tt, "router:X"), Y = stop_index(tt, "router:Y"), H = stop_index(tt, "router:H");
    RoundTripOptions o;
    o.window_start = hms(9, 0);
    o.window_end = hms(10, 0);
    o.home_by = hms(16, 0);
    o.limit = 3600;
    o.max_transfers = 1;
    const std::vector<StopWalk> hub{{H, 0}};
    const HubProfile p = hub_profile(tt, back, hub, o);
    const std::vector<StopWalk> near_x{{X, 120}}, near_y{{Y, 120}};
    // Near X: leave 09:08, t1 09:10 -> H 09:30: 22 min; home by t3 15:10 -> X 15:20, home 15:22.
    const RoundTrip x = round_trip(p, near_x, k_never, o);
    EXPECT_TRUE(x.served);
    EXPECT_EQ(x.best, 22 * 60);
    EXPECT_EQ(x.leave, hms(9, 8));
    EXPECT_EQ(x.arrive, hms(9, 30));
    EXPECT_EQ(x.latest_return, hms(15, 10));
    // Window 09:00-09:59 minute by minute: leaving at 09:00..09:08 arrives 09:30 (30..22 min), later
    // ones catch t2 at 10:10 and arrive 10:30 (81..31 min).
    std::vector<int> minutes;
    for (int t = 0; t < 60; ++t) minutes.push_back(t <= 8 ? 30 - t : 90 - t);
    std::sort(minutes.begin(), minutes.end());
    EXPECT_EQ(x.median, minutes[30] * 60);  // nearest rank: index round(59 * 0.5) = 30
    EXPECT_EQ(x.p90, minutes[53] * 60);     // index round(59 * 0.9) = 53
    // Near Y: t4 09:15 -> H 09:35 there, but no bus back to Y: the outward leg alone is not served.
    const RoundTrip y = round_trip(p, near_y, k_never, o);
    EXPECT_FALSE(y.served);
    EXPECT_EQ(y.best, k_never);
    EXPECT_EQ(y.latest_return, k_never);
    EXPECT_EQ(y.fastest_transit, 22 * 60);  // 09:13 -> 09:35
    // Home by 15:15 instead: X's way home arrives 15:22, too late.
    RoundTripOptions early = o;
    early.home_by = hms(15, 15);
    const HubProfile pe = hub_profile(tt, back, hub, early);
    EXPECT_FALSE(round_trip(pe, near_x, k_never, early).served);
    // When Y may walk all the way (50 min): by bus there, on foot home (leaving by 15:10).
    const RoundTrip yw = round_trip(p, near_y, 50 * 60, o);
    EXPECT_TRUE(yw.served);
    EXPECT_FALSE(yw.best_on_foot);
    EXPECT_EQ(yw.best, 22 * 60);
    EXPECT_EQ(yw.latest_return, hms(15, 10));
    // With no stop near home, walking both ways.
    const RoundTrip foot = round_trip(p, {}, 50 * 60, o);
    EXPECT_TRUE(foot.served);
    EXPECT_TRUE(foot.best_on_foot);
    EXPECT_EQ(foot.best, 50 * 60);
    EXPECT_EQ(foot.median, 50 * 60);
    EXPECT_EQ(foot.fastest_transit, k_never);
    // A stay of 6 h at the hub: arriving 09:30 leaves until 15:30 > 15:10: not served.
    RoundTripOptions stay = o;
    stay.stay = 6 * 3600;
    EXPECT_FALSE(round_trip(p, near_x, k_never, stay).served);
}

}  // namespace
