#include "keniki/analysis/access.hpp"

#include <cmath>
#include <cstdio>

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"

namespace keniki::analysis {

const char* to_string(AccessMethod m) {
    switch (m) {
        case AccessMethod::two_step: return "2sfca";
        case AccessMethod::enhanced: return "e2sfca";
        case AccessMethod::gravity: return "gravity";
    }
    return "";
}

double Decay::weight(double cost, double catchment) const {
    if (!(cost <= catchment)) return 0.0;
    switch (kind) {
        case Kind::none: return 1.0;
        case Kind::bands:
            for (const auto& [upper, w] : bands)
                if (cost <= upper) return w;
            return 0.0;
        case Kind::gaussian: {
            if (!(catchment > 0)) return 1.0;
            const double r = cost / catchment, edge = std::exp(-0.5);
            return (std::exp(-0.5 * r * r) - edge) / (1 - edge);
        }
        case Kind::power: return std::pow(std::max(cost, 1.0), -beta);
    }
    return 0.0;
}

std::string Decay::describe() const {
    char buf[64];
    switch (kind) {
        case Kind::none: return "none (weight 1 within the catchment)";
        case Kind::bands: {
            std::string out = "step bands";
            for (std::size_t i = 0; i < bands.size(); ++i) {
                std::snprintf(buf, sizeof buf, "%s up to %g: %g", i ? "," : "", bands[i].first, bands[i].second);
                out += buf;
            }
            return out;
        }
        case Kind::gaussian: return "Gaussian (1 at the hub, 0 at the catchment's edge)";
        case Kind::power: std::snprintf(buf, sizeof buf, "power: cost^-%g", beta); return buf;
    }
    return "";
}

Decay effective_decay(const AccessOptions& options) {
    Decay decay = options.decay;
    if (options.method == AccessMethod::two_step) decay.kind = Decay::Kind::none;
    if (options.method == AccessMethod::gravity && decay.kind == Decay::Kind::none) decay.kind = Decay::Kind::power;
    return decay;
}

void check_supply(std::span<const double> supply) {
    for (std::size_t j = 0; j < supply.size(); ++j)
        if (!(supply[j] >= 0) || std::isinf(supply[j]))
            throw UsageError("access: hub " + std::to_string(j + 1) + " has supply " + std::to_string(supply[j]) + " (must be a number >= 0)");
}

AccessResult access_scores(const CostTable& table, std::span<const double> demand, std::span<const double> supply, const AccessOptions& options) {
    const std::size_t n = table.origins();
    if (demand.size() != n) throw UsageError("access: " + std::to_string(demand.size()) + " demand figures for " + std::to_string(n) + " demand points");
    for (std::size_t i = 0; i < n; ++i)
        if (!(demand[i] >= 0)) throw UsageError("access: demand point " + std::to_string(i + 1) + " has demand " + std::to_string(demand[i]) + " (must be >= 0)");
    check_supply(supply);
    const Decay decay = effective_decay(options);

    std::vector<double> w(table.pairs());
    for (std::size_t k = 0; k < w.size(); ++k) {
        if (table.hub[k] >= supply.size()) throw UsageError("access: the cost table names hub " + std::to_string(table.hub[k] + 1) + " of " + std::to_string(supply.size()));
        w[k] = decay.weight(table.cost[k], options.catchment);
    }
    AccessResult r;
    r.hub_demand.assign(supply.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::uint32_t k = table.first[i]; k < table.first[i + 1]; ++k) r.hub_demand[table.hub[k]] += demand[i] * w[k];
    r.hub_ratio.assign(supply.size(), 0.0);
    for (std::size_t j = 0; j < supply.size(); ++j) {
        if (r.hub_demand[j] > 0) {
            r.hub_ratio[j] = supply[j] / r.hub_demand[j];
            r.supply_reached += supply[j];
        }
    }
    r.score.assign(n, 0.0);
    parallel_chunks(n, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            double a = 0;
            for (std::uint32_t k = table.first[i]; k < table.first[i + 1]; ++k) a += r.hub_ratio[table.hub[k]] * w[k];
            r.score[i] = a;
        }
    });
    return r;
}

std::vector<std::vector<UnitAccess>> unit_access(const ModelResult& model, std::span<const double> score) {
    std::vector<std::vector<UnitAccess>> out(model.tiers.size());
    for (std::size_t t = 0; t < model.tiers.size(); ++t) {
        const TierResidents& res = model.tiers[t].residents;
        const ResidentPieces& pieces = *res.pieces;
        out[t].resize(model.tiers[t].units.size());
        for (std::size_t i = 0; i < res.size(); ++i) {
            if (res.unit[i] < 0) continue;
            const double a = score[static_cast<std::size_t>(pieces.resident[i])];
            const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
            UnitAccess& u = out[t][static_cast<std::size_t>(res.unit[i])];
            u.people += w;
            u.score_sum += w * a;
        }
    }
    return out;
}

}  // namespace keniki::analysis
