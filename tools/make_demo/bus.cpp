#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <stdexcept>
#include <string>

#include "network.hpp"

namespace keniki::demo {

namespace {

/// Shortest path by length from `from` to `to`, one-way roads only forwards: the roads in order.
std::vector<int> shortest_path(const Network& net, int from, int to) {
    struct Arc {
        int road;
        int head;
    };
    std::vector<std::vector<Arc>> out(net.nodes.size());
    for (std::size_t i = 0; i < net.roads.size(); ++i) {
        const Road& r = net.roads[i];
        out[static_cast<std::size_t>(r.from)].push_back({static_cast<int>(i), r.to});
        if (!r.oneway) out[static_cast<std::size_t>(r.to)].push_back({static_cast<int>(i), r.from});
    }
    std::vector<double> dist(net.nodes.size(), std::numeric_limits<double>::infinity());
    std::vector<int> via(net.nodes.size(), -1);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    dist[static_cast<std::size_t>(from)] = 0;
    queue.push({0.0, from});
    while (!queue.empty()) {
        const auto [d, u] = queue.top();
        queue.pop();
        if (d > dist[static_cast<std::size_t>(u)]) continue;
        if (u == to) break;
        for (const Arc& a : out[static_cast<std::size_t>(u)]) {
            const double nd = d + net.roads[static_cast<std::size_t>(a.road)].length_m;
            if (nd < dist[static_cast<std::size_t>(a.head)]) {
                dist[static_cast<std::size_t>(a.head)] = nd;
                via[static_cast<std::size_t>(a.head)] = a.road;
                queue.push({nd, a.head});
            }
        }
    }
    if (via[static_cast<std::size_t>(to)] < 0 && from != to) throw std::logic_error("demo bus route has no path");
    std::vector<int> roads;
    for (int v = to; v != from;) {
        const Road& r = net.roads[static_cast<std::size_t>(via[static_cast<std::size_t>(v)])];
        roads.push_back(via[static_cast<std::size_t>(v)]);
        v = r.from == v ? r.to : r.from;
    }
    std::reverse(roads.begin(), roads.end());
    return roads;
}

double distance(const Point& a, const Point& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

// Suffixes of stop names along the roads: 入口 (entrance), 上 (upper), 下 (lower), ...
constexpr std::pair<const char*, const char*> suffixes[] = {
    {"入口", "Iriguchi"}, {"上", "Kami"}, {"下", "Shimo"}, {"橋", "Bashi"}, {"東", "Higashi"},
    {"西", "Nishi"},     {"北", "Kita"}, {"南", "Minami"}, {"中", "Naka"},  {"口", "Guchi"},
};

}  // namespace

void make_buses(Network& net, const std::vector<Settlement>& settlements) {
    auto village = [&](const std::string& name) {
        for (std::size_t i = 0; i < settlements.size(); ++i)
            if (settlements[i].name == name) return net.centre_node(static_cast<int>(i));
        throw std::logic_error("demo settlement " + name + " is missing");
    };
    auto grid_node = [&](const std::string& name, int row, int col) {
        for (std::size_t i = 0; i < settlements.size(); ++i)
            if (settlements[i].name == name)
                return net.settlement_grid[i][static_cast<std::size_t>(row * settlements[i].grid + col)];
        throw std::logic_error("demo settlement " + name + " is missing");
    };

    struct Plan {
        const char* name;
        const char* name_en;
        int departures;
        std::vector<int> waypoints;
    };
    const std::vector<Plan> plans = {
        {"中原北台線", "Nakahara-Kitadai", 22, {village("中原"), village("北台")}},
        {"中原東谷線", "Nakahara-Higashidani", 14, {village("中原"), village("東谷")}},
        {"西野赤坂線", "Nishino-Akasaka", 6, {village("中原"), village("西野"), village("赤坂")}},
        {"南台石田線", "Minamidai-Ishida", 8, {village("中原"), village("南台"), village("石田")}},
        {"北台東谷線", "Kitadai-Higashidani", 4, {village("北台"), village("岩屋"), village("川上"), village("東谷")}},
        {"大田市場線", "Ota-Ichiba", 5, {village("中原"), village("大田"), village("市場")}},
        {"秋川上野線", "Akigawa-Uwano", 3, {village("北台"), village("秋川"), village("上野")}},
        {"滝口奥畑線", "Takiguchi-Okuhata", 2, {village("東谷"), village("滝口"), village("奥畑")}},
        {"平原線", "Hirahara", 3, {village("中原"), village("平原")}},
        {"台上線", "Daijo", 2, {village("北台"), village("岩屋"), village("台上")}},
        {"小杉線", "Kosugi", 3, {village("北台"), village("小杉")}},
        {"中原循環線", "Nakahara Loop", 10,
         {grid_node("中原", 1, 1), grid_node("中原", 1, 5), grid_node("中原", 5, 5), grid_node("中原", 5, 1), grid_node("中原", 1, 1)}},
    };
    int number = 0;
    for (const Plan& plan : plans) {
        BusRoute route;
        route.number = ++number;
        route.name = plan.name;
        route.name_en = plan.name_en;
        route.departures_per_day = plan.departures;
        route.nodes.push_back(plan.waypoints.front());
        for (std::size_t i = 0; i + 1 < plan.waypoints.size(); ++i) {
            for (int road : shortest_path(net, plan.waypoints[i], plan.waypoints[i + 1])) {
                const Road& r = net.roads[static_cast<std::size_t>(road)];
                route.roads.push_back(road);
                route.nodes.push_back(r.from == route.nodes.back() ? r.to : r.from);
            }
        }
        net.routes.push_back(std::move(route));
    }

    // Which routes use each junction and each road.
    std::map<int, std::set<int>> node_routes, road_routes;
    for (const BusRoute& r : net.routes) {
        for (int n : r.nodes) node_routes[n].insert(r.number);
        for (int e : r.roads) road_routes[e].insert(r.number);
    }
    auto departures = [&](const std::set<int>& routes) {
        int sum = 0;
        for (int n : routes) sum += net.routes[static_cast<std::size_t>(n - 1)].departures_per_day;
        return sum;
    };
    auto nearest_settlement = [&](const Point& p) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < settlements.size(); ++i)
            if (distance(p, settlements[i].centre) < distance(p, settlements[best].centre)) best = i;
        return best;
    };
    std::map<std::string, int> used_names;
    auto add_stop = [&](const Point& at, std::string name, std::string name_en, const std::set<int>& routes) {
        if (const int seen = ++used_names[name]; seen > 1) {  // keep names unique: 西野上2
            name += std::to_string(seen);
            name_en += " " + std::to_string(seen);
        }
        BusStop s;
        s.at = at;
        s.name = std::move(name);
        s.name_en = std::move(name_en);
        s.routes.assign(routes.begin(), routes.end());
        s.departures_per_day = departures(routes);
        net.stops.push_back(std::move(s));
    };

    // Stops at the villages and town centres, at every other junction of the main town's grid,
    // and along the roads about every 800 m.
    for (const auto& [n, routes] : node_routes) {
        const RoadNode& node = net.nodes[static_cast<std::size_t>(n)];
        const bool village_centre = node.settlement >= 0;
        const bool grid_stop = node.grid_row >= 0 && node.grid_row % 2 == 1 && node.grid_col % 2 == 1;
        if (!village_centre && !grid_stop) continue;
        std::string name, name_en;
        for (const Station& st : net.stations) {
            if (distance(st.at, node.at) < 300) {
                name = st.name + "駅前";
                name_en = st.name_en + " Station";
            }
        }
        if (name.empty()) {
            const Settlement& s = settlements[nearest_settlement(node.at)];
            if (village_centre) {
                name = s.grid > 0 ? s.name + "中央" : s.name;
                name_en = s.grid > 0 ? s.name_en + " Chuo" : s.name_en;
            } else {
                const int chome = (node.grid_row / 2) * 3 + node.grid_col / 2 + 1;
                name = s.name + std::to_string(chome) + "丁目";
                name_en = s.name_en + " " + std::to_string(chome) + "-chome";
            }
        }
        add_stop(node.at, name, name_en, routes);
    }
    std::map<std::size_t, int> suffix_of;  // settlement -> next suffix
    for (const auto& [e, routes] : road_routes) {
        const Road& road = net.roads[static_cast<std::size_t>(e)];
        const int count = static_cast<int>(road.length_m / 800.0);
        for (int i = 1; i <= count; ++i) {
            const Point at = point_along(road.line, road.length_m * i / (count + 1));
            const std::size_t s = nearest_settlement(at);
            const auto& [suffix, suffix_en] = suffixes[static_cast<std::size_t>(suffix_of[s]++) % std::size(suffixes)];
            add_stop(at, settlements[s].name + suffix, settlements[s].name_en + " " + suffix_en, routes);
        }
    }
    int id = 0;
    for (BusStop& s : net.stops) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "B%03d", ++id);
        s.id = buf;
    }
}

}  // namespace keniki::demo
