#pragma once
// Timetable cost models for reach mode "transit": the plan's feeds (or a scenario's) on the service
// day of [transport], their stops in the working CRS, and the walking of the reach (along the roads
// of [network] when given, else straight line x walk_detour).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/transit_cost.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/transit/date.hpp"

namespace keniki::pipeline::detail {

struct TransitRequest {
    std::vector<std::string> feeds;           ///< zip files or folders
    std::vector<std::string> removed_routes;  ///< route ids, short or long names
    std::optional<transit::Date> date;        ///< nullopt: choose by [transport].service_day
};

/// A timetable cost model for the reach. Notes what it read in loaded.inputs (once per feed).
std::unique_ptr<analysis::TransitCost> transit_cost(const project::Plan& plan, const project::ReachSpec& reach, const TransitRequest& request,
                                                    ModelInputs& loaded);

}  // namespace keniki::pipeline::detail
