#include "pipeline/transit_costs.hpp"

#include "pipeline/gtfs_stops.hpp"

#include <algorithm>
#include <cmath>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/service_day.hpp"

namespace keniki::pipeline::detail {

std::unique_ptr<analysis::TransitCost> transit_cost(const project::Plan& plan, const project::ReachSpec& reach, const TransitRequest& request,
                                                    ModelInputs& loaded) {
    std::vector<transit::Feed> feeds;
    for (const auto& path : request.feeds) feeds.push_back(feed_at(path, loaded));
    if (feeds.empty()) throw DataError("reach mode \"transit\": no GTFS feed is left to ride", Where{plan.file.string(), "", {}, "", reach.line});
    const transit::ServiceDay day = request.date ? transit::service_day_on(feeds, *request.date)
                                                 : transit::choose_service_day(feeds, transit::parse_day_selector(plan.transport.service_day));
    transit::TimetableOptions to;
    to.routes = without_routes(request.removed_routes);
    transit::Timetable tt = transit::build_timetable(feeds, day.date, to);
    std::size_t idle = 0;
    for (const auto& s : tt.stops) idle += s.departures == 0;
    std::vector<Point> stops;
    const crs::Transformer to_working("EPSG:4326", loaded.working_crs);
    for (const auto& s : tt.stops) stops.push_back(to_working.forward(Point{s.lon, s.lat}));

    const double kmh = reach.elderly ? plan.network.travel.elderly_walk_kmh : plan.network.travel.walk_kmh;
    const double ms = kmh / 3.6;
    analysis::TransitWalk walk;
    char speed[32];
    std::snprintf(speed, sizeof speed, "%.1f km/h", kmh);
    if (plan.network.enabled && loaded.networks) {
        walk.model = std::shared_ptr<const analysis::CostModel>(loaded.networks->minutes("walk", reach.elderly));
        walk.seconds_per_unit = 60;
        walk.straight_m_per_s = ms / reach.walk_detour;
        walk.description = std::string("along the roads at ") + speed + (reach.elderly ? " (elderly pace)" : "");
    } else {
        walk.model = std::shared_ptr<const analysis::CostModel>(analysis::make_straight_line_cost(plan.analysis.buffer_segments));
        walk.seconds_per_unit = reach.walk_detour / ms;
        walk.straight_m_per_s = ms / reach.walk_detour;
        char detour[32];
        std::snprintf(detour, sizeof detour, "%.2g", reach.walk_detour);
        walk.description = std::string("straight line x ") + detour + " at " + speed + (reach.elderly ? " (elderly pace)" : "");
    }
    analysis::TransitOptions o;
    o.trip.window_start = reach.window_start_s;
    o.trip.window_end = reach.window_end_s;
    o.trip.home_by = reach.home_by_s;
    o.trip.limit = static_cast<transit::Seconds>(std::lround(reach.minutes * 60));
    o.trip.stay = static_cast<transit::Seconds>(std::lround(reach.stay_minutes * 60));
    o.trip.max_transfers = reach.max_transfers;
    o.max_walk_s = reach.max_walk_m / ms;
    o.max_transfer_s = reach.transfer_m / ms;
    o.service = day.date.iso() + " (" + day.reason + ")";
    // Provenance: each feed once (note_feed), and a warning the first time a feed runs nothing that day.
    for (const auto& f : feeds) {
        const bool listed = std::any_of(loaded.inputs.begin(), loaded.inputs.end(), [&](const report::InputProvenance& in) { return in.role == "gtfs:" + f.id; });
        if (!listed && !transit::trips_running(f, day.date)) {
            const auto range = f.calendar_range();
            loaded.warnings.push_back("GTFS feed " + f.id + " (" + f.path + ") runs no trip on " + day.date.iso() +
                                      (range ? " (its calendar runs " + range->first.iso() + ".." + range->second.iso() + ")" : std::string()) +
                                      ": its routes carry nobody in the timetable reach");
        }
        note_feed(f, day.date, loaded);
    }
    const auto warn_once = [&](const std::string& w) {
        if (std::find(loaded.warnings.begin(), loaded.warnings.end(), w) == loaded.warnings.end()) loaded.warnings.push_back(w);
    };
    if (idle && !request.date)
        warn_once("timetable reach: " + std::to_string(idle) + " of " + std::to_string(tt.stops.size()) + " stops have no departure on " + day.date.iso() +
                                  " (they serve nobody in the round trips)");
    return std::make_unique<analysis::TransitCost>(std::move(tt), std::move(stops), std::move(walk), std::move(o));
}

}  // namespace keniki::pipeline::detail
