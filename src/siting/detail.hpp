#pragma once
// Internals of keniki::siting: the cost tables the solvers work on, the incremental assignment state
// behind greedy and Teitz–Bart, and the GLPK models.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "keniki/siting/siting.hpp"

namespace keniki::siting::detail {

inline constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();

/// Throws for a malformed Problem (DataError) or impossible Options (UsageError).
void validate(const Problem& problem, const Options& options, bool uses_add);

/// A demand × site table in both directions, with every cost capped by `unreached`:
/// d_i(S) = min(unreached, min over open sites of the pairs of i). Pairs of cost >= unreached never
/// matter and are left out.
struct Table {
    std::size_t points = 0;
    std::size_t candidates = 0;
    std::size_t sites = 0;  ///< candidates + fixed
    std::vector<double> weight;
    std::vector<char> considered;  ///< equity: the points that count in the worst cost
    std::vector<std::uint32_t> row_first, row_site;
    std::vector<double> row_cost;
    std::vector<std::uint32_t> col_first, col_point;
    std::vector<double> col_cost;
    double unreached = 0;

    std::size_t pairs() const { return row_site.size(); }
};

/// The costs of the Problem, capped at `unreached` (distance, equity).
Table cost_table(const Problem& problem, double unreached);
/// Coverage as a p-median: a pair within reach costs 0, a point not covered costs 1 (weighted).
Table coverage_table(const Problem& problem);
/// The penalty of options.unreached_cost, or its default.
double unreached_cost(const Problem& problem, const Options& options);

/// Demand within reach of the open sites (the chosen candidates and all fixed hubs).
double covered(const Problem& problem, const std::vector<std::uint32_t>& chosen);

/// The value a solver compares: the total Σ w_i d_i and the worst d_i over the considered points.
struct Value {
    double total = 0;
    double worst = 0;
};

/// Per demand point the best and second-best open site, their costs, and per chosen site the cost of
/// losing it: what a swap changes is computed from a site's column alone (Resende & Werneck's
/// decomposition of the interchange), and after a swap only the rows of the two sites are redone.
class Assignment {
public:
    explicit Assignment(const Table& table);

    void open(std::uint32_t site);                       ///< a candidate, as a new chosen site
    void swap(std::size_t position, std::uint32_t site);  ///< replaces chosen()[position] by site
    const std::vector<std::uint32_t>& chosen() const { return m_chosen; }
    bool is_open(std::uint32_t site) const { return m_open[site] != 0; }
    Value value() const;  ///< exact, recomputed from the rows

    double total() const { return m_total; }
    double worst() const;  ///< over the considered points

    /// Opening `site`: the total saved, and per chosen position k the total saved by swap(k, site)
    /// (gain - loss + extra, see heuristic.cpp; > 0 is better).
    struct Insertion {
        double gain = 0;
        std::vector<double> swap_gain;  ///< per position of chosen(): total saved by swap(k, site)
    };
    void evaluate(std::uint32_t site, Insertion& out);

    /// The worst cost after opening `site` (and closing chosen()[position] unless position == k_none).
    /// Needs prepare_worst() after the last change and scatter(site) before.
    double worst_after(std::uint32_t site, std::size_t position);
    void prepare_worst();
    void scatter(std::uint32_t site);
    void unscatter(std::uint32_t site);

private:
    void recompute(std::uint32_t point);
    void drop(std::uint32_t point);  ///< removes the point's share of m_total and m_loss
    void add(std::uint32_t point);
    void redo(std::uint32_t a, std::uint32_t b);  ///< recomputes the rows in columns a and b

    const Table& m_table;
    std::vector<char> m_open;
    std::vector<std::int32_t> m_position;  ///< site -> index in m_chosen, -1 for fixed or closed
    std::vector<std::uint32_t> m_chosen;
    std::vector<std::uint32_t> m_best;
    std::vector<double> m_d1, m_d2;
    std::vector<double> m_loss;  ///< per position: Σ over points whose best it is of w (d2 - d1)
    double m_total = 0;
    std::vector<std::uint32_t> m_stamp;
    std::uint32_t m_epoch = 0;
    // worst cost
    std::vector<std::uint32_t> m_by_d1;                  ///< considered points, d1 descending
    std::vector<std::vector<std::uint32_t>> m_by_d2;     ///< per position: points whose best it is, d2 descending
    std::vector<double> m_scatter;                       ///< cost of the scattered site per point, +inf elsewhere
};

struct Deadline {
    std::chrono::steady_clock::time_point end;
    bool passed() const { return std::chrono::steady_clock::now() >= end; }
    double seconds_left() const;
};

/// What the heuristic found: the chosen sites (unordered) and how it went.
struct HeuristicResult {
    std::vector<std::uint32_t> greedy;  ///< plain greedy's answer
    std::vector<std::uint32_t> chosen;  ///< after the interchange
    std::size_t swaps = 0;
    bool stopped_by_time = false;
};

/// Greedy then Teitz–Bart on a table; `equity` compares (worst, total), else the total.
HeuristicResult greedy_interchange(const Table& table, std::size_t add, bool equity, const Deadline& deadline);

/// Orders `chosen` by greedy marginal gain among themselves and gives each one's gain.
void order_by_gain(const Table& table, bool equity, std::vector<std::uint32_t>& chosen, std::vector<double>& gain);

/// Combinatorial bounds on the optimum of the table's objective with `add` sites, from an answer:
/// total: value(S) - the `add` largest single-site savings w.r.t. S (submodularity); worst: every site open.
double total_lower_bound(const Table& table, std::size_t add, const std::vector<std::uint32_t>& chosen);
double worst_lower_bound(const Table& table);
/// worst: a radius R is too small when more than `add` considered points without a fixed hub within
/// R have no candidate within R in common (each needs a site of its own); the bound is the next cost
/// above the largest radius proven too small (found by bisection over the table's costs).
double radius_lower_bound(const Table& table, std::size_t add);

/// GLPK.
struct MipResult {
    bool solved = false;  ///< an integer solution came back
    bool optimal = false;
    bool time_limit = false;
    std::vector<std::uint32_t> chosen;
    double objective = 0;  ///< glp_mip_obj_val (coverage: uncovered demand, in the table's p-median form)
    double bound = 0;      ///< best bound (same sense)
    std::string note;      ///< what GLPK said when it did not finish
};
enum class Model { coverage, distance, equity, cover_all };
/// Solves the model of `kind` on the table (coverage and cover_all: the coverage table) with `add`
/// sites (not for cover_all), starting from `start`. `cap`: distance only, the largest cost allowed
/// for any point (the second phase of equity). lp_only: the LP relaxation, no branching.
MipResult solve_mip(const Table& table, Model kind, std::size_t add, const std::vector<std::uint32_t>& start,
                    const Deadline& deadline, bool lp_only, double cap = std::numeric_limits<double>::infinity());
std::string glpk_version();

}  // namespace keniki::siting::detail
