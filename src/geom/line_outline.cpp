#include "keniki/geom/line_outline.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "geom/contour_rings.hpp"
#include "geom/distance_field.hpp"
#include "geom/geos_handle.hpp"
#include "keniki/core/error.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/geom/validity.hpp"

namespace keniki::geom {

namespace {

/// True when no ring of `g` crosses or touches itself or another ring (GEOS isSimple on the rings
/// as closed lines: a closed line has no boundary points, so any contact is a self-intersection).
bool rings_simple_and_apart(const MultiPolygon& g) {
    GEOSContextHandle_t ctx = detail::context();
    MultiLineString rings;
    for (const Polygon& p : g) {
        rings.emplace_back(p.outer().begin(), p.outer().end());
        for (const auto& h : p.inners()) rings.emplace_back(h.begin(), h.end());
    }
    const detail::GeosGeometryPtr lines = detail::to_geos(Geometry{std::move(rings)});
    return GEOSisSimple_r(ctx, lines.get()) == 1;
}

}  // namespace

MultiPolygon outline_lines(std::span<const LineString> lines, double distance, const OutlineOptions& options) {
    if (lines.empty() || !(distance > 0) || !std::isfinite(distance)) return {};
    double cell = options.cell_m > 0 ? options.cell_m : distance / 5;
    std::optional<detail::DistanceField> field;
    const auto exact = [&] { return buffer_lines(lines, distance, std::max(1, options.quadrant_segments)); };
    for (int attempt = 0;; ++attempt) {
        if (cell > distance) return exact();  // a disc or capsule could fall between the corners
        field.emplace(lines, cell, distance / cell, options.max_corners);
        if (!(options.max_corners > 0 && field->corners_needed() > options.max_corners)) break;
        // Over the memory budget. Dense lines over a wide area fit with coarser cells; lines spread
        // thinly (each needing a tile of its own however coarse the cells) or over a box too wide to
        // index do not, and for them the exact union is cheap anyway, having little to merge.
        if (attempt == 1 || !std::isfinite(field->corners_needed())) return exact();
        cell *= 1.05 * std::sqrt(field->corners_needed() / options.max_corners);
    }
    const double radius = distance / cell;
    constexpr double k_thin_cells = 1e-3;
    const double arc_step = radius * (std::numbers::pi / 2) / std::max(1, options.quadrant_segments);
    MultiPolygon out = detail::trace_outline(*field, radius, k_thin_cells, arc_step);
    if (out.empty()) return out;

    // What rounding or the thinning could break is that rings stay simple and apart; GEOS checks
    // that. The rest of validity (holes inside their shell, none nested in another, orientation,
    // connected interiors) comes from the grid's topology, not from coordinates. GEOSisValid_r
    // would check it all but costs 20 ms here (GEOS 3.11 tests every hole against the whole shell
    // without an index), isSimple 3 ms. Should the check fail, GEOS decides and repairs.
    if (rings_simple_and_apart(out)) return out;
    if (!invalid_reason(Geometry{out})) return out;
    return as_multi_polygon(make_valid(Geometry{out}));
}

}  // namespace keniki::geom
