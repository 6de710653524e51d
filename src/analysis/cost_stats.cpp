#include <algorithm>
#include <cmath>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

namespace {

/// The smallest cost at which the cumulative weight reaches `target`, by selection: nth_element on
/// the cost splits off the lower part; recursing into the half that holds the target keeps this
/// linear on average (a full sort of a million costs per unit was a quarter of the model's time).
double weighted_quantile(std::vector<std::pair<double, double>>& v, std::size_t begin, std::size_t end, double target) {
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

}  // namespace

CostStats weighted_cost_stats(std::vector<std::pair<double, double>> cost_weight) {
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
    cost_weight.resize(kept);
    if (!s.defined || total <= 0) return CostStats{};
    s.mean = finite_total > 0 ? weighted / finite_total : INFINITY;
    // Weighted quantile: the smallest cost at which the cumulative weight reaches q of the total.
    s.median = weighted_quantile(cost_weight, 0, cost_weight.size(), 0.5 * total * (1 - 1e-12));
    s.p90 = weighted_quantile(cost_weight, 0, cost_weight.size(), 0.9 * total * (1 - 1e-12));
    return s;
}

}  // namespace keniki::analysis
