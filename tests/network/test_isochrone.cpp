// Service-area polygons along the road: reached stretches cut exactly at the threshold, buffered and
// unioned (the traced outline by default, the exact GEOS union on request); rings; the non-overlapping
// split by nearest hub. Worked out by hand on a straight road walked at 4.8 km/h (80 m a minute),
// checked with a tolerance, and GEOS-valid; and the outline against the exact union on real roads.

#include <cmath>
#include <cstdio>
#include <numbers>

#include <boost/geometry/algorithms/covered_by.hpp>
#include <gtest/gtest.h>

#include "keniki/analysis/network_cost.hpp"
#include "keniki/core/memory_budget.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/geom/compare.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/network/isochrone.hpp"
#include "keniki/network/road_data.hpp"
#include "support/test_paths.hpp"

namespace keniki::network {
namespace {

constexpr double walk_ms = 4.8 / 3.6;

/// A straight road (0,0)-(4000,0) with junctions every 1000 m, walking.
std::shared_ptr<RoadNetwork> straight_road() {
    std::vector<Point> nodes;
    for (int i = 0; i <= 4; ++i) nodes.emplace_back(1000.0 * i, 0.0);
    std::vector<EdgeSpec> edges;
    for (NodeId i = 0; i < 4; ++i) {
        EdgeSpec e;
        e.u = i;
        e.v = i + 1;
        e.line = {nodes[i], Point{nodes[i].x() + 500, 0}, nodes[i + 1]};
        e.forward_s = e.backward_s = 1000 / walk_ms;
        edges.push_back(e);
    }
    return std::make_shared<RoadNetwork>(assemble_network(nodes, {}, edges, "EPSG:6670", TravelOptions{}));
}

/// Area of a buffered straight stretch of `length`: a rectangle and two round caps (the 32-gon GEOS
/// draws with 8 segments per quarter).
double capsule_area(double length, double side) {
    const double circle = 0.5 * 32 * side * side * std::sin(2 * std::numbers::pi / 32);
    return length * 2 * side + circle;
}

/// The same with truly round caps, which the outline (the default) traces: its arcs get a point at
/// least every pi/16, so it loses at most what a 32-gon loses to a circle.
double round_capsule_area(double length, double side) { return length * 2 * side + std::numbers::pi * side * side; }
double arc_loss(double side) { return std::numbers::pi * side * side - 0.5 * 32 * side * side * std::sin(2 * std::numbers::pi / 32); }

/// An outline of straight stretches: between the round capsule less its arc loss and the capsule.
void expect_round_capsules(const MultiPolygon& g, double length, int capsules = 1, double side = 50) {
    const double truth = round_capsule_area(length, side) + (capsules - 1) * std::numbers::pi * side * side;
    EXPECT_LE(geom::area(g), truth + 0.01);
    EXPECT_GE(geom::area(g), truth - capsules * arc_loss(side));
}

void expect_valid(const MultiPolygon& g) {
    const auto reason = geom::invalid_reason(Geometry{g});
    EXPECT_FALSE(reason.has_value()) << *reason;
}

TEST(Isochrone, StretchesCutExactlyAtTheThreshold) {
    const auto net = straight_road();
    const Snapper snapper(*net);
    const PlacedSource src{snapper.snap(Point{1200, 0}, 10), 0, 0};
    Dijkstra search(net->forward);
    add_source(search, *net, src, Direction::outbound);
    search.run(600);
    // 5 minutes = 400 m each way from x = 1200: [800, 1600], across the junction at 1000.
    const auto stretches = reached_stretches(*net, search, std::span(&src, 1), Direction::outbound, 300);
    ASSERT_EQ(stretches.size(), 2u);
    EXPECT_EQ(stretches[0].edge, 0u);
    EXPECT_NEAR(stretches[0].from_m, 800, 1e-9);
    EXPECT_NEAR(stretches[0].to_m, 1000, 1e-9);
    EXPECT_EQ(stretches[1].edge, 1u);
    EXPECT_NEAR(stretches[1].from_m, 0, 1e-9);
    EXPECT_NEAR(stretches[1].to_m, 600, 1e-9);
    EXPECT_NEAR(total_length(stretches), 800, 1e-9);
    const auto lines = stretch_lines(*net, stretches);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NEAR(lines[0].front().x(), 800, 1e-9);  // the line's own vertex at 500 is outside
    EXPECT_EQ(lines[0].size(), 2u);
    EXPECT_NEAR(lines[1].back().x(), 1600, 1e-9);
    EXPECT_EQ(lines[1].size(), 3u);  // 1000, the bend at 1500, 1600
    // Reach only grows with the threshold.
    double previous = 0;
    for (double t = 0; t <= 600; t += 37) {
        const double len = total_length(reached_stretches(*net, search, std::span(&src, 1), Direction::outbound, t));
        EXPECT_GE(len, previous);
        EXPECT_NEAR(len, std::min(2 * t * walk_ms, 1200 + t * walk_ms), 1e-6);
        previous = len;
    }
}

TEST(Isochrone, PolygonsRingsAndAccessLeg) {
    const auto net = straight_road();
    const Snapper snapper(*net);
    const std::vector<Point> origins = {{2000, 0}, {2000, 30}, {2000, 9000}};
    const std::vector<double> minutes = {10, 5};  // sorted by the function
    const auto iso = isochrones(snapper, origins, minutes);
    ASSERT_EQ(iso.size(), 6u);
    EXPECT_EQ(iso[0].minutes, 5);
    EXPECT_EQ(iso[1].minutes, 10);
    // On the road: 400 m each way in 5 minutes.
    EXPECT_NEAR(iso[0].road_m, 800, 1e-6);
    expect_round_capsules(iso[0].area, 800);
    EXPECT_NEAR(iso[1].road_m, 1600, 1e-6);
    expect_round_capsules(iso[1].area, 1600);
    expect_valid(iso[0].area);
    EXPECT_NEAR(geom::area(geom::difference(iso[0].area, iso[1].area)), 0, 1e-6);  // nested
    // 30 m off the road: the access leg takes 22.5 s, leaving 370 m each way.
    EXPECT_TRUE(iso[2].snapped);
    EXPECT_NEAR(iso[2].access_m, 30, 1e-9);
    EXPECT_NEAR(iso[2].road_m, 740, 1e-6);
    EXPECT_TRUE(boost::geometry::covered_by(origins[1], iso[2].area));
    // Not placed: reported with an empty area.
    EXPECT_FALSE(iso[4].snapped);
    EXPECT_TRUE(iso[4].area.empty());

    IsochroneOptions rings;
    rings.rings = true;
    const auto r = isochrones(snapper, std::span(origins.data(), 1), minutes, rings);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[1].from_minutes, 5);
    EXPECT_NEAR(geom::area(r[1].area), round_capsule_area(1600, 50) - round_capsule_area(800, 50), 2 * arc_loss(50));
    EXPECT_NEAR(geom::intersection_area(r[0].area, r[1].area), 0, 1e-6);
    expect_valid(r[1].area);

    // The exact method draws GEOS's 32-gon caps, to the square metre.
    IsochroneOptions exact;
    exact.area.shape.method = geom::LineBuffer::exact;
    const auto e = isochrones(snapper, std::span(origins.data(), 1), minutes, exact);
    EXPECT_NEAR(geom::area(e[0].area), capsule_area(800, 50), 1.0);
    EXPECT_NEAR(geom::area(e[1].area), capsule_area(1600, 50), 1.0);
    exact.rings = true;
    const auto er = isochrones(snapper, std::span(origins.data(), 1), minutes, exact);
    EXPECT_NEAR(geom::area(er[1].area), capsule_area(1600, 50) - capsule_area(800, 50), 1.0);
}

TEST(Isochrone, FreeAccessLegAndReachedNodes) {
    // From (1200, 30), 30 m off the straight road: the access leg is 22.5 s at 80 m a minute. Nodes
    // every 1000 m; node 1000 is 200 m along the road from the snapped point (1200, 0), node 2000 800 m.
    // 10.2 minutes = 612 s.
    //   counted: 612 - 22.5 = 589.5 s on the road = 786 m each way: [414, 1986], 1572 m; node 1000 only.
    //   free:    612 s = 816 m each way: [384, 2016], 1632 m; nodes 1000 and 2000.
    // The free leg adds its 30 m on each side: 60 m. At 5 minutes (370 m / 400 m each way) only node 1000.
    const auto net = straight_road();
    const Snapper snapper(*net);
    const std::vector<Point> origin = {{1200, 30}};
    const std::vector<double> minutes = {5, 10.2};
    const auto counted = isochrones(snapper, origin, minutes);
    IsochroneOptions free_leg;
    free_leg.count_access = false;
    const auto free = isochrones(snapper, origin, minutes, free_leg);
    ASSERT_EQ(counted.size(), 2u);
    ASSERT_EQ(free.size(), 2u);
    EXPECT_NEAR(counted[0].road_m, 740, 1e-6);
    EXPECT_NEAR(free[0].road_m, 800, 1e-6);
    EXPECT_EQ(counted[0].nodes, 1u);
    EXPECT_EQ(free[0].nodes, 1u);
    EXPECT_NEAR(counted[1].road_m, 1572, 1e-6);
    EXPECT_NEAR(free[1].road_m, 1632, 1e-6);
    EXPECT_NEAR(free[1].road_m - counted[1].road_m, 2 * 30, 1e-6);  // the access distance on each side
    EXPECT_EQ(counted[1].nodes, 1u);
    EXPECT_EQ(free[1].nodes, 2u);
    EXPECT_NEAR(free[1].access_m, 30, 1e-9);  // still reported
    // The free leg is drawn whole: the origin lies in its area, even with a 5 m side.
    IsochroneOptions thin = free_leg;
    thin.area.side_m = 5;
    thin.area.shape.method = geom::LineBuffer::exact;
    const std::vector<Point> far = {{1200, 400}};  // 400 m off: 5 minutes of walk, all the time counted there is
    IsochroneOptions thin_counted = thin;
    thin_counted.count_access = true;
    const auto far_counted = isochrones(snapper, far, std::vector<double>{5}, thin_counted);
    EXPECT_NEAR(far_counted[0].road_m, 0, 1e-6);
    EXPECT_EQ(far_counted[0].nodes, 0u);
    const auto far_free = isochrones(snapper, far, std::vector<double>{5}, thin);
    EXPECT_NEAR(far_free[0].road_m, 800, 1e-6);
    EXPECT_TRUE(boost::geometry::covered_by(far[0], far_free[0].area));
    // The same in reach_per_source and service_area.
    EXPECT_NEAR(reach_per_source(snapper, origin, 10.2, free_leg)[0].road_m, 1632, 1e-6);
    EXPECT_EQ(reach_per_source(snapper, origin, 10.2, free_leg)[0].nodes, 2u);
    EXPECT_NEAR(reach_per_source(snapper, origin, 10.2)[0].road_m, 1572, 1e-6);
    EXPECT_NEAR(service_area(snapper, origin, 10.2, free_leg).road_m, 1632, 1e-6);
}

TEST(Isochrone, ServiceAreaSplitByNearestHub) {
    const auto net = straight_road();
    const Snapper snapper(*net);
    const std::vector<Point> hubs = {{1500, 0}, {2500, 0}, {500, 7000}};
    // 10 minutes = 800 m: [700, 2300] and [1700, 3300] overlap on [1700, 2300]; they meet at 2000.
    const AreaResult r = service_area(snapper, hubs, 10, IsochroneOptions{}, true);
    EXPECT_EQ(r.unsnapped, (std::vector<std::size_t>{2}));
    EXPECT_NEAR(r.road_m, 2600, 1e-6);
    expect_round_capsules(r.area, 2600);
    expect_valid(r.area);
    ASSERT_EQ(r.by_source.size(), 3u);
    EXPECT_TRUE(r.by_source[2].empty());
    const double a0 = geom::area(r.by_source[0]), a1 = geom::area(r.by_source[1]);
    EXPECT_NEAR(a0, a1, 0.01 * a0);  // symmetric
    EXPECT_NEAR(a0 + a1, geom::area(r.area), 1e-3 * a0);
    EXPECT_NEAR(geom::intersection_area(r.by_source[0], r.by_source[1]), 0, 1e-3);
    expect_valid(r.by_source[0]);
    expect_valid(r.by_source[1]);
    // The boundary lies at x = 2000 (to within the sampling).
    EXPECT_TRUE(boost::geometry::covered_by(Point{1990, 0}, r.by_source[0]));
    EXPECT_TRUE(boost::geometry::covered_by(Point{2010, 0}, r.by_source[1]));

    const auto reach = reach_per_source(snapper, hubs, 10);
    EXPECT_NEAR(reach[0].road_m, 1600, 1e-6);
    EXPECT_EQ(reach[0].nodes, 2u);  // the junctions at 1000 and 2000
    EXPECT_FALSE(reach[2].snapped);
}

TEST(Isochrone, UnequalSplitFollowsNetworkCosts) {
    // Hub 0 at x = 1000 with a 200 m access leg (150 s), hub 1 at x = 3000 on the road; 25 minutes.
    // Along the road they tie where 200 m + (x - 1000) = 3000 - x: x = 1900.
    const auto net = straight_road();
    const Snapper snapper(*net);
    IsochroneOptions o;
    o.snap.max_snap_m = 500;
    const std::vector<Point> hubs = {{1000, 200}, {3000, 0}};
    const AreaResult r = service_area(snapper, hubs, 25, o, true);
    EXPECT_TRUE(boost::geometry::covered_by(Point{1880, 0}, r.by_source[0]));
    EXPECT_TRUE(boost::geometry::covered_by(Point{1920, 0}, r.by_source[1]));
    EXPECT_TRUE(boost::geometry::covered_by(hubs[0], r.by_source[0]));  // the access leg is drawn
}

TEST(BufferLines, UnionOfCapsules) {
    const std::vector<LineString> lines = {LineString{{0, 0}, {100, 0}}, LineString{{50, 0}, {150, 0}}, LineString{{1000, 0}}};
    const MultiPolygon g = geom::buffer_lines(lines, 10, 8);
    EXPECT_EQ(g.size(), 2u);  // the overlapping pair, and the point's circle
    EXPECT_NEAR(geom::area(g), capsule_area(150, 10) + capsule_area(0, 10), 0.1);
    EXPECT_TRUE(geom::buffer_lines({}, 10, 8).empty());
    EXPECT_TRUE(geom::buffer_lines(lines, 0, 8).empty());
}

TEST(NetworkCost, CostModelInMinutes) {
    const auto net = straight_road();
    const analysis::NetworkCost cost(net);
    EXPECT_EQ(cost.unit(), analysis::CostUnit::minutes);
    EXPECT_NE(cost.describe().find("walking"), std::string::npos);
    const std::vector<Point> hubs = {{1000, 0}, {3000, 0}, {0, 8000}};
    const std::vector<Point> residents = {{1200, 40}, {2900, 0}, {2000, 5000}};
    std::vector<std::int32_t> hub;
    std::vector<double> minutes;
    cost.nearest(residents, hubs, hub, minutes);
    EXPECT_EQ(hub, (std::vector<std::int32_t>{0, 1, -1}));
    EXPECT_NEAR(minutes[0], 240.0 / 80, 1e-9);  // 200 m along + 40 m access
    EXPECT_NEAR(minutes[1], 100.0 / 80, 1e-9);
    EXPECT_EQ(minutes[2], std::numeric_limits<double>::infinity());
    const auto report = cost.last_report();
    EXPECT_EQ(report.unsnapped_origins, (std::vector<std::size_t>{2}));
    EXPECT_EQ(report.unsnapped_hubs, (std::vector<std::size_t>{2}));
    const MultiPolygon area = cost.service_area(hubs, 5);
    EXPECT_LE(geom::area(area), 2 * round_capsule_area(800, 50) + 0.01);
    EXPECT_GE(geom::area(area), 2 * round_capsule_area(800, 50) - 2 * arc_loss(50));
    EXPECT_TRUE(boost::geometry::covered_by(residents[0], area));
    EXPECT_FALSE(boost::geometry::covered_by(Point{2000, 0}, area));
}

TEST(Isochrone, OutlineMatchesExactUnionOnKumamotoDrive) {
    // Issue 5: one 30-minute drive isochrone polygon, the outline against the exact GEOS union (8
    // segments per quarter circle) of the same 11,000 road stretches (817 km).
    KENIKI_REQUIRE_SHARED("osm/kumamoto/kumamoto_chuo_drive.osm.pbf");
    TravelOptions drive;
    drive.mode = Mode::drive;
    const RoadNetwork net = build_network(read_roads((test::shared_data() / "osm/kumamoto/kumamoto_chuo_drive.osm.pbf").string()), drive);
    const Snapper snapper(net);
    const std::vector<Point> hall = {crs::Transformer("EPSG:4326", net.crs).forward(Point{130.7077, 32.8030})};
    const std::vector<double> thirty = {30};
    IsochroneOptions exact;
    exact.area.shape.method = geom::LineBuffer::exact;
    const MultiPolygon e = isochrones(snapper, hall, thirty, exact)[0].area;
    const MultiPolygon g = isochrones(snapper, hall, thirty)[0].area;
    const double cell = 50.0 / 5;

    expect_valid(g);
    const double ae = geom::area(e), ag = geom::area(g);
    const double sym = geom::area(geom::difference(g, e)) + geom::area(geom::difference(e, g));
    const double out_to_exact = geom::boundary_distance_from(g, e);
    std::printf("kumamoto 30-min drive: area %.4f vs %.4f km2 (%+.3f %%), symmetric difference %.0f m2 "
                "(%.3f %%), outline vertices within %.2f m of the exact boundary\n",
                ag / 1e6, ae / 1e6,
                100 * (ag / ae - 1), sym, 100 * sym / ae, out_to_exact);
    // Measured: +0.075 % (GEOS's 8-segment arcs cut 0.023 % off the true union, the outline's chords
    // across gaps narrower than a cell add about 0.1 %), 0.078 %, 2.7 m.
    EXPECT_NEAR(ag, ae, 0.002 * ae);
    EXPECT_LT(sym, 0.002 * ae);
    // Each area within one cell of the other (the Hausdorff distance between the areas), and every
    // vertex of the outline within half a cell of the exact boundary.
    EXPECT_LT(geom::area_beyond(g, e, cell), 1e-3);
    EXPECT_LT(geom::area_beyond(e, g, cell), 1e-3);
    EXPECT_LT(out_to_exact, cell / 2);
    // Not asserted (and 6 s to compute): GEOS's Hausdorff distance between the boundaries, 391 m,
    // measured from the exact union's holes that the grid cannot see, such as a 10.7 m^2 hole between
    // four roads 391 m from the area's edge; every such hole, and every gap the outline closes, is
    // narrower than a cell.
}

}  // namespace
}  // namespace keniki::network

namespace keniki::network {
namespace {

// Resource limits (issue 14): an outline cell so fine that its grid would not fit in memory is
// refused up front with the estimate and the option to change, not left to exhaust the machine.
TEST(Isochrone, AnOutlineGridTooBigForTheMemoryIsRefusedWithTheEstimate) {
    const auto net = straight_road();
    const Snapper snapper(*net);
    const std::vector<Point> hubs = {{1500, 0}};
    IsochroneOptions o;
    o.area.shape.cell_m = 0.0005;  // 0.5 mm cells along 1,600 m of road: 6.4e11 cells
    try {
        service_area(snapper, hubs, 10, o, false);
        FAIL() << "expected a ResourceError";
    } catch (const ResourceError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("outline grid"), std::string::npos) << m;
        EXPECT_NE(m.find("cells of 0.0005 m"), std::string::npos) << m;
        EXPECT_NE(m.find("MB of memory"), std::string::npos) << m;
        EXPECT_NE(m.find("network.side_m"), std::string::npos) << m;
    }
    // The default cell (side / 5 = 10 m) is nowhere near it.
    EXPECT_NO_THROW(service_area(snapper, hubs, 10, IsochroneOptions{}, false));
}

}  // namespace
}  // namespace keniki::network
