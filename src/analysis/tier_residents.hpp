#pragma once
// The residents as one tier sees them: each point located in a unit, or each polygon resident
// apportioned to the units it overlaps by area (with the remainder outside all units).

#include <memory>
#include <vector>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis::detail {

/// The model's point residents as every tier shares them (nullptr for area-weighted polygons).
std::shared_ptr<const ResidentPieces> shared_points(const Residents& residents);

/// `points`: shared_points(residents), for point residents.
TierResidents residents_for_tier(const Residents& residents, const std::shared_ptr<const ResidentPieces>& points, const std::vector<Unit>& units);

}  // namespace keniki::analysis::detail
