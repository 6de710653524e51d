#include "keniki/network/snap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"

namespace keniki::network {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// True when the segment a-b has a point in the rectangle [x0, x1] x [y0, y1] (Liang–Barsky).
bool touches(const Point& a, const Point& b, double x0, double y0, double x1, double y1) {
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - x0, x1 - a.x(), a.y() - y0, y1 - a.y()};
    double t0 = 0, t1 = 1;
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] < 0) return false;
            continue;
        }
        const double r = q[k] / p[k];
        if (p[k] < 0) {
            if (r > t1) return false;
            t0 = std::max(t0, r);
        } else {
            if (r < t0) return false;
            t1 = std::min(t1, r);
        }
    }
    return true;
}

}  // namespace

/// A uniform grid over the segments of every edge line: each segment is listed in every cell it
/// passes through (cells widened by a small margin, so that rounding never leaves one out). A query
/// visits the cells in square rings around the point's cell and stops when everything not yet
/// visited is farther than the best segment found: the exact nearest segment, like a search of
/// every segment, at a few cells per point. No allocation per query.
struct Snapper::Impl {
    std::vector<EdgeId> point_edge;    ///< edge of each point of RoadNetwork::points
    std::vector<double> point_offset;  ///< distance along its edge's line from u

    double x0 = 0, y0 = 0;  ///< lower left corner of cell (0, 0)
    double cell = 1;        ///< side of a cell, metres
    double margin = 0;      ///< cells are widened by this for listing segments and for pruning
    std::int64_t nx = 0, ny = 0;
    std::vector<std::uint32_t> first;    ///< per cell (row-major) + 1: its entries are [first[c], first[c + 1])
    std::vector<std::uint32_t> segment;  ///< index of the first point of each listed segment

    /// The cell column / row of a coordinate, clamped to the grid (in floating point first: a far-off
    /// coordinate must not overflow the conversion).
    std::int64_t column(double x) const { return static_cast<std::int64_t>(std::clamp(std::floor((x - x0) / cell), 0.0, static_cast<double>(nx - 1))); }
    std::int64_t row(double y) const { return static_cast<std::int64_t>(std::clamp(std::floor((y - y0) / cell), 0.0, static_cast<double>(ny - 1))); }
    /// Squared distance from p to the cells [i0, i1] x [j0, j1] (inclusive), widened by `widen`.
    double cells_d2(const Point& p, std::int64_t i0, std::int64_t j0, std::int64_t i1, std::int64_t j1, double widen) const {
        const double rx0 = x0 + static_cast<double>(i0) * cell - widen, rx1 = x0 + static_cast<double>(i1 + 1) * cell + widen;
        const double ry0 = y0 + static_cast<double>(j0) * cell - widen, ry1 = y0 + static_cast<double>(j1 + 1) * cell + widen;
        const double dx = p.x() < rx0 ? rx0 - p.x() : (p.x() > rx1 ? p.x() - rx1 : 0.0);
        const double dy = p.y() < ry0 ? ry0 - p.y() : (p.y() > ry1 ? p.y() - ry1 : 0.0);
        return dx * dx + dy * dy;
    }
};

Snapper::Snapper(const RoadNetwork& network) : m_network(&network), m_impl(std::make_unique<Impl>()) {
    const auto& pts = network.points;
    Impl& g = *m_impl;
    g.point_edge.resize(pts.size());
    g.point_offset.resize(pts.size());
    std::vector<std::uint32_t> segments;
    segments.reserve(pts.size());
    double min_x = k_inf, min_y = k_inf, max_x = -k_inf, max_y = -k_inf;
    for (EdgeId e = 0; e < network.edge_count(); ++e) {
        const std::uint32_t b = network.edge_first_point[e], end = network.edge_first_point[e + 1];
        // Offsets scaled so that the last point sits at the edge's length (a length field may differ
        // from the measured one).
        double measured = 0;
        for (std::uint32_t i = b; i < end; ++i) {
            if (i > b) measured += std::hypot(pts[i].x() - pts[i - 1].x(), pts[i].y() - pts[i - 1].y());
            g.point_edge[i] = e;
            g.point_offset[i] = measured;
        }
        const double scale = measured > 0 ? network.edge_length_m[e] / measured : 0;
        for (std::uint32_t i = b; i < end; ++i) g.point_offset[i] *= scale;
        for (std::uint32_t i = b; i + 1 < end; ++i) {
            segments.push_back(i);
            for (const Point& q : {pts[i], pts[i + 1]}) {
                min_x = std::min(min_x, q.x());
                min_y = std::min(min_y, q.y());
                max_x = std::max(max_x, q.x());
                max_y = std::max(max_y, q.y());
            }
        }
    }
    if (segments.empty() || !std::isfinite(min_x) || !std::isfinite(min_y) || !std::isfinite(max_x) || !std::isfinite(max_y)) {
        segments.clear();
        return;
    }

    // About two cells per segment (a few segments to test per point on real roads); at most
    // 3 x target + 1 cells whatever the extent's shape.
    const double w = max_x - min_x, h = max_y - min_y, target = 2.0 * static_cast<double>(segments.size());
    g.cell = std::max({std::sqrt(w * h / target), std::max(w, h) / target, 1e-6});
    g.margin = 1e-6 * g.cell + 1e-6;
    g.x0 = min_x;
    g.y0 = min_y;
    g.nx = static_cast<std::int64_t>(std::floor(w / g.cell)) + 1;
    g.ny = static_cast<std::int64_t>(std::floor(h / g.cell)) + 1;

    // Two passes over the segments' cells: count, then fill.
    auto each_cell = [&](std::uint32_t i, auto&& fn) {
        const Point& a = pts[i];
        const Point& b = pts[i + 1];
        const std::int64_t i0 = g.column(std::min(a.x(), b.x()) - g.margin), i1 = g.column(std::max(a.x(), b.x()) + g.margin);
        const std::int64_t j0 = g.row(std::min(a.y(), b.y()) - g.margin), j1 = g.row(std::max(a.y(), b.y()) + g.margin);
        const bool line_of_cells = i0 == i1 || j0 == j1;  // then the segment passes through every one of them
        for (std::int64_t j = j0; j <= j1; ++j) {
            for (std::int64_t c = i0; c <= i1; ++c) {
                if (line_of_cells ||
                    touches(a, b, g.x0 + static_cast<double>(c) * g.cell - g.margin, g.y0 + static_cast<double>(j) * g.cell - g.margin,
                            g.x0 + static_cast<double>(c + 1) * g.cell + g.margin, g.y0 + static_cast<double>(j + 1) * g.cell + g.margin))
                    fn(static_cast<std::size_t>(j * g.nx + c));
            }
        }
    };
    std::vector<std::uint64_t> count(static_cast<std::size_t>(g.nx * g.ny) + 1, 0);
    for (const std::uint32_t i : segments) each_cell(i, [&](std::size_t c) { ++count[c + 1]; });
    for (std::size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    if (count.back() >= std::numeric_limits<std::uint32_t>::max())
        throw DataError("road network too large to index for snapping (" + std::to_string(count.back()) + " grid entries)");
    g.first.assign(count.begin(), count.end());
    g.segment.resize(count.back());
    std::vector<std::uint32_t> next(g.first.begin(), g.first.end() - 1);
    for (const std::uint32_t i : segments) each_cell(i, [&](std::size_t c) { g.segment[next[c]++] = i; });
}

Snapper::~Snapper() = default;
Snapper::Snapper(Snapper&&) noexcept = default;
Snapper& Snapper::operator=(Snapper&&) noexcept = default;

Snap Snapper::snap(const Point& p, double max_distance_m) const {
    Snap best;
    const Impl& g = *m_impl;
    if (g.segment.empty() || !(max_distance_m >= 0) || !std::isfinite(p.x()) || !std::isfinite(p.y())) return best;
    const auto& pts = m_network->points;
    const double limit_d2 = max_distance_m * max_distance_m;
    double best_d2 = k_inf;
    std::uint32_t best_point = 0;
    double best_t = 0;
    bool found = false;

    // Every segment listed in a cell; on equal distances the smaller edge index, then the smaller
    // point index, so the result does not depend on the order the cells are visited in.
    auto visit = [&](std::int64_t ci, std::int64_t cj) {
        const double cell_d2 = g.cells_d2(p, ci, cj, ci, cj, g.margin);
        if (cell_d2 > best_d2 || cell_d2 > limit_d2) return;
        const auto c = static_cast<std::size_t>(cj * g.nx + ci);
        for (std::uint32_t k = g.first[c]; k < g.first[c + 1]; ++k) {
            const std::uint32_t i = g.segment[k];
            const Point& a = pts[i];
            const Point& b = pts[i + 1];
            const double dx = b.x() - a.x(), dy = b.y() - a.y();
            const double len2 = dx * dx + dy * dy;
            const double t = len2 > 0 ? std::clamp(((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2, 0.0, 1.0) : 0.0;
            const double qx = a.x() + t * dx, qy = a.y() + t * dy;
            const double d2 = (p.x() - qx) * (p.x() - qx) + (p.y() - qy) * (p.y() - qy);
            if (d2 > best_d2 || d2 > limit_d2) continue;
            if (found && d2 == best_d2) {
                const EdgeId e = g.point_edge[i], best_e = g.point_edge[best_point];
                if (!(e < best_e || (e == best_e && i < best_point))) continue;
            }
            best_d2 = d2;
            best_point = i;
            best_t = t;
            found = true;
        }
    };
    const std::int64_t cx = g.column(p.x()), cy = g.row(p.y());
    for (std::int64_t r = 0;; ++r) {
        const std::int64_t i_lo = std::max<std::int64_t>(0, cx - r), i_hi = std::min(g.nx - 1, cx + r);
        const std::int64_t j_lo = std::max<std::int64_t>(0, cy - r), j_hi = std::min(g.ny - 1, cy + r);
        if (r == 0) {
            visit(cx, cy);
        } else {
            if (cy - r >= 0) {
                for (std::int64_t i = i_lo; i <= i_hi; ++i) visit(i, cy - r);
            }
            if (cy + r < g.ny) {
                for (std::int64_t i = i_lo; i <= i_hi; ++i) visit(i, cy + r);
            }
            const std::int64_t inner_lo = std::max<std::int64_t>(0, cy - r + 1), inner_hi = std::min(g.ny - 1, cy + r - 1);
            if (cx - r >= 0) {
                for (std::int64_t j = inner_lo; j <= inner_hi; ++j) visit(cx - r, j);
            }
            if (cx + r < g.nx) {
                for (std::int64_t j = inner_lo; j <= inner_hi; ++j) visit(cx + r, j);
            }
        }
        // What is left unvisited: up to four strips of cells around the visited square. A segment
        // listed in none of the visited cells lies in them (by more than the margin).
        double left_d2 = k_inf;
        if (i_lo > 0) left_d2 = std::min(left_d2, g.cells_d2(p, 0, 0, i_lo - 1, g.ny - 1, 0));
        if (i_hi < g.nx - 1) left_d2 = std::min(left_d2, g.cells_d2(p, i_hi + 1, 0, g.nx - 1, g.ny - 1, 0));
        if (j_lo > 0) left_d2 = std::min(left_d2, g.cells_d2(p, i_lo, 0, i_hi, j_lo - 1, 0));
        if (j_hi < g.ny - 1) left_d2 = std::min(left_d2, g.cells_d2(p, i_lo, j_hi + 1, i_hi, g.ny - 1, 0));
        if (left_d2 == k_inf || left_d2 > best_d2 || left_d2 > limit_d2) break;
    }
    if (!found) return best;
    const Point& a = pts[best_point];
    const Point& b = pts[best_point + 1];
    best.edge = g.point_edge[best_point];
    best.on_road = Point{a.x() + best_t * (b.x() - a.x()), a.y() + best_t * (b.y() - a.y())};
    best.offset_m = g.point_offset[best_point] + best_t * (g.point_offset[best_point + 1] - g.point_offset[best_point]);
    best.offset_m = std::clamp(best.offset_m, 0.0, m_network->edge_length_m[best.edge]);
    best.access_m = std::sqrt(best_d2);
    return best;
}

std::vector<Snap> Snapper::snap_all(std::span<const Point> points, double max_distance_m) const {
    std::vector<Snap> out(points.size());
    parallel_chunks(points.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) out[i] = snap(points[i], max_distance_m);
    }, 4096);
    return out;
}

}  // namespace keniki::network
