#include "keniki/network/road_network.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "keniki/core/error.hpp"
#include "keniki/network/components.hpp"

namespace keniki::network {

namespace {

double line_length(std::span<const Point> line) {
    double sum = 0;
    for (std::size_t i = 1; i < line.size(); ++i) sum += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
    return sum;
}

bool same_point(const Point& a, const Point& b, double tolerance) {
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

/// Edge lists (OSMnx) list a two-way street twice, u->v and v->u with the reversed line: one edge.
std::size_t merge_twins(std::vector<EdgeSpec>& edges, std::vector<char>& removed) {
    std::vector<std::uint32_t> order(edges.size());
    std::iota(order.begin(), order.end(), 0u);
    auto key = [&](std::uint32_t i) { return std::pair{std::min(edges[i].u, edges[i].v), std::max(edges[i].u, edges[i].v)}; };
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a < b;
    });
    std::size_t merged = 0;
    for (std::size_t b = 0; b < order.size();) {
        std::size_t e = b + 1;
        while (e < order.size() && key(order[e]) == key(order[b])) ++e;
        for (std::size_t i = b; i < e; ++i) {
            EdgeSpec& x = edges[order[i]];
            if (removed[order[i]]) continue;
            for (std::size_t j = i + 1; j < e; ++j) {
                EdgeSpec& y = edges[order[j]];
                if (removed[order[j]] || x.u != y.v || x.v != y.u) continue;
                const double tolerance = 1e-3 + 1e-6 * x.length_m;
                if (std::abs(x.length_m - y.length_m) > tolerance) continue;
                if (x.line.size() != y.line.size() || !same_point(x.line.front(), y.line.back(), 0.01) ||
                    !same_point(x.line[x.line.size() / 2], y.line[y.line.size() - 1 - x.line.size() / 2], 0.01))
                    continue;
                x.forward_s = std::min(x.forward_s, y.backward_s);
                x.backward_s = std::min(x.backward_s, y.forward_s);
                removed[order[j]] = 1;
                ++merged;
                break;
            }
        }
        b = e;
    }
    return merged;
}

}  // namespace

RoadNetwork assemble_network(std::vector<Point> node_point, std::vector<std::int64_t> node_key, std::vector<EdgeSpec> edges,
                             const std::string& crs, const TravelOptions& travel, const BuildOptions& options) {
    const auto n = static_cast<std::uint32_t>(node_point.size());
    if (node_key.empty()) {
        node_key.resize(n);
        std::iota(node_key.begin(), node_key.end(), std::int64_t{0});
    }
    if (node_key.size() != n) throw DataError("assemble_network: one key per node is needed");
    if (edges.size() >= (1u << 31)) throw DataError("a road network cannot hold " + std::to_string(edges.size()) + " edges");
    for (auto& e : edges) {
        if (e.u >= n || e.v >= n) throw DataError("road edge names a node outside the network");
        if (e.line.empty()) e.line = LineString{node_point[e.u], node_point[e.v]};
        if (e.length_m < 0) e.length_m = line_length(e.line);
    }

    RoadNetwork net;
    net.crs = crs;
    net.travel = travel;

    // Components of the graph as travelled.
    std::vector<Arc> arcs;
    arcs.reserve(edges.size() * 2);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const EdgeSpec& e = edges[i];
        const auto id = static_cast<EdgeId>(i);
        if (e.forward_s != k_closed) arcs.push_back(Arc{e.u, e.v, e.forward_s, arc_tag(id, false)});
        if (e.backward_s != k_closed) arcs.push_back(Arc{e.v, e.u, e.backward_s, arc_tag(id, true)});
    }
    std::vector<char> keep_node(n, 1);
    {
        const Graph all = Graph::from_arcs(n, arcs);
        const Components comps = strongly_connected_components(all);
        net.report.components.count = comps.count();
        if (options.keep_largest_component && comps.count() > 1) {
            const std::uint32_t big = comps.largest();
            for (NodeId v = 0; v < n; ++v) keep_node[v] = comps.of_node[v] == big;
            net.report.components.dropped = comps.count() - 1;
            net.report.components.dropped_nodes = n - comps.size[big];
        }
    }

    // Renumber what is kept, in the original order.
    std::vector<NodeId> new_id(n, k_no_node);
    for (NodeId v = 0; v < n; ++v) {
        if (!keep_node[v]) continue;
        new_id[v] = static_cast<NodeId>(net.node_point.size());
        net.node_point.push_back(node_point[v]);
        net.node_key.push_back(node_key[v]);
    }
    net.edge_first_point.push_back(0);
    for (const EdgeSpec& e : edges) {
        const bool open = e.forward_s != k_closed || e.backward_s != k_closed;
        if (!open || !keep_node[e.u] || !keep_node[e.v]) {
            ++net.report.components.dropped_edges;
            net.report.components.dropped_length_m += e.length_m;
            continue;
        }
        net.edge_u.push_back(new_id[e.u]);
        net.edge_v.push_back(new_id[e.v]);
        net.edge_length_m.push_back(e.length_m);
        net.edge_forward_s.push_back(e.forward_s);
        net.edge_backward_s.push_back(e.backward_s);
        net.edge_way.push_back(e.way);
        net.points.insert(net.points.end(), e.line.begin(), e.line.end());
        net.edge_first_point.push_back(static_cast<std::uint32_t>(net.points.size()));
        net.report.length_m += e.length_m;
    }

    arcs.clear();
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        if (net.edge_forward_s[e] != k_closed) arcs.push_back(Arc{net.edge_u[e], net.edge_v[e], net.edge_forward_s[e], arc_tag(e, false)});
        if (net.edge_backward_s[e] != k_closed) arcs.push_back(Arc{net.edge_v[e], net.edge_u[e], net.edge_backward_s[e], arc_tag(e, true)});
    }
    net.forward = Graph::from_arcs(net.node_count(), arcs);
    net.backward = net.forward.reversed();
    net.report.nodes = net.node_count();
    net.report.edges = net.edge_count();
    net.report.arcs = net.forward.arc_count();
    return net;
}

RoadNetwork build_network(const RoadData& roads, const TravelOptions& travel, const BuildOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const bool walking = travel.mode == Mode::walk;
    BuildReport report;

    // Ways open to the mode.
    std::vector<const RoadWay*> ways;
    ways.reserve(roads.ways.size());
    for (const RoadWay& w : roads.ways) {
        const bool open = walking ? w.attributes.walk : w.attributes.drive;
        if (open && w.nodes.size() >= 2 && w.nodes.size() == w.line.size()) ways.push_back(&w);
        else ++report.ways_closed;
    }
    report.ways_used = ways.size();
    if (ways.empty())
        throw DataError("no road in " + (roads.path.empty() ? std::string("the data") : roads.path) + " is open to " +
                        std::string(to_string(travel.mode)) + " (" + std::to_string(roads.ways.size()) + " ways read)");

    // Graph nodes: the ends of every way, and every node used more than once.
    std::vector<std::int64_t> uses;
    std::vector<std::int64_t> ends;
    for (const RoadWay* w : ways) {
        uses.insert(uses.end(), w->nodes.begin(), w->nodes.end());
        ends.push_back(w->nodes.front());
        ends.push_back(w->nodes.back());
    }
    std::sort(uses.begin(), uses.end());
    std::sort(ends.begin(), ends.end());
    std::vector<std::int64_t> keys;  // sorted keys of graph nodes
    for (std::size_t i = 0; i < uses.size();) {
        std::size_t j = i + 1;
        while (j < uses.size() && uses[j] == uses[i]) ++j;
        if (j - i >= 2 || std::binary_search(ends.begin(), ends.end(), uses[i])) keys.push_back(uses[i]);
        i = j;
    }
    uses = {};
    ends = {};
    if (keys.size() >= k_no_node) throw DataError("too many road nodes");
    auto node_of = [&keys](std::int64_t key) -> NodeId {
        const auto it = std::lower_bound(keys.begin(), keys.end(), key);
        return (it != keys.end() && *it == key) ? static_cast<NodeId>(it - keys.begin()) : k_no_node;
    };
    std::vector<Point> node_point(keys.size());
    std::vector<char> placed(keys.size(), 0);

    // Split every way at its graph nodes.
    std::vector<EdgeSpec> edges;
    edges.reserve(ways.size() * 2);
    const double foot_ms = travel.foot_kmh() / 3.6;
    for (const RoadWay* w : ways) {
        const double measured = line_length(w->line);
        const double scale = (w->length_m && measured > 0) ? *w->length_m / measured : 1.0;
        double forward_ms = foot_ms, backward_ms = foot_ms;
        if (!walking) {
            const double ms = travel.drive_speed_kmh(w->attributes) / 3.6;
            forward_ms = w->attributes.oneway == -1 ? 0 : ms;
            backward_ms = w->attributes.oneway == 1 ? 0 : ms;
        }
        std::size_t start = 0;
        NodeId start_node = node_of(w->nodes[0]);
        for (std::size_t i = 1; i < w->nodes.size(); ++i) {
            const NodeId here = node_of(w->nodes[i]);
            if (here == k_no_node) continue;
            EdgeSpec e;
            e.u = start_node;
            e.v = here;
            e.line.assign(w->line.begin() + static_cast<std::ptrdiff_t>(start), w->line.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            e.length_m = line_length(e.line) * scale;
            e.forward_s = forward_ms > 0 ? e.length_m / forward_ms : k_closed;
            e.backward_s = backward_ms > 0 ? e.length_m / backward_ms : k_closed;
            e.way = w->id;
            for (const auto& [node, p] : {std::pair{e.u, e.line.front()}, std::pair{e.v, e.line.back()}}) {
                if (!placed[node]) {
                    node_point[node] = p;
                    placed[node] = 1;
                }
            }
            if (!(e.u == e.v && e.length_m == 0)) edges.push_back(std::move(e));
            start = i;
            start_node = here;
        }
    }

    std::size_t merged = 0;
    if (roads.edge_list) {
        std::vector<char> removed(edges.size(), 0);
        merged = merge_twins(edges, removed);
        if (merged) {
            std::size_t out = 0;
            for (std::size_t i = 0; i < edges.size(); ++i) {
                if (!removed[i]) edges[out++] = std::move(edges[i]);
            }
            edges.resize(out);
        }
    }
    report.nodes_split = keys.size();
    report.edges_split = edges.size();
    report.duplicates_merged = merged;

    RoadNetwork net = assemble_network(std::move(node_point), std::move(keys), std::move(edges), roads.crs, travel, options);
    report.components = net.report.components;
    report.nodes = net.report.nodes;
    report.edges = net.report.edges;
    report.arcs = net.report.arcs;
    report.length_m = net.report.length_m;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    net.report = report;
    return net;
}

}  // namespace keniki::network
