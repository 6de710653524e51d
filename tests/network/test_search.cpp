// Snapping and searches between points anywhere along the roads, against hand-worked cases and a
// brute-force reference: random networks where every snapped point is inserted as a node (edges
// split there, costs shared out by length) and costs come from Floyd-Warshall on that graph.

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "keniki/network/search.hpp"

namespace keniki::network {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double walk_ms = 4.8 / 3.6;

/// A straight east-west road from (0,0) to (1000,0) with a junction at (500,0) and a north spur
/// (500,0)-(500,400); walking.
RoadNetwork tee() {
    std::vector<Point> nodes = {{0, 0}, {500, 0}, {1000, 0}, {500, 400}};
    std::vector<EdgeSpec> edges;
    for (auto [u, v] : {std::pair{0u, 1u}, {1u, 2u}, {1u, 3u}}) {
        EdgeSpec e;
        e.u = u;
        e.v = v;
        const double len = std::hypot(nodes[v].x() - nodes[u].x(), nodes[v].y() - nodes[u].y());
        e.forward_s = e.backward_s = len / walk_ms;
        edges.push_back(e);
    }
    return assemble_network(nodes, {}, edges, "EPSG:6670", TravelOptions{});
}

TEST(Snap, NearestPointOnNearestEdgeNotNearestNode) {
    const RoadNetwork net = tee();
    const Snapper snapper(net);
    // (300, 40): nearest node is (500,0) at 204 m, but the road passes 40 m away at (300,0).
    const Snap s = snapper.snap(Point{300, 40}, 500);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.edge, 0u);
    EXPECT_NEAR(s.offset_m, 300, 1e-9);
    EXPECT_NEAR(s.access_m, 40, 1e-9);
    EXPECT_NEAR(s.on_road.x(), 300, 1e-9);
    EXPECT_NEAR(s.on_road.y(), 0, 1e-9);
    // On the spur, 10 m east of it.
    const Snap t = snapper.snap(Point{510, 250}, 500);
    EXPECT_EQ(t.edge, 2u);
    EXPECT_NEAR(t.offset_m, 250, 1e-9);
    EXPECT_NEAR(t.access_m, 10, 1e-9);
    // Too far: not placed.
    EXPECT_FALSE(snapper.snap(Point{0, 900}, 500).ok());
    EXPECT_TRUE(snapper.snap(Point{0, 900}, 1000).ok());
}

TEST(Search, PointOnAJunctionThroughAOneWayEdgeStandsOnTheJunction) {
    // A (0,0) -> B (100,0) is one-way (edge 0); B - C (100,100) and C - A are two-way. A resident at
    // (0,-10) snaps onto A, the end of edges 0 and 2, and the tie puts it on edge 0 at offset 0. It
    // stands on A: to the hub at C it walks 10 m + 141.4 m (C - A), not round through B (210 m).
    std::vector<Point> nodes = {{0, 0}, {100, 0}, {100, 100}};
    std::vector<EdgeSpec> edges(3);
    for (std::uint32_t k = 0; k < 3; ++k) {
        edges[k].u = k;
        edges[k].v = (k + 1) % 3;
        const double len = std::hypot(nodes[edges[k].v].x() - nodes[k].x(), nodes[edges[k].v].y() - nodes[k].y());
        edges[k].forward_s = edges[k].backward_s = len / walk_ms;
    }
    edges[0].backward_s = k_closed;
    const RoadNetwork net = assemble_network(nodes, {}, edges, "EPSG:6670", TravelOptions{});
    const Snapper snapper(net);
    for (const Direction d : {Direction::inbound, Direction::outbound}) {
        NearestOptions o;
        o.direction = d;
        const NearestResult r = nearest_hubs(snapper, std::vector<Point>{{0, -10}}, std::vector<Point>{{100, 100}}, o);
        ASSERT_TRUE(r.origin_snaps[0].ok());
        ASSERT_EQ(r.origin_snaps[0].edge, 0u);
        EXPECT_EQ(r.hub[0], 0);
        EXPECT_NEAR(r.cost_s[0], (10 + std::hypot(100.0, 100.0)) / walk_ms, 1e-9) << (d == Direction::inbound ? "inbound" : "outbound");
    }
}

TEST(Search, AccessLegsAndPartialEdgesCount) {
    const RoadNetwork net = tee();
    const Snapper snapper(net);
    // Hub at (500, 10): on the spur, 10 m from the junction. Resident at (800, -20): 20 m off the
    // road, 300 m from the junction; (500, 300) on the spur, 290 m from the hub.
    const std::vector<Point> hubs = {{500, 10}};
    const std::vector<Point> residents = {{800, -20}, {500, 300}, {0, 5000}};
    const NearestResult r = nearest_hubs(snapper, residents, hubs);
    EXPECT_EQ(r.hub[0], 0);
    EXPECT_NEAR(r.cost_s[0], (20 + 300 + 10) / walk_ms, 1e-9);
    EXPECT_NEAR(r.cost_s[1], 290 / walk_ms, 1e-9);
    EXPECT_NEAR(r.hub_snaps[0].access_m, 0, 1e-12);
    EXPECT_EQ(r.hub[2], -1);
    EXPECT_EQ(r.cost_s[2], inf);
    EXPECT_EQ(r.unsnapped_origins, (std::vector<std::size_t>{2}));  // reported, not dropped
    EXPECT_TRUE(r.unsnapped_hubs.empty());
}

TEST(Search, SameEdgeAndNearestHub) {
    const RoadNetwork net = tee();
    const Snapper snapper(net);
    // Both hubs on the west edge; the resident between them is nearer to hub 1 along the edge.
    const std::vector<Point> hubs = {{100, 0}, {350, 0}, {2000, 2000}};
    const std::vector<Point> residents = {{300, 0}, {200, 0}, {225, 0}};
    const NearestResult r = nearest_hubs(snapper, residents, hubs);
    EXPECT_EQ(r.hub[0], 1);
    EXPECT_NEAR(r.cost_s[0], 50 / walk_ms, 1e-9);
    EXPECT_EQ(r.hub[1], 0);
    EXPECT_NEAR(r.cost_s[1], 100 / walk_ms, 1e-9);
    EXPECT_EQ(r.hub[2], 0);  // 125 m from both: the smaller index
    EXPECT_EQ(r.unsnapped_hubs, (std::vector<std::size_t>{2}));
}

TEST(Search, OneWayStreetsDirection) {
    // A one-way square, anticlockwise: (0,0) -> (100,0) -> (100,100) -> (0,100) -> (0,0), 10 m/s.
    std::vector<Point> nodes = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
    std::vector<EdgeSpec> edges;
    for (NodeId i = 0; i < 4; ++i) {
        EdgeSpec e;
        e.u = i;
        e.v = (i + 1) % 4;
        e.forward_s = 10;
        edges.push_back(e);
    }
    TravelOptions drive;
    drive.mode = Mode::drive;
    const RoadNetwork net = assemble_network(nodes, {}, edges, "EPSG:6670", drive);
    const Snapper snapper(net);
    const std::vector<Point> hubs = {{100, 50}};
    const std::vector<Point> residents = {{50, 0}};
    NearestOptions o;
    o.direction = Direction::inbound;  // the resident drives to the hub: 50 m east, 50 m north
    EXPECT_NEAR(nearest_hubs(snapper, residents, hubs, o).cost_s[0], 10.0, 1e-9);
    o.direction = Direction::outbound;  // from the hub to the resident: round the square, 300 m
    EXPECT_NEAR(nearest_hubs(snapper, residents, hubs, o).cost_s[0], 30.0, 1e-9);
    o.cutoff_s = 20;  // beyond the cut-off: unreachable, reported
    const NearestResult cut = nearest_hubs(snapper, residents, hubs, o);
    EXPECT_EQ(cut.hub[0], -1);
    EXPECT_EQ(cut.unreachable_origins, (std::vector<std::size_t>{0}));
}

// ---- Random networks against brute force --------------------------------------------------------

RoadNetwork random_network(std::mt19937_64& rng, std::uint32_t n, std::size_t m, bool oneways) {
    std::uniform_real_distribution<double> xy(0, 1000);
    std::vector<Point> nodes;
    for (std::uint32_t i = 0; i < n; ++i) nodes.emplace_back(xy(rng), xy(rng));
    std::vector<EdgeSpec> edges;
    for (std::size_t k = 0; k < m; ++k) {
        EdgeSpec e;
        e.u = static_cast<NodeId>(rng() % n);
        e.v = static_cast<NodeId>(rng() % n);
        if (e.u == e.v) continue;
        const Point a = nodes[e.u], b = nodes[e.v];
        e.line = {a};
        if (rng() % 2) e.line.push_back(Point{(a.x() + b.x()) / 2 + xy(rng) / 10 - 50, (a.y() + b.y()) / 2 + xy(rng) / 10 - 50});
        e.line.push_back(b);
        double len = 0;
        for (std::size_t i = 1; i < e.line.size(); ++i) len += std::hypot(e.line[i].x() - e.line[i - 1].x(), e.line[i].y() - e.line[i - 1].y());
        const double speed = 2 + static_cast<double>(rng() % 10);
        const int dir = oneways ? static_cast<int>(rng() % 3) : 0;  // 0 both, 1 along, 2 against
        e.forward_s = dir == 2 ? k_closed : len / speed;
        e.backward_s = dir == 1 ? k_closed : len / speed;
        edges.push_back(e);
    }
    return assemble_network(nodes, {}, edges, "EPSG:6670", TravelOptions{}, BuildOptions{false});
}

/// Brute-force snap: every segment of every edge.
double brute_snap_distance(const RoadNetwork& net, const Point& p) {
    double best = inf;
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto l = net.edge_line(e);
        for (std::size_t i = 0; i + 1 < l.size(); ++i) {
            const double dx = l[i + 1].x() - l[i].x(), dy = l[i + 1].y() - l[i].y();
            const double len2 = dx * dx + dy * dy;
            const double t = len2 > 0 ? std::clamp(((p.x() - l[i].x()) * dx + (p.y() - l[i].y()) * dy) / len2, 0.0, 1.0) : 0;
            best = std::min(best, std::hypot(p.x() - (l[i].x() + t * dx), p.y() - (l[i].y() + t * dy)));
        }
    }
    return best;
}

/// Travel costs between snapped points on a graph where each of them is a node: Floyd-Warshall.
struct Expanded {
    std::vector<std::vector<double>> dist;
    std::uint32_t first_point = 0;  // node of snapped point k = first_point + k
};

Expanded expand(const RoadNetwork& net, const std::vector<Snap>& snaps) {
    Expanded x;
    const std::uint32_t n = net.node_count() + static_cast<std::uint32_t>(snaps.size());
    x.first_point = net.node_count();
    x.dist.assign(n, std::vector<double>(n, inf));
    for (std::uint32_t v = 0; v < n; ++v) x.dist[v][v] = 0;
    auto arc = [&](std::uint32_t a, std::uint32_t b, double w) { x.dist[a][b] = std::min(x.dist[a][b], w); };
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        // Stops along the edge: u, the snapped points in order of offset, v.
        std::vector<std::pair<double, std::uint32_t>> stops = {{0.0, net.edge_u[e]}};
        for (std::size_t k = 0; k < snaps.size(); ++k) {
            if (snaps[k].ok() && snaps[k].edge == e) stops.emplace_back(snaps[k].offset_m, x.first_point + static_cast<std::uint32_t>(k));
        }
        std::sort(stops.begin() + 1, stops.end());
        stops.emplace_back(net.edge_length_m[e], net.edge_v[e]);
        const double len = net.edge_length_m[e];
        for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
            const double share = len > 0 ? (stops[i + 1].first - stops[i].first) / len : 0;
            if (!(share > 0)) {  // the same place: standing there is standing on both, either way
                arc(stops[i].second, stops[i + 1].second, 0);
                arc(stops[i + 1].second, stops[i].second, 0);
                continue;
            }
            if (net.edge_forward_s[e] != k_closed) arc(stops[i].second, stops[i + 1].second, net.edge_forward_s[e] * share);
            if (net.edge_backward_s[e] != k_closed) arc(stops[i + 1].second, stops[i].second, net.edge_backward_s[e] * share);
        }
    }
    for (std::uint32_t k = 0; k < n; ++k)
        for (std::uint32_t i = 0; i < n; ++i) {
            if (x.dist[i][k] == inf) continue;
            for (std::uint32_t j = 0; j < n; ++j) x.dist[i][j] = std::min(x.dist[i][j], x.dist[i][k] + x.dist[k][j]);
        }
    return x;
}

TEST(SearchProperties, SnappedCostsMatchBruteForceOnRandomNetworks) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> xy(-50, 1050);
    std::size_t queries = 0;
    for (int round = 0; round < 40; ++round) {
        const RoadNetwork net = random_network(rng, 4 + static_cast<std::uint32_t>(rng() % 20), 5 + rng() % 30, round % 2 == 1);
        if (net.edge_count() == 0) continue;
        const Snapper snapper(net);
        std::vector<Point> origins, hubs;
        for (int i = 0; i < 20; ++i) origins.emplace_back(xy(rng), xy(rng));
        for (int j = 0; j < 4; ++j) hubs.emplace_back(xy(rng), xy(rng));
        const double max_snap = 150;
        for (const Point& p : origins) {
            const Snap s = snapper.snap(p, inf);
            EXPECT_NEAR(s.access_m, brute_snap_distance(net, p), 1e-9);
        }
        for (Direction dir : {Direction::inbound, Direction::outbound}) {
            NearestOptions o;
            o.snap.max_snap_m = max_snap;
            o.direction = dir;
            const NearestResult r = nearest_hubs(snapper, origins, hubs, o);
            std::vector<Snap> all = r.origin_snaps;
            all.insert(all.end(), r.hub_snaps.begin(), r.hub_snaps.end());
            const Expanded x = expand(net, all);
            for (std::size_t i = 0; i < origins.size(); ++i, ++queries) {
                EXPECT_EQ(r.origin_snaps[i].ok(), brute_snap_distance(net, origins[i]) <= max_snap);
                double best = inf;
                for (std::size_t j = 0; j < hubs.size(); ++j) {
                    if (!r.origin_snaps[i].ok() || !r.hub_snaps[j].ok()) continue;
                    const std::uint32_t a = x.first_point + static_cast<std::uint32_t>(i);
                    const std::uint32_t b = x.first_point + static_cast<std::uint32_t>(origins.size() + j);
                    const double net_cost = dir == Direction::inbound ? x.dist[a][b] : x.dist[b][a];
                    best = std::min(best, (r.origin_snaps[i].access_m + r.hub_snaps[j].access_m) / walk_ms + net_cost);
                }
                if (best == inf) {
                    EXPECT_EQ(r.hub[i], -1);
                    EXPECT_EQ(r.cost_s[i], inf);
                    continue;
                }
                ASSERT_GE(r.hub[i], 0);
                EXPECT_NEAR(r.cost_s[i], best, 1e-7 * std::max(1.0, best)) << "origin " << i << " round " << round;
                // Multi-source equals the minimum over single sources, and names a hub that achieves it.
                const std::vector<Point> one = {hubs[static_cast<std::size_t>(r.hub[i])]};
                const std::vector<Point> me = {origins[i]};
                const NearestResult single = nearest_hubs(snapper, me, one, o);
                EXPECT_NEAR(single.cost_s[0], r.cost_s[i], 1e-7 * std::max(1.0, best));
            }
        }
    }
    EXPECT_GE(queries, 1000u);
}

}  // namespace
}  // namespace keniki::network
