#include "hubs.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <boost/geometry/algorithms/within.hpp>

namespace keniki::demo {

namespace {

Point shifted(const Point& p, double dx, double dy) { return Point{p.x() + dx, p.y() + dy}; }

/// The most populous settlement whose centre lies in `area`, or -1.
int main_settlement(const std::vector<Settlement>& settlements, const Polygon& area) {
    int best = -1;
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        if (!boost::geometry::within(settlements[i].centre, area)) continue;
        if (best < 0 || settlements[i].population > settlements[static_cast<std::size_t>(best)].population) best = static_cast<int>(i);
    }
    return best;
}

std::string numbered(const char* prefix, int n, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%0*d", prefix, width, n);
    return buf;
}

}  // namespace

std::vector<Hub> make_hubs(const TownShape& shape, const std::vector<Settlement>& settlements, Random& random) {
    std::vector<Hub> out;
    const Settlement& town = settlements.front();
    out.push_back({"CC1", "consultation_center", "架空市自立相談支援センター", "Kaku City Self-Reliance Support Consultation Centre",
                   shifted(town.centre, 60, 90), 4});

    int n = 0;
    for (const Area& a : shape.welfare_areas()) {
        const int s = main_settlement(settlements, a.polygon);
        if (s < 0) throw std::logic_error("demo welfare area " + a.name + " has no settlement");
        Point at = shifted(settlements[static_cast<std::size_t>(s)].centre, -110, 70);
        if (!boost::geometry::within(at, a.polygon)) at = settlements[static_cast<std::size_t>(s)].centre;
        // Community social workers: two at the first centre (the old town's), one at each other.
        ++n;
        out.push_back({numbered("WC", n, 1), "welfare_center", a.name + "地域福祉センター", a.name_en + " Community Welfare Centre", at, n == 1 ? 2 : 1});
    }

    n = 0;
    for (const Area& a : shape.neighbourhoods()) {
        const int s = main_settlement(settlements, a.polygon);
        Point at = s >= 0 ? shifted(settlements[static_cast<std::size_t>(s)].centre, 80, -50)
                          : shape.polar(0.5 * (a.first_degree + a.last_degree), 0.5 * (a.inner + a.outer));
        if (!boost::geometry::within(at, a.polygon) && s >= 0) at = settlements[static_cast<std::size_t>(s)].centre;
        if (!boost::geometry::within(at, a.polygon)) throw std::logic_error("demo community hall outside " + a.name);
        out.push_back({numbered("CH", ++n, 1), "community_hall", a.name + "公民館", a.name_en + " Community Hall", at, 1});
    }

    // Salons: one in every village, more in the bigger places (in members' houses or small halls).
    n = 0;
    for (const Settlement& s : settlements) {
        const int count = s.population >= 5'000 ? 4 : s.population >= 1'500 ? 2 : 1;
        for (int i = 0; i < count; ++i) {
            Point at;
            do {
                const double spread = count > 1 ? s.spread_m : 120.0;
                at = Point{random.normal(s.centre.x(), spread), random.normal(s.centre.y(), spread)};
            } while (!shape.inside(at, 100));
            const std::string place = count > 1 ? s.name + std::to_string(i + 1) + "丁目" : s.name;
            const std::string place_en = count > 1 ? s.name_en + " " + std::to_string(i + 1) + "-chome" : s.name_en;
            out.push_back({numbered("SA", ++n, 2), "salon", "ふれあいいきいきサロン" + place, "Fureai Ikiiki Salon " + place_en, at, 1});
        }
    }
    return out;
}

}  // namespace keniki::demo
