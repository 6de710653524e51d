#pragma once
// Wiring from a plan's [transport] and [[scenarios]] to the transport analysis: stops from layers
// and GTFS feeds in the working CRS, classification of the plan and of every scenario.

#include <string>
#include <vector>

#include "keniki/analysis/transport.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/transport_outputs.hpp"
#include "plan_inputs.hpp"

namespace keniki::cli {

/// Runs the transport analysis of the plan and of each scenario (requires plan.transport.enabled).
report::TransportOutputs run_transport(const project::Plan& plan, LoadedModel& loaded, const analysis::ModelResult& model);

}  // namespace keniki::cli
