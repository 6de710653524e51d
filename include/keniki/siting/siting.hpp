#pragma once
// Location-allocation (issue 12, "where to put the next hub"): which new sites to open, given the
// demand and a sparse table of demand × site costs. Pure algorithms: no files, no geometry; the
// caller builds the table (straight line, road network, timetable) and binds Options to a plan.
//
// Objectives, for an open set S (the chosen candidates plus every fixed hub):
//   coverage  (MCLP)     maximise the demand covered: Σ w_i over points with a pair (i, j ∈ S) of
//                        cost <= reach.
//   distance  (p-median) minimise Σ w_i d_i(S), d_i(S) = min(unreached, min over pairs (i, j ∈ S) of
//                        cost): a point with no open site in its table costs the unreached penalty.
//   equity    (p-center) minimise the worst d_i(S) over the points that have weight > 0 and at least one
//                        pair in the table (a point no site can ever reach would pin every answer to the
//                        penalty, so it is left out); among equally bad worst cases the smaller
//                        Σ w_i d_i(S) is preferred.
//   cover_all (LSCP)     the fewest new sites after which every point of weight > 0 that some site (a
//                        candidate or a fixed hub) covers within reach is covered.
// Exact answers come from a MIP (GLPK branch-and-cut), the heuristic is greedy + Teitz–Bart vertex
// interchange with a bound, so every Solution says how far from optimal it can at most be.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keniki::siting {

/// Demand points, sites and the pairs between them in reach, as CSR rows by demand point.
struct Problem {
    std::vector<double> demand;        ///< weight per demand point (people, or people 65+), finite and >= 0
    std::size_t candidates = 0;        ///< candidate sites 0 .. candidates-1 (may be opened)
    std::size_t fixed = 0;             ///< existing hubs candidates .. candidates+fixed-1 (always open)
    std::vector<std::uint32_t> first;  ///< demand.size() + 1 offsets: point i's pairs are [first[i], first[i+1])
    std::vector<std::uint32_t> site;   ///< site id of each pair (a site at most once per point)
    std::vector<double> cost;          ///< cost of each pair (metres or minutes, finite, >= 0); pairs absent = out of reach
    double reach = 0;                  ///< a pair of cost <= reach covers its demand point (coverage, cover_all, covered_*)
};

enum class Objective {
    coverage,  ///< MCLP: maximise the demand within reach
    distance,  ///< p-median: minimise the total weighted cost
    equity,    ///< p-center: minimise the worst cost, then the total
};

enum class Method {
    automatic,  ///< exact when candidates <= exact_max_candidates, else heuristic
    exact,      ///< MIP with GLPK (within time_limit_s; the heuristic's answer is its first incumbent)
    heuristic,  ///< greedy + Teitz–Bart interchange, with a cheap bound for the gap
};

struct Options {
    std::size_t add = 1;                        ///< new sites to open (K), <= candidates; solve() only
    Objective objective = Objective::coverage;  ///< solve() only
    Method method = Method::automatic;
    /// automatic picks the MIP up to this many candidates. Measured (tools/bench/bench_siting, uniform
    /// plane, ~13 candidates per point, K = 10, 10,000 points): 100 candidates 16 s, 200 candidates
    /// 49 s, 300 candidates 21 s to a proven optimum — branch-and-bound time depends on the instance
    /// more than on its size. Past the time limit the answer is the heuristic's (or better) with its gap,
    /// so a slow MIP costs time, never quality. p-median/p-center MIPs grow with the pairs.
    std::size_t exact_max_candidates = 200;
    double time_limit_s = 60;  ///< wall-clock limit of the whole call; the best answer found by then is returned
    /// distance/equity: the cost of a point with no open site in its table (and the cap on every cost).
    /// nullopt: twice the largest cost in the table, so reaching a point always beats leaving it out.
    std::optional<double> unreached_cost;
    /// heuristic: the bound comes from GLPK's LP relaxation too when that model has at most this many
    /// pairs (else only the combinatorial bounds, see Solution::method).
    std::size_t lp_bound_max_pairs = 100000;
};

struct Solution {
    /// The new sites (candidate ids), ordered by greedy marginal gain among themselves: first the one
    /// that alone (with the fixed hubs) gains most, then the best given the first, and so on.
    std::vector<std::uint32_t> chosen;
    /// Per chosen site in that order, what adding it gains: coverage and cover_all: demand newly
    /// covered; distance: weighted cost saved; equity: how much the worst cost drops (often 0 for all
    /// but one site: the worst point is served by one).
    std::vector<double> gain;
    double covered_before = 0;  ///< demand within reach of the fixed hubs alone
    double covered_after = 0;   ///< demand within reach of the fixed hubs and the chosen sites
    /// The objective of the answer: coverage: covered demand; distance: Σ w_i d_i; equity: the worst
    /// d_i; cover_all: the number of new sites.
    double objective = 0;
    double bound = 0;  ///< the best bound on the optimum known (upper for coverage, lower otherwise)
    double gap = 0;    ///< |objective - bound| / (|objective| + DBL_EPSILON), as GLPK reports it; 0 = proven optimal
    bool optimal = false;
    /// How the answer was found and how good it is, for the outputs, e.g. "GLPK 5.0 branch-and-cut:
    /// optimal" or "greedy + Teitz-Bart interchange: heuristic (gap 1.3 % to the LP relaxation bound)".
    std::string method;
};

/// Opens options.add new sites for options.objective. Throws UsageError for options that cannot be
/// (add > candidates, a negative time limit), DataError for a malformed Problem (CSR sizes, a site
/// id out of range, a repeated pair, negative or NaN demand or cost), each naming what is wrong.
Solution solve(const Problem& problem, const Options& options);

/// LSCP: the fewest new sites that cover every demand point of weight > 0 that any site can cover
/// within reach (the fixed hubs count). options.add and options.objective are ignored.
Solution cover_all(const Problem& problem, const Options& options);

const char* name(Objective objective);  ///< "coverage", "distance", "equity"
const char* name(Method method);        ///< "automatic", "exact", "heuristic"

}  // namespace keniki::siting
