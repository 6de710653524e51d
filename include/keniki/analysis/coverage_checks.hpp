#pragma once
// Checks that a run's inputs meet: residents and hubs that fall outside every unit of a tier are
// usually a wrong layer, filter or CRS, and a run that counts nobody must not read as a clean one.

#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

/// One warning per tier whose people outside every unit, or whose hubs outside every unit, exceed
/// `max_share` (0..1) of the study's people or of the tier's hubs; and one when the residents count
/// 0 people. Each names the tier, the counts, the share and the limit.
std::vector<std::string> outside_unit_warnings(const ModelInput& input, const ModelResult& result, double max_share);

}  // namespace keniki::analysis
