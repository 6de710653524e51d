#pragma once
// `keniki site`: candidates (a layer, or a grid over the study area), the tier's residents as demand
// points (or cells of them), the pairs within the tier's reach along the tier's own cost model, the
// solver (siting/), and what the chosen sites add per unit.

#include <optional>
#include <string>

#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/progress.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/siting_outputs.hpp"

namespace keniki::pipeline {

struct SitingRequest {
    std::string tier;                          ///< the tier that gets new hubs
    std::size_t add = 1;                       ///< K new sites (not for cover_all)
    std::optional<project::LayerRef> candidates;  ///< candidate sites (points, or polygons at an interior point)
    std::string candidate_name_field;          ///< "" = "name" / "名称" when there, else the feature id
    double grid_m = 250;                       ///< without a layer: cell centres of this grid inside the study area
    std::string objective = "coverage";        ///< "coverage" | "distance" | "equity" | "cover_all"
    std::string demand = "pop_total";          ///< "pop_total" | "pop_65plus" | "pop_75plus"
    std::string method = "automatic";          ///< "automatic" | "exact" | "heuristic"
    double demand_cell_m = 0;                  ///< > 0: residents aggregated to cells of this size (stated)
    double time_limit_s = 60;
    /// The tier's existing hubs may move: they join the candidates and the answer opens
    /// (existing hubs + add) sites in all, none fixed.
    bool free_existing = false;
};

report::SitingOutcome run_siting(const project::Plan& plan, ModelInputs& inputs, const analysis::ModelResult& model, const SitingRequest& request,
                                 Progress& progress);

}  // namespace keniki::pipeline
