#include <algorithm>
#include <cmath>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

namespace {

using CostWeight = std::pair<double, double>;

/// The smallest cost at which the cumulative weight (in cost order) reaches `target`, by selection:
/// nth_element on the cost splits off the lower part; recursing into the half that holds the target
/// keeps this linear on average.
double select_quantile(std::span<CostWeight> v, double target) {
    std::size_t begin = 0, end = v.size();
    while (end - begin > 1) {
        const std::size_t mid = begin + (end - begin) / 2;
        std::nth_element(v.begin() + static_cast<long>(begin), v.begin() + static_cast<long>(mid), v.begin() + static_cast<long>(end));
        double lower = 0;
        for (std::size_t i = begin; i < mid; ++i) lower += v[i].second;
        if (lower >= target) {
            end = mid;
        } else {
            target -= lower;
            begin = mid;
        }
    }
    return v[begin].first;
}

/// Below this many pairs, selection on the whole array is cheap enough.
constexpr std::size_t k_bracket_from = 32768;

/// For many pairs (a whole city's residents in one unit): a sample of about 8,000 pairs brackets each
/// quantile between two costs; one pass sums the weight below the bracket and gathers the pairs inside
/// it, and selection runs on those few. The answer is exact: when the target does not fall inside the
/// bracket (an unlucky sample), the whole array is selected on instead.
double bracketed_quantile(std::span<CostWeight> v, double q, double target) {
    const std::size_t step = v.size() / 8192;
    std::vector<CostWeight> sample;
    sample.reserve(v.size() / step + 1);
    double sample_total = 0;
    for (std::size_t i = 0; i < v.size(); i += step) {
        sample.push_back(v[i]);
        sample_total += v[i].second;
    }
    std::sort(sample.begin(), sample.end());
    // +-0.02 is over three standard errors of a quantile estimated from 8,192 draws.
    const double lo_q = std::max(0.0, q - 0.02) * sample_total, hi_q = std::min(1.0, q + 0.02) * sample_total;
    double cum = 0, lo = sample.front().first, hi = sample.back().first;
    bool have_lo = false;
    for (const auto& [c, w] : sample) {
        cum += w;
        if (!have_lo && cum >= lo_q) {
            lo = c;
            have_lo = true;
        }
        if (cum >= hi_q) {
            hi = c;
            break;
        }
    }
    double below = 0, inside = 0;
    std::vector<CostWeight> bracket;
    bracket.reserve(v.size() / 10);
    for (const auto& cw : v) {
        if (cw.first < lo) {
            below += cw.second;
        } else if (cw.first <= hi) {
            inside += cw.second;
            bracket.push_back(cw);
        }
    }
    if (below < target && target <= below + inside) return select_quantile(bracket, target - below);
    return select_quantile(v, target);
}

double weighted_quantile(std::span<CostWeight> v, double total, double q) {
    const double target = q * total * (1 - 1e-12);
    return v.size() < k_bracket_from ? select_quantile(v, target) : bracketed_quantile(v, q, target);
}

}  // namespace

CostStats weighted_cost_stats_in_place(std::span<CostWeight> cost_weight) {
    CostStats s;
    double total = 0, weighted = 0, finite_total = 0;
    std::size_t kept = 0;
    for (const auto& cw : cost_weight) {
        const auto [c, w] = cw;
        if (w <= 0) continue;
        cost_weight[kept++] = cw;
        total += w;
        if (std::isfinite(c)) {
            weighted += c * w;
            finite_total += w;
        }
        s.max = s.defined ? std::max(s.max, c) : c;
        s.defined = true;
    }
    if (!s.defined || total <= 0) return CostStats{};
    const auto kept_pairs = cost_weight.first(kept);
    s.mean = finite_total > 0 ? weighted / finite_total : INFINITY;
    // Weighted quantile: the smallest cost at which the cumulative weight reaches q of the total.
    s.median = weighted_quantile(kept_pairs, total, 0.5);
    s.p90 = weighted_quantile(kept_pairs, total, 0.9);
    return s;
}

CostStats weighted_cost_stats(std::vector<CostWeight> cost_weight) { return weighted_cost_stats_in_place(cost_weight); }

}  // namespace keniki::analysis
