// Transit isochrones (analysis/transit_isochrone) on the hand-made feed tests/fixtures/gtfs/router
// (README there), worked by hand. Walking 1 m/s along straight line x 3 (a third of a metre of
// straight line a second), 300 s at most to and from stops; the origin stands on stop X.
//   leave X 09:00: t8 09:00 -> Z 09:20 (20 min); t1 09:10 -> H 09:30 (30 min).
//   25 minutes: the walk from the origin (1,500 s: 500 m) and on from Z (300 s left, capped at the
//   300 s walk: 100 m); Z is 1,079 m from X, so the circles are apart: pi (500^2 + 100^2) m^2,
//   less the 0.64 % of 32-gon circles.
//   window 09:00-10:00, median: Z is 20 min leaving 09:00, 39..30 min leaving 09:01-09:10 (t1 to
//   Z 09:40), 89..41 min leaving 09:11-09:59 (t2 to Z 10:40): the 31st of the 60 sorted is 60 min.

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "keniki/analysis/transit_isochrone.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/transit/feed.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

using namespace keniki::analysis;

TransitCost router_cost(Point& x) {
    const transit::Feed feed = transit::load_feed((source_dir() / "tests/fixtures/gtfs/router").string());
    transit::Timetable tt = transit::build_timetable(std::span(&feed, 1), *transit::Date::parse("20260406"));
    const crs::Transformer to("EPSG:4326", "EPSG:6670");
    std::vector<Point> stops;
    for (const auto& s : tt.stops) {
        stops.push_back(to.forward(Point{s.lon, s.lat}));
        if (s.id == "router:X") x = stops.back();
    }
    TransitWalk walk;
    walk.model = std::shared_ptr<const CostModel>(make_straight_line_cost());
    walk.seconds_per_unit = 3.0;
    walk.straight_m_per_s = 1.0 / 3.0;
    walk.description = "straight line x 3 at 3.6 km/h";
    TransitOptions o;
    o.max_walk_s = 300;
    o.max_transfer_s = 0;
    return TransitCost(std::move(tt), std::move(stops), walk, o);
}

TEST(TransitIsochrone, OneDepartureWorkedByHand) {
    Point x;
    const TransitCost cost = router_cost(x);
    TransitIsochroneOptions o;
    o.depart = 9 * 3600;
    o.max_walk_s = 300;
    const std::vector<double> minutes{25, 31};
    const auto r = transit_isochrones(cost, std::span(&x, 1), minutes, o);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].stops_reached, 2u);  // X itself and Z
    const double expect = std::numbers::pi * (500.0 * 500 + 100.0 * 100) * (1 - 0.0064);
    EXPECT_NEAR(geom::area(r[0].area), expect, expect * 0.002);
    EXPECT_EQ(r[0].area.size(), 2u);  // two circles apart
    EXPECT_EQ(r[1].stops_reached, 3u);  // and H at 30 min
    for (const auto& i : r) EXPECT_FALSE(geom::invalid_reason(Geometry{i.area})) << *geom::invalid_reason(Geometry{i.area});
}

TEST(TransitIsochrone, TheWindowTakesEachStopAtItsMedian) {
    Point x;
    const TransitCost cost = router_cost(x);
    TransitIsochroneOptions o;
    o.depart = 9 * 3600;
    o.window = 3600;
    o.max_walk_s = 300;
    const std::vector<double> minutes{59, 61};
    const auto r = transit_isochrones(cost, std::span(&x, 1), minutes, o);
    ASSERT_EQ(r.size(), 2u);
    // H: 30 min leaving 09:00, 29..20 leaving 09:01-09:10 (t1), 79..31 leaving 09:11-09:59 (t2):
    // the 31st sorted is 50 min, within both. Z at its median of 60 min: only within 61.
    EXPECT_EQ(r[0].stops_reached, 2u);  // X, H
    EXPECT_EQ(r[1].stops_reached, 3u);  // X, H, Z
}

}  // namespace
}  // namespace keniki::test
