#include "keniki/geom/buffer_lines.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "geom/geos_handle.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/line_outline.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::geom {

namespace {

using detail::checked;
using detail::context;
using detail::GeosBatch;
using detail::GeosGeometryPtr;
using detail::own;

/// A collection that owns `parts` (moved into it).
GeosGeometryPtr collection(std::vector<GeosGeometryPtr>& parts, int type) {
    GeosBatch batch;
    for (auto& p : parts) batch.push(std::move(p));
    parts.clear();
    return batch.collect(type);
}

GeosGeometryPtr line_of(const LineString& l) {
    GEOSContextHandle_t ctx = context();
    std::vector<double> xy;
    xy.reserve(l.size() * 2);
    for (const auto& p : l) {
        xy.push_back(p.x());
        xy.push_back(p.y());
    }
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(ctx, xy.data(), static_cast<unsigned>(l.size()), 0, 0);
    if (seq == nullptr) throw DataError("GEOS could not copy a line: " + detail::last_geos_message());
    if (l.size() == 1) return checked(GEOSGeom_createPoint_r(ctx, seq), "point");
    return checked(GEOSGeom_createLineString_r(ctx, seq), "line");
}

MultiPolygon polygonal(const GEOSGeometry* g) { return as_multi_polygon(detail::from_geos(g)); }

}  // namespace

namespace {

/// Union of slots [b, e) of `items` (taken over; the slots are emptied). Runs on the calling
/// thread's context.
GeosGeometryPtr union_of(GeosBatch& items, std::size_t b, std::size_t e) {
    const GeosGeometryPtr all = items.collect(GEOS_GEOMETRYCOLLECTION, b, e);
    return checked(GEOSUnaryUnion_r(context(), all.get()), "union");
}

/// Runs fn(b, e) over chunks in parallel, rethrowing the first exception on this thread.
template <typename Fn>
void parallel_checked(std::size_t n, std::size_t min_chunk, Fn&& fn) {
    std::mutex m;
    std::exception_ptr error;
    parallel_chunks(
        n,
        [&](std::size_t b, std::size_t e) {
            try {
                fn(b, e);
            } catch (...) {
                const std::lock_guard lock(m);
                if (!error) error = std::current_exception();
            }
        },
        min_chunk);
    if (error) std::rethrow_exception(error);
}

}  // namespace

MultiPolygon buffer_lines(std::span<const LineString> lines, double distance, int quadrant_segments) {
    if (lines.empty() || !(distance > 0)) return {};
    // Each line buffered on its own (in parallel), then unioned tile by tile (in parallel: a tile
    // takes the buffers whose boxes centre in it, so tiles may overlap and nothing is clipped), then
    // the tiles' unions unioned. On a 30-minute drive over 11,000 road stretches this takes a third of
    // the time of one cascaded union of all buffers, and buffering the collection at once is 20 times
    // slower still. Geometries made on a worker's GEOS context are plain objects of the default
    // factory, so they outlive that context and are destroyed here.
    GeosBatch buffers(lines.size());
    parallel_checked(lines.size(), 512, [&](std::size_t b, std::size_t e) {
        GEOSContextHandle_t ctx = context();
        for (std::size_t i = b; i < e; ++i) {
            if (lines[i].empty()) continue;
            GeosGeometryPtr g = line_of(lines[i]);
            buffers.set(i, checked(GEOSBuffer_r(ctx, g.get(), distance, quadrant_segments), "buffer"));
        }
    });
    GEOSContextHandle_t ctx = context();
    buffers.compact();
    const std::size_t n = buffers.size();
    if (n == 0) return {};
    constexpr std::size_t k_per_tile = 64;
    if (n <= 4 * k_per_tile) return polygonal(union_of(buffers, 0, n).get());

    // Tiles of about k_per_tile buffers over the extent.
    std::vector<std::array<double, 2>> centre(n);
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (std::size_t i = 0; i < n; ++i) {
        double a = 0, b = 0, c = 0, d = 0;
        GEOSGeom_getXMin_r(ctx, buffers[i], &a);
        GEOSGeom_getYMin_r(ctx, buffers[i], &b);
        GEOSGeom_getXMax_r(ctx, buffers[i], &c);
        GEOSGeom_getYMax_r(ctx, buffers[i], &d);
        centre[i] = {(a + c) / 2, (b + d) / 2};
        x0 = std::min(x0, a);
        y0 = std::min(y0, b);
        x1 = std::max(x1, c);
        y1 = std::max(y1, d);
    }
    const double side = std::max(4 * distance, std::sqrt((x1 - x0) * (y1 - y0) * static_cast<double>(k_per_tile) / static_cast<double>(n)));
    std::vector<std::pair<std::uint64_t, std::size_t>> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto tx = static_cast<std::uint64_t>((centre[i][0] - x0) / side), ty = static_cast<std::uint64_t>((centre[i][1] - y0) / side);
        order[i] = {(tx << 32) | ty, i};
    }
    std::sort(order.begin(), order.end());
    std::vector<std::size_t> sorted(n);
    for (std::size_t i = 0; i < n; ++i) sorted[i] = order[i].second;
    buffers.reorder(sorted);
    std::vector<std::size_t> tile_start;
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || order[i].first != order[i - 1].first) tile_start.push_back(i);
    }
    tile_start.push_back(n);

    GeosBatch tiles(tile_start.size() - 1);
    parallel_checked(tiles.size(), 1, [&](std::size_t b, std::size_t e) {
        for (std::size_t t = b; t < e; ++t) tiles.set(t, union_of(buffers, tile_start[t], tile_start[t + 1]));
    });
    return polygonal(union_of(tiles, 0, tiles.size()).get());
}

MultiPolygon buffer_lines(std::span<const LineString> lines, double distance, const BufferLinesOptions& options) {
    if (options.method == LineBuffer::exact) return buffer_lines(lines, distance, options.quadrant_segments);
    OutlineOptions outline;
    outline.cell_m = options.cell_m;
    outline.quadrant_segments = options.quadrant_segments;
    return outline_lines(lines, distance, outline);
}

std::vector<MultiPolygon> split_by_nearest_lines(const MultiPolygon& area, std::span<const std::vector<LineString>> groups, double spacing) {
    namespace bg = boost::geometry;
    namespace bgi = boost::geometry::index;
    std::vector<MultiPolygon> out(groups.size());
    if (area.empty() || groups.empty()) return out;
    if (!(spacing > 0)) throw DataError("split_by_nearest_lines: spacing must be > 0");

    // Sites: every vertex, and points every `spacing` along each segment, labelled by group.
    using Site = std::pair<Point, std::uint32_t>;
    std::vector<Site> sites;
    std::vector<std::size_t> used_groups;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::size_t before = sites.size();
        for (const LineString& l : groups[g]) {
            for (std::size_t i = 0; i < l.size(); ++i) {
                sites.emplace_back(l[i], static_cast<std::uint32_t>(g));
                if (i + 1 == l.size()) break;
                const double dx = l[i + 1].x() - l[i].x(), dy = l[i + 1].y() - l[i].y();
                const int steps = static_cast<int>(std::floor(std::hypot(dx, dy) / spacing));
                for (int k = 1; k <= steps; ++k) {
                    const double t = k * spacing / std::hypot(dx, dy);
                    if (t >= 1) break;
                    sites.emplace_back(Point{l[i].x() + t * dx, l[i].y() + t * dy}, static_cast<std::uint32_t>(g));
                }
            }
        }
        if (sites.size() > before) used_groups.push_back(g);
    }
    if (used_groups.empty()) return out;
    if (used_groups.size() == 1) {
        out[used_groups.front()] = area;
        return out;
    }

    GEOSContextHandle_t ctx = context();
    const bgi::rtree<Site, bgi::rstar<16>> index(sites.begin(), sites.end());
    std::vector<GeosGeometryPtr> points;
    points.reserve(sites.size());
    for (const auto& s : sites) points.push_back(checked(GEOSGeom_createPointFromXY_r(ctx, s.first.x(), s.first.y()), "point"));
    GeosGeometryPtr multipoint = collection(points, GEOS_MULTIPOINT);
    GeosGeometryPtr region = detail::to_geos(Geometry{area});
    GeosGeometryPtr cells = checked(GEOSVoronoiDiagram_r(ctx, multipoint.get(), region.get(), 0.0, 0), "Voronoi diagram");

    // Each cell belongs to its site: the site nearest to any point inside the cell, e.g. its centroid.
    std::vector<std::vector<GeosGeometryPtr>> by_group(groups.size());
    const int n = GEOSGetNumGeometries_r(ctx, cells.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, cells.get(), i);
        GeosGeometryPtr c = checked(GEOSGetCentroid_r(ctx, cell), "centroid");
        double x = 0, y = 0;
        if (GEOSisEmpty_r(ctx, c.get()) || !GEOSGeomGetX_r(ctx, c.get(), &x) || !GEOSGeomGetY_r(ctx, c.get(), &y)) continue;
        std::vector<Site> hit;
        index.query(bgi::nearest(Point{x, y}, 1), std::back_inserter(hit));
        if (hit.empty()) continue;
        by_group[hit.front().second].push_back(checked(GEOSGeom_clone_r(ctx, cell), "clone"));
    }
    // Voronoi cells are edge-matched, so each group's cells merge as a coverage (fast, and no
    // topology exceptions); a snapped overlay on a 1 mm grid is the fallback.
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (by_group[g].empty()) continue;
        GeosGeometryPtr all = collection(by_group[g], GEOS_GEOMETRYCOLLECTION);
        GEOSGeometry* merged = GEOSCoverageUnion_r(ctx, all.get());
        if (merged == nullptr) merged = GEOSUnaryUnionPrec_r(ctx, all.get(), 1e-3);
        GeosGeometryPtr part = checked(merged, "union");
        GEOSGeometry* clipped = GEOSIntersection_r(ctx, part.get(), region.get());
        if (clipped == nullptr) clipped = GEOSIntersectionPrec_r(ctx, part.get(), region.get(), 1e-3);
        out[g] = polygonal(checked(clipped, "intersection").get());
    }
    return out;
}

}  // namespace keniki::geom
