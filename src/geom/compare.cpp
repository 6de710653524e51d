#include "keniki/geom/compare.hpp"

#include <algorithm>

#include "geom/geos_handle.hpp"
#include "keniki/core/error.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::geom {

double hausdorff_distance(const MultiPolygon& a, const MultiPolygon& b, double densify_fraction) {
    GEOSContextHandle_t ctx = detail::context();
    const detail::GeosGeometryPtr ga = detail::to_geos(Geometry{a}), gb = detail::to_geos(Geometry{b});
    double d = 0;
    const int ok = densify_fraction > 0 ? GEOSHausdorffDistanceDensify_r(ctx, ga.get(), gb.get(), densify_fraction, &d)
                                        : GEOSHausdorffDistance_r(ctx, ga.get(), gb.get(), &d);
    if (ok != 1) throw DataError("GEOS Hausdorff distance failed: " + detail::last_geos_message());
    return d;
}

double boundary_distance_from(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty() || b.empty()) return 0;
    GEOSContextHandle_t ctx = detail::context();
    const detail::GeosGeometryPtr gb = detail::to_geos(Geometry{b});
    const detail::GeosGeometryPtr rings = detail::own(GEOSBoundary_r(ctx, gb.get()));
    if (!rings) throw DataError("GEOS boundary failed: " + detail::last_geos_message());
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(ctx, rings.get());
    if (prepared == nullptr) throw DataError("GEOS prepare failed: " + detail::last_geos_message());
    double worst = 0;
    auto visit = [&](const auto& ring) {
        for (const Point& p : ring) {
            const detail::GeosGeometryPtr point = detail::own(GEOSGeom_createPointFromXY_r(ctx, p.x(), p.y()));
            double d = 0;
            if (point && GEOSPreparedDistance_r(ctx, prepared, point.get(), &d) == 1) worst = std::max(worst, d);
        }
    };
    for (const Polygon& p : a) {
        visit(p.outer());
        for (const auto& h : p.inners()) visit(h);
    }
    GEOSPreparedGeom_destroy_r(ctx, prepared);
    return worst;
}

MultiPolygon buffer_area(const MultiPolygon& g, double distance, int quadrant_segments) {
    if (g.empty()) return {};
    GEOSContextHandle_t ctx = detail::context();
    const detail::GeosGeometryPtr geos = detail::to_geos(Geometry{g});
    const detail::GeosGeometryPtr out = detail::own(GEOSBuffer_r(ctx, geos.get(), distance, quadrant_segments));
    if (!out) throw DataError("GEOS buffer failed: " + detail::last_geos_message());
    return as_multi_polygon(detail::from_geos(out.get()));
}

double area_beyond(const MultiPolygon& a, const MultiPolygon& b, double distance) {
    if (a.empty()) return 0;
    if (b.empty()) return area(a);
    return area(difference(a, buffer_area(b, distance, 16)));
}

}  // namespace keniki::geom
