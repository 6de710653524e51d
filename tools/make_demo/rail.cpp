#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "network.hpp"

namespace keniki::demo {

namespace {

/// Catmull-Rom spline through the control points (the curve passes through every one of them).
Point catmull_rom(const Point& p0, const Point& p1, const Point& p2, const Point& p3, double t) {
    const double t2 = t * t, t3 = t2 * t;
    auto blend = [&](double a, double b, double c, double d) {
        return 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
    };
    return Point{blend(p0.x(), p1.x(), p2.x(), p3.x()), blend(p0.y(), p1.y(), p2.y(), p3.y())};
}

Point offset(const Point& p, double dx, double dy) { return Point{p.x() + dx, p.y() + dy}; }

}  // namespace

void make_rail(Network& net, const TownShape& shape, const std::vector<Settlement>& settlements) {
    auto centre = [&](const std::string& name) {
        for (const Settlement& s : settlements)
            if (s.name == name) return s.centre;
        throw std::logic_error("demo settlement " + name + " is missing");
    };
    // The line follows the valley of National Route 902: from the southern edge through 石田,
    // 南台 and the main town 中原, past the 中郷 crossroads, to 北台 and out at the northern edge.
    const Point nakahara = centre("中原"), kitadai = centre("北台");
    const Point nakago{nakahara.x() + 0.45 * (kitadai.x() - nakahara.x()) + 250, nakahara.y() + 0.45 * (kitadai.y() - nakahara.y())};
    struct Stop {
        Point at;
        const char* name;
        const char* name_en;
    };
    const std::vector<Stop> stops = {
        {offset(centre("石田"), 380, 120), "石田", "Ishida"},
        {offset(centre("南台"), 420, -220), "南台", "Minamidai"},
        {offset(nakahara, 330, -430), "中原", "Nakahara"},
        {nakago, "中郷", "Nakago"},
        {offset(kitadai, -420, -330), "北台", "Kitadai"},
    };
    std::vector<Point> control = {shape.polar(258, 0.975)};
    for (const Stop& s : stops) control.push_back(s.at);
    control.push_back(shape.polar(88, 0.975));

    // Extra phantom points at both ends so that the spline reaches the end points.
    std::vector<Point> p = control;
    p.insert(p.begin(), offset(control[0], control[0].x() - control[1].x(), control[0].y() - control[1].y()));
    p.push_back(offset(control.back(), control.back().x() - control[control.size() - 2].x(),
                       control.back().y() - control[control.size() - 2].y()));

    net.rail.clear();
    for (std::size_t i = 1; i + 2 < p.size(); ++i) {
        const double span = std::hypot(p[i + 1].x() - p[i].x(), p[i + 1].y() - p[i].y());
        const int steps = std::max(2, static_cast<int>(span / 150.0));
        for (int k = 0; k < steps; ++k) {
            // Exactly the control point at k == 0, so that the stations lie on vertices of the line.
            net.rail.push_back(k == 0 ? p[i] : catmull_rom(p[i - 1], p[i], p[i + 1], p[i + 2], static_cast<double>(k) / steps));
        }
    }
    net.rail.push_back(p[p.size() - 2]);
    for (const Point& v : net.rail)
        if (!shape.inside(v, 50)) throw std::logic_error("demo railway leaves the town");

    net.rail_name = "架空鉄道中原線";
    net.rail_name_en = "Kaku Railway Nakahara Line (fictional)";
    int number = 0;
    for (const Stop& s : stops) net.stations.push_back({"ST" + std::to_string(++number), s.name, s.name_en, s.at});
}

}  // namespace keniki::demo
