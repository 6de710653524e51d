#include "geom/distance_field.hpp"

#include <algorithm>
#include <cmath>
#include <thread>
#include <utility>

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"

namespace keniki::geom::detail {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// One segment's share of the grid, rows at a time. A segment whose line goes on past b leaves the
/// corners beyond b (projection past its end) to the next segment: there the next one is at least as
/// near (b is on it), so the minimum is unchanged and the half disc at every inner vertex is not
/// computed twice. With the short segments of road lines that saves about a third of the work.
struct Band {
    double ax, ay, dx, dy, len, len2, inv_dx, inv_dy;
    bool disc_b;
    Band(double ax_, double ay_, double bx, double by, bool with_disc_b)
        : ax(ax_), ay(ay_), dx(bx - ax_), dy(by - ay_), len(std::sqrt(dx * dx + dy * dy)), len2(dx * dx + dy * dy),
          inv_dx(dx != 0 ? 1 / dx : 0), inv_dy(dy != 0 ? 1 / dy : 0), disc_b(with_disc_b) {}

    /// x range of row y within r of the whole segment (both discs), absolute; false when none.
    bool full_slice(double y, double r, double& lo, double& hi) const {
        double a0 = 0, a1 = 0;
        const bool has_along = along(y - ay, a0, a1);
        if (!slice(y - ay, r, has_along, a0, a1, lo, hi)) return false;
        lo += ax;
        hi += ax;
        return true;
    }

    /// The corners' x range, relative to ax, where the projection falls on the segment (t in [0, 1]).
    bool along(double py, double& u0, double& u1) const {
        if (len2 == 0) return false;
        if (dx == 0) {
            u0 = -k_inf;
            u1 = k_inf;
            return py * dy >= 0 && py * dy <= len2;
        }
        u0 = -py * dy * inv_dx;
        u1 = (len2 - py * dy) * inv_dx;
        if (u0 > u1) std::swap(u0, u1);
        return true;
    }

    /// The x range, relative to ax, of row py (relative to ay) within r of the segment (and, without
    /// disc_b, not past b): one interval, as the region is convex, spanned by the slices of the disc
    /// at a, the rectangle along the segment and the disc at b.
    bool slice(double py, double r, bool has_along, double a0, double a1, double& lo, double& hi) const {
        lo = k_inf;
        hi = -k_inf;
        if (const double h2 = r * r - py * py; h2 >= 0) {
            const double h = std::sqrt(h2);
            lo = -h;
            hi = h;
        }
        if (disc_b) {
            const double qy = py - dy;
            if (const double h2 = r * r - qy * qy; h2 >= 0) {
                const double h = std::sqrt(h2);
                lo = std::min(lo, dx - h);
                hi = std::max(hi, dx + h);
            }
        }
        if (has_along) {
            // |dx * py - dy * u| <= r * len
            double c0 = a0, c1 = a1;
            if (dy != 0) {
                double v0 = (dx * py - r * len) * inv_dy, v1 = (dx * py + r * len) * inv_dy;
                if (v0 > v1) std::swap(v0, v1);
                c0 = std::max(c0, v0);
                c1 = std::min(c1, v1);
            } else if (std::abs(dx * py) > r * len) {
                c1 = -k_inf;
            }
            if (c0 <= c1) {
                lo = std::min(lo, c0);
                hi = std::max(hi, c1);
            }
        }
        return lo <= hi;
    }
};

/// The hot loop: n corners of a row from x = px0, y = py relative to the segment's start. Every
/// value comes by copy, so none is reloaded after the stores (they could alias a reference).
void exact_run(float* row, std::uint32_t* nearest, int n, float px0, float py, float dx, float dy, float inv_len2, std::uint32_t id) {
    const float py_dy = py * dy;
    for (int k = 0; k < n; ++k) {
        const float px = px0 + static_cast<float>(k);
        float t = (px * dx + py_dy) * inv_len2;
        t = t < 0.f ? 0.f : t;
        t = t > 1.f ? 1.f : t;
        const float ex = px - t * dx, ey = py - t * dy;
        const float d2 = ex * ex + ey * ey;
        const bool nearer = d2 < row[k];
        row[k] = nearer ? d2 : row[k];
        nearest[k] = nearer ? id : nearest[k];
    }
}

}  // namespace

DistanceField::DistanceField(std::span<const LineString> lines, double cell, double radius, double max_corners)
    : m_cell(cell), m_radius(radius) {
    const double reach = radius + k_margin_out;
    double x0 = k_inf, y0 = k_inf, x1 = -k_inf, y1 = -k_inf;
    for (const LineString& l : lines) {
        for (const Point& p : l) {
            if (!std::isfinite(p.x()) || !std::isfinite(p.y())) throw DataError("line outline: a line has a non-finite coordinate");
            x0 = std::min(x0, p.x());
            y0 = std::min(y0, p.y());
            x1 = std::max(x1, p.x());
            y1 = std::max(y1, p.y());
        }
    }
    if (!(x0 <= x1) || !(y0 <= y1) || !(cell > 0) || !(radius > 0)) return;
    // One spare corner beyond the reach on every side, so that every cell with a corner in reach has
    // all four corners on the grid.
    m_origin_i = static_cast<std::int64_t>(std::floor(x0 / cell - reach)) - 1;
    m_origin_j = static_cast<std::int64_t>(std::floor(y0 / cell - reach)) - 1;
    const double w = std::ceil(x1 / cell + reach) + 2 - static_cast<double>(m_origin_i);
    const double h = std::ceil(y1 / cell + reach) + 2 - static_cast<double>(m_origin_j);
    const double tiles = std::ceil(w / k_tile) * std::ceil(h / k_tile);
    if (w > (1 << 20) || h > (1 << 20) || tiles > (1 << 22)) {
        // Too wide a grid even to index its tiles (the tile index and the per-row counts below grow
        // with the box, not with the lines: 16 MB and 8 MB at these limits): over any budget, and
        // no cell size derived from the box would do, since the lines may be few and far apart.
        m_corners_needed = std::numeric_limits<double>::infinity();
        if (max_corners > 0) return;
        throw DataError("line outline: " + std::to_string(w) + " x " + std::to_string(h) + " cells of " + std::to_string(cell) +
                        " m are too many; use a larger cell");
    }
    m_width = static_cast<int>(w);
    m_height = static_cast<int>(h);
    m_tiles_x = (m_width + k_tile - 1) / k_tile;
    m_tiles_y = (m_height + k_tile - 1) / k_tile;

    // Segments in cell units relative to corner (0, 0): small numbers, so no precision is lost to
    // the metres of a national grid. A point (or a one-point line) is a segment of length zero.
    std::vector<Segment>& segments = m_segments;
    const double ox = static_cast<double>(m_origin_i), oy = static_cast<double>(m_origin_j);
    for (const LineString& l : lines) {
        for (std::size_t k = 0; k < l.size(); ++k) {
            const Point& a = l[k];
            const Point& b = l.size() == 1 ? l[k] : l[k + 1];
            const bool last = l.size() == 1 || k + 2 == l.size();
            segments.push_back(Segment{a.x() / cell - ox, a.y() / cell - oy, b.x() / cell - ox, b.y() / cell - oy, !last});
            if (last) break;
        }
    }
    mark_tiles(segments);
    m_corners_needed = static_cast<double>(m_tile_count) * k_tile * k_tile;
    if (max_corners > 0 && m_corners_needed > max_corners) {
        m_width = m_height = 0;  // over budget: left empty for the caller to retry with larger cells
        return;
    }
    // Both uninitialised here: the values are filled in parallel below (the first touch also places
    // the pages); the nearest segments are only ever read where the exact loop wrote them.
    m_values.reset(new float[m_tile_count * k_tile * k_tile]);
    m_nearest.reset(new std::uint32_t[m_tile_count * k_tile * k_tile]);

    // The values start at k_far, filled in parallel (tiles are numbered row of tiles by row of
    // tiles, so a chunk of slots is a run of whole tiles; the first touch also places the pages).
    const std::size_t per_tile = static_cast<std::size_t>(k_tile) * k_tile;
    parallel_chunks(
        m_tile_count, [&](std::size_t b, std::size_t e) { std::fill(m_values.get() + b * per_tile, m_values.get() + e * per_tile, k_far); },
        16);

    // Rows of corners split between the threads by the work in them (the segments crossing each row:
    // a city centre is much denser than its edges). Threads never write to the same corner, and
    // every thread reads all segments, skipping those outside its rows.
    std::vector<std::int64_t> per_row(static_cast<std::size_t>(m_height) + 1, 0);
    const double outer = m_radius + k_margin_out;
    for (const Segment& s : segments) {
        const int j0 = std::max(0, static_cast<int>(std::ceil(std::min(s.ay, s.by) - outer)));
        const int j1 = std::min(m_height - 1, static_cast<int>(std::floor(std::max(s.ay, s.by) + outer)));
        if (j0 > j1) continue;
        ++per_row[j0];
        --per_row[j1 + 1];
    }
    std::int64_t total = 0, running = 0;
    for (int j = 0; j < m_height; ++j) total += (running += per_row[j]);
    const std::size_t parts = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    std::vector<int> bounds = {0};
    std::int64_t sum = 0;
    running = 0;
    for (int j = 0; j < m_height; ++j) {
        sum += (running += per_row[j]);
        if (bounds.size() < parts && sum * static_cast<std::int64_t>(parts) >= total * static_cast<std::int64_t>(bounds.size()) && j + 1 < m_height)
            bounds.push_back(j + 1);
    }
    bounds.push_back(m_height);
    parallel_chunks(
        bounds.size() - 1,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t p = b; p < e; ++p) rasterise(segments, bounds[p], bounds[p + 1]);
        },
        1);
}

void DistanceField::mark_tiles(std::span<const Segment> segments) {
    const double reach = m_radius + k_margin_out;
    m_slot.assign(static_cast<std::size_t>(m_tiles_x) * m_tiles_y, -1);
    for (const Segment& s : segments) {
        const int tx0 = static_cast<int>(std::max(0.0, std::floor(std::min(s.ax, s.bx) - reach))) >> k_shift;
        const int ty0 = static_cast<int>(std::max(0.0, std::floor(std::min(s.ay, s.by) - reach))) >> k_shift;
        const int tx1 = std::min(m_width - 1, static_cast<int>(std::ceil(std::max(s.ax, s.bx) + reach))) >> k_shift;
        const int ty1 = std::min(m_height - 1, static_cast<int>(std::ceil(std::max(s.ay, s.by) + reach))) >> k_shift;
        for (int ty = ty0; ty <= ty1; ++ty) {
            for (int tx = tx0; tx <= tx1; ++tx) m_slot[static_cast<std::size_t>(ty) * m_tiles_x + tx] = 0;
        }
    }
    m_tile_count = 0;
    for (auto& s : m_slot) {
        if (s == 0) s = static_cast<std::int32_t>(m_tile_count++);
        else s = -1;
    }
}

void DistanceField::rasterise(std::span<const Segment> segments, int row_begin, int row_end) {
    const double outer = m_radius + k_margin_out, inner = m_radius - k_margin_in;
    for (const Segment& s : segments) {
        const int j0 = std::max(row_begin, static_cast<int>(std::ceil(std::min(s.ay, s.by) - outer)));
        const int j1 = std::min(row_end - 1, static_cast<int>(std::floor(std::max(s.ay, s.by) + outer)));
        if (j0 > j1) continue;
        const Band band(s.ax, s.ay, s.bx, s.by, !s.open_end);
        const auto id = static_cast<std::uint32_t>(&s - segments.data());
        // Single precision in the hot loop: coordinates relative to the segment are a few hundred
        // cells at most, so distances come out to about 1e-5 cell.
        const float fdx = static_cast<float>(band.dx), fdy = static_cast<float>(band.dy);
        const float inv_len2 = band.len2 > 0 ? static_cast<float>(1 / band.len2) : 0.f;
        for (int j = j0; j <= j1; ++j) {
            const double py = j - s.ay;
            double a0 = 0, a1 = 0, lo = 0, hi = 0;
            const bool has_along = band.along(py, a0, a1);
            if (!band.slice(py, outer, has_along, a0, a1, lo, hi)) continue;
            const int i0 = std::max(0, static_cast<int>(std::ceil(s.ax + lo)));
            const int i1 = std::min(m_width - 1, static_cast<int>(std::floor(s.ax + hi)));
            // Corners deep inside (within radius - 1 of the segment) only need to be inside: every
            // neighbour is, so no crossing or saddle ever reads their value. They get 0 without the
            // arithmetic, which leaves about half of each row to compute.
            int d0 = i1 + 1, d1 = i1;
            if (inner > 0 && band.slice(py, inner, has_along, a0, a1, lo, hi)) {
                d0 = std::max(i0, static_cast<int>(std::ceil(s.ax + lo)));
                d1 = std::min(i1, static_cast<int>(std::floor(s.ax + hi)));
                if (d0 > d1) d0 = i1 + 1, d1 = i1;
            }
            const float fpy = static_cast<float>(py);
            auto exact = [&](int from, int to) {  // [from, to)
                for (int i = from; i < to;) {
                    const int end = std::min(to, (i | (k_tile - 1)) + 1);
                    const std::size_t at = offset(i, j);
                    exact_run(m_values.get() + at, m_nearest.get() + at, end - i, static_cast<float>(i - s.ax), fpy, fdx, fdy, inv_len2, id);
                    i = end;
                }
            };
            exact(i0, std::min(d0, i1 + 1));
            for (int i = d0; i <= d1;) {
                const int end = std::min(d1 + 1, (i | (k_tile - 1)) + 1);
                float* row = m_values.get() + offset(i, j);
                std::fill(row, row + (end - i), 0.f);
                i = end;
            }
            exact(std::max(i0, d1 + 1), i1 + 1);
        }
    }
}

DistanceField::Crossing DistanceField::crossing(int i, int j, bool vertical, double radius) const {
    const int i1 = vertical ? i : i + 1, j1 = vertical ? j + 1 : j;
    const float q0 = squared(i, j), q1 = squared(i1, j1);
    const bool first_inside = static_cast<double>(q0) < radius * radius;  // as the tracer classifies
    // Linear interpolation of the distance as the fallback (exact along a straight side anyway).
    const double d0 = std::sqrt(double{q0}), d1 = std::sqrt(double{q1});
    double t = (radius - d0) / (d1 - d0);
    // The edge as a grid row: transpose a vertical edge's segments.
    auto run = [&](std::uint32_t id, double& lo, double& hi) {
        const Segment& s = m_segments[id];
        const Band b = vertical ? Band(s.ay, s.ax, s.by, s.bx, true) : Band(s.ax, s.ay, s.bx, s.by, true);
        if (!b.full_slice(vertical ? i : j, radius, lo, hi)) return false;
        const double start = vertical ? j : i;
        lo -= start;
        hi -= start;
        return true;
    };
    const std::uint32_t in_id = m_nearest.get()[first_inside ? offset(i, j) : offset(i1, j1)];
    const std::uint32_t out_id = m_nearest.get()[first_inside ? offset(i1, j1) : offset(i, j)];
    double lo = 0, hi = 0, lo2 = 0, hi2 = 0;
    constexpr double k_slack = 1e-6;  // float rounding of the stored distances
    if (!run(in_id, lo, hi) || !(first_inside ? lo <= k_slack && hi >= -k_slack : hi >= 1 - k_slack && lo <= 1 + k_slack))
        return Crossing{t, k_no_segment};
    // The inside run from the inside end, extended by the other segment's run where they overlap.
    const bool other = out_id != in_id && run(out_id, lo2, hi2);
    if (first_inside) {
        if (other && lo2 <= hi && hi2 > hi) return Crossing{hi2, out_id};
        return Crossing{hi, in_id};
    }
    if (other && hi2 >= lo && lo2 < lo) return Crossing{lo2, out_id};
    return Crossing{lo, in_id};
}

}  // namespace keniki::geom::detail
