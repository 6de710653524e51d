#pragma once
// A sparse grid of distances to a set of lines, the first half of line_outline: squared distances
// from the grid corners to the nearest segment, exact wherever the iso-line "distance == radius" can
// read them, in square tiles allocated where the lines pass. Everything is in cell units: corner
// (i, j) lies at ((origin_i + i) * cell, (origin_j + j) * cell), so grids of different calls with the
// same cell line up corner for corner (nested thresholds give nested outlines).

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::geom::detail {

class DistanceField {
public:
    static constexpr int k_shift = 5;
    static constexpr int k_tile = 1 << k_shift;  ///< corners per tile side
    static constexpr float k_far = std::numeric_limits<float>::infinity();

    /// Beyond this many cells past the radius a corner reads k_far; within this many inside it, 0.
    static constexpr double k_margin_out = 1.01, k_margin_in = 1.001;

    /// The field of `lines` (points and one-point lines allowed) on a grid of `cell` metres for the
    /// iso-line at `radius` cells: exact at every corner within radius +- 1 cell of the lines (which
    /// covers both ends of every edge the iso-line crosses and the corners of every saddle), 0 deeper
    /// inside, k_far farther out. Rasterised in parallel over rows. When its tiles would hold more
    /// than `max_corners` corners (> 0), nothing is allocated and the field is empty: see
    /// corners_needed().
    DistanceField(std::span<const LineString> lines, double cell, double radius, double max_corners = 0);

    bool empty() const { return m_width == 0; }
    /// Corners in the tiles the lines need (whether or not they were allocated).
    double corners_needed() const { return m_corners_needed; }
    int width() const { return m_width; }    ///< corners along x
    int height() const { return m_height; }  ///< corners along y
    int tiles_x() const { return m_tiles_x; }
    int tiles_y() const { return m_tiles_y; }
    std::size_t tile_count() const { return m_tile_count; }
    double cell() const { return m_cell; }
    /// Metres of corner (0, 0).
    double origin_x() const { return static_cast<double>(m_origin_i) * m_cell; }
    double origin_y() const { return static_cast<double>(m_origin_j) * m_cell; }

    /// The slot of tile (tx, ty) in tile-sized arrays, or -1 when nothing passes there.
    std::int32_t slot(int tx, int ty) const { return m_slot[static_cast<std::size_t>(ty) * m_tiles_x + tx]; }
    /// Squared distance in cells at corner (i, j) (see the constructor); k_far off the grid.
    float squared(int i, int j) const {
        if (i < 0 || j < 0 || i >= m_width || j >= m_height) return k_far;
        const std::int32_t s = slot(i >> k_shift, j >> k_shift);
        if (s < 0) return k_far;
        return m_values.get()[static_cast<std::size_t>(s) * k_tile * k_tile + static_cast<std::size_t>(j & (k_tile - 1)) * k_tile + (i & (k_tile - 1))];
    }
    /// A segment of the lines, in cell units relative to corner (0, 0).
    struct Segment {
        double ax, ay, bx, by;
        bool open_end;  ///< the line goes on past b
    };
    static constexpr std::uint32_t k_no_segment = std::numeric_limits<std::uint32_t>::max();
    const Segment& segment(std::uint32_t id) const { return m_segments[id]; }
    /// The segment nearest to corner (i, j) where its distance is held exactly (else k_no_segment).
    std::uint32_t nearest_segment(int i, int j) const {
        const float v = squared(i, j);
        return v > 0 && v < k_far ? m_nearest[offset(i, j)] : k_no_segment;
    }

    struct Crossing {
        double t;             ///< from (i, j), in [0, 1]
        std::uint32_t owner;  ///< the segment whose buffer ends there; k_no_segment when interpolated
    };
    /// Where the iso-line at `radius` crosses the edge from corner (i, j) to (i + 1, j), or to
    /// (i, j + 1) when `vertical`, one end inside (squared < radius^2) and the other not. Exact, not
    /// interpolated: the end of the inside run along the edge within radius of the two segments
    /// nearest to its ends (both discs and the rectangle of each). Only a third segment, nearest to
    /// neither end yet reaching the edge, would place it farther out.
    Crossing crossing(int i, int j, bool vertical, double radius) const;

    /// A tile's k_tile * k_tile values, row by row.
    const float* tile_values(std::int32_t s) const { return m_values.get() + static_cast<std::size_t>(s) * k_tile * k_tile; }

private:
    /// Numbers the tiles within reach of some segment (m_slot, m_tile_count).
    void mark_tiles(std::span<const Segment> segments);
    /// Writes the segments' distances into the rows [row_begin, row_end) of corners.
    void rasterise(std::span<const Segment> segments, int row_begin, int row_end);
    static std::size_t row_offset(std::int32_t s, int j) {
        return static_cast<std::size_t>(s) * k_tile * k_tile + static_cast<std::size_t>(j & (k_tile - 1)) * k_tile;
    }
    std::size_t offset(int i, int j) const { return row_offset(slot(i >> k_shift, j >> k_shift), j) + (i & (k_tile - 1)); }

    double m_cell = 1, m_radius = 0;
    std::int64_t m_origin_i = 0, m_origin_j = 0;
    int m_width = 0, m_height = 0, m_tiles_x = 0, m_tiles_y = 0;
    std::size_t m_tile_count = 0;
    double m_corners_needed = 0;
    std::vector<std::int32_t> m_slot;  ///< per tile, row-major
    std::unique_ptr<float[]> m_values;  ///< per allocated tile, k_tile * k_tile squared distances
    std::unique_ptr<std::uint32_t[]> m_nearest;  ///< per corner like m_values: the segment giving the value (exact corners only)
    std::vector<Segment> m_segments;
};

}  // namespace keniki::geom::detail
