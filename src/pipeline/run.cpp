#include "keniki/pipeline/run.hpp"

#include "keniki/analysis/coverage_checks.hpp"
#include "keniki/analysis/network_cost.hpp"
#include "keniki/pipeline/access_run.hpp"
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
        progress.note("access " + in.spec->id + " (" + in.spec->method + ", " + in.catchment_text + ")");
        const AccessHubs hubs = access_hubs(in, inputs.input);
        results.access.push_back(access_outcome(in, inputs.input, results.model, hubs, access_table(in, inputs.input.residents.points, hubs)));
        if (const auto* net = dynamic_cast<const analysis::NetworkCost*>(in.cost); net && !net->last_report().unsnapped_origins.empty())
            results.warnings.push_back("access " + in.spec->id + ": " + std::to_string(net->last_report().unsnapped_origins.size()) +
                                       " residents lie farther than max_snap_m from every road: they reach no hub (score 0)");
    }
    for (const auto& tier : results.model.tiers) {
        for (const auto& p : tier.nesting_problems) results.warnings.push_back("tier " + tier.id + ": " + p);
    }
    return results;
}

}  // namespace keniki::pipeline
