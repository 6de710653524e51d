#include "keniki/analysis/transit_reach.hpp"

#include <limits>
#include <unordered_map>

namespace keniki::analysis {

namespace {

PeopleCount person(const ResidentPieces& p, std::size_t i) { return {p.population[i], p.age65[i], p.age75[i]}; }

double minutes_or_inf(transit::Seconds s) { return s == transit::k_never ? std::numeric_limits<double>::infinity() : s / 60.0; }

}  // namespace

TierTransit transit_figures(const TierResult& tier, const TransitDetail& d, double limit_min) {
    TierTransit out;
    out.units.resize(tier.units.size());
    out.hub_served.resize(tier.hubs.size());
    const TierResidents& res = tier.residents;
    if (!res.pieces) return out;
    const ResidentPieces& p = *res.pieces;
    std::unordered_map<std::int32_t, std::size_t> hub_of;  // facility -> position in tier.hubs
    for (std::size_t h = 0; h < tier.hubs.size(); ++h) hub_of.emplace(tier.hubs[h].facility, h);
    std::vector<std::vector<std::pair<double, double>>> med(tier.units.size());
    std::vector<std::pair<double, double>> med_all;
    for (std::size_t i = 0; i < p.size() && i < d.trips.size(); ++i) {
        const std::int32_t u = res.unit[i];
        if (u < 0) continue;
        const transit::RoundTrip& r = d.trips[i];
        const PeopleCount who = person(p, i);
        UnitTransit& ut = out.units[static_cast<std::size_t>(u)];
        for (UnitTransit* x : {&ut, &out.total}) {
            (r.served ? x->served : x->not_served) += who;
            const transit::Seconds walk = d.walk[i];
            if (walk != transit::k_never && walk / 60.0 <= limit_min && (r.fastest_transit == transit::k_never || walk < r.fastest_transit)) x->walk_faster += who;
        }
        med[static_cast<std::size_t>(u)].emplace_back(minutes_or_inf(r.median), who.total);
        med_all.emplace_back(minutes_or_inf(r.median), who.total);
        if (r.served && res.hub[i] >= 0)
            if (const auto h = hub_of.find(res.hub[i]); h != hub_of.end()) out.hub_served[h->second] += who;
    }
    for (std::size_t u = 0; u < tier.units.size(); ++u) out.units[u].window_median = weighted_cost_stats_in_place(med[u]);
    out.total.window_median = weighted_cost_stats_in_place(med_all);
    return out;
}

std::vector<TransitChange> transit_changes(const TierResult& tier, const TransitDetail& base, const TransitDetail& scenario) {
    std::vector<TransitChange> out(tier.units.size());
    const TierResidents& res = tier.residents;
    if (!res.pieces) return out;
    for (std::size_t i = 0; i < res.size() && i < base.trips.size() && i < scenario.trips.size(); ++i) {
        const std::int32_t u = res.unit[i];
        if (u < 0) continue;
        const bool before = base.trips[i].served, after = scenario.trips[i].served;
        if (before && !after) out[static_cast<std::size_t>(u)].lost += person(*res.pieces, i);
        if (!before && after) out[static_cast<std::size_t>(u)].gained += person(*res.pieces, i);
    }
    return out;
}

}  // namespace keniki::analysis
