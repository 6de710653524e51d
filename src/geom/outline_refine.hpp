#pragma once
// Between two consecutive vertices of a traced outline (exact points of the iso-line on two edges of
// one cell) the iso-line is not always straight: it rounds the ends and outer bends of lines, and it
// turns a sharp corner where the buffers of two lines meet. A chord cuts the first by up to
// cell^2 / (8 * radius) and the second by up to half a cell; these points put the shape back.

#include <cstdint>
#include <vector>

#include "geom/distance_field.hpp"
#include "keniki/core/geometry.hpp"

namespace keniki::geom::detail {

/// A vertex as traced; the chord from the previous vertex runs through cell (ci, cj).
struct TracedVertex {
    Point at;             ///< cell units
    std::uint32_t owner;  ///< the segment whose buffer ends there, or DistanceField::k_no_segment
    int ci, cj;
    bool saddle;          ///< that cell holds two chords
};

/// Appends to `out` points of the iso-line at `radius` strictly between `from` and `to` along `to`'s
/// chord: points of the chord pushed along the distance onto the nearest buffer (so exactly onto
/// arcs and straight sides), at most `spacing` cells apart, and the points where the two owners'
/// buffers meet (sharp inner corners, notches between line ends); none that another segment nearest
/// to a corner of the cell covers. Every point lies strictly inside the chord's cell and they come
/// in order along the chord, so the path crosses neither itself nor any other chord; saddles and
/// unknown owners get none.
void refine_chord(const DistanceField& field, double radius, double spacing, const TracedVertex& from, const TracedVertex& to,
                  std::vector<Point>& out);

}  // namespace keniki::geom::detail
