#pragma once
// Step 2 of the pipeline (plan -> inputs -> model -> outputs): the tier model on the inputs, the
// checks that the inputs meet, the transport analysis and every scenario of the plan.

#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/hub_scenarios.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/progress.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/access_outputs.hpp"
#include "keniki/report/siting_outputs.hpp"
#include "keniki/report/transit_outputs.hpp"
#include "keniki/report/transport_outputs.hpp"

namespace keniki::pipeline {

struct Results {
    analysis::ModelResult model;
    std::optional<report::TransportOutputs> transport;  ///< when the plan has [transport]
    std::vector<report::AccessOutcome> access;          ///< [[access]], in plan order
    std::optional<report::SitingOutcome> siting;        ///< `keniki site`: the chosen sites
    std::vector<report::TransitOutcome> transit;        ///< tiers with reach mode "transit", in tier order
    std::vector<HubScenarioOutcome> hub_scenarios;      ///< [[scenarios]] that move, add or remove hubs
    /// Everything worth a planner's look, in order: the inputs' warnings, residents or hubs outside
    /// every unit, residents no road places or brings to a hub, tiers that do not nest.
    std::vector<std::string> warnings;
};

/// Runs the plan on its inputs. `inputs` gains the cost models and provenance the transport
/// analysis needs (walking distance to stops, GTFS feeds).
Results run(const project::Plan& plan, ModelInputs& inputs, Progress& progress = silent_progress());

}  // namespace keniki::pipeline
