#pragma once
// Comparing two areas through GEOS: how far apart their boundaries lie and how far one reaches beyond
// the other. For checking an approximation against an exact result (tests, benchmarks).

#include "keniki/core/geometry.hpp"

namespace keniki::geom {

/// GEOS discrete Hausdorff distance between the two areas' boundaries (their rings' vertices, plus
/// points every `densify_fraction` of each segment when > 0). A hole in one area that the other
/// lacks counts in full: the distance from the hole's ring to the other's nearest ring.
double hausdorff_distance(const MultiPolygon& a, const MultiPolygon& b, double densify_fraction = 0);

/// The directed version: the largest distance from a vertex of a's rings to b's rings (GEOS prepared
/// distance). hausdorff_distance(a, b) is the larger of the two directions.
double boundary_distance_from(const MultiPolygon& a, const MultiPolygon& b);

/// Grows (distance > 0) or shrinks (distance < 0) the area: GEOS buffer with round joins.
MultiPolygon buffer_area(const MultiPolygon& g, double distance, int quadrant_segments = 8);

/// Area of the part of `a` farther than `distance` from `b`: 0 when every point of a lies within
/// distance of b (the directed Hausdorff distance between the areas is then at most `distance`).
double area_beyond(const MultiPolygon& a, const MultiPolygon& b, double distance);

}  // namespace keniki::geom
