// Access scores worked on paper. Three hubs on a line: H1 (0,0) supply 2, H2 (1000,0) supply 1,
// H3 (5000,0) supply 3. Five demand points: d1 (100,0) 100 people, d2 (500,0) 200, d3 (900,0) 100,
// d4 (4800,0) 300, d5 (9000,0) 50. Catchment 500 m, straight line. Pairs within 500 m:
// d1-H1 100, d2-H1 500, d2-H2 500, d3-H2 100, d4-H3 200; d5 reaches nothing.
//
// 2SFCA: R1 = 2 / (100 + 200) = 1/150, R2 = 1 / (200 + 100) = 1/300, R3 = 3 / 300 = 1/100.
//   A1 = 1/150, A2 = 1/150 + 1/300 = 1/100, A3 = 1/300, A4 = 1/100, A5 = 0.
//   Σ A D = 100/150 + 200/100 + 100/300 + 300/100 = 6 = 2 + 1 + 3.
// E2SFCA, bands up to 200 m: 1, up to 500 m: 0.5. Weights: d1-H1 1, d2-H1 0.5, d2-H2 0.5, d3-H2 1,
//   d4-H3 1. R1 = 2 / (100 + 100) = 0.01, R2 = 1 / (100 + 100) = 0.005, R3 = 0.01.
//   A1 = 0.01, A2 = 0.005 + 0.0025 = 0.0075, A3 = 0.005, A4 = 0.01, A5 = 0. Σ A D = 1 + 1.5 + 0.5 + 3 = 6.
// Gravity over a 100 km catchment with power decay β → 0: every weight → 1, so every score → the
//   city's supply over its demand, 6 / 750 = 0.008.

#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "keniki/analysis/access.hpp"
#include "keniki/core/error.hpp"

namespace keniki::analysis {
namespace {

struct Line {
    std::vector<Point> hubs{{0, 0}, {1000, 0}, {5000, 0}};
    std::vector<double> supply{2, 1, 3};
    std::vector<Point> points{{100, 0}, {500, 0}, {900, 0}, {4800, 0}, {9000, 0}};
    std::vector<double> demand{100, 200, 100, 300, 50};
    std::unique_ptr<CostModel> line = make_straight_line_cost(16);
    CostTable table(double catchment) const { return line->within(points, hubs, catchment); }
};

double weighted_sum(const AccessResult& r, const std::vector<double>& demand) {
    double s = 0;
    for (std::size_t i = 0; i < demand.size(); ++i) s += r.score[i] * demand[i];
    return s;
}

TEST(Access, TwoStepOnPaper) {
    const Line l;
    const CostTable t = l.table(500);
    ASSERT_EQ(t.pairs(), 5u);
    EXPECT_EQ(t.first, (std::vector<std::uint32_t>{0, 1, 3, 4, 5, 5}));
    EXPECT_EQ(t.hub, (std::vector<std::uint32_t>{0, 0, 1, 1, 2}));
    AccessOptions o;
    o.catchment = 500;
    const AccessResult r = access_scores(t, l.demand, l.supply, o);
    const std::vector<double> expect{1.0 / 150, 1.0 / 100, 1.0 / 300, 1.0 / 100, 0.0};
    for (std::size_t i = 0; i < expect.size(); ++i) EXPECT_NEAR(r.score[i], expect[i], 1e-12) << "d" << i + 1;
    EXPECT_NEAR(r.hub_ratio[0], 1.0 / 150, 1e-12);
    EXPECT_NEAR(r.hub_ratio[1], 1.0 / 300, 1e-12);
    EXPECT_NEAR(r.hub_ratio[2], 1.0 / 100, 1e-12);
    EXPECT_DOUBLE_EQ(r.hub_demand[0], 300);
    EXPECT_NEAR(weighted_sum(r, l.demand), 6.0, 1e-12);
    EXPECT_DOUBLE_EQ(r.supply_reached, 6.0);
}

TEST(Access, EnhancedTwoStepWithBandsOnPaper) {
    const Line l;
    AccessOptions o;
    o.method = AccessMethod::enhanced;
    o.catchment = 500;
    o.decay.kind = Decay::Kind::bands;
    o.decay.bands = {{200, 1.0}, {500, 0.5}};
    const AccessResult r = access_scores(l.table(500), l.demand, l.supply, o);
    const std::vector<double> expect{0.01, 0.0075, 0.005, 0.01, 0.0};
    for (std::size_t i = 0; i < expect.size(); ++i) EXPECT_NEAR(r.score[i], expect[i], 1e-12) << "d" << i + 1;
    EXPECT_NEAR(r.hub_ratio[1], 0.005, 1e-12);
    EXPECT_NEAR(weighted_sum(r, l.demand), 6.0, 1e-12);
}

TEST(Access, SupplyIsConservedWithEveryDecay) {
    const Line l;
    for (const auto kind : {Decay::Kind::gaussian, Decay::Kind::power}) {
        AccessOptions o;
        o.method = AccessMethod::enhanced;
        o.catchment = 2000;
        o.decay.kind = kind;
        o.decay.beta = 1.5;
        const AccessResult r = access_scores(l.table(2000), l.demand, l.supply, o);
        // Hubs reached by some demand: all three (d5 is 4 km from H3).
        EXPECT_NEAR(weighted_sum(r, l.demand), r.supply_reached, 1e-9);
        EXPECT_DOUBLE_EQ(r.supply_reached, 6.0);
        EXPECT_DOUBLE_EQ(r.score[4], 0.0);
    }
}

TEST(Access, GravityOverAHugeCatchmentApproachesSupplyOverDemand) {
    const Line l;
    AccessOptions o;
    o.method = AccessMethod::gravity;
    o.catchment = 100000;
    o.decay.kind = Decay::Kind::power;
    o.decay.beta = 1e-6;
    const AccessResult r = access_scores(l.table(100000), l.demand, l.supply, o);
    for (std::size_t i = 0; i < l.demand.size(); ++i) EXPECT_NEAR(r.score[i], 6.0 / 750, 1e-7) << "d" << i + 1;
    // A real decay (β = 1) favours the points near much supply: d4 beside H3 beats d5 far from all.
    o.decay.beta = 1.0;
    const AccessResult g = access_scores(l.table(100000), l.demand, l.supply, o);
    EXPECT_GT(g.score[3], g.score[4]);
    EXPECT_NEAR(weighted_sum(g, l.demand), 6.0, 1e-9);
}

TEST(Access, DecayWeights) {
    Decay gauss;
    gauss.kind = Decay::Kind::gaussian;
    EXPECT_DOUBLE_EQ(gauss.weight(0, 1000), 1.0);
    EXPECT_NEAR(gauss.weight(1000, 1000), 0.0, 1e-15);
    EXPECT_NEAR(gauss.weight(500, 1000), (std::exp(-0.125) - std::exp(-0.5)) / (1 - std::exp(-0.5)), 1e-15);
    EXPECT_DOUBLE_EQ(gauss.weight(1001, 1000), 0.0);
    Decay power;
    power.kind = Decay::Kind::power;
    power.beta = 2;
    EXPECT_DOUBLE_EQ(power.weight(10, 100), 0.01);
    EXPECT_DOUBLE_EQ(power.weight(0.2, 100), 1.0);  // costs below 1 count as 1
}

TEST(Access, BadInputsAreRefused) {
    const Line l;
    const CostTable t = l.table(500);
    AccessOptions o;
    o.catchment = 500;
    EXPECT_THROW(access_scores(t, std::vector<double>{1, 2}, l.supply, o), UsageError);
    EXPECT_THROW(access_scores(t, std::vector<double>{1, 2, -3, 4, 5}, l.supply, o), UsageError);
    EXPECT_THROW(access_scores(t, l.demand, std::vector<double>{2, NAN, 3}, o), UsageError);
    EXPECT_THROW(access_scores(t, l.demand, std::vector<double>{2, 1}, o), UsageError);  // the table names hub 3
}

}  // namespace
}  // namespace keniki::analysis
