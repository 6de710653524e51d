#pragma once
// The second half of line_outline: the iso-line "distance == radius" of a DistanceField, traced by
// marching squares, and its rings assembled into polygons with holes.

#include "geom/distance_field.hpp"
#include "keniki/core/geometry.hpp"

namespace keniki::geom::detail {

/// The polygons where the field (made for this radius) is within `radius` cells, in metres. Vertices
/// lie on the cell edges where the iso-line crosses them (DistanceField::crossing), with points of
/// the iso-line between them at most `spacing` cells apart on arcs and at the corners where two
/// buffers meet (outline_refine.hpp); runs of vertices within `tolerance` cells of a straight line
/// are thinned to their ends. Shells are counter-clockwise, holes clockwise; rings neither cross nor
/// touch (see the .cpp).
MultiPolygon trace_outline(const DistanceField& field, double radius, double tolerance, double spacing);

}  // namespace keniki::geom::detail
