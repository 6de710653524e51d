#pragma once
// Wiring from a plan to the model: reads every input (io), moves it to the working CRS (crs),
// dissolves and joins what the plan asks for (geom, analysis) and records where everything came from.

#include <memory>
#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/run_summary.hpp"
#include "network_inputs.hpp"
#include "progress.hpp"

namespace keniki::cli {

struct LoadedModel {
    analysis::ModelInput input;
    std::vector<std::unique_ptr<analysis::CostModel>> costs;  ///< owned here, referenced by the tiers
    std::unique_ptr<NetworkCosts> networks;                    ///< [network]: graphs built on demand
    std::string working_crs;
    std::string working_crs_reason;
    std::vector<report::InputProvenance> inputs;
    std::vector<std::string> warnings;
};

LoadedModel load_model_inputs(const project::Plan& plan, Progress& progress);

}  // namespace keniki::cli
