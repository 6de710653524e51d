#include "keniki/pipeline/access_run.hpp"

#include <algorithm>
#include <cstdio>

namespace keniki::pipeline {

namespace {

/// The supply a new hub gets when its add_hubs entry gives none.
double median_supply(const AccessInput& in) {
    if (in.spec->supply_field.empty() || in.supply.empty()) return 1.0;
    std::vector<double> s = in.supply;
    std::sort(s.begin(), s.end());
    const std::size_t m = s.size() / 2;
    return s.size() % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

analysis::AccessOptions access_options(const project::AccessSpec& spec) {
    analysis::AccessOptions o;
    o.method = spec.method == "e2sfca" ? analysis::AccessMethod::enhanced : spec.method == "gravity" ? analysis::AccessMethod::gravity : analysis::AccessMethod::two_step;
    o.decay.kind = spec.decay.kind == "bands"      ? analysis::Decay::Kind::bands
                   : spec.decay.kind == "gaussian" ? analysis::Decay::Kind::gaussian
                   : spec.decay.kind == "power"    ? analysis::Decay::Kind::power
                                                   : analysis::Decay::Kind::none;
    o.decay.bands = spec.decay.bands;
    o.decay.beta = spec.decay.beta;
    if (o.method == analysis::AccessMethod::gravity && o.decay.kind == analysis::Decay::Kind::none) o.decay.kind = analysis::Decay::Kind::power;
    return o;
}

AccessHubs access_hubs(const AccessInput& in, const analysis::ModelInput& input) {
    AccessHubs h;
    h.hubs = in.hubs;
    h.supply = in.supply;
    for (const auto f : in.hubs) h.points.push_back(input.facilities[static_cast<std::size_t>(f)].location);
    return h;
}

AccessHubs access_hubs(const AccessInput& in, const analysis::ModelInput& input, const analysis::HubSet& hubs, const analysis::HubEdits& edits) {
    const std::size_t n = input.facilities.size();
    AccessHubs h;
    const auto supply_of_base = [&](std::int32_t f) {
        const auto it = std::find(in.hubs.begin(), in.hubs.end(), f);
        return in.supply[static_cast<std::size_t>(it - in.hubs.begin())];
    };
    const auto add_new = [&](std::int32_t f) {
        const auto& a = edits.add[static_cast<std::size_t>(f) - n];
        double s = 0;
        if (a.supply) {
            s = *a.supply;
        } else {
            s = median_supply(in);
            h.notes.push_back("access " + in.spec->id + ": new hub " + a.id + " supplies " + number(s) +
                              (in.spec->supply_field.empty() ? std::string(" (each hub supplies 1)")
                                                             : " (" + in.spec->supply_field + ": the median of the index's hubs; give supply = to set it)"));
        }
        h.hubs.push_back(f);
        h.supply.push_back(s);
    };
    if (in.tier) {
        for (const auto f : hubs.tier_hubs[*in.tier]) {
            if (static_cast<std::size_t>(f) >= n) {
                add_new(f);
            } else {
                h.hubs.push_back(f);
                h.supply.push_back(supply_of_base(f));
            }
        }
    } else {
        for (std::size_t k = 0; k < in.hubs.size(); ++k) {
            const auto& id = input.facilities[static_cast<std::size_t>(in.hubs[k])].id;
            if (std::find(edits.remove.begin(), edits.remove.end(), id) != edits.remove.end()) continue;
            h.hubs.push_back(in.hubs[k]);
            h.supply.push_back(in.supply[k]);
        }
        const auto& kinds = in.spec->hub_kinds;
        for (std::size_t f = n; f < hubs.facilities.size(); ++f)
            if (std::find(kinds.begin(), kinds.end(), hubs.facilities[f].kind) != kinds.end()) add_new(static_cast<std::int32_t>(f));
    }
    for (const auto f : h.hubs) h.points.push_back(hubs.facilities[static_cast<std::size_t>(f)].location);
    return h;
}

analysis::CostTable access_table(const AccessInput& in, std::span<const Point> residents, const AccessHubs& hubs) {
    return in.cost->within(residents, hubs.points, in.catchment);
}

report::AccessOutcome access_outcome(const AccessInput& in, const analysis::ModelInput& input, const analysis::ModelResult& model, const AccessHubs& hubs,
                                     const analysis::CostTable& table) {
    const project::AccessSpec& spec = *in.spec;
    report::AccessOutcome a;
    a.id = spec.id;
    a.name = spec.name;
    a.method = spec.method;
    a.demand = spec.demand;
    a.supply = spec.supply_field;
    a.catchment = in.catchment_text;
    a.cost = in.cost->describe();
    a.threshold_per_1000 = spec.threshold_per_1000;
    a.tier = in.tier;
    a.hubs = hubs.hubs;
    a.supply_values = hubs.supply;
    analysis::AccessOptions o = access_options(spec);
    o.catchment = in.catchment;
    a.decay = o.method == analysis::AccessMethod::two_step ? std::string("none (2SFCA: everyone in the catchment alike)") : o.decay.describe();
    a.pairs = table.pairs();
    const auto& res = input.residents;
    const std::vector<double>& demand = spec.demand == "pop_65plus" ? res.age65 : spec.demand == "pop_75plus" ? res.age75 : res.population;
    a.result = analysis::access_scores(table, demand, hubs.supply, o);
    a.units = analysis::unit_access(model, a.result.score);
    return a;
}

}  // namespace keniki::pipeline
