#include "keniki/geom/overlay.hpp"

#include <boost/geometry.hpp>

#include "geom/geos_handle.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"

namespace keniki::geom {

namespace {

using detail::checked;
using detail::context;
using detail::GeosGeometryPtr;
using detail::own;

MultiPolygon polygonal(const GEOSGeometry* g) { return as_multi_polygon(detail::from_geos(g)); }

Box box_of(const MultiPolygon& g) { return bounds_of(g); }

bool boxes_meet(const Box& a, const Box& b) {
    return a.min_corner().x() <= b.max_corner().x() && b.min_corner().x() <= a.max_corner().x() &&
           a.min_corner().y() <= b.max_corner().y() && b.min_corner().y() <= a.max_corner().y();
}

/// g clipped to a box (GEOS ClipByRect: linear time), so that overlays only see the part that matters.
/// Clipping is only a shortcut: where GEOS cannot clip (it rejects some degenerate rings), the whole
/// geometry is used instead.
GeosGeometryPtr clipped(const GEOSGeometry* g, const Box& box) {
    GEOSGeometry* c = GEOSClipByRect_r(context(), g, box.min_corner().x(), box.min_corner().y(), box.max_corner().x(), box.max_corner().y());
    if (c == nullptr) c = GEOSGeom_clone_r(context(), g);
    return checked(c, "clip");
}

Box shared_box(const Box& a, const Box& b) {
    // Slightly larger than the overlap of the two boxes, so that clipping never cuts along a shared edge.
    const double pad = 1e-6 * std::max({std::abs(a.max_corner().x()), std::abs(a.max_corner().y()), 1.0});
    return Box{Point{std::max(a.min_corner().x(), b.min_corner().x()) - pad, std::max(a.min_corner().y(), b.min_corner().y()) - pad},
               Point{std::min(a.max_corner().x(), b.max_corner().x()) + pad, std::min(a.max_corner().y(), b.max_corner().y()) + pad}};
}

}  // namespace

MultiPolygon as_multi_polygon(const Geometry& g) {
    if (const auto* p = std::get_if<Polygon>(&g)) return MultiPolygon{*p};
    if (const auto* mp = std::get_if<MultiPolygon>(&g)) return *mp;
    return {};
}

double area(const MultiPolygon& g) { return boost::geometry::area(g); }

MultiPolygon union_all(std::span<const MultiPolygon> parts) {
    detail::GeosBatch batch;
    for (const auto& p : parts) {
        if (!p.empty()) batch.push(detail::to_geos(Geometry{p}));
    }
    if (batch.empty()) return {};
    const GeosGeometryPtr collection = batch.collect();
    return polygonal(checked(GEOSUnaryUnion_r(context(), collection.get()), "union").get());
}

MultiPolygon union_two(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    auto ga = detail::to_geos(Geometry{a}), gb = detail::to_geos(Geometry{b});
    return polygonal(checked(GEOSUnion_r(context(), ga.get(), gb.get()), "union").get());
}

MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) {
    const Box box_a = box_of(a), box_b = box_of(b);
    if (a.empty() || b.empty() || !boxes_meet(box_a, box_b)) return {};
    GEOSContextHandle_t ctx = context();
    auto ga = detail::to_geos(Geometry{a}), gb = detail::to_geos(Geometry{b});
    const Box box = shared_box(box_a, box_b);
    auto ca = clipped(ga.get(), box), cb = clipped(gb.get(), box);
    return polygonal(checked(GEOSIntersection_r(ctx, ca.get(), cb.get()), "intersection").get());
}



MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty()) return {};
    if (b.empty() || !boxes_meet(box_of(a), box_of(b))) return a;
    GEOSContextHandle_t ctx = context();
    auto ga = detail::to_geos(Geometry{a}), gb = detail::to_geos(Geometry{b});
    // Only the part of b near a matters: clipping it to a's box first keeps the overlay small when b
    // is a large union (a tier's whole service area) and a one unit.
    const Box box = box_of(a);
    GeosGeometryPtr near = clipped(gb.get(), Box{Point{box.min_corner().x() - 1, box.min_corner().y() - 1},
                                                 Point{box.max_corner().x() + 1, box.max_corner().y() + 1}});
    return polygonal(checked(GEOSDifference_r(ctx, ga.get(), near.get()), "difference").get());
}

double intersection_area(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty() || b.empty() || !boxes_meet(box_of(a), box_of(b))) return 0.0;
    return area(intersection(a, b));
}

MultiPolygon buffer_points(std::span<const Point> centres, std::span<const double> radii, int quadrant_segments) {
    if (radii.size() != centres.size()) throw DataError("buffer_points: one radius per point is needed");
    // Every circle in one collection and one cascaded union: unioning per radius and then the
    // results (as two buffer_points calls would) merges the same edges twice.
    GEOSContextHandle_t ctx = context();
    detail::GeosBatch batch;
    for (std::size_t i = 0; i < centres.size(); ++i) {
        if (!(radii[i] > 0)) continue;
        const GeosGeometryPtr pt = checked(GEOSGeom_createPointFromXY_r(ctx, centres[i].x(), centres[i].y()), "point");
        batch.push(checked(GEOSBuffer_r(ctx, pt.get(), radii[i], quadrant_segments), "buffer"));
    }
    if (batch.empty()) return {};
    const GeosGeometryPtr collection = batch.collect();
    return polygonal(checked(GEOSUnaryUnion_r(ctx, collection.get()), "union").get());
}

MultiPolygon buffer_points(std::span<const Point> centres, double radius, int quadrant_segments) {
    if (centres.empty() || radius <= 0) return {};
    const std::vector<double> radii(centres.size(), radius);
    return buffer_points(centres, radii, quadrant_segments);
}

Point interior_point(const MultiPolygon& g) {
    if (g.empty()) throw DataError("an empty polygon has no interior point");
    Point c;
    boost::geometry::centroid(g, c);
    if (boost::geometry::covered_by(c, g)) return c;
    GEOSContextHandle_t ctx = context();
    auto gg = detail::to_geos(Geometry{g});
    GeosGeometryPtr p = checked(GEOSPointOnSurface_r(ctx, gg.get()), "point on surface");
    const Geometry out = detail::from_geos(p.get());
    if (const auto* pt = std::get_if<Point>(&out)) return *pt;
    return c;
}

}  // namespace keniki::geom
