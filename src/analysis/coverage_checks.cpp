#include "keniki/analysis/coverage_checks.hpp"

#include <cmath>
#include <cstdio>

namespace keniki::analysis {

namespace {

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", share * 100.0);
    return buf;
}

std::string people_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

}  // namespace

std::vector<std::string> outside_unit_warnings(const ModelInput& input, const ModelResult& result, double max_share) {
    std::vector<std::string> warnings;
    const double people = result.total.total;
    if (!(people > 0))
        warnings.push_back("the " + std::to_string(input.residents.size()) +
                           " residents count 0 people: every figure of this run is 0 (check the population field or census join)");
    const std::string limit = " (more than analysis.max_outside_share = " + percent(max_share) + ")";
    for (std::size_t t = 0; t < result.tiers.size(); ++t) {
        const TierResult& tier = result.tiers[t];
        if (people > 0) {
            const double share = tier.outside_all_units.total / people;
            if (share > max_share)
                warnings.push_back("tier " + tier.id + ": " + people_text(tier.outside_all_units.total) + " of " + people_text(people) + " people (" +
                                   percent(share) + ") live outside every unit of the tier" + limit +
                                   ": check that the residents and the units cover the same place (layers, filters, CRS)");
        }
        const std::size_t hubs = tier.hubs.size();
        std::size_t outside = 0;
        for (const auto& h : tier.hubs) outside += h.unit < 0 ? 1 : 0;
        if (hubs > 0 && static_cast<double>(outside) / static_cast<double>(hubs) > max_share)
            warnings.push_back("tier " + tier.id + ": " + std::to_string(outside) + " of " + std::to_string(hubs) + " hubs (" +
                               percent(static_cast<double>(outside) / static_cast<double>(hubs)) + ") stand outside every unit of the tier" + limit +
                               ": check the facilities layer and its CRS");
    }
    return warnings;
}

}  // namespace keniki::analysis
