// keniki::siting::solve and cover_all: pick the solver, run it, order and describe the answer.

#include "keniki/siting/siting.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "siting/detail.hpp"

namespace keniki::siting {

const char* name(Objective objective) {
    switch (objective) {
        case Objective::coverage: return "coverage";
        case Objective::distance: return "distance";
        case Objective::equity: return "equity";
    }
    return "?";
}

const char* name(Method method) {
    switch (method) {
        case Method::automatic: return "automatic";
        case Method::exact: return "exact";
        case Method::heuristic: return "heuristic";
    }
    return "?";
}

namespace {

using namespace detail;

double relative_gap(double objective, double bound) { return std::abs(objective - bound) / (std::abs(objective) + DBL_EPSILON); }

std::string percent(double gap) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g %%", 100 * gap);
    return buf;
}

Deadline deadline_of(const Options& o) {
    return {std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(o.time_limit_s))};
}

bool use_exact(const Problem& p, const Options& o) {
    return o.method == Method::exact || (o.method == Method::automatic && p.candidates <= o.exact_max_candidates);
}

Value value_of(const Table& t, const std::vector<std::uint32_t>& chosen) {
    Assignment st(t);
    for (std::uint32_t j : chosen) st.open(j);
    return st.value();
}

double total_weight(const Problem& p) {
    double w = 0;
    for (double d : p.demand) w += d;
    return w;
}

/// The objective in the user's sense: covered demand, total cost or worst cost.
double objective_of(const Problem& p, const Table& t, Objective obj, const std::vector<std::uint32_t>& chosen) {
    if (obj == Objective::coverage) return detail::covered(p, chosen);
    const Value v = value_of(t, chosen);
    return obj == Objective::equity ? v.worst : v.total;
}

std::string heuristic_name(const HeuristicResult& h) {
    return "greedy + Teitz-Bart interchange (" + std::to_string(h.swaps) + (h.swaps == 1 ? " swap)" : " swaps)");
}

}  // namespace

Solution solve(const Problem& p, const Options& o) {
    validate(p, o, true);
    const Deadline deadline = deadline_of(o);
    const bool equity = o.objective == Objective::equity;
    const bool coverage = o.objective == Objective::coverage;
    const Table t = coverage ? coverage_table(p) : cost_table(p, unreached_cost(p, o));
    const double weight = total_weight(p);

    Solution sol;
    sol.covered_before = detail::covered(p, {});
    const HeuristicResult h = greedy_interchange(t, o.add, equity, deadline);
    std::vector<std::uint32_t> chosen = h.chosen;
    double objective = objective_of(p, t, o.objective, chosen);
    const std::string glpk = "GLPK " + glpk_version() + " branch-and-cut";

    bool done = false;
    std::string mip_note;
    if (use_exact(p, o) && o.add > 0) {
        const Model kind = coverage ? Model::coverage : equity ? Model::equity : Model::distance;
        // p-center: no answer is worse than the heuristic's, so no pair beyond its worst cost is needed.
        const double cap = equity ? objective + 1e-9 * std::max(1.0, std::abs(objective)) : std::numeric_limits<double>::infinity();
        MipResult r;
        r.note = "the time limit was reached before it started";
        if (!deadline.passed()) r = solve_mip(t, kind, o.add, chosen, deadline, false, cap);
        if (r.solved) {
            chosen = r.chosen;
            objective = objective_of(p, t, o.objective, chosen);
            sol.bound = coverage ? weight - r.bound : r.bound;
            sol.optimal = r.optimal;
            sol.method = glpk + (r.optimal ? ": optimal" : ": " + r.note);
            if (equity) {
                // The worst cost leaves the other sites free: among the answers as good in the worst
                // case, take the one of the least total (a p-median with every cost capped).
                const double cap = objective + 1e-9 * std::max(1.0, std::abs(objective));
                const MipResult r2 = solve_mip(t, Model::distance, o.add, chosen, deadline, false, cap);
                if (r2.solved && objective_of(p, t, o.objective, r2.chosen) <= cap &&
                    value_of(t, r2.chosen).total <= value_of(t, chosen).total) {
                    chosen = r2.chosen;
                    sol.method += r2.optimal ? "; ties broken by the least total cost (optimal)"
                                             : "; ties broken by the least total cost (" + r2.note + ")";
                } else {
                    sol.method += "; ties in the worst cost not broken by the total (" + (r2.note.empty() ? "no better one" : r2.note) + ")";
                }
                objective = objective_of(p, t, o.objective, chosen);
            }
            if (!r.optimal) sol.method += ", gap " + percent(relative_gap(objective, sol.bound)) + " to its best bound";
            done = true;
        } else {
            mip_note = "; " + glpk + " gave no answer: " + r.note;
        }
    }
    if (!done) {
        // The heuristic's bound: the tightest of the cheap ones (and the LP relaxation when small).
        std::string bound_name;
        double bound = 0;
        if (equity) {
            bound = radius_lower_bound(t, o.add);
            bound_name = "the radius bound from points that share no candidate";
        } else {
            const double lb0 = total_lower_bound(t, o.add, {});
            const double lb1 = total_lower_bound(t, o.add, chosen);
            const double lb = std::max(lb0, lb1);
            bound = coverage ? weight - lb : lb;
            bound_name = "the bound from the " + std::to_string(o.add) + " best single-site gains";
        }
        // Not for equity: the p-center LP relaxation is hardly better than opening every site and
        // slow to solve (degenerate); the radius bound is both cheaper and tighter.
        if (!equity && t.pairs() <= o.lp_bound_max_pairs && o.add > 0 && !deadline.passed()) {
            const Model kind = coverage ? Model::coverage : Model::distance;
            const MipResult r = solve_mip(t, kind, o.add, chosen, deadline, true);
            if (r.note.empty()) {
                const double lp = coverage ? weight - r.bound : r.bound;
                if (coverage ? lp < bound : lp > bound) {
                    bound = lp;
                    bound_name = "the LP relaxation bound";
                }
            }
        }
        // A bound a rounding error past the answer is the answer.
        bound = coverage ? std::max(bound, objective) : std::min(bound, objective);
        sol.bound = bound;
        const double gap = relative_gap(objective, bound);
        sol.optimal = gap <= 1e-9;
        sol.method = heuristic_name(h) + (sol.optimal ? ": optimal, proven by " + bound_name
                                                      : ": heuristic (gap " + percent(gap) + " to " + bound_name + ")");
        if (h.stopped_by_time) sol.method += "; the time limit ended the interchange";
        sol.method += mip_note;
    }
    order_by_gain(t, equity, chosen, sol.gain);
    sol.chosen = chosen;
    sol.objective = objective;
    sol.gap = sol.optimal ? 0.0 : relative_gap(objective, sol.bound);
    sol.covered_after = detail::covered(p, chosen);
    return sol;
}

namespace {

/// Greedy set cover by the number of points newly covered, then without the sites that became
/// redundant; and a lower bound: points no two of which share a covering candidate need one each.
struct CoverHeuristic {
    std::vector<std::uint32_t> chosen;
    std::size_t packing_bound = 0;
};

CoverHeuristic greedy_cover(const Table& t) {
    // Points to cover: weight > 0, within reach of a candidate, not of a fixed hub.
    std::vector<char> need(t.points, 0);
    for (std::uint32_t i = 0; i < t.points; ++i) {
        if (!(t.weight[i] > 0)) continue;
        bool candidate = false, fixed = false;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            (t.row_site[e] < t.candidates ? candidate : fixed) = true;
        }
        need[i] = candidate && !fixed;
    }
    std::vector<std::size_t> count(t.candidates, 0);
    for (std::uint32_t j = 0; j < t.candidates; ++j) {
        for (std::uint32_t e = t.col_first[j]; e < t.col_first[j + 1]; ++e) count[j] += need[t.col_point[e]];
    }
    CoverHeuristic out;
    std::vector<char> done = need;  // 1 = still to cover
    for (;;) {
        std::uint32_t best = k_none;
        for (std::uint32_t j = 0; j < t.candidates; ++j) {
            if (count[j] > 0 && (best == k_none || count[j] > count[best])) best = j;
        }
        if (best == k_none) break;
        out.chosen.push_back(best);
        for (std::uint32_t e = t.col_first[best]; e < t.col_first[best + 1]; ++e) {
            const std::uint32_t i = t.col_point[e];
            if (!done[i]) continue;
            done[i] = 0;
            for (std::uint32_t f = t.row_first[i]; f < t.row_first[i + 1]; ++f) {
                if (t.row_site[f] < t.candidates) --count[t.row_site[f]];
            }
        }
    }
    // Drop sites whose points all have another chosen site, the last picked first.
    std::vector<std::uint32_t> times(t.points, 0);
    for (std::uint32_t j : out.chosen) {
        for (std::uint32_t e = t.col_first[j]; e < t.col_first[j + 1]; ++e) ++times[t.col_point[e]];
    }
    for (std::size_t q = out.chosen.size(); q-- > 0;) {
        const std::uint32_t j = out.chosen[q];
        bool redundant = true;
        for (std::uint32_t e = t.col_first[j]; e < t.col_first[j + 1] && redundant; ++e) {
            const std::uint32_t i = t.col_point[e];
            redundant = !need[i] || times[i] >= 2;
        }
        if (!redundant) continue;
        for (std::uint32_t e = t.col_first[j]; e < t.col_first[j + 1]; ++e) --times[t.col_point[e]];
        out.chosen.erase(out.chosen.begin() + static_cast<std::ptrdiff_t>(q));
    }
    // Packing bound: points with few covering candidates first.
    std::vector<std::uint32_t> points;
    for (std::uint32_t i = 0; i < t.points; ++i) {
        if (need[i]) points.push_back(i);
    }
    auto span = [&](std::uint32_t i) { return t.row_first[i + 1] - t.row_first[i]; };
    std::stable_sort(points.begin(), points.end(), [&](std::uint32_t x, std::uint32_t y) { return span(x) < span(y); });
    std::vector<char> taken(t.candidates, 0);
    for (std::uint32_t i : points) {
        bool free = true;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1] && free; ++e) free = !taken[t.row_site[e]];
        if (!free) continue;
        ++out.packing_bound;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) taken[t.row_site[e]] = 1;
    }
    return out;
}

}  // namespace

Solution cover_all(const Problem& p, const Options& o) {
    validate(p, o, false);
    const Deadline deadline = deadline_of(o);
    const Table t = coverage_table(p);
    const CoverHeuristic h = greedy_cover(t);
    Solution sol;
    sol.covered_before = detail::covered(p, {});
    std::vector<std::uint32_t> chosen = h.chosen;
    const std::string glpk = "GLPK " + glpk_version() + " branch-and-cut";
    bool done = false;
    std::string mip_note;
    if (use_exact(p, o) && !chosen.empty()) {
        const MipResult r = solve_mip(t, Model::cover_all, 0, chosen, deadline, false);
        if (r.solved) {
            chosen = r.chosen;
            sol.optimal = r.optimal;
            sol.bound = std::ceil(r.bound - 1e-6);
            sol.method = glpk + (r.optimal ? ": optimal" : ": " + r.note);
            done = true;
        } else {
            mip_note = "; " + glpk + " gave no answer: " + r.note;
        }
    }
    if (!done) {
        double bound = static_cast<double>(h.packing_bound);
        std::string bound_name = "the bound from points that share no candidate";
        if (t.pairs() <= o.lp_bound_max_pairs && !chosen.empty() && !deadline.passed()) {
            const MipResult r = solve_mip(t, Model::cover_all, 0, chosen, deadline, true);
            if (r.note.empty() && std::ceil(r.bound - 1e-6) > bound) {
                bound = std::ceil(r.bound - 1e-6);
                bound_name = "the LP relaxation bound";
            }
        }
        sol.bound = std::min(bound, static_cast<double>(chosen.size()));
        sol.optimal = sol.bound >= static_cast<double>(chosen.size());
        const double gap = relative_gap(static_cast<double>(chosen.size()), sol.bound);
        sol.method = std::string("greedy set cover without redundant sites") +
                     (sol.optimal ? ": optimal, proven by " + bound_name : ": heuristic (gap " + percent(gap) + " to " + bound_name + ")") +
                     mip_note;
    }
    order_by_gain(t, false, chosen, sol.gain);
    sol.chosen = chosen;
    sol.objective = static_cast<double>(chosen.size());
    sol.gap = sol.optimal ? 0.0 : relative_gap(sol.objective, sol.bound);
    sol.covered_after = detail::covered(p, chosen);
    return sol;
}

}  // namespace keniki::siting
