#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>

#include "network.hpp"

namespace keniki::demo {

namespace {

struct Kind {
    const char* highway;
    int maxspeed_kmh;
};
constexpr Kind trunk{"trunk", 60}, primary{"primary", 50}, secondary{"secondary", 40}, residential{"residential", 30};

class RoadBuilder {
public:
    RoadBuilder(Network& net, const TownShape& shape, const std::vector<Settlement>& settlements, Random& random)
        : m_net(net), m_shape(shape), m_settlements(settlements), m_random(random) {}

    int node(const Point& at, int settlement = -1) {
        m_net.nodes.push_back({at, settlement, -1, -1});
        return static_cast<int>(m_net.nodes.size()) - 1;
    }

    /// A road from junction a to junction b, bent sideways by up to `bend` of its length (hilly
    /// roads wind); vertices every ~300 m.
    void road(int a, int b, Kind kind, const std::string& name, const std::string& name_en, double bend,
              bool oneway = false) {
        const Point p = m_net.nodes[static_cast<std::size_t>(a)].at, q = m_net.nodes[static_cast<std::size_t>(b)].at;
        const double dx = q.x() - p.x(), dy = q.y() - p.y();
        const double length = std::hypot(dx, dy);
        const int middle = bend > 0 ? static_cast<int>(length / 300.0) : 0;
        double amplitude = std::min(bend * length, 600.0);
        const double c1 = m_random.uniform(-1, 1), c2 = m_random.uniform(-0.5, 0.5), phase = m_random.uniform(0, 6.283);
        LineString line;
        for (int attempt = 0;; ++attempt) {
            line.clear();
            line.push_back(p);
            bool ok = true;
            for (int i = 1; i <= middle; ++i) {
                const double t = static_cast<double>(i) / (middle + 1);
                const double side =
                    amplitude * std::sin(std::numbers::pi * t) * (c1 + c2 * std::sin(2 * std::numbers::pi * t * 2 + phase));
                const Point v{p.x() + t * dx - side * dy / length, p.y() + t * dy + side * dx / length};
                if (!m_shape.inside(v, 80)) ok = false;
                line.push_back(v);
            }
            line.push_back(q);
            if (ok) break;
            if (attempt == 6) throw std::logic_error("demo road " + name + " leaves the town");
            amplitude /= 2;
        }
        Road r;
        r.from = a;
        r.to = b;
        r.highway = kind.highway;
        r.maxspeed_kmh = kind.maxspeed_kmh;
        r.oneway = oneway;
        r.name = name;
        r.name_en = name_en;
        r.line = std::move(line);
        r.length_m = line_length(r.line);
        m_net.roads.push_back(std::move(r));
    }

    void chain(const std::vector<int>& nodes, Kind kind, const std::string& name, const std::string& name_en, double bend) {
        for (std::size_t i = 0; i + 1 < nodes.size(); ++i) road(nodes[i], nodes[i + 1], kind, name, name_en, bend);
    }

    /// A street grid of n x n junctions `spacing` apart around the settlement's centre. The middle
    /// row and column are its main streets; `oneway_rows` lists one-way rows (even: eastbound).
    void grid(int settlement, int n, double spacing, const std::vector<int>& oneway_rows) {
        const Settlement& s = m_settlements[static_cast<std::size_t>(settlement)];
        auto& ids = m_net.settlement_grid[static_cast<std::size_t>(settlement)];
        const int mid = n / 2;
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                const Point at{s.centre.x() + (c - mid) * spacing, s.centre.y() + (r - mid) * spacing};
                const int id = node(at, r == mid && c == mid ? settlement : -1);
                m_net.nodes[static_cast<std::size_t>(id)].grid_row = r;
                m_net.nodes[static_cast<std::size_t>(id)].grid_col = c;
                ids.push_back(id);
            }
        }
        auto at = [&](int r, int c) { return ids[static_cast<std::size_t>(r * n + c)]; };
        int number = 0;
        for (int r = 0; r < n; ++r) {  // east-west streets
            const bool main = r == mid;
            const bool oneway = std::find(oneway_rows.begin(), oneway_rows.end(), r) != oneway_rows.end();
            const std::string name = main ? s.name + "本通り" : s.name + std::to_string(++number) + "号線";
            const std::string name_en = main ? s.name_en + " Hondori" : s.name_en + " Street " + std::to_string(number);
            const bool westbound = oneway && (std::find(oneway_rows.begin(), oneway_rows.end(), r) - oneway_rows.begin()) % 2 == 1;
            for (int c = 0; c + 1 < n; ++c) {
                if (westbound) road(at(r, c + 1), at(r, c), main ? primary : residential, name, name_en, 0, true);
                else road(at(r, c), at(r, c + 1), main ? primary : residential, name, name_en, 0, oneway);
            }
        }
        for (int c = 0; c < n; ++c) {  // north-south streets
            const bool main = c == mid;
            const std::string name = main ? s.name + "中央通り" : s.name + std::to_string(++number) + "号線";
            const std::string name_en = main ? s.name_en + " Chuo-dori" : s.name_en + " Street " + std::to_string(number);
            for (int r = 0; r + 1 < n; ++r) road(at(r, c), at(r + 1, c), main ? primary : residential, name, name_en, 0);
        }
    }

    int grid_side(int settlement, char side) const {
        const auto& ids = m_net.settlement_grid[static_cast<std::size_t>(settlement)];
        const int n = m_settlements[static_cast<std::size_t>(settlement)].grid, mid = n / 2;
        switch (side) {
            case 'W': return ids[static_cast<std::size_t>(mid * n)];
            case 'E': return ids[static_cast<std::size_t>(mid * n + n - 1)];
            case 'S': return ids[static_cast<std::size_t>(mid)];
            default: return ids[static_cast<std::size_t>((n - 1) * n + mid)];
        }
    }

    /// Three short dead-end roads into the fields around a village.
    void spurs(int settlement, int village_node) {
        const Settlement& s = m_settlements[static_cast<std::size_t>(settlement)];
        const double first = m_random.uniform(0, 360);
        for (int i = 0; i < 3; ++i) {
            for (int attempt = 0; attempt < 20; ++attempt) {
                const double angle = (first + 120.0 * i + m_random.uniform(-35, 35)) * std::numbers::pi / 180.0;
                const double length = m_random.uniform(300, 700);
                const Point end{s.centre.x() + length * std::cos(angle), s.centre.y() + length * std::sin(angle)};
                if (!m_shape.inside(end, 150)) continue;
                const int id = node(end);
                road(village_node, id, residential, "市道" + s.name + std::to_string(i + 1) + "号線",
                     s.name_en + " Road " + std::to_string(i + 1), 0.08);
                break;
            }
        }
    }

private:
    Network& m_net;
    const TownShape& m_shape;
    const std::vector<Settlement>& m_settlements;
    Random& m_random;
};

void check_connected(const Network& net) {
    std::vector<int> parent(net.nodes.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[static_cast<std::size_t>(x)] != x) x = parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
        return x;
    };
    for (const Road& r : net.roads) parent[static_cast<std::size_t>(find(r.from))] = find(r.to);
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
        if (find(static_cast<int>(i)) != find(0)) throw std::logic_error("demo road network is not connected");
}

}  // namespace

int Network::centre_node(int settlement) const {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].settlement == settlement) return static_cast<int>(i);
    throw std::logic_error("demo settlement without a junction");
}

double line_length(const LineString& line) {
    double sum = 0;
    for (std::size_t i = 1; i < line.size(); ++i) sum += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
    return sum;
}

Point point_along(const LineString& line, double distance) {
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double step = std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
        if (distance <= step && step > 0) {
            const double t = distance / step;
            return Point{line[i - 1].x() + t * (line[i].x() - line[i - 1].x()), line[i - 1].y() + t * (line[i].y() - line[i - 1].y())};
        }
        distance -= step;
    }
    return line.back();
}

void make_roads(Network& net, const TownShape& shape, const std::vector<Settlement>& settlements, Random& random) {
    RoadBuilder b(net, shape, settlements, random);
    net.settlement_grid.assign(settlements.size(), {});
    std::map<std::string, int> at;  // settlement name -> its junction
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        const Settlement& s = settlements[i];
        if (s.grid > 0) {
            b.grid(static_cast<int>(i), s.grid, 250, s.grid >= 7 ? std::vector<int>{1, 5} : std::vector<int>{});
        } else {
            b.node(s.centre, static_cast<int>(i));
        }
        at[s.name] = net.centre_node(static_cast<int>(i));
    }
    auto index = [&](const std::string& name) {
        for (std::size_t i = 0; i < settlements.size(); ++i)
            if (settlements[i].name == name) return static_cast<int>(i);
        throw std::logic_error("demo settlement " + name + " is missing");
    };
    const int nakahara = index("中原"), kitadai = index("北台"), higashidani = index("東谷");
    auto exit = [&](double angle) { return b.node(shape.polar(angle, 0.975)); };
    auto between = [&](int a, int c, double t, double side_m) {
        const Point p = net.nodes[static_cast<std::size_t>(a)].at, q = net.nodes[static_cast<std::size_t>(c)].at;
        const double dx = q.x() - p.x(), dy = q.y() - p.y(), len = std::hypot(dx, dy);
        return b.node(Point{p.x() + t * dx - side_m * dy / len, p.y() + t * dy + side_m * dx / len});
    };

    // Trunk roads (national routes; numbers that do not exist in Japan).
    const int j1 = between(b.grid_side(nakahara, 'N'), b.grid_side(kitadai, 'S'), 0.45, 600);  // 中郷 crossroads
    const int j2 = between(b.grid_side(nakahara, 'E'), b.grid_side(higashidani, 'W'), 0.55, -300);
    b.chain({exit(190), at["赤坂"], at["西野"], b.grid_side(nakahara, 'W')}, trunk, "国道901号", "National Route 901", 0.06);
    b.chain({b.grid_side(nakahara, 'E'), j2, b.grid_side(higashidani, 'W')}, trunk, "国道901号", "National Route 901", 0.05);
    b.chain({b.grid_side(higashidani, 'E'), at["川上"], exit(15)}, trunk, "国道901号", "National Route 901", 0.06);
    b.chain({exit(255), at["石田"], at["南台"], b.grid_side(nakahara, 'S')}, trunk, "国道902号", "National Route 902", 0.06);
    b.chain({b.grid_side(nakahara, 'N'), j1, b.grid_side(kitadai, 'S')}, trunk, "国道902号", "National Route 902", 0.05);
    b.chain({b.grid_side(kitadai, 'N'), at["小杉"], exit(80)}, trunk, "国道902号", "National Route 902", 0.06);
    // Prefectural roads.
    b.chain({b.grid_side(kitadai, 'E'), at["岩屋"], at["川上"]}, primary, "県道北台川上線", "Kitadai-Kawakami Prefectural Road", 0.08);
    b.chain({j2, at["大田"], at["市場"]}, primary, "県道中原市場線", "Nakahara-Ichiba Prefectural Road", 0.08);
    // Municipal roads to the other villages.
    b.chain({j1, at["平原"], at["西野"]}, secondary, "市道平原線", "Hirahara Line", 0.1);
    b.chain({b.grid_side(kitadai, 'W'), at["秋川"], at["上野"]}, secondary, "市道秋川線", "Akigawa Line", 0.1);
    b.chain({at["岩屋"], at["台上"]}, secondary, "市道台上線", "Daijo Line", 0.1);
    b.chain({b.grid_side(higashidani, 'S'), at["滝口"], at["奥畑"]}, secondary, "市道滝口線", "Takiguchi Line", 0.1);
    b.chain({at["南台"], at["大田"]}, secondary, "市道南台大田線", "Minamidai-Ota Line", 0.08);
    b.chain({at["上野"], at["西野"]}, secondary, "市道上野西野線", "Uwano-Nishino Line", 0.1);
    b.chain({at["市場"], at["滝口"]}, secondary, "市道市場滝口線", "Ichiba-Takiguchi Line", 0.1);
    // Lanes into the fields around each village.
    for (std::size_t i = 0; i < settlements.size(); ++i)
        if (settlements[i].grid == 0) b.spurs(static_cast<int>(i), at[settlements[i].name]);

    check_connected(net);
}

}  // namespace keniki::demo
