#pragma once
// Single stops removed or added by a scenario ([[scenarios]].remove_stop_ids, add_stop_points): the one
// rule `keniki run` and `keniki serve` both follow.

#include <string>
#include <vector>

#include "keniki/analysis/transport.hpp"
#include "keniki/project/plan.hpp"

namespace keniki::pipeline {

/// The stop a scenario adds, at `working` (its place in the working CRS); source "scenario".
analysis::Stop added_stop(const project::StopPointSpec& spec, const Point& working);

/// Removes from `stops` every stop whose id is in `remove_ids` and appends `add`. `plan_stops` (every
/// stop of the plan) decides whether an id names a stop at all: DataError naming the first that does
/// not. Returns the changes in words ("removed stop B12 (2 stops)", "added stop B99").
std::vector<std::string> edit_stops(std::vector<analysis::Stop>& stops, const std::vector<analysis::Stop>& plan_stops,
                                    const std::vector<std::string>& remove_ids, const std::vector<analysis::Stop>& add);

}  // namespace keniki::pipeline
