#include "keniki/geom/overlay.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

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

/// Vertices per tile below which union_areas overlays directly.
constexpr int k_tile_vertices = 20000;

int coordinates(const GEOSGeometry* g) { return g ? std::max(0, GEOSGetNumCoordinates_r(context(), g)) : 0; }

/// g inside the box: ClipByRect, or the exact intersection with the box's polygon where ClipByRect
/// refuses (never the whole g: tiles must not count anything twice).
GeosGeometryPtr clip_exact(const GEOSGeometry* g, const Box& b) {
    GEOSContextHandle_t ctx = context();
    if (GEOSGeometry* c = GEOSClipByRect_r(ctx, g, b.min_corner().x(), b.min_corner().y(), b.max_corner().x(), b.max_corner().y())) return own(c);
    Polygon r;
    r.outer() = {b.min_corner(), Point{b.max_corner().x(), b.min_corner().y()}, b.max_corner(), Point{b.min_corner().x(), b.max_corner().y()},
                 b.min_corner()};
    GeosGeometryPtr rect = detail::to_geos(Geometry{r});
    return checked(GEOSIntersection_r(ctx, g, rect.get()), "clip");
}

double area_of(const GEOSGeometry* g) {
    double a = 0;
    if (g && GEOSArea_r(context(), g, &a) == 0) throw DataError("GEOS area failed: " + detail::last_geos_message());
    return a;
}

/// The union of the pieces of one tile (made valid first where ClipByRect left them invalid).
GeosGeometryPtr tile_union(std::vector<GeosGeometryPtr>& pieces) {
    GEOSContextHandle_t ctx = context();
    auto collect = [&](bool make_valid) {
        std::vector<GEOSGeometry*> raw;
        for (const auto& p : pieces) raw.push_back(make_valid ? GEOSMakeValid_r(ctx, p.get()) : GEOSGeom_clone_r(ctx, p.get()));
        return checked(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())), "collection");
    };
    if (GEOSGeometry* u = GEOSUnaryUnion_r(ctx, collect(false).get())) return own(u);
    return checked(GEOSUnaryUnion_r(ctx, collect(true).get()), "union");
}

void tile_areas(std::vector<GeosGeometryPtr> parts, GeosGeometryPtr within, const Box& box, int depth, UnionAreas& out) {
    GEOSContextHandle_t ctx = context();
    std::erase_if(parts, [&](const GeosGeometryPtr& g) { return !g || GEOSisEmpty_r(ctx, g.get()) != 0; });
    if (parts.empty()) return;
    if (within && GEOSisEmpty_r(ctx, within.get()) != 0) within.reset();
    int size = coordinates(within.get());
    for (const auto& p : parts) size += coordinates(p.get());
    const double w = box.max_corner().x() - box.min_corner().x(), h = box.max_corner().y() - box.min_corner().y();
    if (size <= k_tile_vertices || depth >= 24 || !(std::max(w, h) > 0)) {
        GeosGeometryPtr u = parts.size() == 1 ? std::move(parts.front()) : tile_union(parts);
        out.union_m2 += area_of(u.get());
        if (within) {
            // The within piece and the union are both inside this tile: an exact overlay of two small pieces.
            GeosGeometryPtr i(GEOSIntersection_r(ctx, u.get(), within.get()), detail::GeometryDeleter{ctx});
            if (!i) {
                GeosGeometryPtr v = checked(GEOSMakeValid_r(ctx, within.get()), "make valid");
                i = checked(GEOSIntersection_r(ctx, u.get(), v.get()), "intersection");
            }
            out.within_m2 += area_of(i.get());
        }
        return;
    }
    Box lo = box, hi = box;
    if (w >= h) {
        const double mid = box.min_corner().x() + w / 2;
        lo.max_corner().x(mid);
        hi.min_corner().x(mid);
    } else {
        const double mid = box.min_corner().y() + h / 2;
        lo.max_corner().y(mid);
        hi.min_corner().y(mid);
    }
    for (const Box& half : {lo, hi}) {
        std::vector<GeosGeometryPtr> clipped_parts;
        clipped_parts.reserve(parts.size());
        for (const auto& p : parts) clipped_parts.push_back(clip_exact(p.get(), half));
        tile_areas(std::move(clipped_parts), within ? clip_exact(within.get(), half) : GeosGeometryPtr{}, half, depth + 1, out);
    }
}

}  // namespace

UnionAreas union_areas(std::span<const MultiPolygon> parts, const MultiPolygon& within) {
    std::vector<GeosGeometryPtr> geos_parts;
    Box box = empty_box();
    for (const auto& p : parts) {
        if (p.empty()) continue;
        expand_box(box, bounds_of(p));
        geos_parts.push_back(detail::to_geos(Geometry{p}));
    }
    UnionAreas out;
    if (geos_parts.empty()) return out;
    GeosGeometryPtr w = within.empty() ? GeosGeometryPtr{} : detail::to_geos(Geometry{within});
    tile_areas(std::move(geos_parts), std::move(w), box, 0, out);
    return out;
}

MultiPolygon as_multi_polygon(const Geometry& g) {
    if (const auto* p = std::get_if<Polygon>(&g)) return MultiPolygon{*p};
    if (const auto* mp = std::get_if<MultiPolygon>(&g)) return *mp;
    return {};
}

std::optional<Point> place_of(const Geometry& g) {
    if (const auto* p = std::get_if<Point>(&g)) return *p;
    if (const auto* mp = std::get_if<MultiPoint>(&g); mp && !mp->empty()) return mp->front();
    if (auto poly = as_multi_polygon(g); !poly.empty()) return interior_point(poly);
    return std::nullopt;
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

namespace {

/// The circles that can matter to the union of many (200,000 hubs, every stop of a prefecture): a
/// grid over them, each cell owned by the lowest-numbered circle that covers it whole (its polygon:
/// the inscribed radius), and a circle is left out when every cell its disc meets has an owner other
/// than itself. It then lies inside the owners' circles, which are all kept, so the union is the same;
/// in a dense cluster only the owners and the circles near the union's edge remain.
std::vector<std::size_t> circles_that_matter(std::span<const Point> centres, std::span<const double> radii, int quadrant_segments) {
    std::vector<std::size_t> all;
    bool finite = true;
    for (std::size_t i = 0; i < centres.size(); ++i) {
        if (!(radii[i] > 0)) continue;
        all.push_back(i);
        finite = finite && std::isfinite(radii[i]) && std::isfinite(centres[i].x()) && std::isfinite(centres[i].y());
    }
    if (all.size() < 256 || !finite) return all;
    const double inscribed = std::cos(M_PI / (4.0 * std::max(1, quadrant_segments))) * (1 - 1e-9);
    Box box = empty_box();
    double r_min = INFINITY;
    for (const auto i : all) {
        const double r = radii[i];
        expand_box(box, Box{Point{centres[i].x() - r, centres[i].y() - r}, Point{centres[i].x() + r, centres[i].y() + r}});
        r_min = std::min(r_min, r);
    }
    const double w = box.max_corner().x() - box.min_corner().x(), h = box.max_corner().y() - box.min_corner().y();
    const double cell = std::max(r_min / 4, std::sqrt(w * h / 4e6));
    if (!(cell > 0)) return all;
    const double x0 = box.min_corner().x(), y0 = box.min_corner().y();
    const long nx = static_cast<long>(std::ceil(w / cell)) + 1, ny = static_cast<long>(std::ceil(h / cell)) + 1;
    std::vector<std::int32_t> owner(static_cast<std::size_t>(nx * ny), -1);
    auto range = [&](double lo, double hi, double origin, long n) {
        return std::pair<long, long>{std::clamp(static_cast<long>(std::floor((lo - origin) / cell)), 0L, n - 1),
                                     std::clamp(static_cast<long>(std::floor((hi - origin) / cell)), 0L, n - 1)};
    };
    for (const auto i : all) {
        const double cx = centres[i].x(), cy = centres[i].y(), r = radii[i] * inscribed, r2 = r * r;
        const auto [gx0, gx1] = range(cx - r, cx + r, x0, nx);
        const auto [gy0, gy1] = range(cy - r, cy + r, y0, ny);
        for (long gy = gy0; gy <= gy1; ++gy) {
            const double ya = y0 + static_cast<double>(gy) * cell - cy, yb = ya + cell;
            const double dy2 = std::max(ya * ya, yb * yb);
            for (long gx = gx0; gx <= gx1; ++gx) {
                const double xa = x0 + static_cast<double>(gx) * cell - cx, xb = xa + cell;
                auto& o = owner[static_cast<std::size_t>(gy * nx + gx)];
                if (o < 0 && std::max(xa * xa, xb * xb) + dy2 <= r2) o = static_cast<std::int32_t>(i);  // farthest corner inside
            }
        }
    }
    std::vector<std::size_t> kept;
    for (const auto i : all) {
        const double cx = centres[i].x(), cy = centres[i].y(), r = radii[i], r2 = r * r;
        const auto [gx0, gx1] = range(cx - r, cx + r, x0, nx);
        const auto [gy0, gy1] = range(cy - r, cy + r, y0, ny);
        bool needed = false;
        for (long gy = gy0; gy <= gy1 && !needed; ++gy) {
            const double ya = y0 + static_cast<double>(gy) * cell - cy, yb = ya + cell;
            const double dy = ya > 0 ? ya : (yb < 0 ? -yb : 0.0);
            for (long gx = gx0; gx <= gx1 && !needed; ++gx) {
                const double xa = x0 + static_cast<double>(gx) * cell - cx, xb = xa + cell;
                const double dx = xa > 0 ? xa : (xb < 0 ? -xb : 0.0);
                if (dx * dx + dy * dy > r2) continue;  // the disc does not reach this cell
                const auto o = owner[static_cast<std::size_t>(gy * nx + gx)];
                needed = o < 0 || o == static_cast<std::int32_t>(i);
            }
        }
        // Cells are closed, so a disc reaching past the grid's last row or column (rounding) is kept.
        if (needed || cx - r < x0 || cy - r < y0 || cx + r > x0 + static_cast<double>(nx) * cell || cy + r > y0 + static_cast<double>(ny) * cell)
            kept.push_back(i);
    }
    return kept;
}

}  // namespace

MultiPolygon buffer_points(std::span<const Point> centres, std::span<const double> radii, int quadrant_segments) {
    if (radii.size() != centres.size()) throw DataError("buffer_points: one radius per point is needed");
    const std::vector<std::size_t> which = circles_that_matter(centres, radii, quadrant_segments);
    // Every circle in one collection and one cascaded union: unioning per radius and then the
    // results (as two buffer_points calls would) merges the same edges twice.
    GEOSContextHandle_t ctx = context();
    detail::GeosBatch batch;
    for (const std::size_t i : which) {
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
