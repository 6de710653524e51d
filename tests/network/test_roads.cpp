// Travel modes (who may use a way, at what speed) and building networks from roads read by hand-
// checkable fixtures: tests/fixtures/network/grid.osm (the expected graphs are worked out below
// from the drawing in that file) and edge_list.geojson (an OSMnx-style edge list, two-way streets
// listed once per direction).

#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/network/road_data.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/travel_mode.hpp"
#include "support/test_paths.hpp"

namespace keniki::network {
namespace {

std::string fixture(const char* name) { return (test::source_dir() / "tests/fixtures/network" / name).string(); }

TEST(TravelMode, WhoMayUseAWay) {
    auto cls = [](WayTags t) { return classify_way(t); };
    EXPECT_FALSE(cls({}).has_value());                                   // no highway tag
    EXPECT_FALSE(cls(WayTags{.highway = "construction"}).has_value());
    EXPECT_FALSE(cls(WayTags{.highway = "pedestrian", .area = "yes"}).has_value());
    EXPECT_FALSE(cls(WayTags{.highway = "bus_stop"}).has_value());
    auto residential = cls(WayTags{.highway = "residential"});
    ASSERT_TRUE(residential);
    EXPECT_TRUE(residential->walk);
    EXPECT_TRUE(residential->drive);
    EXPECT_EQ(residential->oneway, 0);
    auto footway = cls(WayTags{.highway = "footway"});
    EXPECT_TRUE(footway->walk);
    EXPECT_FALSE(footway->drive);
    auto motorway = cls(WayTags{.highway = "motorway"});
    EXPECT_FALSE(motorway->walk);
    EXPECT_TRUE(motorway->drive);
    EXPECT_EQ(motorway->oneway, 1);  // implied
    EXPECT_FALSE(cls(WayTags{.highway = "service", .access = "private"}).has_value());
    auto private_but_foot = cls(WayTags{.highway = "service", .access = "private", .foot = "yes"});
    EXPECT_TRUE(private_but_foot->walk);
    EXPECT_FALSE(private_but_foot->drive);
    auto no_cars = cls(WayTags{.highway = "residential", .access = "yes", .motor_vehicle = "no"});
    EXPECT_TRUE(no_cars->walk);
    EXPECT_FALSE(no_cars->drive);
    auto destination = cls(WayTags{.highway = "residential", .access = "no", .motorcar = "destination"});
    EXPECT_FALSE(destination->walk);  // access=no and no foot tag
    EXPECT_TRUE(destination->drive);  // the most specific tag decides
    EXPECT_FALSE(cls(WayTags{.highway = "footway", .foot = "no"}).has_value());
    auto roundabout = cls(WayTags{.highway = "primary", .junction = "roundabout"});
    EXPECT_EQ(roundabout->oneway, 1);
    auto two_way_roundabout = cls(WayTags{.highway = "primary", .oneway = "no", .junction = "roundabout"});
    EXPECT_EQ(two_way_roundabout->oneway, 0);
    EXPECT_EQ(cls(WayTags{.highway = "secondary", .oneway = "-1"})->oneway, -1);
    EXPECT_EQ(cls(WayTags{.highway = "secondary", .oneway = "yes"})->oneway, 1);
    EXPECT_EQ(cls(WayTags{.highway = "secondary", .maxspeed = "50"})->maxspeed_kmh, 50.0);
}

/// The message of the UsageError that apply_walk_tags(rules, text) throws ("" when none).
std::string walk_tags_error(const std::string& text) {
    WalkRules rules;
    try {
        apply_walk_tags(rules, text);
    } catch (const UsageError& e) {
        EXPECT_EQ(rules, default_walk_rules()) << "a refused text must leave the rules as they were: " << text;
        return e.message();
    }
    return {};
}

TEST(TravelMode, WalkTagsChangeWhoMayWalk) {
    // The built-in rules, as the README states them.
    const WalkRules& built_in = default_walk_rules();
    EXPECT_EQ(built_in.highway.size(), 21u);
    EXPECT_EQ(built_in.describe(),
              "highway = trunk, trunk_link, primary, primary_link, secondary, secondary_link, tertiary, tertiary_link, unclassified, "
              "residential, living_street, service, pedestrian, track, road, footway, path, steps, cycleway, bridleway, corridor; "
              "foot = yes, designated, permissive, destination opens a way whatever access says; foot or access = no, private closes it");
    auto cls = [](WayTags t, const WalkRules& r) { return classify_way(t, r); };
    EXPECT_TRUE(cls(WayTags{.highway = "steps"}, built_in)->walk);
    EXPECT_FALSE(cls(WayTags{.highway = "platform"}, built_in).has_value());
    EXPECT_TRUE(cls(WayTags{.highway = "secondary", .foot = "use_sidepath"}, built_in)->walk);
    EXPECT_TRUE(cls(WayTags{.highway = "service", .access = "private", .foot = "destination"}, built_in)->walk);

    WalkRules r;
    apply_walk_tags(r, " highway = -steps, +platform ; foot_no=+use_sidepath;");
    EXPECT_FALSE(cls(WayTags{.highway = "steps"}, r).has_value());  // neither walkable nor drivable now: not a road
    EXPECT_TRUE(cls(WayTags{.highway = "platform"}, r)->walk);
    EXPECT_FALSE(cls(WayTags{.highway = "platform"}, r)->drive);
    const auto sidepath = cls(WayTags{.highway = "secondary", .foot = "use_sidepath"}, r);
    EXPECT_FALSE(sidepath->walk);
    EXPECT_TRUE(sidepath->drive);
    const auto sidepath_access = cls(WayTags{.highway = "secondary", .access = "use_sidepath"}, r);
    EXPECT_FALSE(sidepath_access->walk);  // foot_no values close through access too
    EXPECT_EQ(r.highway.size(), 21u);     // one out, one in
    EXPECT_EQ(r.highway.back(), "platform");
    EXPECT_EQ(r.foot_no, (std::vector<std::string>{"no", "private", "use_sidepath"}));

    WalkRules strict;
    apply_walk_tags(strict, "foot_yes=-destination");
    EXPECT_FALSE(cls(WayTags{.highway = "service", .access = "private", .foot = "destination"}, strict).has_value());  // closed to cars too
    EXPECT_TRUE(cls(WayTags{.highway = "service", .access = "private", .foot = "yes"}, strict)->walk);

    WalkRules paths;
    apply_walk_tags(paths, "highway=footway,path");  // a whole list replaces the classes
    EXPECT_EQ(paths.highway, (std::vector<std::string>{"footway", "path"}));
    EXPECT_FALSE(cls(WayTags{.highway = "residential"}, paths)->walk);
    EXPECT_TRUE(cls(WayTags{.highway = "residential"}, paths)->drive);
    EXPECT_TRUE(cls(WayTags{.highway = "path"}, paths)->walk);
    apply_walk_tags(paths, "highway=+footway");  // adding what is there changes nothing
    EXPECT_EQ(paths.highway.size(), 2u);

    EXPECT_EQ(walk_tags_error("fot_no=+use_sidepath"), "unknown key 'fot_no' (the keys are highway, foot_yes, foot_no)");
    EXPECT_EQ(walk_tags_error("highway-steps"), "'highway-steps' is not KEY=VALUES (e.g. highway=+track,-steps; keys: highway, foot_yes, foot_no)");
    EXPECT_EQ(walk_tags_error("foot_no=-yes"), "foot_no has no 'yes' to remove (it holds no, private)");
    EXPECT_EQ(walk_tags_error("highway=footway,+path"),
              "highway: give either the whole list (highway=a,b) or changes to it (highway=+a,-b), not both");
    EXPECT_EQ(walk_tags_error("highway=+track,,-steps"), "highway: an empty value in 'highway=+track,,-steps'");
    EXPECT_EQ(walk_tags_error("highway=+track=yes"), "highway: '+track=yes' is not a tag value (+value adds, -value removes)");
    EXPECT_EQ(walk_tags_error(" ; "), "no rule given (e.g. highway=+track,-steps;foot_no=+use_sidepath)");
    EXPECT_EQ(walk_tags_error("highway=-steps;foot=no"), "unknown key 'foot' (the keys are highway, foot_yes, foot_no)");  // all or nothing
}

TEST(TravelMode, ParsingSpeedsAndOneways) {
    EXPECT_EQ(parse_maxspeed("40"), 40.0);
    EXPECT_EQ(parse_maxspeed(" 40 km/h"), 40.0);
    EXPECT_NEAR(*parse_maxspeed("30 mph"), 48.28, 0.01);
    EXPECT_EQ(parse_maxspeed("walk"), 6.0);
    EXPECT_FALSE(parse_maxspeed("none"));
    EXPECT_FALSE(parse_maxspeed("JP:urban"));
    EXPECT_FALSE(parse_maxspeed("40;50"));
    EXPECT_FALSE(parse_maxspeed(""));
    EXPECT_EQ(parse_oneway("yes"), 1);
    EXPECT_EQ(parse_oneway("True"), 1);
    EXPECT_EQ(parse_oneway("1"), 1);
    EXPECT_EQ(parse_oneway("F"), 1);
    EXPECT_EQ(parse_oneway("T"), -1);  // Geofabrik: from the To end
    EXPECT_EQ(parse_oneway("-1"), -1);
    EXPECT_EQ(parse_oneway("B"), 0);
    EXPECT_EQ(parse_oneway("False"), 0);
    EXPECT_EQ(parse_oneway(""), 0);
    EXPECT_FALSE(parse_oneway("reversible"));
    EXPECT_EQ(parse_mode("walk"), Mode::walk);
    EXPECT_EQ(parse_mode("Drive"), Mode::drive);
    EXPECT_THROW(parse_mode("bike"), UsageError);

    TravelOptions t;
    EXPECT_DOUBLE_EQ(t.foot_kmh(), 4.8);
    t.elderly = true;
    EXPECT_DOUBLE_EQ(t.foot_kmh(), 3.0);
    WayAttributes w;
    w.highway = "residential";
    EXPECT_DOUBLE_EQ(t.drive_speed_kmh(w), 20);
    w.maxspeed_kmh = 40;
    EXPECT_DOUBLE_EQ(t.drive_speed_kmh(w), 32);  // 40 x 0.8
    t.use_maxspeed = false;
    EXPECT_DOUBLE_EQ(t.drive_speed_kmh(w), 20);
    w.speed_kmh = 55;
    EXPECT_DOUBLE_EQ(t.drive_speed_kmh(w), 55);  // an explicit speed wins
    w = {};
    w.highway = "bridleway_or_unknown";
    EXPECT_DOUBLE_EQ(t.drive_speed_kmh(w), 20);
}

/// The edge joining two keyed nodes (either direction), or k_no_edge.
EdgeId edge_between(const RoadNetwork& net, std::int64_t a, std::int64_t b) {
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto ka = net.node_key[net.edge_u[e]], kb = net.node_key[net.edge_v[e]];
        if ((ka == a && kb == b) || (ka == b && kb == a)) return e;
    }
    return k_no_edge;
}

TEST(OsmReader, GridFixtureWalk) {
    const RoadData roads = read_osm(fixture("grid.osm"));
    EXPECT_EQ(roads.crs, "EPSG:6670");  // Kumamoto -> plane-rectangular zone II
    EXPECT_EQ(roads.features_read, 11);
    EXPECT_EQ(roads.not_roads, 3);  // the building, the construction site, the private service road
    ASSERT_EQ(roads.notes.size(), 1u);
    EXPECT_NE(roads.notes[0].find("1 ways refer to 1 nodes missing"), std::string::npos) << roads.notes[0];

    const RoadNetwork walk = build_network(roads, TravelOptions{});
    // Walkable: 101, 102, 103, 104, 105, 109 (cut to 9-31), 110. Junctions: 1 2 3 4 5 6 7 8 9 31 20 21
    // (10 is a bend). Edges: 1-2, 2-3, 4-5, 5-6, 7-8, 8-9, 1-4, 4-7, 2-5, 5-8, 9-31, 20-21.
    EXPECT_EQ(walk.report.ways_used, 7u);
    EXPECT_EQ(walk.report.nodes_split, 12u);
    EXPECT_EQ(walk.report.edges_split, 12u);
    EXPECT_EQ(walk.report.components.count, 2u);
    EXPECT_EQ(walk.report.components.dropped, 1u);
    EXPECT_EQ(walk.report.components.dropped_nodes, 2u);
    EXPECT_EQ(walk.report.components.dropped_edges, 1u);
    EXPECT_NEAR(walk.report.components.dropped_length_m, 93.6, 0.5);  // 0.001 deg of longitude at 32.81 N
    EXPECT_EQ(walk.node_count(), 10u);
    EXPECT_EQ(walk.edge_count(), 11u);
    EXPECT_EQ(walk.forward.arc_count(), 22u);  // everything both ways on foot
    // Edge 2-3 keeps its bend through node 10: three points, and longer than the straight 2-3.
    const EdgeId bend = edge_between(walk, 2, 3);
    ASSERT_NE(bend, k_no_edge);
    EXPECT_EQ(walk.edge_line(bend).size(), 3u);
    const double straight = std::hypot(walk.edge_line(bend).back().x() - walk.edge_line(bend).front().x(),
                                       walk.edge_line(bend).back().y() - walk.edge_line(bend).front().y());
    EXPECT_GT(walk.edge_length_m[bend], straight);
    EXPECT_NEAR(walk.edge_forward_s[bend], walk.edge_length_m[bend] / (4.8 / 3.6), 1e-9);
    // 1-2 is 0.001 deg of longitude: about 93.6 m.
    const EdgeId e12 = edge_between(walk, 1, 2);
    EXPECT_NEAR(walk.edge_length_m[e12], 93.6, 0.5);
    EXPECT_EQ(edge_between(walk, 3, 6), k_no_edge);  // motorway
    EXPECT_EQ(edge_between(walk, 20, 21), k_no_edge);  // dropped component

    TravelOptions elderly;
    elderly.elderly = true;
    const RoadNetwork slow = build_network(roads, elderly);
    EXPECT_NEAR(slow.edge_forward_s[edge_between(slow, 1, 2)], slow.edge_length_m[edge_between(slow, 1, 2)] / (3.0 / 3.6), 1e-9);
}

TEST(OsmReader, WalkTagsTakeTheFootwayOut) {
    // Without the footway 103 (7-8-9), 9-31 hangs on nothing walkable (107 is private, 111 under
    // construction): components {1 2 3 4 5 6 7 8} with 8 edges, {9 31} and {20 21}. By hand, in metres
    // (0.001 deg: 93.66 of longitude, 110.89 of latitude at 32.80 N in zone II; the bend 2-10-3 is two
    // diagonals of 0.0005 deg, 2 x 72.58): 1-2, 4-5, 5-6: 3 x 93.66; 2-3: 145.16; 1-4, 4-7, 2-5, 5-8:
    // 4 x 110.89; 869.7 in all. With the footway: + 7-8, 8-9, 9-31 (3 x 93.66) = 1150.7.
    const RoadData all = read_osm(fixture("grid.osm"));
    EXPECT_EQ(all.walk, default_walk_rules());
    const RoadNetwork with_footway = build_network(all, TravelOptions{});
    EXPECT_EQ(with_footway.edge_count(), 11u);
    EXPECT_NEAR(with_footway.report.length_m, 1150.7, 1.0);

    RoadReadOptions o;
    apply_walk_tags(o.walk, "highway=-footway");
    const RoadData roads = read_osm(fixture("grid.osm"), o);
    EXPECT_EQ(roads.walk, o.walk);
    EXPECT_EQ(roads.not_roads, 4);  // the building, the construction site, the private service road, the footway
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    EXPECT_EQ(walk.report.ways_used, 6u);
    EXPECT_EQ(walk.report.edges_split, 10u);
    EXPECT_EQ(walk.report.components.count, 3u);
    EXPECT_EQ(walk.report.components.dropped_edges, 2u);
    EXPECT_EQ(walk.node_count(), 8u);
    EXPECT_EQ(walk.edge_count(), 8u);
    EXPECT_EQ(edge_between(walk, 7, 8), k_no_edge);
    EXPECT_EQ(edge_between(walk, 8, 9), k_no_edge);
    EXPECT_NEAR(walk.report.length_m, 869.7, 1.0);
    EXPECT_NEAR(with_footway.report.length_m - walk.report.length_m, 3 * 93.66, 0.1);
    // Cars never used the footway: the drive network is the same.
    TravelOptions drive;
    drive.mode = Mode::drive;
    EXPECT_EQ(build_network(roads, drive).edge_count(), build_network(all, drive).edge_count());
}

TEST(LineReader, WalkTagsDecideByTheClassField) {
    // Three lines (0,0)-(100,0)-(200,0)-(300,0): steps, a platform (no road by default) and a residential street.
    Layer layer;
    layer.name = "l";
    layer.crs = "EPSG:6670";
    layer.fields = {{"highway", FieldType::text}};
    layer.features.push_back(Feature{1, Geometry{LineString{{0, 0}, {100, 0}}}, {Value{std::string("steps")}}});
    layer.features.push_back(Feature{2, Geometry{LineString{{100, 0}, {200, 0}}}, {Value{std::string("platform")}}});
    layer.features.push_back(Feature{3, Geometry{LineString{{200, 0}, {300, 0}}}, {Value{std::string("residential")}}});
    RoadReadOptions o;
    o.crs = "EPSG:6670";
    const RoadData plain = roads_from_layer(layer, o, "l.gpkg");
    EXPECT_EQ(plain.not_roads, 1);  // the platform
    EXPECT_NEAR(build_network(plain, TravelOptions{}, BuildOptions{false}).report.length_m, 200, 1e-9);
    apply_walk_tags(o.walk, "highway=-steps,+platform");
    const RoadData changed = roads_from_layer(layer, o, "l.gpkg");
    EXPECT_EQ(changed.not_roads, 1);  // the steps now
    ASSERT_EQ(changed.ways.size(), 2u);
    EXPECT_TRUE(changed.ways[0].attributes.walk);    // the platform
    EXPECT_FALSE(changed.ways[0].attributes.drive);
    const RoadNetwork walk = build_network(changed, TravelOptions{}, BuildOptions{false});
    EXPECT_EQ(walk.edge_count(), 2u);
    EXPECT_NEAR(walk.report.length_m, 200, 1e-9);  // 100-300
    EXPECT_EQ(walk.node_count(), 3u);
}

TEST(OsmReader, GridFixtureDrive) {
    const RoadData roads = read_osm(fixture("grid.osm"));
    TravelOptions drive;
    drive.mode = Mode::drive;
    const RoadNetwork net = build_network(roads, drive);
    // Drivable: 101, 102, 104 (one-way 1->4->7), 105, 106 (motorway 3->6), 109 (9-31), 110.
    // Junctions 1 2 3 4 5 6 7 8 9 31 20 21; edges 1-2 2-3 4-5 5-6 1>4 4>7 2-5 5-8 3>6 9-31 20-21.
    // Strongly connected: {1 2 3 4 5 6 8}, {7} (no way out), {9 31}, {20 21}.
    EXPECT_EQ(net.report.ways_used, 7u);
    EXPECT_EQ(net.report.nodes_split, 12u);
    EXPECT_EQ(net.report.edges_split, 11u);
    EXPECT_EQ(net.report.components.count, 4u);
    EXPECT_EQ(net.report.components.dropped, 3u);
    EXPECT_EQ(net.report.components.dropped_nodes, 5u);
    EXPECT_EQ(net.report.components.dropped_edges, 3u);
    EXPECT_EQ(net.node_count(), 7u);
    EXPECT_EQ(net.edge_count(), 8u);
    EXPECT_EQ(net.forward.arc_count(), 14u);  // 6 two-way edges + 2 one-way
    const EdgeId e14 = edge_between(net, 1, 4);
    ASSERT_NE(e14, k_no_edge);
    const bool drawn_1_to_4 = net.node_key[net.edge_u[e14]] == 1;
    EXPECT_TRUE(drawn_1_to_4);
    EXPECT_EQ(net.edge_backward_s[e14], k_closed);
    // tertiary with maxspeed=40: 32 km/h; residential 20 km/h; motorway 80 km/h.
    EXPECT_NEAR(net.edge_forward_s[e14], net.edge_length_m[e14] / (32 / 3.6), 1e-9);
    const EdgeId e12 = edge_between(net, 1, 2);
    EXPECT_NEAR(net.edge_forward_s[e12], net.edge_length_m[e12] / (20 / 3.6), 1e-9);
    const EdgeId e36 = edge_between(net, 3, 6);
    EXPECT_NEAR(net.edge_forward_s[e36], net.edge_length_m[e36] / (80 / 3.6), 1e-9);
    EXPECT_EQ(net.edge_backward_s[e36], k_closed);

    BuildOptions all;
    all.keep_largest_component = false;
    const RoadNetwork whole = build_network(roads, drive, all);
    EXPECT_EQ(whole.node_count(), 12u);
    EXPECT_EQ(whole.edge_count(), 11u);
    EXPECT_EQ(whole.report.components.count, 4u);
    EXPECT_EQ(whole.report.components.dropped, 0u);
}

TEST(OsmReader, Errors) {
    EXPECT_THROW(read_osm(fixture("no_such_file.osm.pbf")), UsageError);
    const auto dir = test::fresh_temp_dir("keniki-osm");
    {
        std::ofstream bad(dir / "bad.osm");
        bad << "<osm><way id='1'><nd ref='1'/>";
    }
    EXPECT_THROW(read_osm((dir / "bad.osm").string()), DataError);
    {
        std::ofstream none(dir / "none.osm");
        none << "<?xml version='1.0'?><osm version='0.6'><node id='1' lat='32.8' lon='130.7'/></osm>";
    }
    EXPECT_THROW(read_osm((dir / "none.osm").string()), DataError);
    std::filesystem::remove_all(dir);
}

TEST(LineReader, EdgeListTwinsMerged) {
    const RoadData roads = read_roads(fixture("edge_list.geojson"));
    EXPECT_TRUE(roads.edge_list);
    EXPECT_EQ(roads.ways.size(), 5u);
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    EXPECT_EQ(walk.report.nodes_split, 3u);
    EXPECT_EQ(walk.report.duplicates_merged, 2u);  // 1-2 and 1-3 were listed both ways
    EXPECT_EQ(walk.edge_count(), 3u);
    // Lengths from the length field, not measured.
    const EdgeId e12 = edge_between(walk, 1, 2), e23 = edge_between(walk, 2, 3), e13 = edge_between(walk, 1, 3);
    EXPECT_DOUBLE_EQ(walk.edge_length_m[e12], 100.0);
    EXPECT_DOUBLE_EQ(walk.edge_length_m[e23], 120.0);
    EXPECT_DOUBLE_EQ(walk.edge_length_m[e13], 160.0);
    EXPECT_EQ(walk.edge_line(e13).size(), 3u);  // the interior vertex is no junction

    TravelOptions drive;
    drive.mode = Mode::drive;
    const RoadNetwork car = build_network(roads, drive);
    // The footway is closed to cars; 2->3 is one-way (class from OSMnx's list: tertiary), so 3 is
    // its own strongly connected component and is dropped.
    EXPECT_EQ(car.report.edges_split, 2u);
    EXPECT_EQ(car.report.components.count, 2u);
    EXPECT_EQ(car.edge_count(), 1u);
    EXPECT_NEAR(car.edge_forward_s[0], 100.0 / (20 / 3.6), 1e-9);
}

TEST(LineReader, SharedVerticesBecomeJunctions) {
    // A "T": A runs (0,0) (100,0) (200,0); B runs (100,0) (100,100) and touches A at A's interior
    // vertex; C (300,0)-(400,0) touches nothing. Metric CRS given, so nothing is transformed.
    Layer layer;
    layer.name = "t";
    layer.crs = "EPSG:6670";
    layer.fields = {{"highway", FieldType::text}, {"speed", FieldType::real}, {"oneway", FieldType::text}};
    auto add = [&](std::int64_t id, LineString l, std::string cls, Value speed, std::string oneway) {
        layer.features.push_back(Feature{id, Geometry{std::move(l)}, {Value{std::move(cls)}, speed, Value{std::move(oneway)}}});
    };
    add(1, LineString{{0, 0}, {100, 0}, {200, 0}}, "residential", Value{}, "no");
    add(2, LineString{{100, 0}, {100, 100}}, "residential", Value{36.0}, "yes");
    add(3, LineString{{300, 0}, {400, 0}}, "residential", Value{}, "");
    layer.features.push_back(Feature{4, Geometry{Point{5, 5}}, {Value{}, Value{}, Value{}}});
    RoadReadOptions o;
    o.crs = "EPSG:6670";
    const RoadData roads = roads_from_layer(layer, o, "t.gpkg");
    EXPECT_FALSE(roads.edge_list);
    EXPECT_EQ(roads.not_roads, 1);
    EXPECT_EQ(roads.ways.size(), 3u);
    EXPECT_EQ(roads.ways[0].line[1].x(), 100);  // untouched
    TravelOptions drive;
    drive.mode = Mode::drive;
    const RoadNetwork net = build_network(roads, drive, BuildOptions{false});
    EXPECT_EQ(net.node_count(), 6u);  // (0,0) (100,0) (200,0) (100,100) (300,0) (400,0)
    EXPECT_EQ(net.edge_count(), 4u);
    EXPECT_EQ(net.report.components.count, 3u);  // strongly: A's three nodes; (100,100), a one-way spur; C's two
    // B: 100 m at its own speed field (36 km/h = 10 m/s), one way only.
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        if (net.edge_way[e] != 2) continue;
        EXPECT_DOUBLE_EQ(net.edge_length_m[e], 100);
        EXPECT_DOUBLE_EQ(net.edge_forward_s[e], 10);
        EXPECT_EQ(net.edge_backward_s[e], k_closed);
    }
    o.u_field = "nope";
    EXPECT_THROW(roads_from_layer(layer, o, "t.gpkg"), UsageError);
}

}  // namespace
}  // namespace keniki::network
