#pragma once
// The residents as one tier sees them: each point located in a unit, or each polygon resident
// apportioned to the units it overlaps by area (with the remainder outside all units).

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis::detail {

TierResidents residents_for_tier(const Residents& residents, const std::vector<Unit>& units);

}  // namespace keniki::analysis::detail
