// Overlays that big inputs take a shortcut through (issue 16 point 5), against the plain GEOS way:
// - buffer_points with many circles leaves out the circles inside the others' (a grid of owners):
//   the union is the same as the union of every circle;
// - union_areas sums the areas of a union tile by tile: the same as the area of the whole union,
//   and of its intersection with the study area.

#include <cmath>
#include <random>
#include <vector>

#include <boost/geometry.hpp>
#include <gtest/gtest.h>

#include "keniki/geom/overlay.hpp"

namespace keniki::geom {
namespace {

namespace bg = boost::geometry;

/// The union of every circle, one GEOS buffer each, unioned in one cascaded union (no shortcut).
MultiPolygon every_circle(const std::vector<Point>& centres, const std::vector<double>& radii, int segments) {
    std::vector<MultiPolygon> circles;
    for (std::size_t i = 0; i < centres.size(); ++i) circles.push_back(buffer_points(std::span(&centres[i], 1), radii[i], segments));
    return union_all(circles);
}

double symmetric_difference_area(const MultiPolygon& a, const MultiPolygon& b) { return area(difference(a, b)) + area(difference(b, a)); }

TEST(BigOverlays, ManyCirclesGiveTheSameUnionAsEveryCircle) {
    std::mt19937 rng(5);
    // A dense town (circles covering each other many times), a sparse fringe, and a few big radii.
    std::normal_distribution<double> town(0, 400);
    std::uniform_real_distribution<double> fringe(-5000, 5000), radius(150, 400);
    std::vector<Point> centres;
    std::vector<double> radii;
    for (int i = 0; i < 1500; ++i) {
        centres.emplace_back(town(rng), town(rng));
        radii.push_back(300);
    }
    for (int i = 0; i < 300; ++i) {
        centres.emplace_back(fringe(rng), fringe(rng));
        radii.push_back(i % 50 == 0 ? 1200 : radius(rng));
    }
    for (const int segments : {2, 8}) {
        const MultiPolygon fast = buffer_points(centres, radii, segments);
        const MultiPolygon slow = every_circle(centres, radii, segments);
        ASSERT_TRUE(bg::is_valid(fast));
        const double a = area(slow);
        EXPECT_NEAR(area(fast), a, 1e-9 * a) << segments;
        EXPECT_LT(symmetric_difference_area(fast, slow), 1e-6 * a) << segments;
    }
    // One radius for all (the straight-line service area of a tier).
    const MultiPolygon one = buffer_points(centres, 300.0, 4);
    const MultiPolygon ref = every_circle(centres, std::vector<double>(centres.size(), 300.0), 4);
    EXPECT_LT(symmetric_difference_area(one, ref), 1e-6 * area(ref));
}

Polygon ring_polygon(std::vector<Point> outer, std::vector<std::vector<Point>> holes = {}) {
    Polygon p;
    p.outer().assign(outer.begin(), outer.end());
    for (auto& h : holes) p.inners().emplace_back(h.begin(), h.end());
    return p;
}

std::vector<Point> wavy(double r, std::size_t n, bool clockwise) {
    std::vector<Point> ring;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = 2 * M_PI * static_cast<double>(clockwise ? n - i : i) / static_cast<double>(n);
        const double rr = r * (1 + 0.05 * std::sin(97 * t));
        ring.emplace_back(rr * std::cos(t), rr * std::sin(t));
    }
    ring.push_back(ring.front());
    return ring;
}

TEST(BigOverlays, UnionAreasTileByTileAgreeWithTheWholeUnion) {
    // A wavy disc of 60,000 vertices, the square around it with the disc as its hole, and a third
    // unit overlapping both; the study area a square that part of the units stick out of.
    const auto disc = wavy(1000, 60000, false), hole = wavy(1000, 60000, true);
    const std::vector<Point> square = {{-2000, -2000}, {2000, -2000}, {2000, 2000}, {-2000, 2000}, {-2000, -2000}};
    const std::vector<MultiPolygon> units = {MultiPolygon{ring_polygon(disc)}, MultiPolygon{ring_polygon(square, {hole})},
                                             MultiPolygon{ring_polygon({{500, 500}, {2500, 500}, {2500, 1500}, {500, 1500}, {500, 500}})}};
    const MultiPolygon study{ring_polygon({{-1800, -2200}, {1800, -2200}, {1800, 1800}, {-1800, 1800}, {-1800, -2200}})};
    const UnionAreas tiled = union_areas(units, study);
    const MultiPolygon whole = union_all(units);
    EXPECT_NEAR(tiled.union_m2, area(whole), 1e-9 * area(whole));
    const double inside = area(intersection(study, whole));
    EXPECT_NEAR(tiled.within_m2, inside, 1e-9 * inside);
    EXPECT_NEAR(tiled.union_m2, 4000.0 * 4000.0 + 500.0 * 1000.0, 1e-3);  // the square, plus what the third sticks out
    const UnionAreas no_study = union_areas(units, MultiPolygon{});
    EXPECT_EQ(no_study.within_m2, 0.0);
    EXPECT_EQ(union_areas(std::vector<MultiPolygon>{}, study).union_m2, 0.0);
}

}  // namespace
}  // namespace keniki::geom
