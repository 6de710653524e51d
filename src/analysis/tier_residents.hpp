#pragma once
// The residents as one tier sees them: each point located in a unit, or each polygon resident
// apportioned to the units it overlaps by area (with the remainder outside all units).

#include <memory>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::analysis::detail {

/// The model's point residents as every tier shares them (nullptr for area-weighted polygons).
std::shared_ptr<const ResidentPieces> shared_points(const Residents& residents);

/// The tier's units indexed for locating its residents and hubs (built once per tier: for units with
/// outlines of millions of vertices the edge index is the costly part).
index::PolygonIndex unit_index(const Residents& residents, const std::vector<Unit>& units);

/// `points`: shared_points(residents), for point residents; `where`: unit_index(residents, units).
TierResidents residents_for_tier(const Residents& residents, const std::shared_ptr<const ResidentPieces>& points, const std::vector<Unit>& units,
                                 const index::PolygonIndex& where);

}  // namespace keniki::analysis::detail
