// Nearest target by straight line: the plain scan (up to 32 targets) and the R-tree (more) both
// agree with a brute-force reference on random points, ties included.

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "keniki/index/nearest_point.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::index {
namespace {

void check_against_brute_force(std::size_t n_targets, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> coord(0, 200);  // integer grid: many exact ties
    std::vector<Point> targets(n_targets), queries(50000);
    for (auto& p : targets) p = Point{static_cast<double>(coord(rng)), static_cast<double>(coord(rng))};
    for (auto& p : queries) p = Point{coord(rng) + 0.5 * (rng() % 2), static_cast<double>(coord(rng))};
    std::vector<std::int32_t> which;
    std::vector<double> dist;
    NearestPoint(targets).nearest_all(queries, which, dist);
    for (std::size_t i = 0; i < queries.size(); ++i) {
        double best = INFINITY;
        for (const auto& t : targets) best = std::min(best, std::hypot(t.x() - queries[i].x(), t.y() - queries[i].y()));
        ASSERT_NEAR(dist[i], best, 1e-9) << "query " << i;
        const auto& t = targets[static_cast<std::size_t>(which[i])];
        ASSERT_NEAR(std::hypot(t.x() - queries[i].x(), t.y() - queries[i].y()), best, 1e-9) << "query " << i;
    }
}

TEST(NearestPoint, ScanOfFewTargetsAgreesWithBruteForce) {
    check_against_brute_force(1, 1);
    check_against_brute_force(10, 2);
    check_against_brute_force(32, 3);
}

TEST(NearestPoint, TreeOfManyTargetsAgreesWithBruteForce) {
    check_against_brute_force(33, 4);
    check_against_brute_force(500, 5);
}

TEST(NearestPoint, NoTargets) {
    std::vector<std::int32_t> which;
    std::vector<double> dist;
    NearestPoint(std::vector<Point>{}).nearest_all(std::vector<Point>{{1, 1}}, which, dist);
    EXPECT_EQ(which, std::vector<std::int32_t>{-1});
    EXPECT_TRUE(std::isinf(dist[0]));
}

TEST(PolygonIndex, GridAndTreeAgreeOnRandomPoints) {
    // A ring of 12 triangular wedges around (0,0) with a hole-free star outline: the grid's
    // edge-free cells must answer exactly as the full point-in-polygon test.
    std::vector<MultiPolygon> wedges;
    for (int k = 0; k < 12; ++k) {
        const double a0 = k * M_PI / 6, a1 = (k + 1) * M_PI / 6, r0 = 1000 + 300 * (k % 3), r1 = 1000 + 300 * ((k + 1) % 3);
        Polygon p;
        p.outer() = {{0, 0}, {r0 * std::cos(a0), r0 * std::sin(a0)}, {r1 * std::cos(a1), r1 * std::sin(a1)}, {0, 0}};
        wedges.push_back(MultiPolygon{p});
    }
    const PolygonIndex with_grid(wedges, 256), without_grid(wedges, 0);
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> u(-1700, 1700);
    std::vector<Point> pts(100000);
    for (auto& p : pts) p = Point{u(rng), u(rng)};
    const auto a = with_grid.locate_all(pts), b = without_grid.locate_all(pts);
    std::size_t inside = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        ASSERT_EQ(a[i], b[i]) << "point " << i << " (" << pts[i].x() << ", " << pts[i].y() << ")";
        inside += a[i] >= 0;
    }
    EXPECT_GT(inside, 10000u);
    EXPECT_LT(inside, pts.size());
}

}  // namespace
}  // namespace keniki::index
