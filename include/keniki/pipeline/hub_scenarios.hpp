#pragma once
// [[scenarios]] that move, add or remove hubs: the tier model run again on the plan's inputs with the
// hubs edited (analysis::apply_hub_edits, the rule `keniki serve` follows too).

#include <string>
#include <vector>

#include "keniki/analysis/hub_edits.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/access_outputs.hpp"

namespace keniki::pipeline {

struct HubScenarioOutcome {
    std::string id, name, description;
    std::vector<std::string> changes;  ///< "moved hub H1", ...
    analysis::ModelInput input;        ///< the plan's inputs with the hubs edited
    analysis::ModelResult model;
    std::vector<report::AccessOutcome> access;  ///< the plan's [[access]] indices on the edited hubs (pipeline/access_run.hpp)
};

/// The scenario's hub edits in the working CRS. Throws DataError naming the plan line of an edit whose
/// place lies outside the study area.
analysis::HubEdits hub_edits(const project::Plan& plan, const project::ScenarioSpec& scenario, const ModelInputs& inputs);

/// One outcome per scenario that changes the hubs (ScenarioSpec::changes_hubs), in plan order, with
/// the access indices computed again on its hubs (a new hub's assumed supply is one of its changes).
/// Throws DataError naming the scenario and its plan line when an edit cannot be applied.
std::vector<HubScenarioOutcome> run_hub_scenarios(const project::Plan& plan, const ModelInputs& inputs);

}  // namespace keniki::pipeline
