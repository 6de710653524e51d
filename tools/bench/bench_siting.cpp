// bench_siting [Google Benchmark flags, e.g. --benchmark_filter=heuristic --benchmark_repetitions=3]
//
// Location-allocation (issue 12) on synthetic planes, keniki::siting in process:
//   heuristic/<objective>: 2,000 candidates and 20 fixed hubs, 100,000 demand points in a 20 km
//     square, pairs within the 1 km reach (about 15 candidates per point), K = 10, Method::heuristic
//     — the target is under 10 s on 2 cores;
//   heuristic_dense/<objective>: the same with every pair within 4 km in the table (~250 per point);
//   exact_mclp/<candidates>/<points>: MCLP with K = 10, Method::exact, the same density (points and
//     sites in a square of side 20 km * sqrt(candidates / 2000), so a point still sees about 15),
//     to choose Options::exact_max_candidates.
// Fixed seeds and our own uniform numbers, so every run times the same instances. The counters give
// the relative gap and whether the answer is proven optimal, the label the objective and the method.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "keniki/siting/siting.hpp"

namespace {

using keniki::siting::Method;
using keniki::siting::Objective;
using keniki::siting::Options;
using keniki::siting::Problem;

/// Points and sites uniform in a square; pairs within `radius` (a uniform grid of the sites), covering
/// within `reach`.
Problem plane(std::size_t candidates, std::size_t fixed, std::size_t points, double side, double reach, double radius, std::uint32_t seed) {
    std::mt19937 g(seed);
    auto uniform = [&] { return (g() >> 5) * (1.0 / 134217728.0); };
    const std::size_t sites = candidates + fixed;
    std::vector<double> sx(sites), sy(sites);
    for (std::size_t j = 0; j < sites; ++j) {
        sx[j] = side * uniform();
        sy[j] = side * uniform();
    }
    const auto cells = static_cast<std::size_t>(std::max(1.0, std::floor(side / radius)));
    const double cell = side / static_cast<double>(cells);
    std::vector<std::vector<std::uint32_t>> grid(cells * cells);
    auto at = [&](double v) { return std::min(cells - 1, static_cast<std::size_t>(v / cell)); };
    for (std::size_t j = 0; j < sites; ++j) grid[at(sy[j]) * cells + at(sx[j])].push_back(static_cast<std::uint32_t>(j));
    Problem p;
    p.candidates = candidates;
    p.fixed = fixed;
    p.reach = reach;
    p.first.push_back(0);
    for (std::size_t i = 0; i < points; ++i) {
        const double x = side * uniform(), y = side * uniform();
        p.demand.push_back(1 + std::floor(40 * uniform()));  // people of an aggregated cell
        const std::size_t cx = at(x), cy = at(y);
        for (std::size_t gy = cy == 0 ? 0 : cy - 1; gy <= std::min(cells - 1, cy + 1); ++gy) {
            for (std::size_t gx = cx == 0 ? 0 : cx - 1; gx <= std::min(cells - 1, cx + 1); ++gx) {
                for (std::uint32_t j : grid[gy * cells + gx]) {
                    const double d = std::hypot(x - sx[j], y - sy[j]);
                    if (d <= radius) {
                        p.site.push_back(j);
                        p.cost.push_back(d);
                    }
                }
            }
        }
        p.first.push_back(static_cast<std::uint32_t>(p.site.size()));
    }
    return p;
}

void report(benchmark::State& state, const Problem& p, const keniki::siting::Solution& s) {
    state.counters["gap_pct"] = 100 * s.gap;
    state.counters["optimal"] = s.optimal ? 1 : 0;
    state.counters["pairs_per_point"] = static_cast<double>(p.site.size()) / static_cast<double>(p.demand.size());
    state.SetLabel("objective " + std::to_string(s.objective) + "; " + s.method);
}

void run_heuristic(benchmark::State& state, const Problem& p, Objective objective) {
    Options o;
    o.add = 10;
    o.objective = objective;
    o.method = Method::heuristic;
    keniki::siting::Solution s;
    for (auto _ : state) {
        s = keniki::siting::solve(p, o);
        benchmark::DoNotOptimize(s.objective);
    }
    report(state, p, s);
}

void heuristic(benchmark::State& state, Objective objective) {
    static const Problem p = plane(2000, 20, 100000, 20000, 1000, 1000, 12);
    run_heuristic(state, p, objective);
}

/// The same plane with every pair within 4 km in the table (about 250 sites per point, 25 million
/// pairs), coverage still within 1 km: the size of a road-network table of "a few hundred sites".
void heuristic_dense(benchmark::State& state, Objective objective) {
    static const Problem p = plane(2000, 20, 100000, 20000, 1000, 4000, 12);
    run_heuristic(state, p, objective);
}

void exact_mclp(benchmark::State& state) {
    const auto candidates = static_cast<std::size_t>(state.range(0));
    const auto points = static_cast<std::size_t>(state.range(1));
    const double side = 20000 * std::sqrt(static_cast<double>(candidates) / 2000.0);
    const Problem p = plane(candidates, 0, points, side, 1000, 1000, 34);
    Options o;
    o.add = 10;
    o.method = Method::exact;
    keniki::siting::Solution s;
    for (auto _ : state) {
        s = keniki::siting::solve(p, o);
        benchmark::DoNotOptimize(s.objective);
    }
    report(state, p, s);
}

}  // namespace

BENCHMARK_CAPTURE(heuristic, coverage, Objective::coverage)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(heuristic, distance, Objective::distance)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(heuristic, equity, Objective::equity)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(heuristic_dense, coverage, Objective::coverage)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(heuristic_dense, distance, Objective::distance)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(heuristic_dense, equity, Objective::equity)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(exact_mclp)->Args({100, 10000})->Args({200, 10000})->Args({300, 10000})->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
