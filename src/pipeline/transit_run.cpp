#include "pipeline/transit_run.hpp"

#include <algorithm>
#include <filesystem>

#include "pipeline/transit_costs.hpp"
#include "keniki/analysis/transit_cost.hpp"
#include "keniki/analysis/transit_reach.hpp"

namespace keniki::pipeline::detail {

report::TransitOutcome run_transit_tier(const project::Plan& plan, ModelInputs& inputs, const analysis::ModelResult& model, std::size_t t,
                                        std::vector<std::string>& warnings) {
    const auto& cost = dynamic_cast<const analysis::TransitCost&>(*inputs.input.tiers[t].cost);
    const project::ReachSpec& reach = plan.tiers[t].reach;
    const analysis::TierResult& tier = model.tiers[t];
    const analysis::TransitDetail base = cost.last_detail();
    report::TransitOutcome out;
    out.tier = t;
    out.method = cost.describe();
    out.service_day = cost.options().service;
    out.window = reach.window;
    out.home_by = reach.home_by;
    out.limit_min = reach.minutes;
    out.stay_min = reach.stay_minutes;
    out.max_transfers = reach.max_transfers;
    out.elderly = reach.elderly;
    out.stops = cost.timetable().stops.size();
    out.trips = cost.timetable().trips;
    out.iterations = base.iterations;
    out.residents_near_no_stop = base.origins_near_no_stop;
    const auto& hubs = inputs.input.tiers[t].hubs;
    for (const auto h : base.hubs_near_no_stop) out.hubs_near_no_stop.push_back(inputs.input.facilities[static_cast<std::size_t>(hubs[h])].id);
    out.figures = analysis::transit_figures(tier, base, reach.minutes);
    if (!cost.timetable().trips)
        warnings.push_back("tier " + tier.id + ": no trip runs on " + out.service_day + ": nobody can make the round trip by timetable");
    if (!out.hubs_near_no_stop.empty())
        warnings.push_back("tier " + tier.id + ": " + std::to_string(out.hubs_near_no_stop.size()) + " hubs have no stop within " + std::to_string(static_cast<int>(reach.max_walk_m)) +
                           " m (e.g. " + out.hubs_near_no_stop.front() + "): only walking reaches them");

    // Scenarios that change the feeds or the routes ride their own timetable on the plan's date.
    std::vector<Point> hub_points;
    for (const auto h : hubs) hub_points.push_back(inputs.input.facilities[static_cast<std::size_t>(h)].location);
    for (const auto& sc : plan.scenarios) {
        if (sc.add_gtfs.empty() && sc.remove_gtfs.empty() && sc.remove_routes.empty()) continue;
        report::TransitScenario s;
        s.id = sc.id;
        s.name = sc.name;
        TransitRequest req;
        req.date = cost.timetable().date;
        req.removed_routes = sc.remove_routes;
        for (const auto& f : plan.transport.gtfs) {
            if (std::find(sc.remove_gtfs.begin(), sc.remove_gtfs.end(), f) == sc.remove_gtfs.end()) req.feeds.push_back(f);
            else s.changes.push_back("removed feed " + std::filesystem::path(f).filename().string());
        }
        for (const auto& f : sc.add_gtfs) {
            req.feeds.push_back(f);
            s.changes.push_back("added feed " + std::filesystem::path(f).filename().string());
        }
        for (const auto& r : sc.remove_routes) s.changes.push_back("removed route " + r);
        const auto sc_cost = transit_cost(plan, reach, req, inputs);
        std::vector<std::int32_t> hub;
        std::vector<double> c;
        sc_cost->nearest(tier.residents.pieces->points, hub_points, hub, c);
        s.units = analysis::transit_changes(tier, base, sc_cost->last_detail());
        for (const auto& u : s.units) {
            s.total.lost += u.lost;
            s.total.gained += u.gained;
        }
        out.scenarios.push_back(std::move(s));
    }
    return out;
}

}  // namespace keniki::pipeline::detail
