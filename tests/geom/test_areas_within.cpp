// areas_within: the area of each piece inside one zone, by hand on unit squares and a ring.

#include <gtest/gtest.h>

#include "keniki/geom/areas_within.hpp"

namespace keniki::geom {
namespace {

MultiPolygon square(double x0, double y0, double side) {
    Polygon p;
    p.outer() = {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}};
    return MultiPolygon{p};
}

TEST(AreasWithin, InsideOutsideAndAcrossTheEdgeOfAZoneWithAHole) {
    // Zone: the 100 x 100 square at the origin with a 20 x 20 hole at (40,40).
    MultiPolygon zone = square(0, 0, 100);
    Polygon::ring_type hole = {{40, 40}, {40, 60}, {60, 60}, {60, 40}, {40, 40}};
    zone[0].inners().push_back(hole);
    const std::vector<MultiPolygon> pieces = {
        square(10, 10, 10),    // inside: 100
        square(200, 200, 10),  // far away: 0
        square(95, 0, 10),     // half across the east edge: 5 x 10 = 50
        square(35, 35, 30),    // around the hole: 900 - 400 = 500
        square(45, 45, 10),    // in the hole: 0
        MultiPolygon{},        // empty: 0
    };
    const std::vector<double> a = areas_within(pieces, zone);
    ASSERT_EQ(a.size(), pieces.size());
    EXPECT_DOUBLE_EQ(a[0], 100);
    EXPECT_DOUBLE_EQ(a[1], 0);
    EXPECT_NEAR(a[2], 50, 1e-9);
    EXPECT_NEAR(a[3], 500, 1e-9);
    EXPECT_NEAR(a[4], 0, 1e-9);
    EXPECT_DOUBLE_EQ(a[5], 0);
    EXPECT_EQ(areas_within(pieces, MultiPolygon{}), std::vector<double>(pieces.size(), 0.0));
}

}  // namespace
}  // namespace keniki::geom
