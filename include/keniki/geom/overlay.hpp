#pragma once
// Polygon overlay through GEOS: union, intersection, difference, buffers, interior points.
// Inputs and outputs are the engine's Boost.Geometry types in a metric CRS.

#include <optional>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::geom {

/// Union of many polygons (GEOS UnaryUnion; cascaded, so fast on many small pieces).
MultiPolygon union_all(std::span<const MultiPolygon> parts);
/// Areas of a union, without building it: the area of the union of `parts`, and of the part of it
/// inside `within` (empty `within`: 0).
struct UnionAreas {
    double union_m2 = 0;
    double within_m2 = 0;
};
/// The extent is split in halves, again and again (GEOS ClipByRect, linear) until each tile holds at
/// most about 20,000 vertices, and the small overlays are summed. A tiling of units whose outline has
/// millions of vertices costs seconds this way, where one GEOS union of it costs minutes (noding every
/// shared edge at once). Exact up to rounding: the tiles partition the plane.
UnionAreas union_areas(std::span<const MultiPolygon> parts, const MultiPolygon& within);
/// Union of two polygons (GEOS Union): much cheaper than union_all for two already-merged areas,
/// which union_all would take apart and merge again.
MultiPolygon union_two(const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b);
/// Area of a ∩ b without building it when the boxes do not meet.
double intersection_area(const MultiPolygon& a, const MultiPolygon& b);

/// Union of circles of `radius` around the points, each drawn with `quadrant_segments` segments per
/// quarter circle (GEOS buffer).
MultiPolygon buffer_points(std::span<const Point> centres, double radius, int quadrant_segments);
/// The same with a radius per point (stations 1,000 m and bus stops 500 m in one union); points
/// with a radius <= 0 draw nothing.
MultiPolygon buffer_points(std::span<const Point> centres, std::span<const double> radii, int quadrant_segments);

/// A point inside the polygon: its centroid when that lies inside, else GEOS PointOnSurface.
Point interior_point(const MultiPolygon& g);

/// Where a point-like feature stands: a point, the first point of a multipoint, or an interior point
/// of a polygon; nullopt for anything else (lines, empty geometries).
std::optional<Point> place_of(const Geometry& g);

/// Any polygonal geometry as a MultiPolygon (empty for non-polygonal ones).
MultiPolygon as_multi_polygon(const Geometry& g);

double area(const MultiPolygon& g);

}  // namespace keniki::geom
