#pragma once
// Polygons from lines through GEOS: the area within a distance of a set of lines (road-network
// service areas are drawn from the reached road stretches this way), and its split by which group of
// lines is nearest.

#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::geom {

/// Union of the areas within `distance` of the lines (round caps and joins, `quadrant_segments`
/// segments per quarter circle). Valid polygons; empty for no lines or distance <= 0.
MultiPolygon buffer_lines(std::span<const LineString> lines, double distance, int quadrant_segments);

/// How buffer_lines draws the area.
enum class LineBuffer {
    exact,    ///< GEOS buffers of every line, unioned: exact to the polygonal arcs; 0.54 s for 817 km of road
    outline,  ///< the traced outline of the lines' distance field (line_outline.hpp): each area within a
              ///< cell of the other, 32 ms for the same roads
};

struct BufferLinesOptions {
    LineBuffer method = LineBuffer::exact;
    int quadrant_segments = 8;  ///< segments per quarter circle (outline: at least)
    double cell_m = 0;          ///< outline: grid spacing; 0: distance / 5
};

/// The same area drawn by either method.
MultiPolygon buffer_lines(std::span<const LineString> lines, double distance, const BufferLinesOptions& options);

/// Splits `area` into one part per group of lines: the points of `area` nearer (in a straight line) to
/// that group's lines than to any other group's. The lines are sampled every `spacing` metres, so the
/// boundaries between parts are placed to within about spacing / 2. The parts do not overlap and
/// together make up `area`; a group without lines gets an empty part.
std::vector<MultiPolygon> split_by_nearest_lines(const MultiPolygon& area, std::span<const std::vector<LineString>> groups, double spacing);

}  // namespace keniki::geom
