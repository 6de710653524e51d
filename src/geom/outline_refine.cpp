#include "geom/outline_refine.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace keniki::geom::detail {

namespace {

using Segment = DistanceField::Segment;

constexpr double k_margin = 1e-4;  // cells; as the crossings: points keep off the cell's edges
constexpr std::size_t k_max_points = 16;

struct Foot {
    double x, y, d;  ///< nearest point of the segment, and the distance to it
};

Foot nearest(const Segment& s, double px, double py) {
    const double dx = s.bx - s.ax, dy = s.by - s.ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((px - s.ax) * dx + (py - s.ay) * dy) / len2, 0.0, 1.0) : 0.0;
    const double fx = s.ax + t * dx, fy = s.ay + t * dy;
    return Foot{fx, fy, std::sqrt((px - fx) * (px - fx) + (py - fy) * (py - fy))};
}

/// The pieces of a segment's buffer boundary: its two straight sides and the circles round its ends.
struct Boundary {
    std::array<Point, 2> centre;  ///< circles of `radius` (one for a point)
    int circles = 0;
    std::array<Point, 2> side_at;  ///< a point of each straight side; both run along (ux, uy)
    int sides = 0;
    double ux = 0, uy = 0;
};

Boundary boundary_of(const Segment& s, double radius) {
    Boundary b;
    b.centre[b.circles++] = Point{s.ax, s.ay};
    const double dx = s.bx - s.ax, dy = s.by - s.ay, len = std::sqrt(dx * dx + dy * dy);
    if (!(len > 0)) return b;
    b.centre[b.circles++] = Point{s.bx, s.by};
    b.ux = dx / len;
    b.uy = dy / len;
    b.side_at[b.sides++] = Point{s.ax - radius * b.uy, s.ay + radius * b.ux};
    b.side_at[b.sides++] = Point{s.ax + radius * b.uy, s.ay - radius * b.ux};
    return b;
}

/// emit(p) for the points where the line through o along the unit (ux, uy) meets the circle (a
/// touching line counts as meeting, twice).
template <typename Fn>
void line_circle(const Point& o, double ux, double uy, const Point& c, double radius, Fn&& emit) {
    const double ox = o.x() - c.x(), oy = o.y() - c.y();
    const double half_b = ux * ox + uy * oy, cc = ox * ox + oy * oy - radius * radius;
    const double disc = half_b * half_b - cc;
    if (disc < -1e-9 * radius * radius) return;
    const double root = std::sqrt(std::max(0.0, disc));
    for (const double t : {-half_b - root, -half_b + root}) emit(Point{o.x() + t * ux, o.y() + t * uy});
}

/// Where the buffers of s1 and s2 meet: the points at `radius` from both, found among the crossings
/// of their boundary pieces (sides and end circles, in every pairing); emit(p) for each in `box`.
template <typename Box, typename Fn>
void boundaries_meet(const Segment& s1, const Segment& s2, double radius, const Box& box, Fn&& emit) {
    const Boundary b1 = boundary_of(s1, radius), b2 = boundary_of(s2, radius);
    auto check = [&](const Point& p) {
        if (!box(p)) return;  // cheap, and most crossings of whole circles and lines fall far away
        const double tol = 1e-7 * std::max(1.0, radius);
        if (std::abs(nearest(s1, p.x(), p.y()).d - radius) <= tol && std::abs(nearest(s2, p.x(), p.y()).d - radius) <= tol) emit(p);
    };
    for (int i = 0; i < b1.sides; ++i) {
        for (int k = 0; k < b2.sides; ++k) {
            const double det = b1.ux * b2.uy - b1.uy * b2.ux;
            if (std::abs(det) < 1e-9) continue;  // parallel sides never meet in a corner
            const Point& o1 = b1.side_at[i];
            const Point& o2 = b2.side_at[k];
            const double alpha = ((o2.x() - o1.x()) * b2.uy - (o2.y() - o1.y()) * b2.ux) / det;
            check(Point{o1.x() + alpha * b1.ux, o1.y() + alpha * b1.uy});
        }
        for (int k = 0; k < b2.circles; ++k) line_circle(b1.side_at[i], b1.ux, b1.uy, b2.centre[k], radius, check);
    }
    for (int i = 0; i < b1.circles; ++i) {
        for (int k = 0; k < b2.sides; ++k) line_circle(b2.side_at[k], b2.ux, b2.uy, b1.centre[i], radius, check);
        for (int k = 0; k < b2.circles; ++k) {
            const Point& c1 = b1.centre[i];
            const Point& c2 = b2.centre[k];
            const double dx = c2.x() - c1.x(), dy = c2.y() - c1.y(), d = std::sqrt(dx * dx + dy * dy);
            if (!(d > 1e-9) || d > 2 * radius) continue;  // one circle (a shared end) or apart
            const double h = std::sqrt(std::max(0.0, radius * radius - d * d / 4));
            const double mx = (c1.x() + c2.x()) / 2, my = (c1.y() + c2.y()) / 2;
            check(Point{mx - h * dy / d, my + h * dx / d});
            check(Point{mx + h * dy / d, my - h * dx / d});
        }
    }
}

}  // namespace

void refine_chord(const DistanceField& field, double radius, double spacing, const TracedVertex& from, const TracedVertex& to,
                  std::vector<Point>& out) {
    constexpr auto none = DistanceField::k_no_segment;
    if (to.saddle || from.owner == none || to.owner == none) return;
    const Point& a = from.at;
    const Point& b = to.at;
    const double cx = b.x() - a.x(), cy = b.y() - a.y(), len2 = cx * cx + cy * cy;
    if (!(len2 > 0)) return;
    const int steps = std::min(static_cast<int>(k_max_points) - 1, static_cast<int>(std::ceil(std::sqrt(len2) / spacing)));

    // The iso-line between the vertices follows the owners' buffers; the segments nearest to the
    // cell's corners are checked too, so that no point is put where another buffer covers it.
    std::array<std::uint32_t, 6> ids{};
    std::size_t n_ids = 0;
    auto take = [&](std::uint32_t id) {
        if (id != none && std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n_ids), id) == ids.begin() + static_cast<std::ptrdiff_t>(n_ids))
            ids[n_ids++] = id;
    };
    take(from.owner);
    take(to.owner);
    for (int c = 0; c < 4; ++c) take(field.nearest_segment(to.ci + (c & 1), to.cj + (c >> 1)));
    auto nearest_of = [&](double x, double y) {
        Foot best{0, 0, std::numeric_limits<double>::infinity()};
        for (std::size_t k = 0; k < n_ids; ++k) {
            const Foot f = nearest(field.segment(ids[k]), x, y);
            if (f.d < best.d) best = f;
        }
        return best;
    };
    // A short piece of one arc, or a chord lying along straight sides (its points, at least its
    // middle, on the buffers' edge): nothing to add. Most chords end here.
    if (n_ids == 1 && steps <= 1) return;
    bool along_edge = true;
    for (int k = 1, n = std::max(steps, 2); k < n && along_edge; ++k) {
        const double f = static_cast<double>(k) / n;
        along_edge = std::abs(nearest_of(a.x() + f * cx, a.y() + f * cy).d - radius) < 1e-6 * radius;
    }
    if (along_edge) return;
    const double tol = 1e-7 * std::max(1.0, radius);
    auto on_outline = [&](const Point& p) { return nearest_of(p.x(), p.y()).d >= radius - tol; };

    // Points stay in the chord's cell, where no other chord runs; points on its border (the iso-line
    // along a grid line, as hand-drawn axis-aligned lines make it) come in by the margin.
    const double x0 = to.ci + k_margin, x1 = to.ci + 1 - k_margin, y0 = to.cj + k_margin, y1 = to.cj + 1 - k_margin;
    auto near_cell = [&](const Point& p) {
        return p.x() >= x0 - 2 * k_margin && p.x() <= x1 + 2 * k_margin && p.y() >= y0 - 2 * k_margin && p.y() <= y1 + 2 * k_margin;
    };
    // (position along the chord, point)
    std::array<std::pair<double, Point>, k_max_points> points;
    std::size_t n_points = 0;
    auto add = [&](const Point& p) {
        // Points on the chord itself (a straight side) add nothing.
        if (n_points == k_max_points || !near_cell(p) || std::abs((p.x() - a.x()) * cy - (p.y() - a.y()) * cx) < 1e-7 * std::sqrt(len2)) return;
        const Point in{std::clamp(p.x(), x0, x1), std::clamp(p.y(), y0, y1)};
        points[n_points++] = {((in.x() - a.x()) * cx + (in.y() - a.y()) * cy) / len2, in};
    };

    // Points of the chord pushed out (or in) along the distance onto the nearest buffer: exact on
    // arcs and straight sides.
    for (int k = 1; k < steps; ++k) {
        const double f = static_cast<double>(k) / steps;
        const double qx = a.x() + f * cx, qy = a.y() + f * cy;
        const Foot f0 = nearest_of(qx, qy);
        if (f0.d > 1e-9) add(Point{f0.x + (qx - f0.x) * radius / f0.d, f0.y + (qy - f0.y) * radius / f0.d});
    }
    // Where the owners' buffers meet on the outline: the sharp inner corner of a junction, or the
    // notch between two line ends. (Only the owners: a corner found through a third segment in one
    // outline but not in another of fewer lines would break nested thresholds.)
    if (from.owner != to.owner) {
        boundaries_meet(field.segment(from.owner), field.segment(to.owner), radius, near_cell, [&](const Point& p) {
            if (on_outline(p)) add(p);
        });
    }
    // In order along the chord: a path monotone along it cannot cross itself, and it stays in the
    // cell, where no other chord runs.
    std::sort(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(n_points),
              [](const auto& p, const auto& q) { return p.first < q.first; });
    double last = 0;
    for (std::size_t k = 0; k < n_points; ++k) {
        const auto& [along, p] = points[k];
        if (!(along > last + 1e-6) || !(along < 1 - 1e-6)) continue;
        out.push_back(p);
        last = along;
    }
}

}  // namespace keniki::geom::detail
