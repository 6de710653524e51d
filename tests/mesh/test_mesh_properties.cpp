// Properties of mesh codes over many random points and cells: the cell of a point's code holds the point,
// codes nest, children tile their parent exactly, every edge is owned by exactly one cell, and the codes
// agree with an independent textbook computation (successive multiplication of the fractional part)
// wherever a point is not within rounding distance of an edge.

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/mesh/mesh_code.hpp"

namespace {

using keniki::Box;
using keniki::Point;
using keniki::mesh::MeshLevel;
namespace km = keniki::mesh;

bool holds(const Box& box, const Point& p) {
    return box.min_corner().x() <= p.x() && p.x() < box.max_corner().x() && box.min_corner().y() <= p.y() &&
           p.y() < box.max_corner().y();
}

Point random_point(std::mt19937_64& rng) {
    // Whole scheme: lat 0 .. 66°40', lon 100 .. 200 (kept a little inside the north edge).
    std::uniform_real_distribution<double> lat(0.0, 66.66);
    std::uniform_real_distribution<double> lon(100.0, 200.0);
    return Point{lon(rng), lat(rng)};
}

/// A random valid code at `level`, built digit by digit from the ranges the standard allows; 1st mesh
/// digits stop at 98 so that the cell's north-east neighbour exists.
std::string random_code(std::mt19937_64& rng, MeshLevel level) {
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::string code = std::to_string(pick(10, 98)) + std::to_string(pick(10, 98));
    if (level >= MeshLevel::second) code += std::to_string(pick(0, 7)) + std::to_string(pick(0, 7));
    if (level >= MeshLevel::third) code += std::to_string(pick(0, 9)) + std::to_string(pick(0, 9));
    for (std::size_t i = 8; i < km::code_length(level); ++i) code += std::to_string(pick(1, 4));
    return code;
}

/// Independent reference: the usual decimal recipe (multiply the remainder by 1.5, 8, 10, 2, 2, 2 and take
/// integer parts), in long double. Returns "" when the point lies so close to an edge at some step that
/// rounding could decide it, so that only clear-cut points are compared.
std::string textbook_code(const Point& p, MeshLevel level) {
    constexpr long double margin = 1e-7L;  // in cell fractions; far above long double rounding
    long double y = static_cast<long double>(p.y()) * 1.5L;
    long double x = static_cast<long double>(p.x()) - 100.0L;
    std::string code;
    auto take = [&](long double& v, int& out) {
        const long double whole = std::floor(v);
        const long double frac = v - whole;
        if (frac < margin || frac > 1.0L - margin) return false;
        out = static_cast<int>(whole);
        v = frac;
        return true;
    };
    int a = 0;
    int b = 0;
    if (!take(y, a) || !take(x, b)) return "";
    code += std::to_string(a / 10) + std::to_string(a % 10) + std::to_string(b / 10) + std::to_string(b % 10);
    const int splits[] = {8, 10, 2, 2, 2};
    for (int i = 0; code.size() < km::code_length(level); ++i) {
        y *= splits[i];
        x *= splits[i];
        if (!take(y, a) || !take(x, b)) return "";
        if (splits[i] == 2)
            code += std::to_string(1 + 2 * a + b);
        else
            code += std::to_string(a) + std::to_string(b);
    }
    return code;
}

TEST(MeshProperties, CellOfTheCodeHoldsThePointAndCodesNest) {
    std::mt19937_64 rng(20240601);
    for (int i = 0; i < 20000; ++i) {
        const Point p = random_point(rng);
        std::string coarser_code;
        for (MeshLevel level : km::all_levels) {
            const std::string code = km::mesh_code(p, level);
            ASSERT_EQ(code.size(), km::code_length(level));
            ASSERT_EQ(km::level_of(code), level) << code;
            ASSERT_TRUE(holds(km::mesh_cell(code), p))
                << code << " does not hold (" << p.x() << ", " << p.y() << ")";
            if (!coarser_code.empty()) {
                ASSERT_EQ(km::parent(code), coarser_code);
            }
            coarser_code = code;
        }
    }
}

TEST(MeshProperties, AgreesWithTheTextbookRecipeAwayFromEdges) {
    std::mt19937_64 rng(7);
    int compared = 0;
    for (int i = 0; i < 20000; ++i) {
        const Point p = random_point(rng);
        for (MeshLevel level : km::all_levels) {
            const std::string expected = textbook_code(p, level);
            if (expected.empty()) continue;
            ++compared;
            ASSERT_EQ(km::mesh_code(p, level), expected) << "(" << p.x() << ", " << p.y() << ")";
        }
    }
    EXPECT_GT(compared, 100000);  // nearly all of the 120,000 are clear of edges
}

TEST(MeshProperties, ChildrenTileTheirParentExactly) {
    std::mt19937_64 rng(99);
    for (MeshLevel level : {MeshLevel::first, MeshLevel::second, MeshLevel::third, MeshLevel::half, MeshLevel::quarter}) {
        for (int i = 0; i < 50; ++i) {
            const std::string code = random_code(rng, level);
            SCOPED_TRACE(code);
            const Box box = km::mesh_cell(code);
            const auto kids = km::children(code);
            const std::size_t n = kids.size() == 4 ? 2 : (kids.size() == 64 ? 8 : 10);
            ASSERT_EQ(kids.size(), n * n);
            for (std::size_t k = 0; k < kids.size(); ++k) {
                ASSERT_EQ(km::parent(kids[k]), code);
                const Box kid = km::mesh_cell(kids[k]);
                const std::size_t row = k / n;
                const std::size_t col = k % n;
                // Shared edges are the same doubles, and the outer ones are the parent's.
                if (col == 0) { EXPECT_EQ(kid.min_corner().x(), box.min_corner().x()); }
                if (row == 0) { EXPECT_EQ(kid.min_corner().y(), box.min_corner().y()); }
                if (col == n - 1) { EXPECT_EQ(kid.max_corner().x(), box.max_corner().x()); }
                if (row == n - 1) { EXPECT_EQ(kid.max_corner().y(), box.max_corner().y()); }
                if (col + 1 < n) { EXPECT_EQ(kid.max_corner().x(), km::mesh_cell(kids[k + 1]).min_corner().x()); }
                if (row + 1 < n) { EXPECT_EQ(kid.max_corner().y(), km::mesh_cell(kids[k + n]).min_corner().y()); }
            }
        }
    }
}

TEST(MeshProperties, CornersBelongToExactlyOneCell) {
    // About one latitude edge in 50 and one longitude edge in 3 is a double x for which floor(x * 960)
    // (or floor((x - 100) * 640)) lands one unit low; these would fail with a naive floor.
    std::mt19937_64 rng(4242);
    for (MeshLevel level : km::all_levels) {
        for (int i = 0; i < 3000; ++i) {
            const std::string code = random_code(rng, level);
            const Box box = km::mesh_cell(code);
            const Point sw = box.min_corner();
            ASSERT_EQ(km::mesh_code(sw, level), code) << "south-west corner of " << code;
            // The next double south or west is in another cell, whose north (east) edge is this one's south (west).
            const std::string south = km::mesh_code(Point{sw.x(), std::nextafter(sw.y(), 0.0)}, level);
            ASSERT_NE(south, code);
            ASSERT_EQ(km::mesh_cell(south).max_corner().y(), sw.y()) << code << " / " << south;
            const std::string west = km::mesh_code(Point{std::nextafter(sw.x(), 0.0), sw.y()}, level);
            ASSERT_NE(west, code);
            ASSERT_EQ(km::mesh_cell(west).max_corner().x(), sw.x()) << code << " / " << west;
            // The north-east corner is the south-west corner of the diagonal neighbour.
            const std::string ne = km::mesh_code(box.max_corner(), level);
            ASSERT_NE(ne, code);
            const Box ne_box = km::mesh_cell(ne);
            ASSERT_EQ(ne_box.min_corner().x(), box.max_corner().x()) << code << " / " << ne;
            ASSERT_EQ(ne_box.min_corner().y(), box.max_corner().y()) << code << " / " << ne;
        }
    }
}

TEST(MeshProperties, WalkingEveryEighthMeshEdgeVisitsEachCellOnce) {
    // Step from cell to cell by jumping to the north (east) edge: every one of the 100 * 8 * 10 * 8 = 64,000
    // eighth-mesh rows (columns) of the scheme must be visited, none twice, none skipped.
    Point p{139.3, 0.0};
    int rows = 0;
    while (true) {
        const std::string code = km::mesh_code(p, MeshLevel::eighth);
        const Box box = km::mesh_cell(code);
        ASSERT_EQ(box.min_corner().y(), p.y()) << "row " << rows << ": " << code;
        ++rows;
        p = Point{p.x(), box.max_corner().y()};
        if (rows == 64000) break;
    }
    EXPECT_NEAR(p.y(), 200.0 / 3.0, 1e-12);  // 66°40'
    EXPECT_THROW(km::mesh_code(p, MeshLevel::eighth), keniki::DataError);

    p = Point{100.0, 35.1};
    int cols = 0;
    while (true) {
        const std::string code = km::mesh_code(p, MeshLevel::eighth);
        const Box box = km::mesh_cell(code);
        ASSERT_EQ(box.min_corner().x(), p.x()) << "column " << cols << ": " << code;
        ++cols;
        p = Point{box.max_corner().x(), p.y()};
        if (cols == 64000) break;
    }
    EXPECT_EQ(p.x(), 200.0);
    EXPECT_THROW(km::mesh_code(p, MeshLevel::eighth), keniki::DataError);
}

}  // namespace
