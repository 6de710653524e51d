#pragma once
// The options the road-network steps share, each declared once with its default: how far a place
// may lie from the roads and still be placed on them, and how the area along the reached roads is
// drawn. The plan's [network], `keniki isochrone`, the network cost model, the searches and the
// isochrones all hold these structs (by value or by reference) instead of copies of their fields.

#include "keniki/geom/buffer_lines.hpp"

namespace keniki::network {

/// Placing residents, hubs and origins on the roads.
struct SnapOptions {
    /// Places farther than this from every road are not placed: reported, and counted beyond reach.
    double max_snap_m = 500;
};

/// Drawing the area along reached road stretches (service areas, isochrones).
struct AreaOptions {
    double side_m = 50;  ///< buffer on each side of the reached roads
    /// How the buffer is drawn: the traced outline of the roads' distance field on a grid of
    /// shape.cell_m (0: side_m / 5) by default — each area within a cell of the exact one, area within
    /// 0.1 %, 99 % of vertices within 3 cm of the true boundary (geom/line_outline.hpp), 17 times
    /// faster than exact on a city's 30-minute drive; exact unions GEOS buffers of every stretch (arcs
    /// of shape.quadrant_segments per quarter circle).
    geom::BufferLinesOptions shape{geom::LineBuffer::outline, 8, 0};
};

}  // namespace keniki::network
