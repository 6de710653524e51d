#include "keniki/geom/areas_within.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/geometry.hpp>

#include "geom/geos_handle.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"

namespace keniki::geom {

namespace {

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* p) const noexcept {
        if (p) GEOSPreparedGeom_destroy_r(ctx, p);
    }
};

bool boxes_meet(const Box& a, const Box& b) {
    return a.min_corner().x() <= b.max_corner().x() && b.min_corner().x() <= a.max_corner().x() &&
           a.min_corner().y() <= b.max_corner().y() && b.min_corner().y() <= a.max_corner().y();
}

}  // namespace

std::vector<double> areas_within(std::span<const MultiPolygon> pieces, const MultiPolygon& zone) {
    std::vector<double> out(pieces.size(), 0.0);
    if (zone.empty() || pieces.empty()) return out;
    GEOSContextHandle_t ctx = detail::context();
    const detail::GeosGeometryPtr z = detail::to_geos(Geometry{zone});
    std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter> prepared(GEOSPrepare_r(ctx, z.get()), PreparedDeleter{ctx});
    if (!prepared) throw DataError("GEOS prepare failed: " + detail::last_geos_message());
    const Box zone_box = bounds_of(zone);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const MultiPolygon& p = pieces[i];
        if (p.empty()) continue;
        const Box box = bounds_of(p);
        if (!boxes_meet(box, zone_box)) continue;
        const detail::GeosGeometryPtr g = detail::to_geos(Geometry{p});
        const char inside = GEOSPreparedContains_r(ctx, prepared.get(), g.get());
        if (inside == 2) throw DataError("GEOS contains failed: " + detail::last_geos_message());
        if (inside == 1) {
            out[i] = boost::geometry::area(p);
            continue;
        }
        const char meets = GEOSPreparedIntersects_r(ctx, prepared.get(), g.get());
        if (meets == 2) throw DataError("GEOS intersects failed: " + detail::last_geos_message());
        if (meets == 0) continue;
        // Only the zone near the piece takes part in the overlay (ClipByRect is linear; where GEOS
        // cannot clip, the whole zone is used).
        const double pad = 1e-6 * std::max({std::abs(box.max_corner().x()), std::abs(box.max_corner().y()), 1.0});
        GEOSGeometry* near = GEOSClipByRect_r(ctx, z.get(), box.min_corner().x() - pad, box.min_corner().y() - pad, box.max_corner().x() + pad,
                                              box.max_corner().y() + pad);
        const detail::GeosGeometryPtr local = detail::checked(near ? near : GEOSGeom_clone_r(ctx, z.get()), "clip");
        const detail::GeosGeometryPtr cut = detail::checked(GEOSIntersection_r(ctx, g.get(), local.get()), "intersection");
        double a = 0;
        if (GEOSArea_r(ctx, cut.get(), &a) == 0) throw DataError("GEOS area failed: " + detail::last_geos_message());
        out[i] = a;
    }
    return out;
}

}  // namespace keniki::geom
