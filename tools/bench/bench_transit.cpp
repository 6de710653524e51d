// bench_transit [--points N] [--hubs H] [--repeat K]
//
// The timetable-reach target (issue 11): Iizuka's three GTFS feeds (../shared/data/iizuka/gtfs),
// the 149 census small areas of data/examples/iizuka.toml (their interior points and people), and
// N resident points (default 126,364, the city's population) spread uniformly inside those areas in
// proportion to their people (fixed seed), to the first H (default 10) hubs of the plan's
// small-area tier (交流センター, 公民館, 福祉総合センター); a 2-hour window 09:00-11:00, home by 16:00,
// 60 minutes each way, elderly walking (3.0 km/h, straight line x 1.3), 1 transfer. Times, median
// of K runs, of the whole TransitCost::nearest (walk legs, 2 range searches per hub, every
// resident's round trip and window figures):
//   target: under 1 s on 2 cores.
// One transit isochrone from Iizuka station (飯塚駅前), 09:00 with a 60-minute window (range RAPTOR,
// each stop at its median), 30 and 60 minutes, straight-line walking: target under 100 ms.
// And the references on the same machine in the same run: the outward profile of one hub by
// rRAPTOR against the same figures from a plain RAPTOR search per stop and per minute of the window
// (what the range search replaces); on Cairns, RAPTOR against the tests' brute-force time-expanded
// search (tests/transit/time_expanded.hpp) on 200 random queries; every answer compared, the ratios
// printed.

#include <cstdio>
#include <random>

#include <boost/geometry.hpp>

#include "keniki/analysis/transit_cost.hpp"
#include "keniki/analysis/transit_isochrone.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/crs/working_crs.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/raptor.hpp"
#include "keniki/transit/service_day.hpp"

#include "bench_support.hpp"
// The tests' brute-force reference (a time-expanded search over stop events), timed here against RAPTOR.
#include "../../tests/transit/time_expanded.hpp"

namespace keniki::bench {
namespace {

int run(int argc, char** argv) {
    std::size_t points = 126'364, hubs_n = 10;
    int repeat = 5;
    CommandLine cl(argc, argv, "bench_transit", "usage: bench_transit [--points N] [--hubs H] [--repeat K]\n");
    while (cl.next()) {
        if (cl.option() == "--points") points = cl.count(1);
        else if (cl.option() == "--hubs") hubs_n = cl.count(1);
        else if (cl.option() == "--repeat") repeat = static_cast<int>(cl.count(1));
        else cl.unknown();
    }
    const auto gtfs = shared_data_dir() / "iizuka/gtfs";
    if (!std::filesystem::exists(gtfs / "chikuho.zip")) {
        std::cerr << "bench_transit: " << gtfs.string() << " is not there (../shared/data beside the project): nothing to time\n";
        return 1;
    }
    const project::Plan plan = project::load_plan(project_dir() / "data/examples/iizuka.toml");
    pipeline::ModelInputs in = pipeline::load_inputs(plan);
    std::vector<Point> hubs;
    for (const auto h : in.input.tiers[1].hubs) {
        if (hubs.size() < hubs_n) hubs.push_back(in.input.facilities[static_cast<std::size_t>(h)].location);
    }
    const auto& areas = in.input.residents;
    // Resident points inside the areas, in proportion to their people.
    std::vector<Point> spread;
    {
        std::mt19937 rng(20261204);
        double total = 0;
        for (const double p : areas.population) total += p;
        for (std::size_t a = 0; a < areas.size(); ++a) {
            const auto n = static_cast<std::size_t>(std::llround(areas.population[a] / total * static_cast<double>(points)));
            // The bounding box by hand (Boost's envelope of a multipolygon warns maybe-uninitialized in GCC 12).
            double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
            for (const auto& poly : areas.polygons[a])
                for (const auto& q : poly.outer()) {
                    x0 = std::min(x0, q.x());
                    y0 = std::min(y0, q.y());
                    x1 = std::max(x1, q.x());
                    y1 = std::max(y1, q.y());
                }
            std::uniform_real_distribution<double> x(x0, x1), y(y0, y1);
            for (std::size_t k = 0; k < n;) {
                const Point p{x(rng), y(rng)};
                if (boost::geometry::within(p, areas.polygons[a])) {
                    spread.push_back(p);
                    ++k;
                }
            }
        }
    }
    std::vector<transit::Feed> feeds;
    for (const char* f : {"chikuho.zip", "miyawaka.zip", "old4routes.zip"}) feeds.push_back(transit::load_feed((gtfs / f).string()));
    const transit::ServiceDay day = transit::typical_service_day(feeds, transit::DayKind::weekday);
    std::vector<TableRow> rows;
    std::unique_ptr<analysis::TransitCost> cost;
    const Stats build = time_runs(repeat, [&] {
        transit::Timetable tt = transit::build_timetable(feeds, day.date);
        std::vector<Point> stops;
        const crs::Transformer to_working("EPSG:4326", in.working_crs);
        for (const auto& s : tt.stops) stops.push_back(to_working.forward(Point{s.lon, s.lat}));
        analysis::TransitWalk walk;
        walk.model = std::shared_ptr<const analysis::CostModel>(analysis::make_straight_line_cost());
        walk.seconds_per_unit = 1.3 / (3.0 / 3.6);
        walk.straight_m_per_s = (3.0 / 3.6) / 1.3;
        walk.description = "straight line x 1.3 at 3.0 km/h";
        analysis::TransitOptions o;
        o.trip.window_start = 9 * 3600;
        o.trip.window_end = 11 * 3600;
        o.trip.home_by = 16 * 3600;
        o.trip.limit = 3600;
        o.max_walk_s = 800 / (3.0 / 3.6);
        o.max_transfer_s = 300 / (3.0 / 3.6);
        o.service = day.date.iso();
        cost = std::make_unique<analysis::TransitCost>(std::move(tt), std::move(stops), std::move(walk), o);
    });
    rows.push_back(TableRow{"timetable of " + day.date.iso() + " (" + std::to_string(cost->timetable().trips) + " trips, " +
                                std::to_string(cost->timetable().stops.size()) + " stops) + footpaths",
                            build, {}, std::nullopt, {}});
    std::vector<std::int32_t> hub;
    std::vector<double> c;
    auto served = [&] {
        std::size_t n = 0;
        for (const double v : c) n += std::isfinite(v);
        return n;
    };
    const Stats small = time_runs(repeat, [&] { cost->nearest(areas.points, hubs, hub, c); });
    rows.push_back(row_with_target("round trips: " + std::to_string(areas.size()) + " small areas x " + std::to_string(hubs.size()) + " hubs", small, 1.0,
                                   std::to_string(served()) + " areas served; " + std::to_string(cost->last_detail().iterations) + " rRAPTOR iterations"));
    const Stats big = time_runs(repeat, [&] { cost->nearest(spread, hubs, hub, c); });
    rows.push_back(row_with_target("round trips: " + std::to_string(spread.size()) + " resident points x " + std::to_string(hubs.size()) + " hubs", big, 1.0,
                                   std::to_string(served()) + " served"));

    // rRAPTOR against plain RAPTOR per stop and minute, one hub's outward profile.
    const auto& tt = cost->timetable();
    const transit::Timetable back = transit::reversed(tt);
    transit::RoundTripOptions ro = cost->options().trip;
    std::vector<transit::StopWalk> hub_stops;
    // The hub's stops: within 800 m walked of hub 0.
    {
        std::vector<Point> stop_points;
        const crs::Transformer to_working("EPSG:4326", in.working_crs);
        for (const auto& s : tt.stops) stop_points.push_back(to_working.forward(Point{s.lon, s.lat}));
        const auto t = cost->walk().model->within(std::span(&hubs[0], 1), stop_points, 800 / 1.3);
        for (std::uint32_t k = t.first[0]; k < t.first[1]; ++k) hub_stops.push_back({t.hub[k], static_cast<transit::Seconds>(std::lround(t.cost[k] * 1.3 / (3.0 / 3.6)))});
    }
    transit::HubProfile profile;
    const Stats range = time_runs(repeat, [&] { profile = transit::hub_profile(tt, back, hub_stops, ro); });
    std::size_t checked = 0, differ = 0;
    const Stats plain = time_runs(1, [&] {
        transit::Raptor single(tt, transit::RaptorOptions{ro.max_transfers, transit::k_never});
        for (std::uint32_t s = 0; s < tt.stops.size(); ++s) {
            const auto entries = profile.outward(s);
            for (transit::Seconds t = ro.window_start; t < ro.window_end; t += 60) {
                const transit::RaptorSource src{s, t};
                single.run(std::span(&src, 1));
                transit::Seconds expect = transit::k_never;
                for (const auto& h : hub_stops)
                    if (single.ride_arrival(h.stop) != transit::k_never) expect = std::min(expect, single.ride_arrival(h.stop) + h.seconds);
                if (expect != transit::k_never && expect > std::min(ro.window_end + ro.limit, ro.home_by)) expect = transit::k_never;
                transit::Seconds got = transit::k_never;
                for (const auto& [ld, T] : entries)
                    if (ld >= t) {
                        got = T;
                        break;
                    }
                ++checked;
                differ += got != expect;
            }
        }
    });
    rows.push_back(TableRow{"one hub's outward profile, rRAPTOR (" + std::to_string(hub_stops.size()) + " hub stops)", range, {}, std::nullopt, {}});
    rows.push_back(TableRow{"the same by plain RAPTOR per stop and minute (reference)", plain, {}, std::nullopt,
                            std::to_string(checked) + " (stop, minute) answers, " + std::to_string(differ) + " differ; rRAPTOR " +
                                fixed(plain.median / std::max(range.median, 1e-9), 0) + "x faster"});
    // One transit isochrone from Iizuka station (飯塚駅前), 09:00 with a 60-minute window, 30 and 60 minutes.
    {
        const crs::Transformer to_working("EPSG:4326", in.working_crs);
        const Point station = to_working.forward(Point{130.688048, 33.628454});
        analysis::TransitIsochroneOptions io;
        io.depart = 9 * 3600;
        io.window = 3600;
        io.max_walk_s = 800 / (3.0 / 3.6);
        const std::vector<double> minutes{30, 60};
        std::vector<analysis::TransitIsochrone> iso;
        const Stats s = time_runs(repeat, [&] { iso = analysis::transit_isochrones(*cost, std::span(&station, 1), minutes, io); });
        rows.push_back(row_with_target("transit isochrone from 飯塚駅前, 09:00 + 60-minute window, 30 and 60 min", s, 0.1,
                                       std::to_string(iso.back().stops_reached) + " stops within 60 min, " + fixed(geom::area(iso.back().area) / 1e6, 2) + " km2"));
    }
    // The same on a larger feed for scale: Cairns (Australia), 126,364 points spread over its stops'
    // extent, the 10 busiest stops as hubs, the same window and rules.
    if (const auto cairns = shared_data_dir() / "gtfs/cairns_gtfs.zip"; std::filesystem::exists(cairns)) {
        const transit::Feed feed = transit::load_feed(cairns.string());
        const transit::ServiceDay cday = transit::typical_service_day(std::span(&feed, 1), transit::DayKind::weekday);
        transit::Timetable ctt = transit::build_timetable(std::span(&feed, 1), cday.date);
        crs::StudyArea area{1e9, 1e9, -1e9, -1e9, std::nullopt, std::nullopt};
        for (const auto& st : ctt.stops) {
            area.lon_min = std::min(area.lon_min, st.lon);
            area.lon_max = std::max(area.lon_max, st.lon);
            area.lat_min = std::min(area.lat_min, st.lat);
            area.lat_max = std::max(area.lat_max, st.lat);
        }
        const crs::Transformer to_utm("EPSG:4326", crs::choose_working_crs(area).definition());
        std::vector<Point> cstops;
        for (const auto& st : ctt.stops) cstops.push_back(to_utm.forward(Point{st.lon, st.lat}));
        std::vector<std::uint32_t> order(ctt.stops.size());
        for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return ctt.stops[a].departures > ctt.stops[b].departures; });
        std::vector<Point> chubs;
        for (std::size_t k = 0; k < std::min<std::size_t>(hubs_n, order.size()); ++k) chubs.push_back(cstops[order[k]]);
        // Residents near the stops: each point within 1 km of a random stop (fixed seed).
        std::mt19937 rng(7);
        std::uniform_int_distribution<std::size_t> pick(0, cstops.size() - 1);
        std::normal_distribution<double> off(0, 400);
        std::vector<Point> cpoints;
        for (std::size_t k = 0; k < points; ++k) {
            const Point& c = cstops[pick(rng)];
            cpoints.push_back(Point{c.x() + off(rng), c.y() + off(rng)});
        }
        analysis::TransitWalk w = cost->walk();
        analysis::TransitOptions o = cost->options();
        o.service = cday.date.iso();
        const std::size_t trips = ctt.trips, nstops = ctt.stops.size();
        const analysis::TransitCost ccost(std::move(ctt), std::move(cstops), w, o);
        const Stats cs = time_runs(repeat, [&] { ccost.nearest(cpoints, chubs, hub, c); });
        rows.push_back(row_with_target("Cairns " + cday.date.iso() + " (" + std::to_string(trips) + " trips, " + std::to_string(nstops) + " stops): " +
                                           std::to_string(cpoints.size()) + " points x " + std::to_string(chubs.size()) + " hubs",
                                       cs, 1.0, std::to_string(served()) + " served; " + std::to_string(ccost.last_detail().iterations) + " rRAPTOR iterations"));
        // RAPTOR against the brute-force time-expanded search: the same 200 random (stop, time)
        // queries, every stop's earliest arrival with at most 2 trips compared.
        {
            const transit::Timetable& t2 = ccost.timetable();
            const test::TimeExpanded reference(std::span(&feed, 1), cday.date, t2);
            std::mt19937 qrng(11);
            std::uniform_int_distribution<std::size_t> qs(0, t2.stops.size() - 1);
            std::uniform_int_distribution<transit::Seconds> qt(6 * 3600, 20 * 3600);
            std::vector<transit::RaptorSource> queries;
            for (int k = 0; k < 200; ++k) queries.push_back({static_cast<std::uint32_t>(qs(qrng)), qt(qrng)});
            transit::Raptor raptor(t2, transit::RaptorOptions{1, transit::k_never});
            std::size_t differ = 0;
            std::vector<std::vector<transit::Seconds>> fast(queries.size());
            const Stats rs = time_runs(repeat, [&] {
                for (std::size_t k = 0; k < queries.size(); ++k) {
                    raptor.run(std::span(&queries[k], 1));
                    fast[k].resize(t2.stops.size());
                    for (std::uint32_t st = 0; st < t2.stops.size(); ++st) fast[k][st] = raptor.arrival(st);
                }
            });
            const Stats bs = time_runs(1, [&] {
                for (std::size_t k = 0; k < queries.size(); ++k) {
                    const auto ref = reference.earliest(queries[k].stop, queries[k].time, 2);
                    for (std::uint32_t st = 0; st < t2.stops.size(); ++st) differ += ref.any[2][st] != fast[k][st];
                }
            });
            rows.push_back(TableRow{"Cairns: 200 earliest-arrival searches (every stop, at most 2 trips), RAPTOR", rs, {}, std::nullopt, {}});
            rows.push_back(TableRow{"the same by the brute-force time-expanded search (the tests' reference)", bs, {}, std::nullopt,
                                    std::to_string(queries.size() * t2.stops.size()) + " arrivals, " + std::to_string(differ) + " differ; RAPTOR " +
                                        fixed(bs.median / std::max(rs.median, 1e-9), 0) + "x faster"});
            if (differ) return 1;
        }
        analysis::TransitIsochroneOptions io;
        io.depart = 9 * 3600;
        io.window = 3600;
        io.max_walk_s = o.max_walk_s;
        const std::vector<double> minutes{30, 60};
        std::vector<analysis::TransitIsochrone> iso;
        const Stats is = time_runs(repeat, [&] { iso = analysis::transit_isochrones(ccost, std::span(&chubs[0], 1), minutes, io); });
        rows.push_back(row_with_target("Cairns transit isochrone from the busiest stop, 60-minute window", is, 0.1,
                                       std::to_string(iso.back().stops_reached) + " stops within 60 min, " + fixed(geom::area(iso.back().area) / 1e6, 2) + " km2"));
    }
    std::cout << "bench_transit: Iizuka, " << feeds.size() << " feeds, " << day.date.iso() << "; " << machine_description() << "\n\n";
    print_rows(std::cout, rows);
    std::cout << "\nContext only (published, other machines and data): r5 / Conveyal compute a regional one-way travel-time surface per origin in "
                 "about a second; OpenTripPlanner answers single trips in tens of milliseconds.\n";
    return all_passed(rows) && differ == 0 ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    return keniki::bench::report_errors("bench_transit", [&] { return keniki::bench::run(argc, argv); });
}
