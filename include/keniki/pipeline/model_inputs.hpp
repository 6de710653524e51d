#pragma once
// Step 1 of the pipeline (plan -> inputs -> model -> outputs): reads every input a plan names (io),
// moves it to the working CRS (crs), dissolves and joins what the plan asks for (geom, analysis),
// builds the cost model of every tier, and records where everything came from.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/network_costs.hpp"
#include "keniki/pipeline/progress.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/run_summary.hpp"
#include "keniki/transit/feed.hpp"

namespace keniki::pipeline {

/// One [[access]] index, ready to compute: its hubs with their supply and the catchment's cost model.
struct AccessInput {
    const project::AccessSpec* spec = nullptr;
    std::optional<std::size_t> tier;    ///< index into input.tiers, when the hubs are a tier's
    std::vector<std::int32_t> hubs;     ///< indices into input.facilities (the tier's hubs)
    std::vector<double> supply;         ///< per hub
    const analysis::CostModel* cost = nullptr;  ///< the catchment's (owned by ModelInputs::costs)
    double catchment = 0;               ///< in the cost model's unit
    std::string catchment_text;         ///< "straight line 1000 m", "walk 15 min (elderly)"
};

struct ModelInputs {
    analysis::ModelInput input;
    std::vector<std::unique_ptr<analysis::CostModel>> costs;  ///< owned here, referenced by the tiers
    std::unique_ptr<NetworkCosts> networks;                    ///< [network]: graphs built on demand
    std::string working_crs;
    std::string working_crs_reason;
    std::vector<report::InputProvenance> inputs;
    std::vector<std::string> warnings;  ///< what reading found worth saying (skipped features, census join)
    std::vector<AccessInput> access;    ///< [[access]], in plan order
    /// GTFS feeds read so far, by path: each is read once however many scenarios and tiers ride it.
    std::map<std::string, std::shared_ptr<const transit::Feed>> feeds;
};

/// Reads and prepares everything the plan names. Throws DataError / UsageError naming the file,
/// layer, feature and field of the first input that cannot be used.
ModelInputs load_inputs(const project::Plan& plan, Progress& progress = silent_progress());

}  // namespace keniki::pipeline
