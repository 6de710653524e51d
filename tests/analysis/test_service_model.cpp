// The service-area model on a fixture whose answers are worked out by hand:
//   study area 2000 m x 1000 m; tier "city" = the whole square, hub C at (1000,500), reach 2000 m;
//   tier "area" = West [0,1000]x[0,1000] and East [1000,2000]x[0,1000], hubs H0 (500,500) and
//   H1 (1900,500), reach 500 m. Residents:
//     r0 (100,500)   10 people (4 aged 65+, 2 aged 75+)  West, nearest H0 at 400 m
//     r1 (900,500)    5 people (5, 0)                    West, nearest H0 at 400 m
//     r2 (1100,500)  20 people (10, 5)                   East, nearest H0 at 600 m (H1 is 800 m): beyond reach, hub in West
//     r3 (1950,900)   1 person  (1, 1)                   East, nearest H1 at sqrt(50^2+400^2) = 403.113 m
//     r4 (3000,3000)  7 people  (0, 0)                   outside every unit

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "keniki/analysis/service_model.hpp"
#include "keniki/core/error.hpp"

namespace keniki::analysis {
namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};  // counter-clockwise
    return MultiPolygon{p};
}

struct Fixture {
    std::unique_ptr<CostModel> cost = make_straight_line_cost(16);
    ModelInput input;
    Fixture() {
        input.study_area = rect(0, 0, 2000, 1000);
        auto add_resident = [&](double x, double y, double pop, double a65, double a75) {
            input.residents.points.emplace_back(x, y);
            input.residents.population.push_back(pop);
            input.residents.age65.push_back(a65);
            input.residents.age75.push_back(a75);
            input.residents.source_id.push_back(static_cast<std::int64_t>(input.residents.points.size()));
        };
        add_resident(100, 500, 10, 4, 2);
        add_resident(900, 500, 5, 5, 0);
        add_resident(1100, 500, 20, 10, 5);
        add_resident(1950, 900, 1, 1, 1);
        add_resident(3000, 3000, 7, 0, 0);
        input.facilities = {{"C", "centre", "consultation", "hubs", Point{1000, 500}},
                            {"H0", "west hub", "welfare", "hubs", Point{500, 500}},
                            {"H1", "east hub", "welfare", "hubs", Point{1900, 500}}};
        input.tiers.push_back(TierInput{"city", "市圏域", "City", {{"c", "city", rect(0, 0, 2000, 1000)}}, {0}, cost.get(), 2000});
        input.tiers.push_back(TierInput{"area", "福祉圏域", "Area",
                                        {{"w", "West", rect(0, 0, 1000, 1000)}, {"e", "East", rect(1000, 0, 2000, 1000)}},
                                        {1, 2}, cost.get(), 500});
    }
};

TEST(ServiceModel, PeopleAreConservedPerTier) {
    Fixture f;
    const ModelResult r = run_model(f.input);
    EXPECT_DOUBLE_EQ(r.total.total, 43);
    EXPECT_DOUBLE_EQ(r.study_area_m2, 2e6);
    for (const auto& tier : r.tiers) {
        double sum = tier.outside_all_units.total;
        for (const auto& u : tier.units) sum += u.people.total;
        EXPECT_DOUBLE_EQ(sum, 43) << tier.id;
        EXPECT_DOUBLE_EQ(tier.outside_all_units.total, 7) << tier.id;
    }
    const auto& area = r.tiers[1];
    EXPECT_DOUBLE_EQ(area.units[0].people.total, 15);
    EXPECT_DOUBLE_EQ(area.units[0].people.age65, 9);
    EXPECT_DOUBLE_EQ(area.units[0].people.age75, 2);
    EXPECT_DOUBLE_EQ(area.units[1].people.total, 21);
    EXPECT_DOUBLE_EQ(area.units[1].people.age65, 11);
    EXPECT_DOUBLE_EQ(area.units[1].people.age75, 6);
}

TEST(ServiceModel, DistancesReachAndNearestHubElsewhere) {
    Fixture f;
    const ModelResult r = run_model(f.input);
    const auto& west = r.tiers[1].units[0];
    const auto& east = r.tiers[1].units[1];
    EXPECT_DOUBLE_EQ(west.cost.mean, 400);
    EXPECT_DOUBLE_EQ(west.cost.max, 400);
    EXPECT_DOUBLE_EQ(west.beyond_reach.total, 0);
    EXPECT_DOUBLE_EQ(west.nearest_hub_elsewhere.total, 0);
    // East: (600 m x 20 + 403.113 m x 1) / 21 people.
    EXPECT_NEAR(east.cost.mean, (600.0 * 20 + std::hypot(50.0, 400.0)) / 21, 1e-9);
    EXPECT_DOUBLE_EQ(east.cost.median, 600);
    EXPECT_DOUBLE_EQ(east.cost.p90, 600);
    EXPECT_DOUBLE_EQ(east.cost.max, 600);
    EXPECT_DOUBLE_EQ(east.beyond_reach.total, 20);
    EXPECT_DOUBLE_EQ(east.beyond_reach.age65, 10);
    EXPECT_DOUBLE_EQ(east.beyond_reach.age75, 5);
    // r2's nearest hub H0 stands in West (unit 0).
    EXPECT_DOUBLE_EQ(east.nearest_hub_elsewhere.total, 20);
    ASSERT_EQ(east.nearest_hub_elsewhere_by_unit.count(0), 1u);
    EXPECT_DOUBLE_EQ(east.nearest_hub_elsewhere_by_unit.at(0), 20);
    EXPECT_EQ(west.hubs_inside, std::vector<std::int32_t>{1});
    EXPECT_EQ(east.hubs_inside, std::vector<std::int32_t>{2});
    EXPECT_EQ(r.tiers[0].units[0].hubs_inside, std::vector<std::int32_t>{0});
    // r2 is 100 m from C: the city tier reaches everyone inside.
    EXPECT_DOUBLE_EQ(r.tiers[0].units[0].beyond_reach.total, 0);
}

TEST(ServiceModel, GapPolygonsAreUnitMinusServiceArea) {
    Fixture f;
    const ModelResult r = run_model(f.input);
    // West: 1 km^2 minus H0's 64-gon of radius 500 (area 1/2 * 64 * r^2 * sin(2pi/64) = 784,137.2 m^2).
    const double polygon_circle = 0.5 * 64 * 500.0 * 500.0 * std::sin(2 * M_PI / 64);
    EXPECT_NEAR(r.tiers[1].units[0].gap_area_m2, 1e6 - polygon_circle, 1.0);
    // East: 1 km^2 minus the part of H1's circle left of x = 2000: pi r^2 minus the segment beyond
    // (r^2 acos(d/r) - d sqrt(r^2 - d^2), d = 100) = 785,398.2 - 293,369.8 = 492,028.4 m^2 for a true circle.
    const double r2 = 500.0 * 500.0;
    const double inside = M_PI * r2 - (r2 * std::acos(0.2) - 100 * std::sqrt(r2 - 100.0 * 100.0));
    EXPECT_NEAR(r.tiers[1].units[1].gap_area_m2, 1e6 - inside, 0.005 * inside);
}

TEST(ServiceModel, ParentsNestingGapsAndOverlaps) {
    Fixture f;
    // A third tier with a unit straddling West and East: 200 m in West, 400 m in East.
    f.input.tiers.push_back(TierInput{"hood", "地区", "Neighbourhood",
                                      {{"s", "straddler", rect(800, 0, 1400, 1000)}, {"x", "inside west", rect(0, 0, 500, 1000)}},
                                      {1}, f.cost.get(), 300});
    const ModelResult r = run_model(f.input);
    EXPECT_EQ(r.tiers[1].units[0].parent, 0);
    EXPECT_DOUBLE_EQ(r.tiers[1].units[0].parent_overlap_share, 1.0);
    EXPECT_TRUE(r.tiers[1].nesting_problems.empty());
    EXPECT_DOUBLE_EQ(r.tiers[1].gap_m2, 0);
    EXPECT_DOUBLE_EQ(r.tiers[1].overlap_m2, 0);
    const auto& hood = r.tiers[2];
    EXPECT_EQ(hood.units[0].parent, 1);  // East holds 400 of its 600 m width
    EXPECT_NEAR(hood.units[0].parent_overlap_share, 2.0 / 3.0, 1e-12);
    EXPECT_EQ(hood.units[1].parent, 0);
    ASSERT_EQ(hood.nesting_problems.size(), 1u);
    EXPECT_NE(hood.nesting_problems[0].find("unit s"), std::string::npos);
    // The hood tier covers [0,500] and [800,1400] of 2000 m: gap 900 m x 1000 m = 0.45 of the study area.
    EXPECT_NEAR(hood.gap_m2, 900'000, 1e-6);
    EXPECT_NEAR(hood.gap_share, 0.45, 1e-12);
}

TEST(ServiceModel, OverlappingUnitsAreMeasured) {
    Fixture f;
    f.input.tiers[1].units[1].geometry = rect(900, 0, 2000, 1000);  // East now overlaps West by 100 m
    const ModelResult r = run_model(f.input);
    EXPECT_NEAR(r.tiers[1].overlap_m2, 100'000, 1e-6);
    EXPECT_NEAR(r.tiers[1].overlap_share, 0.05, 1e-12);
    // r1 at x = 900 lies on both: it is counted once (in the first unit), so totals still add up.
    double sum = r.tiers[1].outside_all_units.total;
    for (const auto& u : r.tiers[1].units) sum += u.people.total;
    EXPECT_DOUBLE_EQ(sum, 43);
}

TEST(ServiceModel, AreaWeightedApportionment) {
    Fixture f;
    Residents& res = f.input.residents;
    res = Residents{};
    res.area_weighted = true;
    // One small area of 100 people straddling West and East half and half, one 40% outside the study.
    res.polygons = {rect(500, 0, 1500, 100), rect(1800, 900, 2300, 1000)};
    res.points = {Point{1000, 50}, Point{1900, 950}};
    res.population = {100, 50};
    res.age65 = {40, 10};
    res.age75 = {20, 5};
    res.source_id = {1, 2};
    const ModelResult r = run_model(f.input);
    const auto& area = r.tiers[1];
    EXPECT_NEAR(area.units[0].people.total, 50, 1e-9);
    EXPECT_NEAR(area.units[1].people.total, 50 + 50 * 0.4, 1e-9);
    EXPECT_NEAR(area.outside_all_units.total, 50 * 0.6, 1e-9);
    EXPECT_NEAR(area.units[0].people.age65, 20, 1e-9);
    EXPECT_EQ(r.apportionment, "area-weighted polygons");
}

TEST(ServiceModel, TierWithoutHubsIsADataError) {
    Fixture f;
    f.input.tiers[1].hubs.clear();
    EXPECT_THROW(run_model(f.input), DataError);
}

TEST(CostStats, WeightedQuantiles) {
    // 1 person at 10 m, 1 at 20 m, 8 at 30 m: mean 27, median 30, p90 30, max 30.
    const auto s = weighted_cost_stats({{10, 1}, {20, 1}, {30, 8}});
    EXPECT_DOUBLE_EQ(s.mean, 27);
    EXPECT_DOUBLE_EQ(s.median, 30);
    EXPECT_DOUBLE_EQ(s.p90, 30);
    EXPECT_DOUBLE_EQ(s.max, 30);
    // 5 at 10 m and 5 at 20 m: the median is the smallest cost reaching half the weight, 10 m.
    EXPECT_DOUBLE_EQ(weighted_cost_stats({{20, 5}, {10, 5}}).median, 10);
    EXPECT_FALSE(weighted_cost_stats({}).defined);
}

/// Weighted quantiles the slow, obvious way: sort, then walk the cumulative weight.
struct SortedReference {
    std::vector<std::pair<double, double>> sorted;
    double total = 0;
    explicit SortedReference(std::vector<std::pair<double, double>> v) : sorted(std::move(v)) {
        std::sort(sorted.begin(), sorted.end());
        for (const auto& cw : sorted) total += std::max(0.0, cw.second);
    }
    double operator()(double q) const {
        double cum = 0;
        for (const auto& [c, w] : sorted) {
            if (w <= 0) continue;
            cum += w;
            if (cum >= q * total * (1 - 1e-12)) return c;
        }
        return sorted.back().first;
    }
};

TEST(CostStats, SelectionAgreesWithASortedReference) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<std::pair<double, double>> v(1 + rng() % 300);
        for (auto& [c, w] : v) {
            c = static_cast<double>(rng() % 50);           // many ties
            w = static_cast<double>(rng() % 4);             // zero weights too
        }
        const SortedReference reference(v);
        const auto s = weighted_cost_stats(v);
        if (reference.total <= 0) {
            EXPECT_FALSE(s.defined);
            continue;
        }
        EXPECT_EQ(s.median, reference(0.5)) << "trial " << trial;
        EXPECT_EQ(s.p90, reference(0.9)) << "trial " << trial;
    }
}

TEST(CostStats, LargeUnitsAgreeWithASortedReference) {
    // From 32,768 pairs on the quantiles are bracketed from a sample first; the answer must not change.
    // Skewed weights, heavy ties, infinite costs (people no road reaches) and a bad sample (the big
    // weights hidden between the sampled positions) all have to give the sorted answer.
    std::mt19937 rng(11);
    for (int trial = 0; trial < 12; ++trial) {
        const std::size_t n = 32768 + rng() % 200000;
        std::vector<std::pair<double, double>> v(n);
        for (std::size_t i = 0; i < n; ++i) {
            auto& [c, w] = v[i];
            c = trial % 3 == 0 ? static_cast<double>(rng() % 40) : std::ldexp(static_cast<double>(rng() % 100000), -3);
            w = trial % 4 == 1 ? (i % 4099 == 7 ? 1e6 : 0.01) : static_cast<double>(rng() % 5);
            if (trial % 5 == 2 && rng() % 50 == 0) c = INFINITY;
        }
        const SortedReference reference(v);
        const auto s = weighted_cost_stats(v);
        ASSERT_TRUE(s.defined);
        EXPECT_EQ(s.median, reference(0.5)) << "trial " << trial << ", " << n << " pairs";
        EXPECT_EQ(s.p90, reference(0.9)) << "trial " << trial << ", " << n << " pairs";
    }
}

}  // namespace
}  // namespace keniki::analysis
