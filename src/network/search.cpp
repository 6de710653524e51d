#include "keniki/network/search.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "keniki/core/parallel.hpp"

namespace keniki::network {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// Cost of a share of an edge's travel time. Standing at the end itself costs nothing even when the
/// edge is closed in that direction (a point snapped onto a junction through a one-way edge).
double part(double full_s, double share) {
    if (!(share > 0)) return 0;
    if (full_s == k_closed) return k_inf;
    return full_s * share;
}

struct EndCosts {
    double u, v;
};

/// From the point to each end of its edge.
EndCosts leaving(const RoadNetwork& net, const Snap& s) {
    const double len = net.edge_length_m[s.edge];
    const double to_u = len > 0 ? s.offset_m / len : 0, to_v = len > 0 ? (len - s.offset_m) / len : 0;
    return {part(net.edge_backward_s[s.edge], to_u), part(net.edge_forward_s[s.edge], to_v)};
}

/// From each end of its edge to the point.
EndCosts arriving(const RoadNetwork& net, const Snap& s) {
    const double len = net.edge_length_m[s.edge];
    const double from_u = len > 0 ? s.offset_m / len : 0, from_v = len > 0 ? (len - s.offset_m) / len : 0;
    return {part(net.edge_forward_s[s.edge], from_u), part(net.edge_backward_s[s.edge], from_v)};
}

}  // namespace

void add_source(Dijkstra& search, const RoadNetwork& net, const PlacedSource& src, Direction d) {
    if (!src.snap.ok()) return;
    const EndCosts c = d == Direction::outbound ? leaving(net, src.snap) : arriving(net, src.snap);
    if (c.u != k_inf) search.add_source(net.edge_u[src.snap.edge], src.start_s + c.u, src.label);
    if (c.v != k_inf) search.add_source(net.edge_v[src.snap.edge], src.start_s + c.v, src.label);
}

double cost_through_ends(const Dijkstra& search, const RoadNetwork& net, const Snap& p, Direction d, std::uint32_t* label) {
    if (!p.ok()) return k_inf;
    const EndCosts c = d == Direction::outbound ? arriving(net, p) : leaving(net, p);
    const NodeId u = net.edge_u[p.edge], v = net.edge_v[p.edge];
    const double via_u = search.cost(u) + c.u, via_v = search.cost(v) + c.v;
    if (via_u == k_inf && via_v == k_inf) return k_inf;
    const bool use_u = via_u < via_v || (via_u == via_v && search.label(u) <= search.label(v));
    if (label) *label = search.label(use_u ? u : v);
    return use_u ? via_u : via_v;
}

double cost_along_edge(const RoadNetwork& net, const Snap& from, const Snap& to) {
    if (!from.ok() || from.edge != to.edge) return k_inf;
    const double len = net.edge_length_m[from.edge];
    if (to.offset_m == from.offset_m || len <= 0) return 0;
    if (to.offset_m > from.offset_m) return part(net.edge_forward_s[from.edge], (to.offset_m - from.offset_m) / len);
    return part(net.edge_backward_s[from.edge], (from.offset_m - to.offset_m) / len);
}

NearestResult nearest_hubs(const Snapper& snapper, std::span<const Point> origins, std::span<const Point> hubs, const NearestOptions& o) {
    const RoadNetwork& net = snapper.network();
    NearestResult r;
    r.hub.assign(origins.size(), -1);
    r.cost_s.assign(origins.size(), k_inf);
    r.hub_snaps = snapper.snap_all(hubs, o.snap.max_snap_m);
    r.origin_snaps = snapper.snap_all(origins, o.snap.max_snap_m);
    for (std::size_t j = 0; j < hubs.size(); ++j) {
        if (!r.hub_snaps[j].ok()) r.unsnapped_hubs.push_back(j);
    }

    Dijkstra search(search_graph(net, o.direction));
    std::vector<std::pair<EdgeId, std::uint32_t>> on_edge;  // hubs by edge, for origins on a hub's own edge
    for (std::size_t j = 0; j < hubs.size(); ++j) {
        const Snap& s = r.hub_snaps[j];
        if (!s.ok()) continue;
        add_source(search, net, PlacedSource{s, access_seconds(net, s.access_m), static_cast<std::uint32_t>(j)}, o.direction);
        on_edge.emplace_back(s.edge, static_cast<std::uint32_t>(j));
    }
    std::sort(on_edge.begin(), on_edge.end());
    search.run(o.cutoff_s);

    parallel_chunks(origins.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const Snap& p = r.origin_snaps[i];
            if (!p.ok()) continue;
            std::uint32_t label = 0;
            double best = cost_through_ends(search, net, p, o.direction, &label);
            auto it = std::lower_bound(on_edge.begin(), on_edge.end(), std::pair<EdgeId, std::uint32_t>{p.edge, 0});
            for (; it != on_edge.end() && it->first == p.edge; ++it) {
                const Snap& h = r.hub_snaps[it->second];
                const double along = o.direction == Direction::inbound ? cost_along_edge(net, p, h) : cost_along_edge(net, h, p);
                const double c = access_seconds(net, h.access_m) + along;
                if (c < best || (c == best && it->second < label)) {
                    best = c;
                    label = it->second;
                }
            }
            if (best == k_inf) continue;
            best += access_seconds(net, p.access_m);
            if (!(best <= o.cutoff_s)) continue;
            r.hub[i] = static_cast<std::int32_t>(label);
            r.cost_s[i] = best;
        }
    });
    for (std::size_t i = 0; i < origins.size(); ++i) {
        if (!r.origin_snaps[i].ok()) r.unsnapped_origins.push_back(i);
        else if (r.hub[i] < 0) r.unreachable_origins.push_back(i);
    }
    return r;
}

PairsResult hubs_within(const Snapper& snapper, std::span<const Point> origins, std::span<const Point> hubs, const NearestOptions& o) {
    const RoadNetwork& net = snapper.network();
    PairsResult r;
    const std::vector<Snap> hub_snaps = snapper.snap_all(hubs, o.snap.max_snap_m);
    const std::vector<Snap> origin_snaps = snapper.snap_all(origins, o.snap.max_snap_m);
    for (std::size_t j = 0; j < hubs.size(); ++j)
        if (!hub_snaps[j].ok()) r.unsnapped_hubs.push_back(j);
    for (std::size_t i = 0; i < origins.size(); ++i)
        if (!origin_snaps[i].ok()) r.unsnapped_origins.push_back(i);
    // Placed origins sorted by edge (their snaps side by side, for the scan below), and the edges
    // of each node (CSR): a search visits the edges of the nodes it settles, once each.
    std::vector<std::uint32_t> edge_first(net.edge_count() + 1, 0), order;
    for (const auto& sn : origin_snaps)
        if (sn.ok()) ++edge_first[sn.edge + 1];
    for (std::size_t e = 0; e < net.edge_count(); ++e) edge_first[e + 1] += edge_first[e];
    order.resize(edge_first.back());
    {
        std::vector<std::uint32_t> fill(edge_first.begin(), edge_first.end() - 1);
        for (std::size_t i = 0; i < origin_snaps.size(); ++i)
            if (origin_snaps[i].ok()) order[fill[origin_snaps[i].edge]++] = static_cast<std::uint32_t>(i);
    }
    std::vector<Snap> sorted_snaps(order.size());
    std::vector<double> sorted_access_s(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        sorted_snaps[k] = origin_snaps[order[k]];
        sorted_access_s[k] = access_seconds(net, sorted_snaps[k].access_m);
    }
    std::vector<std::uint32_t> node_first(net.node_count() + 1, 0), node_edges(2 * static_cast<std::size_t>(net.edge_count()));
    for (std::size_t e = 0; e < net.edge_count(); ++e) {
        ++node_first[net.edge_u[e] + 1];
        ++node_first[net.edge_v[e] + 1];
    }
    for (std::size_t n = 0; n < net.node_count(); ++n) node_first[n + 1] += node_first[n];
    {
        std::vector<std::uint32_t> fill(node_first.begin(), node_first.end() - 1);
        for (std::uint32_t e = 0; e < net.edge_count(); ++e) {
            node_edges[fill[net.edge_u[e]]++] = e;
            node_edges[fill[net.edge_v[e]]++] = e;
        }
    }

    struct Found {
        std::uint32_t origin, hub;
        double cost;
    };
    std::vector<Found> found;
    std::mutex found_mutex;
    const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), hubs.size()));
    std::vector<std::thread> pool;
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    for (std::size_t t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            try {
                Dijkstra search(search_graph(net, o.direction));
                std::vector<std::uint32_t> edge_seen(net.edge_count(), 0);  // hub + 1 that last scanned the edge
                std::vector<Found> mine;
                for (std::size_t j; (j = next.fetch_add(1)) < hubs.size();) {
                    const Snap& h = hub_snaps[j];
                    if (!h.ok()) continue;
                    const auto mark = static_cast<std::uint32_t>(j + 1);
                    const double hub_access = access_seconds(net, h.access_m);
                    search.clear();
                    add_source(search, net, PlacedSource{h, hub_access, static_cast<std::uint32_t>(j)}, o.direction);
                    search.run(o.cutoff_s);
                    const auto scan = [&](std::uint32_t e, bool hub_edge) {
                        const double cu = search.cost(net.edge_u[e]), cv = search.cost(net.edge_v[e]);
                        if (!hub_edge && cu == k_inf && cv == k_inf) return;
                        for (std::uint32_t k = edge_first[e]; k < edge_first[e + 1]; ++k) {
                            const Snap& p = sorted_snaps[k];
                            const EndCosts c = o.direction == Direction::outbound ? arriving(net, p) : leaving(net, p);
                            double best = std::min(cu + c.u, cv + c.v);
                            if (hub_edge)
                                best = std::min(best, hub_access + (o.direction == Direction::inbound ? cost_along_edge(net, p, h) : cost_along_edge(net, h, p)));
                            const double total = best + sorted_access_s[k];
                            if (total <= o.cutoff_s) mine.push_back({order[k], static_cast<std::uint32_t>(j), total});
                        }
                    };
                    // The hub's own edge: along it, or round through its ends.
                    edge_seen[h.edge] = mark;
                    scan(h.edge, true);
                    for (const NodeId n : search.settled_nodes()) {
                        for (std::uint32_t k = node_first[n]; k < node_first[n + 1]; ++k) {
                            const std::uint32_t e = node_edges[k];
                            if (edge_seen[e] == mark) continue;
                            edge_seen[e] = mark;
                            scan(e, false);
                        }
                    }
                }
                const std::lock_guard lock(found_mutex);
                found.insert(found.end(), mine.begin(), mine.end());
            } catch (...) {
                const std::lock_guard lock(found_mutex);
                if (!failure) failure = std::current_exception();
            }
        });
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    // CSR by origin: a counting sort (linear), then each origin's few pairs by hub.
    r.first.assign(origins.size() + 1, 0);
    for (const auto& f : found) ++r.first[f.origin + 1];
    for (std::size_t i = 0; i < origins.size(); ++i) r.first[i + 1] += r.first[i];
    std::vector<std::pair<std::uint32_t, double>> by_origin(found.size());
    {
        std::vector<std::uint32_t> fill(r.first.begin(), r.first.end() - 1);
        for (const auto& f : found) by_origin[fill[f.origin]++] = {f.hub, f.cost};
    }
    found = {};
    parallel_chunks(origins.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) std::sort(by_origin.begin() + r.first[i], by_origin.begin() + r.first[i + 1]);
    });
    r.hub.resize(by_origin.size());
    r.cost_s.resize(by_origin.size());
    for (std::size_t k = 0; k < by_origin.size(); ++k) {
        r.hub[k] = by_origin[k].first;
        r.cost_s[k] = by_origin[k].second;
    }
    return r;
}

}  // namespace keniki::network
