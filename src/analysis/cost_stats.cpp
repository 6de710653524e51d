#include <algorithm>
#include <cmath>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

CostStats weighted_cost_stats(std::vector<std::pair<double, double>> cost_weight) {
    CostStats s;
    double total = 0, weighted = 0, finite_total = 0;
    for (const auto& [c, w] : cost_weight) {
        if (w <= 0) continue;
        total += w;
        if (std::isfinite(c)) {
            weighted += c * w;
            finite_total += w;
        }
        s.max = s.defined ? std::max(s.max, c) : c;
        s.defined = true;
    }
    if (!s.defined || total <= 0) return CostStats{};
    s.mean = finite_total > 0 ? weighted / finite_total : INFINITY;
    std::sort(cost_weight.begin(), cost_weight.end());
    // Weighted quantile: the smallest cost at which the cumulative weight reaches q of the total.
    auto quantile = [&](double q) {
        double cumulative = 0;
        for (const auto& [c, w] : cost_weight) {
            if (w <= 0) continue;
            cumulative += w;
            if (cumulative >= q * total * (1 - 1e-12)) return c;
        }
        return cost_weight.back().first;
    };
    s.median = quantile(0.5);
    s.p90 = quantile(0.9);
    return s;
}

}  // namespace keniki::analysis
