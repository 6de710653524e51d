// Per-hub figures (TierResult::hubs): each hub's catchment (担当), the residents of the tier's units
// whose nearest hub it is, and how many of them are within reach.
//
// A model worked out by hand: study area 3000 m x 1000 m; one tier, units A [0,1000]x[0,1000] and
// B [1000,2000]x[0,1000] ([2000,3000] lies in no unit); reach 500 m, straight line. Hubs, in the
// tier's order (the facilities are listed in another order, after a facility that is no hub):
//   P (500,500) in A   Q (1500,500) in B   R (2300,500) in no unit   S (2900,900) in no unit
// Residents (people, 65+, 75+), nearest hub and its distance:
//   a (200,500)   10 (4,1)  A  P 300                       within
//   b (900,500)    6 (3,2)  A  P 400 (Q 600)               within
//   c (1100,500)   8 (5,3)  B  Q 400 (P 600)               within
//   d (1800,100)   4 (4,4)  B  Q sqrt(300²+400²) = 500     within: exactly at the reach (cost <= reach)
//   f (1950,500)   3 (1,1)  B  R 350 (Q 450)               within: a hub in no unit serves B
//   g (2600,500)   7 (0,0)  -  R 300 (S 500)               in no unit: in no catchment
//   h (10,10)      0 (0,0)  A  P sqrt(490²+490²) = 692.96  beyond, but nobody: no cost figure
//   i (100,900)    2 (2,2)  A  P sqrt(400²+400²) = 565.69  beyond
// Catchments:
//   P: a+b+h+i = 18 (9, 5) people, within a+b = 16 (7, 3);
//      mean (300 x 10 + 400 x 6 + 565.69 x 2) / 18 = 362.85 m, max 565.69 m (h weighs nothing)
//   Q: c+d = 12 (9, 7), all within; mean (400 x 8 + 500 x 4) / 12 = 433.33 m, max 500 m
//   R: f = 3 (1, 1), within; mean = max = 350 m
//   S: nobody; no cost figure
// Identities: nearest 18 + 12 + 3 + 0 = 33 = the units' people (A 18, B 15), no one without a hub;
// within 16 + 12 + 3 = 31 = 33 - 2 beyond reach (i; h weighs nothing). 65+: 9 + 9 + 1 = 19 = A 9 + B 10,
// within 7 + 9 + 1 = 17 = 19 - 2.

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {
namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};  // counter-clockwise
    return MultiPolygon{p};
}

void add_resident(Residents& r, double x, double y, double pop, double a65, double a75) {
    r.points.emplace_back(x, y);
    r.population.push_back(pop);
    r.age65.push_back(a65);
    r.age75.push_back(a75);
    r.source_id.push_back(static_cast<std::int64_t>(r.points.size()));
}

/// Straight line, except that no hub farther than `cut_off` is found: such residents get no hub (-1)
/// and an infinite cost, as the road network gives residents far from every road.
class CutOffCost final : public CostModel {
public:
    explicit CutOffCost(double cut_off) : m_cut_off(cut_off) {}
    std::string describe() const override { return "straight-line distance up to a cut-off"; }
    CostUnit unit() const override { return CostUnit::metres; }
    void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                 std::vector<double>& cost) const override {
        m_line->nearest(origins, hubs, hub, cost);
        for (std::size_t i = 0; i < hub.size(); ++i) {
            if (cost[i] > m_cut_off) {
                hub[i] = -1;
                cost[i] = INFINITY;
            }
        }
    }
    CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const override {
        return m_line->within(origins, hubs, std::min(limit, m_cut_off));
    }
    MultiPolygon service_area(std::span<const Point> hubs, double reach) const override {
        return m_line->service_area(hubs, std::min(reach, m_cut_off));
    }

private:
    double m_cut_off;
    std::unique_ptr<CostModel> m_line = make_straight_line_cost(8);
};

struct HandModel {
    std::unique_ptr<CostModel> cost = make_straight_line_cost(16);
    ModelInput input;
    HandModel() {
        input.study_area = rect(0, 0, 3000, 1000);
        Residents& r = input.residents;
        add_resident(r, 200, 500, 10, 4, 1);   // a
        add_resident(r, 900, 500, 6, 3, 2);    // b
        add_resident(r, 1100, 500, 8, 5, 3);   // c
        add_resident(r, 1800, 100, 4, 4, 4);   // d
        add_resident(r, 1950, 500, 3, 1, 1);   // f
        add_resident(r, 2600, 500, 7, 0, 0);   // g
        add_resident(r, 10, 10, 0, 0, 0);      // h
        add_resident(r, 100, 900, 2, 2, 2);    // i
        input.facilities = {{"X", "not a hub", "salon", "hubs", Point{1000, 500}},
                            {"S", "far east", "welfare", "hubs", Point{2900, 900}},
                            {"R", "east of B", "welfare", "hubs", Point{2300, 500}},
                            {"Q", "in B", "welfare", "hubs", Point{1500, 500}},
                            {"P", "in A", "welfare", "hubs", Point{500, 500}}};
        input.tiers.push_back(TierInput{"area", "福祉圏域", "Area", {{"A", "A", rect(0, 0, 1000, 1000)}, {"B", "B", rect(1000, 0, 2000, 1000)}},
                                        {4, 3, 2, 1}, cost.get(), 500});
    }
};

void expect_people(const PeopleCount& got, double total, double age65, double age75, const std::string& what) {
    EXPECT_DOUBLE_EQ(got.total, total) << what;
    EXPECT_DOUBLE_EQ(got.age65, age65) << what;
    EXPECT_DOUBLE_EQ(got.age75, age75) << what;
}

TEST(HubFigures, CatchmentsWorkedOutByHand) {
    HandModel m;
    const ModelResult r = run_model(m.input);
    const TierResult& tier = r.tiers[0];
    ASSERT_EQ(tier.hubs.size(), 4u);
    // In TierInput::hubs order, with their facility and the unit they stand in.
    const std::int32_t facility[] = {4, 3, 2, 1}, unit[] = {0, 1, -1, -1};
    for (std::size_t j = 0; j < 4; ++j) {
        EXPECT_EQ(tier.hubs[j].facility, facility[j]) << j;
        EXPECT_EQ(tier.hubs[j].unit, unit[j]) << j;
    }
    const HubResult &p = tier.hubs[0], &q = tier.hubs[1], &rr = tier.hubs[2], &s = tier.hubs[3];
    expect_people(p.nearest, 18, 9, 5, "P nearest");
    expect_people(p.within_reach, 16, 7, 3, "P within reach");
    ASSERT_TRUE(p.cost_defined);
    EXPECT_NEAR(p.mean_cost, (300.0 * 10 + 400.0 * 6 + std::hypot(400.0, 400.0) * 2) / 18, 1e-9);
    EXPECT_NEAR(p.max_cost, std::hypot(400.0, 400.0), 1e-9);
    expect_people(q.nearest, 12, 9, 7, "Q nearest");
    expect_people(q.within_reach, 12, 9, 7, "Q within reach");
    ASSERT_TRUE(q.cost_defined);
    EXPECT_NEAR(q.mean_cost, (400.0 * 8 + 500.0 * 4) / 12, 1e-9);
    EXPECT_NEAR(q.max_cost, 500, 1e-9);
    expect_people(rr.nearest, 3, 1, 1, "R nearest");
    expect_people(rr.within_reach, 3, 1, 1, "R within reach");
    EXPECT_NEAR(rr.mean_cost, 350, 1e-9);
    EXPECT_NEAR(rr.max_cost, 350, 1e-9);
    expect_people(s.nearest, 0, 0, 0, "S nearest");
    expect_people(s.within_reach, 0, 0, 0, "S within reach");
    EXPECT_FALSE(s.cost_defined);
    expect_people(tier.no_hub, 0, 0, 0, "no hub");
    // The unit figures they reconcile with.
    expect_people(tier.units[0].people, 18, 9, 5, "A");
    expect_people(tier.units[1].people, 15, 10, 8, "B");
    expect_people(tier.units[0].beyond_reach, 2, 2, 2, "A beyond");
    expect_people(tier.units[1].beyond_reach, 0, 0, 0, "B beyond");
    expect_people(tier.outside_all_units, 7, 0, 0, "outside");
}

TEST(HubFigures, ResidentsWithNoHubAreInNoCatchment) {
    // With hubs found only up to 550 m, i (565.69 m from P) and h (692.96 m) get no hub and an
    // infinite cost: P keeps a and b, 16 (7, 3) people, all within reach; no_hub holds i's 2 (2, 2);
    // A's 2 beyond reach are the same i. Nearest adds up to 33 - 2 = 31, within reach to 33 - 2 = 31.
    HandModel m;
    CutOffCost cut(550);
    m.input.tiers[0].cost = &cut;
    const ModelResult r = run_model(m.input);
    const TierResult& tier = r.tiers[0];
    expect_people(tier.hubs[0].nearest, 16, 7, 3, "P nearest");
    expect_people(tier.hubs[0].within_reach, 16, 7, 3, "P within reach");
    EXPECT_NEAR(tier.hubs[0].mean_cost, (300.0 * 10 + 400.0 * 6) / 16, 1e-9);
    EXPECT_NEAR(tier.hubs[0].max_cost, 400, 1e-9);
    expect_people(tier.no_hub, 2, 2, 2, "no hub");
    expect_people(tier.units[0].beyond_reach, 2, 2, 2, "A beyond");
    EXPECT_EQ(tier.residents.hub[7], -1);  // i
    EXPECT_EQ(tier.residents.hub[6], -1);  // h
}

TEST(HubFigures, AreaWeightedPiecesCountWithTheirShare) {
    // One small area of 40 (20, 10) people, [800,1200]x[400,600]: half in A, half in B. Whichever
    // interior point each half gets, it is nearer its own unit's hub (P or Q) and within 500 m:
    // P and Q each have 20 (10, 5), all within reach. A second area of 6 (6, 0), [2500,2700]x[0,200],
    // lies in no unit: in no catchment.
    HandModel m;
    Residents& res = m.input.residents;
    res = Residents{};
    res.area_weighted = true;
    res.polygons = {rect(800, 400, 1200, 600), rect(2500, 0, 2700, 200)};
    res.points = {Point{1000, 500}, Point{2600, 100}};
    res.population = {40, 6};
    res.age65 = {20, 6};
    res.age75 = {10, 0};
    res.source_id = {1, 2};
    const ModelResult r = run_model(m.input);
    const TierResult& tier = r.tiers[0];
    for (std::size_t j = 0; j < 2; ++j) {
        EXPECT_NEAR(tier.hubs[j].nearest.total, 20, 1e-9) << j;
        EXPECT_NEAR(tier.hubs[j].nearest.age65, 10, 1e-9) << j;
        EXPECT_NEAR(tier.hubs[j].nearest.age75, 5, 1e-9) << j;
        EXPECT_NEAR(tier.hubs[j].within_reach.total, 20, 1e-9) << j;
    }
    EXPECT_DOUBLE_EQ(tier.hubs[2].nearest.total, 0);
    EXPECT_DOUBLE_EQ(tier.hubs[3].nearest.total, 0);
    EXPECT_NEAR(tier.outside_all_units.total, 6, 1e-9);
}

// -- the identities on a random model, against a brute-force reference ---------------------------

/// A random town 4 km x 4 km: residents (some outside the study area and outside every unit, some
/// weighing nothing), three tiers (a 2 x 2 grid; a 4 x 4 grid over x < 3000 only; eight random,
/// possibly overlapping, rectangles with hubs found only up to 700 m), hubs inside and outside units.
struct RandomModel {
    std::unique_ptr<CostModel> line = make_straight_line_cost(8);
    CutOffCost cut{700};
    ModelInput input;
    RandomModel(unsigned seed, bool area_weighted, int residents) {
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> coord(-200, 4200), side(20, 400);
        input.study_area = rect(0, 0, 4000, 4000);
        Residents& r = input.residents;
        r.area_weighted = area_weighted;
        for (int i = 0; i < residents; ++i) {
            const double x = coord(rng), y = coord(rng);
            const double pop = static_cast<double>(rng() % 6), a65 = std::floor(pop * (rng() % 100) / 100.0), a75 = std::floor(a65 * (rng() % 100) / 100.0);
            add_resident(r, x, y, pop, a65, a75);
            if (area_weighted) {
                const double w = side(rng) / 2, h = side(rng) / 2;
                r.polygons.push_back(rect(x - w, y - h, x + w, y + h));
            }
        }
        for (int f = 0; f < 40; ++f)
            input.facilities.push_back({"F" + std::to_string(f), "", "hub", "hubs", Point{coord(rng), coord(rng)}});
        input.facilities.push_back({"far", "", "hub", "hubs", Point{20000, 20000}});  // nobody's nearest
        TierInput city{"quarter", "", "", {}, {0, 1, 2, 40}, line.get(), 1500};
        for (int gx = 0; gx < 2; ++gx)
            for (int gy = 0; gy < 2; ++gy)
                city.units.push_back({"q" + std::to_string(gx) + std::to_string(gy), "", rect(gx * 2000, gy * 2000, gx * 2000 + 2000, gy * 2000 + 2000)});
        TierInput grid{"grid", "", "", {}, {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, line.get(), 600};
        for (int gx = 0; gx < 4; ++gx)
            for (int gy = 0; gy < 4; ++gy)
                grid.units.push_back({"g" + std::to_string(gx) + std::to_string(gy), "", rect(gx * 750, gy * 1000, gx * 750 + 750, gy * 1000 + 1000)});
        TierInput patches{"patch", "", "", {}, {}, &cut, 400};
        for (std::int32_t f = 13; f < 40; ++f) patches.hubs.push_back(f);
        for (int u = 0; u < 8; ++u) {
            const double x = coord(rng), y = coord(rng);
            patches.units.push_back({"p" + std::to_string(u), "", rect(x, y, x + 300 + side(rng) * 3, y + 300 + side(rng) * 3)});
        }
        input.tiers = {city, grid, patches};
    }
};

/// The per-hub sums the slow way: every hub tried for every resident (piece) of the tier.
struct Reference {
    std::vector<PeopleCount> nearest, within;
    std::vector<double> cost_sum, cost_weight, max;
    PeopleCount no_hub;
};

Reference brute_force(const ModelInput& in, const TierInput& tier_in, const TierResult& tier, double cut_off) {
    const std::size_t n_hubs = tier_in.hubs.size();
    Reference ref{std::vector<PeopleCount>(n_hubs), std::vector<PeopleCount>(n_hubs), std::vector<double>(n_hubs),
                  std::vector<double>(n_hubs), std::vector<double>(n_hubs, -1), {}};
    const ResidentPieces& pieces = *tier.residents.pieces;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (tier.residents.unit[i] < 0) continue;
        const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
        std::size_t best = n_hubs;
        double best_d = INFINITY;
        for (std::size_t j = 0; j < n_hubs; ++j) {
            const Point& h = in.facilities[static_cast<std::size_t>(tier_in.hubs[j])].location;
            const double d = std::hypot(h.x() - pieces.points[i].x(), h.y() - pieces.points[i].y());
            if (d < best_d) best_d = d, best = j;
        }
        if (best_d > cut_off) {
            ref.no_hub += w;
            continue;
        }
        ref.nearest[best] += w;
        if (best_d <= tier_in.reach) ref.within[best] += w;
        if (w.total > 0) {
            ref.cost_sum[best] += best_d * w.total;
            ref.cost_weight[best] += w.total;
            ref.max[best] = std::max(ref.max[best], best_d);
        }
    }
    return ref;
}

void expect_near(const PeopleCount& got, const PeopleCount& want, const std::string& what) {
    EXPECT_NEAR(got.total, want.total, 1e-9 * std::max(1.0, std::abs(want.total))) << what;
    EXPECT_NEAR(got.age65, want.age65, 1e-9 * std::max(1.0, std::abs(want.age65))) << what;
    EXPECT_NEAR(got.age75, want.age75, 1e-9 * std::max(1.0, std::abs(want.age75))) << what;
}

void check_random_model(unsigned seed, bool area_weighted, int residents = 3000) {
    RandomModel m(seed, area_weighted, residents);
    const ModelResult r = run_model(m.input);
    for (std::size_t t = 0; t < r.tiers.size(); ++t) {
        const TierResult& tier = r.tiers[t];
        const std::string what = tier.id + (area_weighted ? " (area-weighted)" : " (points)") + ", seed " + std::to_string(seed);
        ASSERT_EQ(tier.hubs.size(), m.input.tiers[t].hubs.size()) << what;
        // The identities with the unit figures.
        PeopleCount in_units, beyond, nearest, within;
        for (const auto& u : tier.units) in_units += u.people, beyond += u.beyond_reach;
        for (const auto& h : tier.hubs) nearest += h.nearest, within += h.within_reach;
        expect_near(nearest, PeopleCount{in_units.total - tier.no_hub.total, in_units.age65 - tier.no_hub.age65, in_units.age75 - tier.no_hub.age75},
                    what + ": nearest = in units - no hub");
        expect_near(within, PeopleCount{in_units.total - beyond.total, in_units.age65 - beyond.age65, in_units.age75 - beyond.age75},
                    what + ": within reach = in units - beyond reach");
        // And every figure against the brute-force reference.
        const double cut_off = t == 2 ? 700 : INFINITY;
        const Reference ref = brute_force(m.input, m.input.tiers[t], tier, cut_off);
        expect_near(tier.no_hub, ref.no_hub, what + ": no hub");
        if (t == 2) {
            EXPECT_GT(tier.no_hub.total, 0) << what;  // the cut-off does leave people without a hub
        }
        for (std::size_t j = 0; j < tier.hubs.size(); ++j) {
            const HubResult& h = tier.hubs[j];
            const std::string hub = what + ", hub " + std::to_string(j);
            EXPECT_EQ(h.facility, m.input.tiers[t].hubs[j]) << hub;
            expect_near(h.nearest, ref.nearest[j], hub + " nearest");
            expect_near(h.within_reach, ref.within[j], hub + " within reach");
            EXPECT_EQ(h.cost_defined, ref.cost_weight[j] > 0) << hub;
            if (ref.cost_weight[j] > 0) {
                EXPECT_NEAR(h.mean_cost, ref.cost_sum[j] / ref.cost_weight[j], 1e-6) << hub;
                EXPECT_NEAR(h.max_cost, ref.max[j], 1e-6) << hub;
            }
        }
        if (t == 0) {  // "far", 20 km away, is nobody's nearest hub
            EXPECT_DOUBLE_EQ(tier.hubs.back().nearest.total, 0) << what;
            EXPECT_FALSE(tier.hubs.back().cost_defined) << what;
        }
    }
}

TEST(HubFigures, AddUpToTheUnitFiguresOnARandomTownOfPoints) {
    for (const unsigned seed : {1u, 2u, 3u}) check_random_model(seed, false);
    // Past 65,536 residents the sums are made in blocks and added up in block order.
    check_random_model(6, false, 150'000);
}

TEST(HubFigures, AddUpToTheUnitFiguresOnARandomTownOfAreaWeightedPolygons) {
    for (const unsigned seed : {4u, 5u}) check_random_model(seed, true);
}

}  // namespace
}  // namespace keniki::analysis
