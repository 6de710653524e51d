#include "residents.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace keniki::demo {

namespace {

/// An age of 65 or more: five-year bands weighted like a Japanese rural town's, uniform within.
int old_age(Random& random) {
    static const std::vector<double> weights = {10.5, 11, 7.5, 6.3, 4.8, 2.5, 0.8};  // 65-69 ... 95-99
    return 65 + 5 * static_cast<int>(random.weighted(weights)) + random.integer(0, 4);
}

enum HouseholdType { single_old, couple_old, old_parent_and_child, single_working, couple_middle, family, three_generations };

/// Household type weights in the main town (remoteness 0) and the remotest village (1).
constexpr std::array<double, 7> town_weights = {0.22, 0.20, 0.07, 0.17, 0.17, 0.11, 0.06};
constexpr std::array<double, 7> remote_weights = {0.32, 0.29, 0.11, 0.07, 0.12, 0.03, 0.06};

std::vector<int> household_ages(double remoteness, Random& random) {
    std::vector<double> weights(town_weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i)
        weights[i] = town_weights[i] + remoteness * (remote_weights[i] - town_weights[i]);
    std::vector<int> ages;
    auto parents_and_children = [&] {
        const int first = random.integer(28, 50);
        ages.push_back(first);
        ages.push_back(std::clamp(first + random.integer(-4, 4), 25, 52));
        static const std::vector<double> child_weights = {0.45, 0.40, 0.15};  // 1, 2, 3 children
        const int children = 1 + static_cast<int>(random.weighted(child_weights));
        for (int i = 0; i < children; ++i) ages.push_back(random.integer(0, std::min(17, first - 20)));
    };
    switch (static_cast<HouseholdType>(random.weighted(weights))) {
        case single_old: ages.push_back(old_age(random)); break;
        case couple_old: {
            const int first = old_age(random);
            ages.push_back(first);
            ages.push_back(std::clamp(first + random.integer(-6, 6), 65, 99));
            break;
        }
        case old_parent_and_child: {
            int parent = old_age(random);
            while (parent < 75) parent = old_age(random);
            ages.push_back(parent);
            ages.push_back(std::min(parent - 22, random.integer(45, 68)));
            break;
        }
        case single_working: ages.push_back(random.integer(20, 64)); break;
        case couple_middle: {
            const int first = random.integer(45, 64);
            ages.push_back(first);
            ages.push_back(std::clamp(first + random.integer(-5, 5), 40, 64));
            if (random.chance(0.3)) ages.push_back(random.integer(18, 30));
            break;
        }
        case family: parents_and_children(); break;
        case three_generations:
            parents_and_children();
            ages.push_back(std::max(old_age(random), ages.front() + 22));
            break;
    }
    return ages;
}

double distance(const Point& a, const Point& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

/// A point on one of `roads` (chosen by length), uniform along it.
Point on_roads(const Network& net, const std::vector<int>& roads, const std::vector<double>& lengths, Random& random) {
    const Road& r = net.roads[static_cast<std::size_t>(roads[random.weighted(lengths)])];
    return point_along(r.line, random.uniform(0, r.length_m));
}

}  // namespace

std::string age_band(int age) {
    if (age < 15) return "0-14";
    if (age < 65) return "15-64";
    if (age < 75) return "65-74";
    if (age < 85) return "75-84";
    return "85+";
}

std::vector<Resident> make_residents(const TownShape& shape, const std::vector<Settlement>& settlements,
                                     const Network& net, Random& random) {
    std::vector<Resident> out;
    std::int64_t household = 0;
    auto add_household = [&](const Point& at, double remoteness) {
        ++household;
        for (int age : household_ages(remoteness, random))
            out.push_back({static_cast<std::int64_t>(out.size()) + 1, household, at, age});
    };
    constexpr int max_tries = 200;

    for (const Settlement& s : settlements) {
        // Houses cluster round the centre and string out along the roads near it.
        std::vector<int> near;
        std::vector<double> lengths;
        for (std::size_t i = 0; i < net.roads.size(); ++i) {
            const Road& r = net.roads[i];
            const bool close = std::any_of(r.line.begin(), r.line.end(), [&](const Point& v) { return distance(v, s.centre) < 2 * s.spread_m; });
            if (close) {
                near.push_back(static_cast<int>(i));
                lengths.push_back(r.length_m);
            }
        }
        const std::size_t target = out.size() + static_cast<std::size_t>(s.population);
        while (out.size() < target) {
            Point at;
            int tries = 0;
            for (;; ++tries) {
                if (tries == max_tries) throw std::logic_error("demo: cannot place a house in " + s.name);
                if (near.empty() || random.chance(0.6)) {
                    at = Point{random.normal(s.centre.x(), s.spread_m), random.normal(s.centre.y(), s.spread_m)};
                } else {
                    const Point p = on_roads(net, near, lengths, random);
                    at = Point{random.normal(p.x(), 30), random.normal(p.y(), 30)};
                    if (distance(at, s.centre) > 2.5 * s.spread_m) continue;
                }
                if (shape.inside(at, 60)) break;
            }
            add_household(at, s.remoteness);
        }
    }

    // Farmhouses along the roads between the settlements.
    std::vector<int> rural;
    std::vector<double> lengths;
    for (std::size_t i = 0; i < net.roads.size(); ++i) {
        if (net.roads[i].highway == "residential") continue;
        rural.push_back(static_cast<int>(i));
        lengths.push_back(net.roads[i].length_m);
    }
    const std::size_t target = out.size() + static_cast<std::size_t>(scattered_population);
    while (out.size() < target) {
        Point at;
        for (int tries = 0;; ++tries) {
            if (tries == max_tries) throw std::logic_error("demo: cannot place a farmhouse");
            const Point p = on_roads(net, rural, lengths, random);
            at = Point{random.normal(p.x(), 60), random.normal(p.y(), 60)};
            if (shape.inside(at, 60)) break;
        }
        add_household(at, 0.8);
    }
    return out;
}

}  // namespace keniki::demo
