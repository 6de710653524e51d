// keniki::siting: a hand-worked instance for every objective, exhaustive enumeration on random small
// instances, and bad inputs.
//
// The hand-worked instance: 5 demand points A..E (weights 10, 20, 30, 40, 50), candidates 0..3, one
// fixed hub 4; reach 5, unreached cost 20. The pairs (site: cost):
//   A  4:2  0:6          (the fixed hub covers A)
//   B  0:3  1:4
//   C  1:2  2:5
//   D  2:1  3:6
//   E  3:4  2:7
// Coverage within 5: fixed {A}; 0 {B}; 1 {B, C}; 2 {C, D}; 3 {E}.
//   K = 2: {2,3} covers C,D,E = 120 (+A = 130); {1,3} 100; {1,2} {0,2} 90; {0,1} 50; {0,3} 70.
//   Order: 2 alone adds 70 (1 adds 50, 3 adds 50, 0 adds 20), then 3 adds 50. Before 10, after 130.
// Distance, K = 2 (A costs 2 in every answer, 20 in total); with the fixed hub alone the total is
//   20 + (20+30+40+50)·20 = 2820.
//   {0,1} B3 C2 D20 E20: 20+60+60+800+1000 = 1940     {0,2} B3 C5 D1 E7: 20+60+150+40+350 = 620
//   {0,3} B3 C20 D6 E4:  20+60+600+240+200 = 1120     {1,2} B4 C2 D1 E7: 20+80+60+40+350 = 550  <- optimum
//   {1,3} B4 C2 D6 E4:   20+80+60+240+200 = 600       {2,3} B20 C5 D1 E4: 20+400+150+40+200 = 810
//   Order: 2 alone saves 30·15 + 40·19 + 50·13 = 1860 (1 alone 860, 3 alone 1360, 0 alone 340),
//   then 1 saves B 20→4 and C 5→2: 320 + 90 = 410; 2820 - 1860 - 410 = 550.
// Equity, K = 2, worst cost: {0,1} 20, {0,2} 7, {0,3} 20, {1,2} 7, {1,3} max(2,4,2,6,4) = 6 <- optimum,
//   {2,3} 20. Order: neither alone lowers the worst (20); 3 saves more in total (E 20→4, D 20→6:
//   800 + 560 = 1360 against 860), so 3 first (gain 0), then 1 (worst 20 → 6: gain 14).
// Cover all (LSCP): B, C, D, E need a new site (A has the fixed hub); D only by 2, E only by 3, B by
//   0 or 1: 3 sites ({1,2,3} or {0,2,3}), and every 150 people are covered.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/siting/siting.hpp"

namespace {

using keniki::siting::Method;
using keniki::siting::Objective;
using keniki::siting::Options;
using keniki::siting::Problem;
using keniki::siting::Solution;

struct Pair {
    std::uint32_t site;
    double cost;
};

Problem make_problem(std::vector<double> demand, std::size_t candidates, std::size_t fixed, const std::vector<std::vector<Pair>>& rows, double reach) {
    Problem p;
    p.demand = std::move(demand);
    p.candidates = candidates;
    p.fixed = fixed;
    p.reach = reach;
    p.first.push_back(0);
    for (const auto& row : rows) {
        for (const Pair& e : row) {
            p.site.push_back(e.site);
            p.cost.push_back(e.cost);
        }
        p.first.push_back(static_cast<std::uint32_t>(p.site.size()));
    }
    return p;
}

Problem hand_problem() {
    return make_problem({10, 20, 30, 40, 50}, 4, 1,
                        {{{4, 2}, {0, 6}}, {{0, 3}, {1, 4}}, {{1, 2}, {2, 5}}, {{2, 1}, {3, 6}}, {{3, 4}, {2, 7}}}, 5);
}

Options options(Objective objective, std::size_t add, Method method, double unreached = 20) {
    Options o;
    o.objective = objective;
    o.add = add;
    o.method = method;
    o.unreached_cost = unreached;
    return o;
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

class HandWorked : public ::testing::TestWithParam<Method> {};

TEST_P(HandWorked, Coverage) {
    const Solution s = keniki::siting::solve(hand_problem(), options(Objective::coverage, 2, GetParam()));
    EXPECT_EQ(s.chosen, (std::vector<std::uint32_t>{2, 3})) << s.method;
    EXPECT_EQ(s.gain, (std::vector<double>{70, 50}));
    EXPECT_DOUBLE_EQ(s.covered_before, 10);
    EXPECT_DOUBLE_EQ(s.covered_after, 130);
    EXPECT_DOUBLE_EQ(s.objective, 130);
    EXPECT_TRUE(s.optimal) << s.method;
    EXPECT_DOUBLE_EQ(s.gap, 0);
    EXPECT_NEAR(s.bound, 130, 1e-6);
}

TEST_P(HandWorked, Distance) {
    const Solution s = keniki::siting::solve(hand_problem(), options(Objective::distance, 2, GetParam()));
    EXPECT_EQ(s.chosen, (std::vector<std::uint32_t>{2, 1})) << s.method;
    ASSERT_EQ(s.gain.size(), 2u);
    EXPECT_NEAR(s.gain[0], 1860, 1e-9);
    EXPECT_NEAR(s.gain[1], 410, 1e-9);
    EXPECT_NEAR(s.objective, 550, 1e-9);
    EXPECT_DOUBLE_EQ(s.covered_after, 10 + 20 + 30 + 40);  // A, B (4), C (2), D (1); E at 7 is beyond 5
    if (GetParam() == Method::exact) {
        EXPECT_TRUE(s.optimal) << s.method;
    }
    EXPECT_LE(s.bound, 550 + 1e-6);
}

TEST_P(HandWorked, Equity) {
    const Solution s = keniki::siting::solve(hand_problem(), options(Objective::equity, 2, GetParam()));
    EXPECT_EQ(s.chosen, (std::vector<std::uint32_t>{3, 1})) << s.method;
    ASSERT_EQ(s.gain.size(), 2u);
    EXPECT_NEAR(s.gain[0], 0, 1e-9);
    EXPECT_NEAR(s.gain[1], 14, 1e-9);
    EXPECT_NEAR(s.objective, 6, 1e-9);
    if (GetParam() == Method::exact) {
        EXPECT_TRUE(s.optimal) << s.method;
    }
    EXPECT_LE(s.bound, 6 + 1e-9);
}

TEST_P(HandWorked, CoverAll) {
    const Solution s = keniki::siting::cover_all(hand_problem(), options(Objective::coverage, 0, GetParam()));
    EXPECT_EQ(s.chosen.size(), 3u) << s.method;
    const auto set = sorted(s.chosen);
    EXPECT_TRUE(set == (std::vector<std::uint32_t>{1, 2, 3}) || set == (std::vector<std::uint32_t>{0, 2, 3}));
    EXPECT_DOUBLE_EQ(s.objective, 3);
    EXPECT_DOUBLE_EQ(s.covered_before, 10);
    EXPECT_DOUBLE_EQ(s.covered_after, 150);
    double sum = 0;
    for (double g : s.gain) sum += g;
    EXPECT_DOUBLE_EQ(sum, 140);
    if (GetParam() == Method::exact) {
        EXPECT_TRUE(s.optimal) << s.method;
    }
}

TEST_P(HandWorked, AddingNothing) {
    const Solution s = keniki::siting::solve(hand_problem(), options(Objective::distance, 0, GetParam()));
    EXPECT_TRUE(s.chosen.empty());
    EXPECT_NEAR(s.objective, 2820, 1e-9);
    EXPECT_DOUBLE_EQ(s.covered_after, 10);
}

INSTANTIATE_TEST_SUITE_P(Siting, HandWorked, ::testing::Values(Method::exact, Method::heuristic),
                         [](const auto& info) { return std::string(keniki::siting::name(info.param)); });

TEST(Siting, DefaultUnreachedCostIsTwiceTheLargestCost) {
    // Largest cost 7: a point with no open site costs 14. Open nothing new: A 2, B..E 14 each.
    Options o = options(Objective::distance, 0, Method::heuristic);
    o.unreached_cost.reset();
    const Solution s = keniki::siting::solve(hand_problem(), o);
    EXPECT_NEAR(s.objective, 10 * 2 + (20 + 30 + 40 + 50) * 14, 1e-9);
}

// ---- Random instances against enumeration ----------------------------------------------------

/// Our own uniform numbers from mt19937 (the standard distributions differ between libraries).
struct Random {
    std::mt19937 g;
    explicit Random(std::uint32_t seed) : g(seed) {}
    double uniform() { return (g() >> 5) * (1.0 / 134217728.0); }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
};

Problem random_problem(Random& r, std::size_t candidates, std::size_t fixed, std::size_t points) {
    // Points and sites in a 1000 m square; pairs within 300 m; reach 150 m; integer weights 0..9.
    std::vector<double> sx, sy;
    for (std::size_t j = 0; j < candidates + fixed; ++j) {
        sx.push_back(1000 * r.uniform());
        sy.push_back(1000 * r.uniform());
    }
    std::vector<double> demand;
    std::vector<std::vector<Pair>> rows;
    for (std::size_t i = 0; i < points; ++i) {
        const double x = 1000 * r.uniform(), y = 1000 * r.uniform();
        demand.push_back(static_cast<double>(r.below(10)));
        std::vector<Pair> row;
        for (std::size_t j = 0; j < sx.size(); ++j) {
            const double d = std::hypot(x - sx[j], y - sy[j]);
            if (d <= 300) row.push_back({static_cast<std::uint32_t>(j), d});
        }
        std::reverse(row.begin(), row.end());  // any order
        rows.push_back(row);
    }
    return make_problem(demand, candidates, fixed, rows, 150);
}

/// The objectives, straight from their definitions.
struct Brute {
    const Problem& p;
    double unreached;
    double covered(const std::vector<char>& open) const {
        double sum = 0;
        for (std::size_t i = 0; i < p.demand.size(); ++i) {
            for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
                if (open[p.site[e]] && p.cost[e] <= p.reach) {
                    sum += p.demand[i];
                    break;
                }
            }
        }
        return sum;
    }
    double cost(const std::vector<char>& open, std::size_t i) const {
        double d = unreached;
        for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
            if (open[p.site[e]]) d = std::min(d, p.cost[e]);
        }
        return d;
    }
    double total(const std::vector<char>& open) const {
        double sum = 0;
        for (std::size_t i = 0; i < p.demand.size(); ++i) sum += p.demand[i] * cost(open, i);
        return sum;
    }
    double worst(const std::vector<char>& open) const {
        double w = 0;
        for (std::size_t i = 0; i < p.demand.size(); ++i) {
            if (p.demand[i] > 0 && p.first[i + 1] > p.first[i]) w = std::max(w, cost(open, i));
        }
        return w;
    }
    std::vector<char> open_set(const std::vector<std::uint32_t>& chosen) const {
        std::vector<char> open(p.candidates + p.fixed, 0);
        for (std::size_t j = p.candidates; j < open.size(); ++j) open[j] = 1;
        for (std::uint32_t j : chosen) open[j] = 1;
        return open;
    }
    /// The objective as "smaller is better": -covered, total, worst.
    double score(Objective o, const std::vector<std::uint32_t>& chosen) const {
        const auto open = open_set(chosen);
        return o == Objective::coverage ? -covered(open) : o == Objective::distance ? total(open) : worst(open);
    }
    double user_value(Objective o, const std::vector<std::uint32_t>& chosen) const {
        const double s = score(o, chosen);
        return o == Objective::coverage ? -s : s;
    }
};

/// The best score over every subset of `add` candidates.
double enumerate(const Brute& b, Objective o, std::size_t add) {
    std::vector<std::uint32_t> set(add);
    double best = std::numeric_limits<double>::infinity();
    const std::size_t c = b.p.candidates;
    std::vector<std::size_t> idx(add);
    for (std::size_t q = 0; q < add; ++q) idx[q] = q;
    for (;;) {
        for (std::size_t q = 0; q < add; ++q) set[q] = static_cast<std::uint32_t>(idx[q]);
        best = std::min(best, b.score(o, set));
        std::size_t q = add;
        while (q > 0 && idx[q - 1] == c - add + q - 1) --q;
        if (q == 0) break;
        ++idx[q - 1];
        for (std::size_t r = q; r < add; ++r) idx[r] = idx[r - 1] + 1;
    }
    return best;
}

/// Plain greedy, from the definitions: add the site of the best score, lowest id on ties; equity
/// compares the worst cost, then the total.
double plain_greedy(const Brute& b, Objective o, std::size_t add) {
    std::vector<std::uint32_t> chosen;
    for (std::size_t step = 0; step < add; ++step) {
        std::uint32_t best = 0;
        double best_s = std::numeric_limits<double>::infinity(), best_t = best_s;
        for (std::uint32_t a = 0; a < b.p.candidates; ++a) {
            if (std::find(chosen.begin(), chosen.end(), a) != chosen.end()) continue;
            auto set = chosen;
            set.push_back(a);
            const double s = b.score(o, set);
            const double t = o == Objective::equity ? b.score(Objective::distance, set) : 0;
            if (s < best_s - 1e-9 || (s <= best_s + 1e-9 && t < best_t - 1e-6)) {
                best = a;
                best_s = s;
                best_t = t;
            }
        }
        chosen.push_back(best);
    }
    return b.score(o, chosen);
}

void expect_valid(const Solution& s, const Problem& p, std::size_t add) {
    ASSERT_EQ(s.chosen.size(), add);
    EXPECT_EQ(s.gain.size(), add);
    auto set = sorted(s.chosen);
    EXPECT_TRUE(std::adjacent_find(set.begin(), set.end()) == set.end());
    for (std::uint32_t j : s.chosen) EXPECT_LT(j, p.candidates);
}

TEST(SitingRandom, ExactAndHeuristicAgainstEnumeration) {
    Random r(20261212);
    int heuristic_optimal = 0, runs = 0;
    for (int instance = 0; instance < 50; ++instance) {
        const std::size_t candidates = 5 + r.below(26);  // 5..30
        const std::size_t fixed = r.below(3);
        const std::size_t points = 100 + r.below(201);
        const std::size_t add = 1 + r.below(3);
        const Problem p = random_problem(r, candidates, fixed, points);
        const Brute b{p, 500};
        for (Objective obj : {Objective::coverage, Objective::distance, Objective::equity}) {
            SCOPED_TRACE("instance " + std::to_string(instance) + ", " + keniki::siting::name(obj) + ", " + std::to_string(candidates) +
                         " candidates, " + std::to_string(fixed) + " fixed, " + std::to_string(points) + " points, K = " + std::to_string(add));
            const double best = enumerate(b, obj, add);
            const double optimum = obj == Objective::coverage ? -best : best;
            const double tol = 1e-7 * std::max(1.0, std::abs(optimum));

            const Solution ex = keniki::siting::solve(p, options(obj, add, Method::exact, b.unreached));
            expect_valid(ex, p, add);
            EXPECT_TRUE(ex.optimal) << ex.method;
            EXPECT_NEAR(ex.objective, optimum, tol) << ex.method;
            EXPECT_NEAR(b.user_value(obj, ex.chosen), ex.objective, tol);
            EXPECT_NEAR(ex.covered_after, b.covered(b.open_set(ex.chosen)), 1e-9);

            const Solution he = keniki::siting::solve(p, options(obj, add, Method::heuristic, b.unreached));
            expect_valid(he, p, add);
            EXPECT_NEAR(b.user_value(obj, he.chosen), he.objective, tol);
            EXPECT_LE(b.score(obj, he.chosen), plain_greedy(b, obj, add) + tol) << "worse than plain greedy";
            // The bound is on the right side of the optimum, and the answer within its gap of it.
            if (obj == Objective::coverage) {
                EXPECT_GE(he.bound, optimum - tol) << he.method;
                EXPECT_LE(he.objective, optimum + tol);
            } else {
                EXPECT_LE(he.bound, optimum + tol) << he.method;
                EXPECT_GE(he.objective, optimum - tol);
            }
            EXPECT_LE(std::abs(he.objective - optimum), he.gap * (std::abs(he.objective) + 1e-12) + tol) << he.method;
            if (he.optimal) {
                EXPECT_NEAR(he.objective, optimum, tol) << he.method;
            }
            heuristic_optimal += std::abs(he.objective - optimum) <= tol;
            ++runs;

            // Gains add up to the objective's change.
            double sum = 0;
            for (double g : he.gain) sum += g;
            if (obj == Objective::coverage) {
                EXPECT_NEAR(he.covered_before + sum, he.covered_after, 1e-9);
            } else if (obj == Objective::distance) {
                EXPECT_NEAR(b.total(b.open_set({})) - sum, he.objective, tol);
            } else {
                EXPECT_NEAR(b.worst(b.open_set({})) - sum, he.objective, tol);
            }
        }
    }
    // Not a requirement, a sign of health: Teitz-Bart finds the optimum on most small instances.
    EXPECT_GE(heuristic_optimal, runs * 8 / 10) << heuristic_optimal << " of " << runs;
}

TEST(SitingRandom, CoverAllAgainstEnumeration) {
    Random r(77);
    for (int instance = 0; instance < 40; ++instance) {
        const std::size_t candidates = 4 + r.below(12);  // 4..15
        const std::size_t fixed = r.below(2);
        const Problem p = random_problem(r, candidates, fixed, 60 + r.below(100));
        const Brute b{p, 500};
        SCOPED_TRACE("instance " + std::to_string(instance));
        // Points to cover: weight > 0 within reach of some site.
        const std::vector<char> everything(candidates + fixed, 1);
        auto covers_all = [&](const std::vector<char>& open) {
            for (std::size_t i = 0; i < p.demand.size(); ++i) {
                if (!(p.demand[i] > 0)) continue;
                bool coverable = false, covered = false;
                for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
                    if (p.cost[e] > p.reach) continue;
                    coverable = true;
                    covered = covered || open[p.site[e]];
                }
                if (coverable && !covered) return false;
            }
            return true;
        };
        std::size_t smallest = candidates + 1;
        for (std::uint32_t mask = 0; mask < (1u << candidates); ++mask) {
            const auto size = static_cast<std::size_t>(__builtin_popcount(mask));
            if (size >= smallest) continue;
            std::vector<std::uint32_t> set;
            for (std::uint32_t j = 0; j < candidates; ++j) {
                if (mask & (1u << j)) set.push_back(j);
            }
            if (covers_all(b.open_set(set))) smallest = size;
        }
        ASSERT_LE(smallest, candidates);
        const Solution ex = keniki::siting::cover_all(p, options(Objective::coverage, 0, Method::exact));
        EXPECT_EQ(ex.chosen.size(), smallest) << ex.method;
        EXPECT_TRUE(ex.optimal) << ex.method;
        EXPECT_TRUE(covers_all(b.open_set(ex.chosen)));
        EXPECT_DOUBLE_EQ(ex.covered_after, b.covered(everything));
        const Solution he = keniki::siting::cover_all(p, options(Objective::coverage, 0, Method::heuristic));
        EXPECT_GE(he.chosen.size(), smallest);
        EXPECT_LE(he.bound, static_cast<double>(smallest));
        EXPECT_TRUE(covers_all(b.open_set(he.chosen)));
        if (he.optimal) {
            EXPECT_EQ(he.chosen.size(), smallest) << he.method;
        }
    }
}

TEST(SitingRandom, TimeLimitIsSaid) {
    Random r(5);
    const Problem p = random_problem(r, 200, 0, 20000);
    Options o = options(Objective::distance, 10, Method::exact, 500);
    o.time_limit_s = 1e-3;
    const Solution s = keniki::siting::solve(p, o);
    EXPECT_EQ(s.chosen.size(), 10u);
    EXPECT_FALSE(s.optimal) << s.method;
    EXPECT_NE(s.method.find("time limit"), std::string::npos) << s.method;
    EXPECT_GT(s.gap, 0);
}

// ---- Bad inputs --------------------------------------------------------------------------------

template <typename E>
void expect_refused(const Problem& p, const Options& o, const std::string& words) {
    try {
        keniki::siting::solve(p, o);
        ADD_FAILURE() << "accepted; wanted a refusal naming: " << words;
    } catch (const E& e) {
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
}

TEST(SitingInput, BadInputsAreRefusedWithWhatIsWrong) {
    const Options o = options(Objective::coverage, 1, Method::heuristic);
    {
        Options many = o;
        many.add = 5;
        expect_refused<keniki::UsageError>(hand_problem(), many, "cannot add 5 sites: there are only 4 candidates");
    }
    {
        Problem p = hand_problem();
        p.first.pop_back();
        expect_refused<keniki::DataError>(p, o, "Problem::first has 5 offsets, but 5 demand points need 6");
    }
    {
        Problem p = hand_problem();
        p.cost.pop_back();
        expect_refused<keniki::DataError>(p, o, "Problem::site has 10 entries and Problem::cost 9");
    }
    {
        Problem p = hand_problem();
        p.demand[2] = -1;
        expect_refused<keniki::DataError>(p, o, "demand point 2 has weight -1");
    }
    {
        Problem p = hand_problem();
        p.cost[3] = std::numeric_limits<double>::quiet_NaN();
        expect_refused<keniki::DataError>(p, o, "demand point 1, site 1 has cost nan");
    }
    {
        Problem p = hand_problem();
        p.site[0] = 9;
        expect_refused<keniki::DataError>(p, o, "demand point 0 lists site 9, but there are 4 candidates and 1 fixed hubs");
    }
    {
        Problem p = hand_problem();
        p.site[1] = 4;
        expect_refused<keniki::DataError>(p, o, "demand point 0 lists site 4 twice");
    }
    {
        Problem p = hand_problem();
        std::swap(p.first[1], p.first[2]);
        expect_refused<keniki::DataError>(p, o, "Problem::first decreases at demand point");
    }
    {
        Options bad = o;
        bad.time_limit_s = 0;
        expect_refused<keniki::UsageError>(hand_problem(), bad, "time_limit_s must be > 0");
    }
}

}  // namespace
