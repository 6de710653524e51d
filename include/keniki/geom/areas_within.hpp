#pragma once
// How much of each of many small polygons lies inside one zone: the area-weighted apportionment of
// census areas or mesh cells over transport classes, lost coverage and the like.

#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::geom {

/// Area (m², in the polygons' CRS units) of each piece inside `zone`. The zone is prepared once
/// (GEOS prepared geometry): pieces wholly inside count whole, pieces that miss it 0, and only the
/// pieces on its edge are intersected, with the zone clipped to the piece's box first.
std::vector<double> areas_within(std::span<const MultiPolygon> pieces, const MultiPolygon& zone);

}  // namespace keniki::geom
