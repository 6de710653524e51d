#include "keniki/pipeline/run.hpp"

#include "keniki/analysis/access.hpp"
#include "keniki/analysis/coverage_checks.hpp"
#include "keniki/analysis/network_cost.hpp"
#include "keniki/pipeline/transport_run.hpp"
#include "pipeline/transit_run.hpp"

namespace keniki::pipeline {

Results run(const project::Plan& plan, ModelInputs& inputs, Progress& progress) {
    progress.stage("analysing " + std::to_string(plan.tiers.size()) + " tiers, " + std::to_string(inputs.input.residents.size()) + " residents");
    Results results;
    results.model = analysis::run_model(inputs.input);
    results.warnings = inputs.warnings;
    for (auto& w : analysis::outside_unit_warnings(inputs.input, results.model, plan.analysis.max_outside_share)) results.warnings.push_back(std::move(w));
    // Road-network tiers: who could not be placed on a road, or reaches no hub along the roads.
    for (const auto& tier : inputs.input.tiers) {
        if (const auto* net = dynamic_cast<const analysis::NetworkCost*>(tier.cost)) {
            const auto rep = net->last_report();
            if (!rep.unsnapped_origins.empty())
                results.warnings.push_back("tier " + tier.id + ": " + std::to_string(rep.unsnapped_origins.size()) +
                                           " residents lie farther than max_snap_m from every road: not placed, counted beyond reach");
            if (!rep.unreachable_origins.empty())
                results.warnings.push_back("tier " + tier.id + ": " + std::to_string(rep.unreachable_origins.size()) +
                                           " residents reach no hub along the roads: counted beyond reach");
            if (!rep.unsnapped_hubs.empty())
                results.warnings.push_back("tier " + tier.id + ": " + std::to_string(rep.unsnapped_hubs.size()) + " hubs lie farther than max_snap_m from every road");
        }
    }
    for (std::size_t t = 0; t < inputs.input.tiers.size(); ++t) {
        if (!dynamic_cast<const analysis::TransitCost*>(inputs.input.tiers[t].cost)) continue;
        progress.note("round trips by timetable for tier " + plan.tiers[t].id + (plan.scenarios.empty() ? std::string() : " and its scenarios"));
        results.transit.push_back(detail::run_transit_tier(plan, inputs, results.model, t, results.warnings));
    }
    results.hub_scenarios = run_hub_scenarios(plan, inputs);
    if (plan.transport.enabled) {
        progress.note("transport-poor zones" + (plan.scenarios.empty() ? std::string() : " and " + std::to_string(plan.scenarios.size()) + " scenarios"));
        results.transport = run_transport(plan, inputs, results.model);
        for (const auto& w : results.transport->warnings) results.warnings.push_back(w);
    }
    for (const auto& in : inputs.access) {
        const project::AccessSpec& spec = *in.spec;
        progress.note("access " + spec.id + " (" + spec.method + ", " + in.catchment_text + ")");
        report::AccessOutcome a;
        a.id = spec.id;
        a.name = spec.name;
        a.method = spec.method;
        a.demand = spec.demand;
        a.supply = spec.supply_field;
        a.catchment = in.catchment_text;
        a.cost = in.cost->describe();
        a.threshold_per_1000 = spec.threshold_per_1000;
        a.tier = in.tier;
        a.hubs = in.hubs;
        a.supply_values = in.supply;
        analysis::AccessOptions o;
        o.method = spec.method == "e2sfca" ? analysis::AccessMethod::enhanced
                   : spec.method == "gravity" ? analysis::AccessMethod::gravity
                                              : analysis::AccessMethod::two_step;
        o.catchment = in.catchment;
        o.decay.kind = spec.decay.kind == "bands"      ? analysis::Decay::Kind::bands
                       : spec.decay.kind == "gaussian" ? analysis::Decay::Kind::gaussian
                       : spec.decay.kind == "power"    ? analysis::Decay::Kind::power
                                                       : analysis::Decay::Kind::none;
        o.decay.bands = spec.decay.bands;
        o.decay.beta = spec.decay.beta;
        if (o.method == analysis::AccessMethod::gravity && o.decay.kind == analysis::Decay::Kind::none) o.decay.kind = analysis::Decay::Kind::power;
        a.decay = o.method == analysis::AccessMethod::two_step ? std::string("none (2SFCA: everyone in the catchment alike)") : o.decay.describe();
        std::vector<Point> hub_points;
        for (const auto h : in.hubs) hub_points.push_back(inputs.input.facilities[static_cast<std::size_t>(h)].location);
        const auto& res = inputs.input.residents;
        const analysis::CostTable table = in.cost->within(res.points, hub_points, in.catchment);
        a.pairs = table.pairs();
        const std::vector<double>& demand = spec.demand == "pop_65plus" ? res.age65 : spec.demand == "pop_75plus" ? res.age75 : res.population;
        a.result = analysis::access_scores(table, demand, in.supply, o);
        a.units = analysis::unit_access(results.model, a.result.score);
        if (const auto* net = dynamic_cast<const analysis::NetworkCost*>(in.cost); net && !net->last_report().unsnapped_origins.empty())
            results.warnings.push_back("access " + spec.id + ": " + std::to_string(net->last_report().unsnapped_origins.size()) +
                                       " residents lie farther than max_snap_m from every road: they reach no hub (score 0)");
        results.access.push_back(std::move(a));
    }
    for (const auto& tier : results.model.tiers) {
        for (const auto& p : tier.nesting_problems) results.warnings.push_back("tier " + tier.id + ": " + p);
    }
    return results;
}

}  // namespace keniki::pipeline
