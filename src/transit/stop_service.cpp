#include "keniki/transit/stop_service.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <string_view>
#include <tuple>

#include "keniki/core/great_circle.hpp"
#include "keniki/transit/trip_stats.hpp"

namespace keniki::transit {

namespace {


std::string_view trim_name(std::string_view s) {
    // ASCII blanks and the ideographic space U+3000 (E3 80 80), common around Japanese stop names.
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        else if (s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
        else break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
        else break;
    }
    return s;
}

/// The stop that stands for stop `i`: its station (the topmost location_type 1 ancestor), else the
/// platform of a boarding area, else the stop itself.
std::uint32_t group_root(const Feed& feed, std::uint32_t i) {
    std::uint32_t root = i;
    std::uint32_t cur = i;
    for (int depth = 0; depth < 8 && feed.stops[cur].parent != k_no_index; ++depth) {
        cur = feed.stops[cur].parent;
        if (feed.stops[cur].location_type == 1) root = cur;
        else if (feed.stops[i].location_type == 4 && feed.stops[cur].location_type == 0 && root == i) root = cur;
    }
    return root;
}

struct Node {
    std::uint32_t feed;
    std::uint32_t stop;  ///< the group's root stop
    std::string_view name;
    double lat, lon;
};

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (m_parent[x] != x) x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    /// Keeps the smaller index as the representative, so clusters keep input order.
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (b < a) std::swap(a, b);
        m_parent[b] = a;
    }

private:
    std::vector<std::uint32_t> m_parent;
};

}  // namespace

bool RouteSelector::matches(const Feed& f, const Route& route) const {
    if (feed.empty() && route_id.empty() && short_name.empty() && long_name.empty()) return false;
    return (feed.empty() || feed == f.id) && (route_id.empty() || route_id == route.id) &&
           (short_name.empty() || short_name == route.short_name) && (long_name.empty() || long_name == route.long_name);
}

bool RouteFilter::keeps(const Feed& feed, const Route& route) const {
    auto any = [&](const std::vector<RouteSelector>& list) {
        return std::any_of(list.begin(), list.end(), [&](const RouteSelector& s) { return s.matches(feed, route); });
    };
    return (only.empty() || any(only)) && !any(exclude);
}

std::vector<StopService> stop_service(std::span<const Feed> feeds, Date day, const StopServiceOptions& options) {
    // 1. Nodes: one per listed stop group of each feed, in file order.
    std::vector<Node> nodes;
    std::vector<std::vector<std::uint32_t>> stop_node(feeds.size());  // per feed: stop → node (k_no_index if not listed)
    for (std::uint32_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        std::vector<std::uint8_t> listed(feed.stops.size(), 0);  // roots that stand for a served stop
        std::vector<std::uint32_t> root(feed.stops.size());
        for (std::uint32_t i = 0; i < feed.stops.size(); ++i) {
            root[i] = group_root(feed, i);
            if (feed.stops[i].location_type == 0) listed[root[i]] = 1;
        }
        for (const StopTime& st : feed.stop_times) listed[root[st.stop]] = 1;  // whatever stop_times use
        std::vector<std::uint32_t> node_of_root(feed.stops.size(), k_no_index);
        auto& map = stop_node[f];
        map.assign(feed.stops.size(), k_no_index);
        for (std::uint32_t i = 0; i < feed.stops.size(); ++i) {
            const std::uint32_t r = root[i];
            if (!listed[r]) continue;
            if (node_of_root[r] == k_no_index) {
                node_of_root[r] = static_cast<std::uint32_t>(nodes.size());
                const Stop& s = feed.stops[r];
                nodes.push_back({f, r, trim_name(s.name), s.lat, s.lon});
            }
            map[i] = node_of_root[r];
        }
    }

    // 2. Same name within the distance: one stop. Sweep in latitude order.
    UnionFind clusters(nodes.size());
    if (options.merge_distance_m >= 0 && !nodes.empty()) {
        const double window_deg = options.merge_distance_m / (k_earth_mean_radius_m * std::numbers::pi / 180.0) * 1.000001 + 1e-12;
        std::vector<std::uint32_t> by_lat(nodes.size());
        std::iota(by_lat.begin(), by_lat.end(), 0u);
        std::sort(by_lat.begin(), by_lat.end(), [&](std::uint32_t a, std::uint32_t b) { return nodes[a].lat < nodes[b].lat; });
        for (std::size_t i = 0; i < by_lat.size(); ++i) {
            const Node& a = nodes[by_lat[i]];
            for (std::size_t j = i + 1; j < by_lat.size() && nodes[by_lat[j]].lat - a.lat <= window_deg; ++j) {
                const Node& b = nodes[by_lat[j]];
                if (a.name != b.name) continue;
                if (great_circle_m(a.lon, a.lat, b.lon, b.lat) <= options.merge_distance_m) clusters.unite(by_lat[i], by_lat[j]);
            }
        }
    }

    // 3. Departures per node.
    std::vector<std::int64_t> departures(nodes.size(), 0);
    std::vector<Seconds> first(nodes.size(), k_no_time), last(nodes.size(), k_no_time);
    struct Served {
        std::uint32_t node, feed, route;
        auto operator<=>(const Served&) const = default;
    };
    std::vector<Served> served;
    std::vector<std::uint64_t> last_served(nodes.size(), ~std::uint64_t{0});  // (feed, route) last recorded per node
    for (std::uint32_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        std::vector<std::uint8_t> route_kept(feed.routes.size());
        for (std::size_t r = 0; r < feed.routes.size(); ++r) route_kept[r] = options.routes.keeps(feed, feed.routes[r]);
        std::vector<std::uint8_t> service_runs(feed.services.size());
        for (std::size_t s = 0; s < feed.services.size(); ++s) service_runs[s] = feed.services[s].runs_on(day);
        for (std::uint32_t t = 0; t < feed.trips.size(); ++t) {
            const Trip& trip = feed.trips[t];
            if (!service_runs[trip.service] || !route_kept[trip.route] || trip.stop_time_count < 2) continue;
            const auto rows = feed.stop_times_of(trip);
            const auto windows = feed.frequencies_of(t);
            const Seconds t0 = rows.front().departure;
            for (std::size_t k = 0; k + 1 < rows.size(); ++k) {
                const StopTime& st = rows[k];
                if (st.pickup_type == 1) continue;
                const std::uint32_t n = stop_node[f][st.stop];
                if (n == k_no_index) continue;
                Seconds lo = st.departure, hi = st.departure;
                std::int64_t runs = 1;
                if (!windows.empty()) {
                    runs = 0;
                    lo = hi = k_no_time;
                    for (const Frequency& w : windows) {
                        const std::uint32_t r = runs_in_window(w);
                        if (r == 0) continue;
                        runs += r;
                        const Seconds a = w.start + (st.departure - t0);
                        const Seconds b = a + static_cast<Seconds>(r - 1) * w.headway;
                        lo = lo == k_no_time ? a : std::min(lo, a);
                        hi = hi == k_no_time ? b : std::max(hi, b);
                    }
                    if (runs == 0) continue;
                }
                departures[n] += runs;
                first[n] = first[n] == k_no_time ? lo : std::min(first[n], lo);
                last[n] = last[n] == k_no_time ? hi : std::max(last[n], hi);
                const std::uint64_t tag = (std::uint64_t{f} << 32) | trip.route;
                if (last_served[n] != tag) {
                    last_served[n] = tag;
                    served.push_back({n, f, trip.route});
                }
            }
        }
    }

    // 4. Clusters in the order of their first node.
    std::vector<std::uint32_t> cluster_of(nodes.size());
    std::vector<std::uint32_t> out_index(nodes.size(), k_no_index);
    std::vector<StopService> out;
    std::vector<std::uint32_t> member_count;
    for (std::uint32_t n = 0; n < nodes.size(); ++n) {
        const std::uint32_t c = clusters.find(n);
        cluster_of[n] = c;
        if (out_index[c] == k_no_index) {
            out_index[c] = static_cast<std::uint32_t>(out.size());
            StopService s;
            const Node& head = nodes[c];
            const Stop& stop = feeds[head.feed].stops[head.stop];
            s.id = feeds[head.feed].id + ":" + stop.id;
            s.name = stop.name;
            out.push_back(std::move(s));
            member_count.push_back(0);
        }
        StopService& s = out[out_index[c]];
        s.lat += nodes[n].lat;
        s.lon += nodes[n].lon;
        ++member_count[out_index[c]];
        s.departures += departures[n];
        if (first[n] != k_no_time) s.first_departure = s.first_departure == k_no_time ? first[n] : std::min(s.first_departure, first[n]);
        if (last[n] != k_no_time) s.last_departure = s.last_departure == k_no_time ? last[n] : std::max(s.last_departure, last[n]);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].lat /= member_count[i];
        out[i].lon /= member_count[i];
    }
    for (std::uint32_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        for (std::uint32_t i = 0; i < feed.stops.size(); ++i) {
            const std::uint32_t n = stop_node[f][i];
            const std::uint8_t type = feed.stops[i].location_type;
            if (n == k_no_index || type == 2 || type == 3) continue;
            out[out_index[cluster_of[n]]].members.push_back({feed.id, feed.stops[i].id});
        }
    }
    for (Served& s : served) s.node = out_index[cluster_of[s.node]];  // now the output index
    std::sort(served.begin(), served.end());
    served.erase(std::unique(served.begin(), served.end()), served.end());
    for (const Served& s : served) {
        const Feed& feed = feeds[s.feed];
        const Route& r = feed.routes[s.route];
        out[s.node].routes.push_back({feed.id, r.id, r.short_name, r.long_name});
    }
    if (!options.include_unserved)
        out.erase(std::remove_if(out.begin(), out.end(), [](const StopService& s) { return s.departures == 0; }), out.end());
    return out;
}

}  // namespace keniki::transit
