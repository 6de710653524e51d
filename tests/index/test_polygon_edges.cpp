// Polygons with many vertices (a border digitised at centimetre spacing): the edge index
// (PolygonEdges, used by PolygonIndex above PolygonEdges::worth_it vertices) gives the same answer as
// Boost.Geometry's covered_by, and PolygonIndex assigns points to the same units whether its
// polygons take the edge-index path or the plain one (the same units with few vertices).

#include <cmath>
#include <random>
#include <vector>

#include <boost/geometry.hpp>
#include <gtest/gtest.h>

#include "keniki/index/polygon_edges.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::index {
namespace {

namespace bg = boost::geometry;

/// A wavy ring of n vertices round (cx, cy), counter-clockwise (clockwise when `hole`), closed.
std::vector<Point> wavy(double cx, double cy, double r, std::size_t n, bool hole = false) {
    std::vector<Point> ring;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = 2 * M_PI * static_cast<double>(hole ? n - i : i) / static_cast<double>(n);
        const double rr = r * (1 + 0.15 * std::sin(7 * t) + 0.01 * std::sin(301 * t));
        ring.emplace_back(cx + rr * std::cos(t), cy + rr * std::sin(t));
    }
    ring.push_back(ring.front());
    return ring;
}

/// The square [x0, x1] x [y0, y1] with `per_side` vertices on each side (counter-clockwise, closed).
std::vector<Point> dense_square(double x0, double y0, double x1, double y1, std::size_t per_side) {
    std::vector<Point> r;
    const Point corners[] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    for (int s = 0; s < 4; ++s) {
        const Point& a = corners[s];
        const Point& b = corners[(s + 1) % 4];
        for (std::size_t k = 0; k < per_side; ++k) {
            const double t = static_cast<double>(k) / static_cast<double>(per_side);
            r.emplace_back(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
        }
    }
    r.push_back(r.front());
    return r;
}

Polygon polygon_of(std::vector<Point> outer, std::vector<std::vector<Point>> holes = {}) {
    Polygon p;
    p.outer().assign(outer.begin(), outer.end());
    for (auto& h : holes) p.inners().emplace_back(h.begin(), h.end());
    return p;
}

TEST(PolygonEdges, AgreesWithCoveredByInsideOutsideAndOnTheBoundary) {
    // Two parts, the first with two holes; 20,000 vertices in all.
    const MultiPolygon mp{polygon_of(wavy(0, 0, 1000, 8000), {wavy(-300, 0, 150, 2000, true), wavy(350, 100, 200, 2000, true)}),
                          polygon_of(wavy(3000, 500, 800, 8000))};
    ASSERT_TRUE(bg::is_valid(mp));
    const PolygonEdges edges(mp);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(-1500, 4000), y(-1500, 1500);
    for (int i = 0; i < 20000; ++i) {
        const Point p{x(rng), y(rng)};
        ASSERT_EQ(edges.covers(p), bg::covered_by(p, mp)) << bg::wkt(p);
    }
    // Every vertex, and points on axis-parallel edges, are on the boundary: covered.
    for (const auto& part : mp) {
        for (std::size_t i = 0; i < part.outer().size(); i += 97) ASSERT_TRUE(edges.covers(part.outer()[i])) << i;
        for (const auto& inner : part.inners())
            for (std::size_t i = 0; i < inner.size(); i += 89) ASSERT_TRUE(edges.covers(inner[i])) << i;
    }
    const MultiPolygon square{polygon_of(dense_square(0, 0, 100, 100, 200))};
    const PolygonEdges sq(square);
    for (const Point& p : {Point{0, 50}, Point{100, 50}, Point{50, 0}, Point{50, 100}, Point{0, 0}, Point{100, 100}, Point{0.25, 0}, Point{50, 50}})
        EXPECT_TRUE(sq.covers(p)) << bg::wkt(p);
    for (const Point& p : {Point{-0.001, 50}, Point{100.001, 50}, Point{50, -1e-9}, Point{50, 100.5}, Point{NAN, 5}})
        EXPECT_FALSE(sq.covers(p)) << bg::wkt(p);
}

TEST(PolygonEdges, PolygonIndexAssignsTheSameUnitsWithDenseAndPlainOutlines) {
    // Four units tiling a 2 km square: W and E halves, with a wavy island unit inside W and a hole in
    // W where the island is. Dense: every side has 1,000 vertices (edge-index path); plain: 1 (covered_by).
    auto units = [](std::size_t per_side, std::size_t island) {
        const auto island_ring = wavy(500, 1000, 300, island);
        std::vector<Point> hole(island_ring.rbegin(), island_ring.rend());
        return std::vector<MultiPolygon>{MultiPolygon{polygon_of(dense_square(0, 0, 1000, 2000, per_side), {hole})},
                                         MultiPolygon{polygon_of(dense_square(1000, 0, 2000, 2000, per_side))},
                                         MultiPolygon{polygon_of(island_ring)}};
    };
    const auto dense = units(1000, 5000), plain = units(1, 5000);
    ASSERT_GE(vertex_count(dense[0]), PolygonEdges::worth_it);
    ASSERT_LT(vertex_count(plain[1]), PolygonEdges::worth_it);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> c(-100, 2100);
    std::vector<Point> points(100000);
    for (auto& p : points) p = Point{c(rng), c(rng)};
    // Points on the shared edge x = 1000 and on the outer border: the lowest unit index wins.
    for (int k = 0; k <= 20; ++k) points.push_back(Point{1000, 100.0 * k});
    for (int k = 0; k <= 20; ++k) points.push_back(Point{100.0 * k, 0});
    for (int grid : {0, 64, 256}) {
        const PolygonIndex a(dense, grid), b(plain, grid);
        const auto ua = a.locate_all(points), ub = b.locate_all(points);
        for (std::size_t i = 0; i < points.size(); ++i) {
            // The reference: the lowest-numbered unit that covers the point (the plain polygons).
            std::int32_t want = PolygonIndex::none;
            for (std::size_t u = 0; u < plain.size() && want == PolygonIndex::none; ++u) {
                if (bg::covered_by(points[i], plain[u])) want = static_cast<std::int32_t>(u);
            }
            ASSERT_EQ(ub[i], want) << "plain, grid " << grid << ", " << bg::wkt(points[i]);
            ASSERT_EQ(ua[i], want) << "dense, grid " << grid << ", " << bg::wkt(points[i]);
        }
    }
}

}  // namespace
}  // namespace keniki::index
