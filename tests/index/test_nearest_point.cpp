// Nearest target by straight line: the plain scan (up to 32 targets) and the candidate grid (more)
// both agree with a brute-force reference on random points, ties included (the lowest index wins).

#include <cmath>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "keniki/index/nearest_point.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::index {
namespace {

void check_queries(const std::vector<Point>& targets, const std::vector<Point>& queries) {
    std::vector<std::int32_t> which;
    std::vector<double> dist;
    NearestPoint(targets).nearest_all(queries, which, dist);
    ASSERT_EQ(which.size(), queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) {
        double best = INFINITY;
        std::int32_t lowest = -1;
        for (std::size_t k = 0; k < targets.size(); ++k) {
            const double d = std::hypot(targets[k].x() - queries[i].x(), targets[k].y() - queries[i].y());
            if (d < best) {
                best = d;
                lowest = static_cast<std::int32_t>(k);
            }
        }
        ASSERT_NEAR(dist[i], best, 1e-9 * std::max(1.0, best)) << "query " << i;
        ASSERT_EQ(which[i], lowest) << "query " << i << ": not the lowest-numbered of the nearest targets";
    }
}

void check_against_brute_force(std::size_t n_targets, std::uint32_t seed, std::size_t n_queries = 50000) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> coord(0, 200);  // integer grid: many exact ties
    std::vector<Point> targets(n_targets), queries(n_queries);
    for (auto& p : targets) p = Point{static_cast<double>(coord(rng)), static_cast<double>(coord(rng))};
    for (auto& p : queries) p = Point{coord(rng) + 0.5 * (rng() % 2), static_cast<double>(coord(rng))};
    check_queries(targets, queries);
}

TEST(NearestPoint, ScanOfFewTargetsAgreesWithBruteForce) {
    check_against_brute_force(1, 1);
    check_against_brute_force(10, 2);
    check_against_brute_force(32, 3);
}

TEST(NearestPoint, GridOfManyTargetsAgreesWithBruteForce) {
    check_against_brute_force(33, 4);
    check_against_brute_force(500, 5);
    check_against_brute_force(3000, 12, 60000);  // over 512 targets: cells listed through an R-tree
}

TEST(NearestPoint, TargetsFarOutsideTheQueriesAndDegenerateQueries) {
    for (const std::size_t n_targets : {100, 1000}) {  // candidate lists by scan, and through the R-tree
        SCOPED_TRACE(std::to_string(n_targets) + " targets");
        std::mt19937 rng(6);
        std::uniform_real_distribution<double> u(-5000, 5000);
        std::vector<Point> targets(n_targets);
        for (auto& p : targets) p = Point{u(rng) + 20000, u(rng) - 30000};  // every target far to one side
        std::vector<Point> square(20000), line(20000), same(500, Point{7, 7});
        std::uniform_real_distribution<double> small(0, 100);
        for (auto& p : square) p = Point{small(rng), small(rng)};
        for (auto& p : line) p = Point{u(rng), 3.0};  // zero height: cells along one side only
        check_queries(targets, square);
        check_queries(targets, line);
        check_queries(targets, same);
        // Targets spread around and among the queries, two of them at the same place.
        for (auto& p : targets) p = Point{u(rng), u(rng)};
        targets[40] = targets[60];
        check_queries(targets, line);
        check_queries(targets, std::vector<Point>{targets[60], Point{1e7, -1e7}});
    }
}

TEST(NearestPoint, NonFiniteQueryGetsNoTarget) {
    std::vector<Point> targets;
    for (int k = 0; k < 40; ++k) targets.push_back(Point{k * 10.0, 0});
    std::vector<std::int32_t> which;
    std::vector<double> dist;
    NearestPoint(targets).nearest_all(std::vector<Point>{{NAN, 1}, {12, 1}}, which, dist);
    EXPECT_EQ(which, (std::vector<std::int32_t>{-1, 1}));
    EXPECT_TRUE(std::isinf(dist[0]));
    EXPECT_NEAR(dist[1], std::hypot(2.0, 1.0), 1e-12);
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

TEST(PolygonIndex, OverlapsGoToTheLowestIndexOnTheGridToo) {
    // Nine squares overlapping their neighbours by a third, plus one big square under them all with
    // the highest index: the grid's mixed cells must answer as the R-tree does (the lowest index).
    std::vector<MultiPolygon> squares;
    auto square = [](double x, double y, double side) {
        Polygon p;
        p.outer() = {{x, y}, {x, y + side}, {x + side, y + side}, {x + side, y}, {x, y}};
        return MultiPolygon{p};
    };
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) squares.push_back(square(c * 200.0, r * 200.0, 300));
    }
    squares.push_back(square(-50, -50, 700));
    const PolygonIndex with_grid(squares, 256), without_grid(squares, 0);
    std::mt19937 rng(10);
    std::uniform_real_distribution<double> u(-100, 700);
    std::vector<Point> pts(100000);
    for (auto& p : pts) p = Point{u(rng), u(rng)};
    for (int k = 0; k <= 7; ++k) pts.push_back(Point{k * 100.0, 300.0});  // on edges and corners
    const auto a = with_grid.locate_all(pts), b = without_grid.locate_all(pts);
    for (std::size_t i = 0; i < pts.size(); ++i) ASSERT_EQ(a[i], b[i]) << "point " << i << " (" << pts[i].x() << ", " << pts[i].y() << ")";
    EXPECT_EQ(with_grid.locate(Point{250, 250}), 0);  // in squares 0, 1, 3, 4 and the big one
    EXPECT_EQ(with_grid.locate(Point{-40, 640}), 9);  // only the big one
    EXPECT_EQ(with_grid.locate(Point{-60, 0}), PolygonIndex::none);
}

}  // namespace
}  // namespace keniki::index
