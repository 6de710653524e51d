#pragma once
// The [[access]] indices computed: for the plan itself (pipeline::run), for a [[scenarios]] entry that
// edits hubs (run_hub_scenarios) and for `keniki serve`'s scenarios, by one rule:
// - a tier's index takes the tier's hubs after the edits (moved ones at their new place, removed ones
//   gone, added ones with their supply);
// - an index over facilities of given kinds keeps its facilities (moved, or gone when removed) and
//   takes in added hubs of one of its kinds;
// - an added hub without a supply gets the median of the index's own hubs (1 without supply_field),
//   said in the notes.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "keniki/analysis/access.hpp"
#include "keniki/analysis/hub_edits.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/report/access_outputs.hpp"

namespace keniki::pipeline {

/// The plan's method and decay as analysis options.
analysis::AccessOptions access_options(const project::AccessSpec& spec);

/// An index's hubs and their supply, in the order its cost table is built.
struct AccessHubs {
    std::vector<std::int32_t> hubs;   ///< indices into the (edited) facilities
    std::vector<Point> points;        ///< where each stands
    std::vector<double> supply;       ///< per hub
    std::vector<std::string> notes;   ///< "new hub N: supply 2 (the median of the index's hubs)"
};

/// The index's hubs as the plan has them.
AccessHubs access_hubs(const AccessInput& in, const analysis::ModelInput& input);
/// The index's hubs after the edits (`hubs` is apply_hub_edits(input, edits)).
AccessHubs access_hubs(const AccessInput& in, const analysis::ModelInput& input, const analysis::HubSet& hubs, const analysis::HubEdits& edits);

/// Every (resident, hub) pair within the catchment (the index's cost model).
analysis::CostTable access_table(const AccessInput& in, std::span<const Point> residents, const AccessHubs& hubs);

/// The scores and their unit figures from a cost table over `hubs`. `model` gives the units.
report::AccessOutcome access_outcome(const AccessInput& in, const analysis::ModelInput& input, const analysis::ModelResult& model, const AccessHubs& hubs,
                                     const analysis::CostTable& table);

}  // namespace keniki::pipeline
