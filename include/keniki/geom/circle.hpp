#pragma once
// Circles as polygons: straight-line service areas and transport zones draw every circle as the
// regular polygon GEOS buffers a point with, 4 x quadrant_segments vertices on the circle (inscribed,
// so a drawn area never reaches past the radius that the people counts use). Its area falls short of
// the circle's by 1 - N sin(2 pi / N) / (2 pi) for N = 4 x quadrant_segments:
//
//   segments per quarter circle    4       8       16      29      32      64
//   area short of pi r^2 (%)       2.57    0.64    0.16    0.049   0.040   0.010
//
// 8 is QGIS's and PostGIS's default, 16 was keniki's before; 32 keeps every circle within 0.05 %,
// a difference a planner would not notice, and a union of circles is short by about as much.

#include <algorithm>
#include <cmath>
#include <numbers>

namespace keniki::geom {

/// Segments per quarter circle of straight-line service areas and transport zones unless the plan
/// says otherwise (analysis.buffer_segments): 128 vertices, area within 0.040 % of the circle's.
inline constexpr int k_circle_segments = 32;

/// By how much (a share: 0.0004 = 0.04 %) the area of one circle drawn with `quadrant_segments`
/// segments per quarter circle falls short of pi r^2. Values below 1 count as 1 (as GEOS draws them).
inline double circle_area_shortfall(int quadrant_segments) {
    const double n = 4.0 * std::max(quadrant_segments, 1);
    return 1.0 - n * std::sin(2 * std::numbers::pi / n) / (2 * std::numbers::pi);
}

}  // namespace keniki::geom
