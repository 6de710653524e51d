#include "geom/contour_rings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <thread>
#include <vector>

#include "geom/outline_refine.hpp"
#include "geom/outline_rings.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"

namespace keniki::geom::detail {

namespace {

// A cell (i, j) has corners 0 (i, j), 1 (i+1, j), 2 (i+1, j+1), 3 (i, j+1); its edge e runs from
// corner e to corner e+1 (counter-clockwise round the cell): 0 bottom, 1 right, 2 top, 3 left.
// A cell's byte: bit c when corner c is inside, k_centre when its centre is (decided for saddles
// only), and one "traced" bit per segment through it (at most two).
constexpr std::uint8_t k_centre = 16;
constexpr int k_traced_shift = 5;
constexpr int k_side = DistanceField::k_tile;

bool inside_corner(int code, int c) { return (code >> (c & 3)) & 1; }

/// Edges where the outline enters a cell, keeping the inside on its left: going counter-clockwise
/// round the cell, from an inside corner to an outside one. Bit e for edge e.
int entries_of(int code) {
    int out = 0;
    for (int e = 0; e < 4; ++e) out |= (inside_corner(code, e) && !inside_corner(code, e + 1)) << e;
    return out;
}

/// The edge where the outline leaves a cell it entered through `entry`. A saddle (two opposite
/// corners inside) joins its inside corners through the centre when the centre is inside and cuts
/// them off one by one when it is not; the choice is made once per cell, so the two segments of a
/// saddle never cross and every ring is simple.
int exit_of(int code, int entry) {
    const int corners = code & 15;
    if (corners == 5 || corners == 10) return (code & k_centre) ? (entry + 1) & 3 : (entry + 3) & 3;
    for (int e = 0; e < 4; ++e) {
        if (!inside_corner(code, e) && inside_corner(code, e + 1)) return e;
    }
    return -1;
}

struct Tables {
    std::array<std::array<std::int8_t, 4>, 32> exit{};
    std::array<std::uint8_t, 32> entries{};
    Tables() {
        for (int code = 0; code < 32; ++code) {
            entries[code] = static_cast<std::uint8_t>(entries_of(code));
            for (int e = 0; e < 4; ++e) exit[code][e] = static_cast<std::int8_t>((entries[code] >> e) & 1 ? exit_of(code, e) : -1);
        }
    }
};
const Tables k_tables;

class Tracer {
public:
    Tracer(const DistanceField& field, double radius, double spacing)
        : m_field(field), m_radius(radius), m_r2(radius * radius), m_spacing(spacing) {
        m_cells.assign(field.tile_count() * k_side * k_side, 0);
        m_tile_of_slot.resize(field.tile_count());
        for (int ty = 0; ty < field.tiles_y(); ++ty) {
            for (int tx = 0; tx < field.tiles_x(); ++tx) {
                if (const auto s = field.slot(tx, ty); s >= 0) m_tile_of_slot[s] = {tx, ty};
            }
        }
    }

    void classify() {
        parallel_chunks(m_tile_of_slot.size(), [&](std::size_t b, std::size_t e) {
            for (std::size_t s = b; s < e; ++s) classify_tile(static_cast<std::int32_t>(s));
        }, 8);
    }

    /// Every ring, in cell units, and the horizontal edges it crosses. The walk round the cells is
    /// serial and cheap; placing the vertices (exact crossings, the shape between them) is the costly
    /// part and runs in parallel.
    void trace(std::vector<std::vector<Point>>& rings, std::vector<RowCrossing>& crossings) {
        std::vector<TracedVertex> steps;
        std::vector<std::size_t> ring_begin;
        for (std::size_t s = 0; s < m_tile_of_slot.size(); ++s) {
            const auto [tx, ty] = m_tile_of_slot[s];
            const std::uint8_t* cells = m_cells.data() + s * k_side * k_side;
            for (int b = 0; b < k_side; ++b) {
                for (int a = 0; a < k_side; ++a) {
                    const int todo = k_tables.entries[cells[b * k_side + a] & 31];
                    if (todo == 0) continue;
                    for (int e = 0; e < 4; ++e) {
                        // Read afresh: the ring walked from the first entry may pass the second.
                        if (!((todo >> e) & 1) || (cells[b * k_side + a] >> (k_traced_shift + (e >> 1)) & 1)) continue;
                        ring_begin.push_back(steps.size());
                        walk_ring(tx * k_side + a, ty * k_side + b, e, static_cast<std::uint32_t>(ring_begin.size() - 1), steps, crossings);
                    }
                }
            }
        }
        ring_begin.push_back(steps.size());
        parallel_chunks(steps.size(), [&](std::size_t b, std::size_t e) {
            for (std::size_t k = b; k < e; ++k) place(steps[k]);
        }, 4096);

        // The shape between consecutive vertices, in parallel over all vertices (one ring may hold
        // most of them): each part keeps its points in vertex order, so joining the parts in order
        // gives every vertex's points in turn. The chord into a ring's first vertex comes from its
        // last one.
        std::vector<std::size_t> prev(steps.size());
        for (std::size_t r = 0; r + 1 < ring_begin.size(); ++r) {
            for (std::size_t k = ring_begin[r]; k < ring_begin[r + 1]; ++k) prev[k] = k == ring_begin[r] ? ring_begin[r + 1] - 1 : k - 1;
        }
        const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), steps.size() / 4096 + 1));
        std::vector<std::vector<Point>> extra(parts);
        std::vector<std::uint8_t> extra_count(steps.size());
        parallel_chunks(parts, [&](std::size_t b, std::size_t e) {
            for (std::size_t part = b; part < e; ++part) {
                for (std::size_t k = steps.size() * part / parts; k < steps.size() * (part + 1) / parts; ++k) {
                    const std::size_t before = extra[part].size();
                    refine_chord(m_field, m_radius, m_spacing, steps[prev[k]], steps[k], extra[part]);
                    extra_count[k] = static_cast<std::uint8_t>(extra[part].size() - before);
                }
            }
        }, 1);
        rings.resize(ring_begin.size() - 1);
        std::size_t part = 0, taken = 0;
        for (std::size_t r = 0; r < rings.size(); ++r) {
            std::vector<Point>& out = rings[r];
            out.reserve(ring_begin[r + 1] - ring_begin[r]);
            for (std::size_t k = ring_begin[r]; k < ring_begin[r + 1]; ++k) {
                while (k >= steps.size() * (part + 1) / parts) ++part, taken = 0;
                out.insert(out.end(), extra[part].begin() + static_cast<std::ptrdiff_t>(taken),
                           extra[part].begin() + static_cast<std::ptrdiff_t>(taken + extra_count[k]));
                taken += extra_count[k];
                out.push_back(steps[k].at);
            }
        }
    }

private:
    std::uint8_t& cell(int i, int j) {
        const std::int32_t s = m_field.slot(i >> DistanceField::k_shift, j >> DistanceField::k_shift);
        if (s < 0) throw DataError("line outline: traced off the tiles (a bug)");
        return m_cells[static_cast<std::size_t>(s) * k_side * k_side + static_cast<std::size_t>(j & (k_side - 1)) * k_side + (i & (k_side - 1))];
    }

    /// Strictly nearer than the radius: a corner exactly on the iso-line (lines drawn on the grid's
    /// own multiples do that) counts as outside, so that a sharp notch ending there is traced.
    bool inside(float squared) const { return static_cast<double>(squared) < m_r2; }

    void classify_tile(std::int32_t s) {
        const auto [tx, ty] = m_tile_of_slot[s];
        const float* v = m_field.tile_values(s);
        std::uint8_t* cells = m_cells.data() + static_cast<std::size_t>(s) * k_side * k_side;
        for (int b = 0; b < k_side; ++b) {
            const int j = ty * k_side + b;
            if (j + 1 >= m_field.height()) break;
            for (int a = 0; a < k_side; ++a) {
                const int i = tx * k_side + a;
                if (i + 1 >= m_field.width()) break;
                const bool interior = a + 1 < k_side && b + 1 < k_side;
                const float v0 = v[b * k_side + a];
                const float v1 = interior ? v[b * k_side + a + 1] : m_field.squared(i + 1, j);
                const float v2 = interior ? v[(b + 1) * k_side + a + 1] : m_field.squared(i + 1, j + 1);
                const float v3 = interior ? v[(b + 1) * k_side + a] : m_field.squared(i, j + 1);
                int code = inside(v0) | inside(v1) << 1 | inside(v2) << 2 | inside(v3) << 3;
                if (code == 5 || code == 10) {
                    // The saddle's centre by the mean of its corners (all four hold exact distances:
                    // each is next to an inside corner).
                    const double mean = (std::sqrt(double{v0}) + std::sqrt(double{v1}) + std::sqrt(double{v2}) + std::sqrt(double{v3})) / 4;
                    if (mean <= m_radius) code |= k_centre;
                }
                cells[b * k_side + a] = static_cast<std::uint8_t>(code);
            }
        }
    }

    /// Places a walked vertex: where the outline crosses its cell's exit edge (the field's exact
    /// crossing), kept a hair off the corners so that the vertices on the edges round a corner are
    /// distinct and rings never touch. The walk left the exit edge in `owner`.
    void place(TracedVertex& v) const {
        constexpr double k_margin = 1e-4;
        const int i = v.ci, j = v.cj, exit = static_cast<int>(v.owner);
        const bool vertical = exit == 1 || exit == 3;
        const int ei = exit == 1 ? i + 1 : i, ej = exit == 2 ? j + 1 : j;
        const DistanceField::Crossing c = m_field.crossing(ei, ej, vertical, m_radius);
        const double t = std::clamp(c.t, k_margin, 1 - k_margin);
        v.at = vertical ? Point{static_cast<double>(ei), ej + t} : Point{ei + t, static_cast<double>(ej)};
        v.owner = c.owner;
    }

    /// Walks one ring from cell (i, j) entered through `entry`, marking each cell's segment traced.
    void walk_ring(int i, int j, int entry, std::uint32_t ring, std::vector<TracedVertex>& steps, std::vector<RowCrossing>& crossings) {
        const int start_i = i, start_j = j, start_entry = entry;
        do {
            std::uint8_t& c = cell(i, j);
            const int exit = k_tables.exit[c & 31][entry];
            if (exit < 0 || (c >> (k_traced_shift + (entry >> 1)) & 1))
                throw DataError("line outline: a contour did not close (a bug)");
            c = static_cast<std::uint8_t>(c | 1 << (k_traced_shift + (entry >> 1)));
            const bool saddle = (c & 15) == 5 || (c & 15) == 10;
            steps.push_back(TracedVertex{Point{}, static_cast<std::uint32_t>(exit), i, j, saddle});
            if (exit == 0 || exit == 2) {
                const int row = exit == 0 ? j : j + 1;
                crossings.push_back(RowCrossing{static_cast<std::uint64_t>(row) << 32 | static_cast<std::uint32_t>(i), ring});
            }
            constexpr std::array<int, 4> di = {0, 1, 0, -1}, dj = {-1, 0, 1, 0};
            i += di[exit];
            j += dj[exit];
            entry = (exit + 2) & 3;
        } while (i != start_i || j != start_j || entry != start_entry);
    }

    const DistanceField& m_field;
    double m_radius, m_r2, m_spacing;
    std::vector<std::uint8_t> m_cells;  ///< per tile slot, like the field's values
    std::vector<std::pair<int, int>> m_tile_of_slot;
};

}  // namespace

MultiPolygon trace_outline(const DistanceField& field, double radius, double tolerance, double spacing) {
    if (field.empty() || field.tile_count() == 0) return {};
    Tracer tracer(field, radius, spacing);
    tracer.classify();
    std::vector<std::vector<Point>> rings;
    std::vector<RowCrossing> crossings;
    tracer.trace(rings, crossings);
    if (rings.empty()) return {};
    return assemble_rings(rings, crossings, tolerance, field.cell(), field.origin_x(), field.origin_y());
}

}  // namespace keniki::geom::detail
