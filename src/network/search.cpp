#include "keniki/network/search.hpp"

#include <algorithm>

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

}  // namespace keniki::network
