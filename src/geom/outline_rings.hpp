#pragma once
// The last step of line_outline: the traced rings, in the grid's cell units, into polygons with holes
// in metres. Which shell a hole belongs to comes from the grid, not from point-in-polygon tests.

#include <cstdint>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::geom::detail {

/// A ring passing a horizontal grid edge: key = row << 32 | column of the edge.
struct RowCrossing {
    std::uint64_t key;
    std::uint32_t ring;
};

/// Polygons from closed rings (no repeated last point) traced with the inside on their left, so
/// shells counter-clockwise and holes clockwise, that neither cross nor touch, with every grid edge
/// they cross along the rows. Runs of vertices within `tolerance` cells of a straight line are
/// thinned to their ends; corner (0, 0) lies at (origin_x, origin_y) metres, cells are `cell` wide.
MultiPolygon assemble_rings(std::vector<std::vector<Point>>& rings, std::vector<RowCrossing>& crossings, double tolerance, double cell,
                            double origin_x, double origin_y);

}  // namespace keniki::geom::detail
