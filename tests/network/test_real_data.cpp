// Real OpenStreetMap data (../shared/data/osm, © OpenStreetMap contributors, ODbL), checked against
// figures computed independently of keniki: osmium-tool 1.15 (`osmium cat -f opl`) parsed by a
// separate Python script that applies the same published filters (walk / drive classes and access
// tags of travel_mode.hpp), cuts ways at nodes missing from the file, takes way ends and nodes used
// twice or more as junctions, counts strongly connected components with networkx 3.6, and measures
// shortest routes between junctions near landmarks with networkx Dijkstra on GRS80 segment lengths.
// GDAL's OSM driver ('lines' layer, highway IN the walk classes) agrees on the ways: 8,520 in
// kumamoto_chuo_all, 54 of them closed by access/foot tags. The Ube edge list's figures come from
// the same kind of script over its attribute table (unique (u, v, key) triples, networkx
// components). The figures are printed for the log; how long this takes is measured in tools/bench/.

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "keniki/core/bounds.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/network/isochrone.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/search.hpp"
#include "support/test_paths.hpp"

namespace keniki::network {
namespace {

std::string data(const char* relative) { return (test::shared_data() / relative).string(); }

struct Expected {
    std::size_t ways, nodes, edges, components, kept_nodes;
};

void expect_counts(const RoadNetwork& net, const Expected& e, const char* what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(net.report.ways_used, e.ways);
    EXPECT_EQ(net.report.nodes_split, e.nodes);
    EXPECT_EQ(net.report.edges_split, e.edges);
    EXPECT_EQ(net.report.components.count, e.components);
    EXPECT_EQ(net.node_count(), e.kept_nodes);
    std::printf("%-28s ways %zu, junctions %zu, edges %zu (%.1f km); %u components, kept %u nodes / %u edges, dropped %zu nodes "
                "(%.2f km)\n",
                what, net.report.ways_used, net.report.nodes_split, net.report.edges_split,
                (net.report.length_m + net.report.components.dropped_length_m) / 1000, net.report.components.count, net.node_count(),
                net.edge_count(), net.report.components.dropped_nodes, net.report.components.dropped_length_m / 1000);
}

NodeId node_with_key(const RoadNetwork& net, std::int64_t key) {
    for (NodeId v = 0; v < net.node_count(); ++v) {
        if (net.node_key[v] == key) return v;
    }
    return k_no_node;
}

/// Shortest route length in metres between two OSM nodes, the network's directions respected.
double route_m(const RoadNetwork& net, std::int64_t from, std::int64_t to) {
    std::vector<Arc> arcs = net.forward.arcs();
    for (Arc& a : arcs) a.weight = net.edge_length_m[tag_edge(a.tag)];
    const Graph g = Graph::from_arcs(net.node_count(), arcs);
    const NodeId s = node_with_key(net, from), t = node_with_key(net, to);
    EXPECT_NE(s, k_no_node) << from;
    EXPECT_NE(t, k_no_node) << to;
    if (s == k_no_node || t == k_no_node) return 0;
    Dijkstra d(g);
    d.add_source(s);
    d.run();
    const double straight = std::hypot(net.node_point[t].x() - net.node_point[s].x(), net.node_point[t].y() - net.node_point[s].y());
    EXPECT_GE(d.cost(t), straight);
    std::printf("  route %lld -> %lld: %.1f m along the roads, %.1f m straight (x%.2f)\n", static_cast<long long>(from),
                static_cast<long long>(to), d.cost(t), straight, d.cost(t) / straight);
    return d.cost(t);
}

void expect_route(const RoadNetwork& net, std::int64_t from, std::int64_t to, double networkx_m) {
    EXPECT_NEAR(route_m(net, from, to), networkx_m, 0.002 * networkx_m) << from << " -> " << to;
}

TEST(RealData, KumamotoChuoAllWays) {
    KENIKI_REQUIRE_SHARED("osm/kumamoto/kumamoto_chuo_all.osm.pbf");
    const RoadData roads = read_osm(data("osm/kumamoto/kumamoto_chuo_all.osm.pbf"));
    std::printf("kumamoto_chuo_all: read %zu road ways, working CRS %s\n", roads.ways.size(), roads.crs.c_str());
    EXPECT_EQ(roads.crs, "EPSG:6670");  // Kumamoto: plane-rectangular zone II
    EXPECT_TRUE(roads.notes.empty());    // no missing nodes
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    expect_counts(walk, {8472, 11638, 15984, 136, 11224}, "kumamoto_chuo_all walk");
    TravelOptions drive_mode;
    drive_mode.mode = Mode::drive;
    const RoadNetwork drive = build_network(roads, drive_mode);
    expect_counts(drive, {7211, 9547, 13208, 65, 9398}, "kumamoto_chuo_all drive");
    // City hall -> Suizenji, city hall -> Kurokami, Suizenji -> Kurokami (networkx figures).
    expect_route(walk, 6390878582, 6393522270, 3164.7);
    expect_route(walk, 6390878582, 2326105006, 2766.3);
    expect_route(walk, 6393522270, 2326105006, 3537.4);
    expect_route(drive, 1522317012, 1522538411, 2953.7);
    expect_route(drive, 1522538411, 1522317012, 2958.4);  // one-way streets: not the same both ways
    expect_route(drive, 1522317012, 2326105006, 2883.8);
    expect_route(drive, 2326105006, 1522317012, 2825.1);
}

TEST(RealData, KumamotoChuoDriveExtract) {
    KENIKI_REQUIRE_SHARED("osm/kumamoto/kumamoto_chuo_drive.osm.pbf");
    const RoadData roads = read_osm(data("osm/kumamoto/kumamoto_chuo_drive.osm.pbf"));
    TravelOptions drive_mode;
    drive_mode.mode = Mode::drive;
    const RoadNetwork drive = build_network(roads, drive_mode);
    expect_counts(drive, {6229, 7825, 11152, 48, 7741}, "kumamoto_chuo_drive drive");
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    expect_counts(walk, {6230, 7826, 11154, 22, 7768}, "kumamoto_chuo_drive walk");
    expect_route(walk, 1522317012, 1522538411, 2925.8);
    expect_route(drive, 1522317012, 1522538411, 2959.5);
    expect_route(drive, 1522538411, 1522317012, 2958.4);

    // A 30-minute drive and a 15-minute walk from the city hall (130.7077, 32.8030).
    const crs::Transformer to_working("EPSG:4326", drive.crs);
    const std::vector<Point> hall = {to_working.forward(Point{130.7077, 32.8030})};
    const Snapper snapper(drive);
    const std::vector<double> minutes = {10, 20, 30};
    const auto iso = isochrones(snapper, hall, minutes);
    std::printf("kumamoto drive isochrones 10/20/30 min from the city hall, the 30-min one: %.2f km2, %.1f km of road\n", geom::area(iso[2].area) / 1e6,
                iso[2].road_m / 1000);
    ASSERT_TRUE(iso[2].snapped);
    EXPECT_LT(iso[2].access_m, 100);
    EXPECT_FALSE(geom::invalid_reason(Geometry{iso[2].area}).has_value());
    EXPECT_LT(geom::area(iso[0].area), geom::area(iso[1].area));
    EXPECT_LE(geom::area(iso[1].area), geom::area(iso[2].area));
    EXPECT_NEAR(geom::area(geom::difference(iso[0].area, iso[2].area)), 0, 1.0);  // nested
}

TEST(RealData, Liechtenstein) {
    KENIKI_REQUIRE_SHARED("osm/liechtenstein-latest.osm.pbf");
    const RoadData roads = read_osm(data("osm/liechtenstein-latest.osm.pbf"));
    std::printf("liechtenstein: read %zu road ways, working CRS %s (%s)\n", roads.ways.size(), roads.crs.c_str(), roads.crs_reason.c_str());
    EXPECT_EQ(roads.crs, "EPSG:32632");  // UTM 32N
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    expect_counts(walk, {4637, 6226, 7832, 25, 6118}, "liechtenstein walk");
    TravelOptions drive_mode;
    drive_mode.mode = Mode::drive;
    const auto shared_drive = std::make_shared<RoadNetwork>(build_network(roads, drive_mode));
    const RoadNetwork& drive = *shared_drive;
    expect_counts(drive, {2346, 3425, 3886, 25, 3375}, "liechtenstein drive");
    // Vaduz, Schaan, Balzers, Triesenberg (up the mountain).
    expect_route(walk, 49939551, 1678589145, 9010.9);
    expect_route(walk, 687031261, 3015983494, 7004.9);
    expect_route(drive, 49939551, 3015983494, 4851.0);
    expect_route(drive, 3015983494, 49939551, 6014.8);
    expect_route(drive, 687031261, 364430632, 12170.9);

    // 30-minute drive from Vaduz.
    const crs::Transformer to_working("EPSG:4326", drive.crs);
    const std::vector<Point> vaduz = {to_working.forward(Point{9.5215, 47.1410})};
    const Snapper snapper(drive);
    const std::vector<double> thirty = {30};
    const auto iso = isochrones(snapper, vaduz, thirty);
    std::printf("liechtenstein 30-min drive isochrone from Vaduz: %.2f km2, %.1f km of %.1f km road\n", geom::area(iso[0].area) / 1e6,
                iso[0].road_m / 1000, drive.report.length_m / 1000);
    EXPECT_FALSE(geom::invalid_reason(Geometry{iso[0].area}).has_value());
    EXPECT_GT(iso[0].road_m, 0.5 * drive.report.length_m);

    // Nearest of 5 hubs for 100,000 residents scattered over the country.
    const Box box = bounds_of(MultiPoint(drive.node_point.begin(), drive.node_point.end()));
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> x(box.min_corner().x(), box.max_corner().x()), y(box.min_corner().y(), box.max_corner().y());
    std::vector<Point> residents(100000);
    for (auto& p : residents) p = Point{x(rng), y(rng)};
    std::vector<Point> hubs;
    for (int k = 0; k < 5; ++k) hubs.push_back(drive.node_point[rng() % drive.node_count()]);
    const NearestResult r = nearest_hubs(snapper, residents, hubs);
    std::printf("liechtenstein nearest of 5 hubs for 100,000 points (drive): %zu not placed (> 500 m from a road)\n", r.unsnapped_origins.size());
    EXPECT_EQ(r.unsnapped_hubs.size(), 0u);
    EXPECT_GT(r.unsnapped_origins.size(), 0u);  // the box includes Swiss and Austrian mountains
    for (std::size_t i = 0; i < residents.size(); i += 997) {
        if (r.origin_snaps[i].ok()) EXPECT_GE(r.hub[i], -1);
        else EXPECT_EQ(r.hub[i], -1);
    }
    const AreaResult split = service_area(snapper, hubs, 10, IsochroneOptions{}, true);
    std::printf("liechtenstein 10-min drive service area of 5 hubs, split by hub: %.2f km2\n", geom::area(split.area) / 1e6);
    double parts = 0;
    for (const auto& p : split.by_source) parts += geom::area(p);
    EXPECT_NEAR(parts, geom::area(split.area), 1e-3 * geom::area(split.area));
}

TEST(RealData, UbeWalkingEdgeList) {
    KENIKI_REQUIRE_SHARED("osm/ube_roads_osmnx_walk_shp.zip");
    const RoadData roads = read_roads(data("osm/ube_roads_osmnx_walk_shp.zip"));
    EXPECT_TRUE(roads.edge_list);
    EXPECT_EQ(roads.features_read, 30750);
    EXPECT_EQ(roads.crs, "EPSG:6671");  // Yamaguchi: zone III
    const RoadNetwork walk = build_network(roads, TravelOptions{});
    // 10,403 node ids. Streets: the features grouped by (u, v unordered, length, vertex set) give
    // 15,373 groups of two (one feature per direction) and one of four (two overlapping OSM ways,
    // keys 0 and 1, each listed both ways): 15,375 edges once each feature is paired with its
    // reversed twin. 6 components (networkx), the largest with 10,387 nodes.
    EXPECT_EQ(walk.report.nodes_split, 10403u);
    EXPECT_EQ(walk.report.edges_split, 15375u);
    EXPECT_EQ(walk.report.duplicates_merged, 30750u - 15375u);
    EXPECT_EQ(walk.report.components.count, 6u);
    EXPECT_EQ(walk.node_count(), 10387u);
    // Total length: half the sum of the directed edges' length field (2,049,420.8 m) plus half of
    // the two loops', less what the small components hold.
    std::printf("ube: %.1f km kept, %.1f km dropped in %u components\n", walk.report.length_m / 1000,
                walk.report.components.dropped_length_m / 1000, walk.report.components.dropped);
}

}  // namespace
}  // namespace keniki::network

namespace keniki::network {
namespace {

// hubs_within against nearest_hubs on the Ube walking network: with one hub at a time, the nearest
// search's cost is the pair's cost, and a pair is listed exactly when that cost is within the cut-off
// (2,000 random residents, 20 hubs at random nodes, 10 minutes).
TEST(RealData, UbeHubsWithinAgreesWithOneNearestSearchPerHub) {
    KENIKI_REQUIRE_SHARED("osm/ube_roads_osmnx_walk_shp.zip");
    const RoadNetwork walk = build_network(read_roads(data("osm/ube_roads_osmnx_walk_shp.zip")), TravelOptions{});
    const Snapper snapper(walk);
    const Box box = bounds_of(MultiPoint(walk.node_point.begin(), walk.node_point.end()));
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> x(box.min_corner().x(), box.max_corner().x()), y(box.min_corner().y(), box.max_corner().y());
    std::vector<Point> residents(2000), hubs;
    for (auto& p : residents) p = Point{x(rng), y(rng)};
    for (int k = 0; k < 20; ++k) hubs.push_back(walk.node_point[rng() % walk.node_count()]);
    NearestOptions o;
    o.cutoff_s = 600;
    const PairsResult pairs = hubs_within(snapper, residents, hubs, o);
    ASSERT_EQ(pairs.first.size(), residents.size() + 1);
    std::size_t listed = 0;
    for (std::size_t j = 0; j < hubs.size(); ++j) {
        const NearestResult one = nearest_hubs(snapper, residents, std::vector<Point>{hubs[j]}, o);
        for (std::size_t i = 0; i < residents.size(); ++i) {
            double got = std::numeric_limits<double>::infinity();
            for (std::uint32_t k = pairs.first[i]; k < pairs.first[i + 1]; ++k)
                if (pairs.hub[k] == j) got = pairs.cost_s[k];
            if (one.hub[i] == 0) {
                ++listed;
                EXPECT_NEAR(got, one.cost_s[i], 1e-6) << "resident " << i << " hub " << j;
            } else {
                EXPECT_TRUE(std::isinf(got)) << "resident " << i << " hub " << j << " listed at " << got << " s";
            }
        }
    }
    EXPECT_EQ(listed, pairs.hub.size());
    EXPECT_GT(listed, 100u);
}

}  // namespace
}  // namespace keniki::network
