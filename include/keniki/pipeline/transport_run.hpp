#pragma once
// Wiring from a plan's [transport] and [[scenarios]] to the transport analysis: stops from layers
// and GTFS feeds in the working CRS, classification of the plan and of every scenario.

#include <string>
#include <vector>

#include "keniki/analysis/transport.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/transport_outputs.hpp"
#include "keniki/pipeline/model_inputs.hpp"

namespace keniki::pipeline {

/// Runs the transport analysis of the plan and of each scenario (requires plan.transport.enabled).
report::TransportOutputs run_transport(const project::Plan& plan, ModelInputs& loaded, const analysis::ModelResult& model);

}  // namespace keniki::pipeline
