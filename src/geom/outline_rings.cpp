#include "geom/outline_rings.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"

namespace keniki::geom::detail {

namespace {

double signed_area(const std::vector<Point>& ring) {
    double sum = 0;
    for (std::size_t k = 0, n = ring.size(); k < n; ++k) {
        const Point& p = ring[k];
        const Point& q = ring[(k + 1) % n];
        sum += p.x() * q.y() - q.x() * p.y();
    }
    return sum / 2;
}

/// Drops the vertices of a closed ring that lie within `tolerance` of the chord between the vertices
/// kept on either side (every dropped vertex is checked against its final chord, so nothing drifts).
/// Runs are capped so that thinning stays linear.
void thin(std::vector<Point>& ring, double tolerance) {
    constexpr std::size_t k_max_run = 64;
    const std::size_t n = ring.size();
    if (n <= 4 || !(tolerance > 0)) return;
    auto near_chord = [&](std::size_t a, std::size_t e) {
        const Point& p = ring[a];
        const Point& q = ring[e % n];
        const double dx = q.x() - p.x(), dy = q.y() - p.y(), len = std::sqrt(dx * dx + dy * dy);
        if (len == 0) return false;
        for (std::size_t k = a + 1; k < e; ++k) {
            const double ex = ring[k].x() - p.x(), ey = ring[k].y() - p.y();
            const double along = (ex * dx + ey * dy) / len;
            if (along <= 0 || along >= len || std::abs(ex * dy - ey * dx) / len > tolerance) return false;
        }
        return true;
    };
    // Sized up front and written by index (reserve + push_back here trips GCC 12's bogus
    // -Wfree-nonheap-object).
    std::vector<Point> out(n);
    std::size_t kept = 0;
    out[kept++] = ring[0];
    std::size_t a = 0;
    while (a < n) {
        std::size_t e = a + 1;
        while (e < n && e + 1 - a <= k_max_run && near_chord(a, e + 1)) ++e;
        if (e < n) out[kept++] = ring[e];
        a = e;
    }
    if (kept < 4) return;
    out.resize(kept);
    ring.swap(out);
}

std::uint32_t find(std::vector<std::uint32_t>& parent, std::uint32_t x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

}  // namespace

MultiPolygon assemble_rings(std::vector<std::vector<Point>>& rings, std::vector<RowCrossing>& crossings, double tolerance, double cell,
                            double origin_x, double origin_y) {
    MultiPolygon out;
    // Nesting without point-in-polygon tests: along a grid row the crossings alternate between
    // entering and leaving the area (the row starts outside), so the rings crossed at the two ends of
    // each inside run bound the same connected piece of area, i.e. belong to the same polygon. Every
    // ring encloses a corner and so crosses the row through it: each ring is reached.
    std::sort(crossings.begin(), crossings.end(), [](const RowCrossing& a, const RowCrossing& b) { return a.key < b.key; });
    std::vector<std::uint32_t> parent(rings.size());
    std::iota(parent.begin(), parent.end(), 0u);
    for (std::size_t b = 0; b < crossings.size();) {
        std::size_t e = b;
        while (e < crossings.size() && crossings[e].key >> 32 == crossings[b].key >> 32) ++e;
        if ((e - b) % 2 != 0) throw DataError("line outline: a row crosses the outline an odd number of times (a bug)");
        for (std::size_t k = b; k < e; k += 2) parent[find(parent, crossings[k].ring)] = find(parent, crossings[k + 1].ring);
        b = e;
    }

    // One shell (counter-clockwise, as traced with the inside on the left) per piece; the rest are
    // its holes.
    std::vector<double> areas(rings.size());
    parallel_chunks(rings.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t r = b; r < e; ++r) {
            thin(rings[r], tolerance);
            areas[r] = signed_area(rings[r]);
        }
    }, 64);
    std::vector<std::int64_t> polygon_of(rings.size(), -1);
    for (std::uint32_t r = 0; r < rings.size(); ++r) {
        if (areas[r] <= 0) continue;
        auto& p = polygon_of[find(parent, r)];
        if (p >= 0) throw DataError("line outline: two shells in one piece (a bug)");
        p = static_cast<std::int64_t>(out.size());
        out.emplace_back();
    }
    auto metres = [&](const std::vector<Point>& ring, auto& to) {
        to.reserve(ring.size() + 1);
        for (const Point& p : ring) to.emplace_back(origin_x + p.x() * cell, origin_y + p.y() * cell);
        to.push_back(to.front());
    };
    for (std::uint32_t r = 0; r < rings.size(); ++r) {
        const std::int64_t p = polygon_of[find(parent, r)];
        if (p < 0) throw DataError("line outline: a hole outside every shell (a bug)");
        Polygon& poly = out[static_cast<std::size_t>(p)];
        if (areas[r] > 0) {
            metres(rings[r], poly.outer());
        } else {
            poly.inners().emplace_back();
            metres(rings[r], poly.inners().back());
        }
    }
    return out;
}

}  // namespace keniki::geom::detail
