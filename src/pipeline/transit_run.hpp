#pragma once
// A tier with reach mode "transit" after the model has run: its round-trip figures per unit and
// hub, and for every scenario that removes or adds feeds or routes, who loses or gains the trip.

#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/transit_outputs.hpp"

namespace keniki::pipeline::detail {

report::TransitOutcome run_transit_tier(const project::Plan& plan, ModelInputs& inputs, const analysis::ModelResult& model, std::size_t tier,
                                        std::vector<std::string>& warnings);

}  // namespace keniki::pipeline::detail
