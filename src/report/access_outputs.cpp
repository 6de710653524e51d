#include "keniki/report/access_outputs.hpp"

#include <cmath>

namespace keniki::report {

namespace {

using json = nlohmann::ordered_json;

/// The unit's population-weighted scores, per 1,000 people, by group.
json unit_json(const analysis::UnitAccess& u) {
    return json{{"pop_total", per_1000(u.mean_total())}, {"pop_65plus", per_1000(u.mean_65plus())}, {"pop_75plus", per_1000(u.mean_75plus())}};
}

json hubs_json(const analysis::ModelInput& input, const AccessOutcome& a) {
    json out = json::array();
    for (std::size_t h = 0; h < a.hubs.size(); ++h) {
        const auto& f = input.facilities[static_cast<std::size_t>(a.hubs[h])];
        out.push_back({{"hub_id", f.id},
                       {"name", f.name},
                       {"supply", a.supply_values[h]},
                       {"demand_in_catchment", std::round(a.result.hub_demand[h] * 1e3) / 1e3},
                       {"per1000", per_1000(a.result.hub_ratio[h])}});
    }
    return out;
}

}  // namespace

double per_1000(double score) { return std::round(score * 1000 * 1e6) / 1e6; }

bool below_threshold(const AccessOutcome& a, const analysis::UnitAccess& u) {
    if (!a.threshold_per_1000) return false;
    return demand_mean(a, u) * 1000 < *a.threshold_per_1000;
}

double demand_mean(const AccessOutcome& a, const analysis::UnitAccess& u) {
    return a.demand == "pop_65plus" ? u.mean_65plus() : a.demand == "pop_75plus" ? u.mean_75plus() : u.mean_total();
}

StudyAccess study_access(const AccessOutcome& a, const analysis::ModelInput& input) {
    StudyAccess s;
    for (const double v : a.supply_values) s.supply += v;
    double weighted = 0;
    const auto& res = input.residents;
    const std::vector<double>& demand = a.demand == "pop_65plus" ? res.age65 : a.demand == "pop_75plus" ? res.age75 : res.population;
    for (std::size_t i = 0; i < a.result.score.size(); ++i) {
        const double d = demand[i];
        weighted += a.result.score[i] * d;
        s.demand += d;
    }
    s.mean = s.demand > 0 ? weighted / s.demand : 0;
    return s;
}

json access_brief(const analysis::ModelInput& input, const analysis::ModelResult& model, const std::vector<AccessOutcome>& access) {
    json list = json::array();
    for (const auto& a : access) {
        const StudyAccess s = study_access(a, input);
        json below_units = json::object();
        for (std::size_t t = 0; t < model.tiers.size() && t < a.units.size(); ++t) {
            json ids = json::array();
            for (std::size_t u = 0; u < a.units[t].size(); ++u)
                if (below_threshold(a, a.units[t][u])) ids.push_back(model.tiers[t].units[u].id);
            below_units[model.tiers[t].id] = ids;
        }
        list.push_back({{"id", a.id},
                        {"mean_per1000", s.demand > 0 ? json(per_1000(s.mean)) : json(nullptr)},
                        {"supply_total", s.supply},
                        {"supply_reaching_demand", a.result.supply_reached},
                        {"hubs", hubs_json(input, a)},
                        {"below_threshold", below_units}});
    }
    return list;
}

std::string demand_words(const std::string& demand, bool japanese) {
    if (japanese) return demand == "pop_65plus" ? "65歳以上1,000人あたり" : demand == "pop_75plus" ? "75歳以上1,000人あたり" : "人口1,000人あたり";
    return demand == "pop_65plus" ? "per 1,000 people aged 65+" : demand == "pop_75plus" ? "per 1,000 people aged 75+" : "per 1,000 people";
}

void add_access_layers(OutputLayers& layers, const analysis::ModelInput& input, const analysis::ModelResult& model,
                       const std::vector<AccessOutcome>& access) {
    (void)input;
    for (const auto& a : access) {
        const std::string p = "access_" + a.id + "_";
        for (std::size_t t = 0; t < layers.units.size() && t < a.units.size(); ++t) {
            Layer& units = layers.units[t];
            const auto total = units.add_field({p + "per1000_pop_total", FieldType::real});
            const auto a65 = units.add_field({p + "per1000_pop_65plus", FieldType::real});
            const auto a75 = units.add_field({p + "per1000_pop_75plus", FieldType::real});
            const bool has_low = a.threshold_per_1000.has_value();
            const std::size_t low = has_low ? units.add_field({p + "below", FieldType::integer}) : 0;
            for (std::size_t u = 0; u < units.features.size() && u < a.units[t].size(); ++u) {
                const auto& ua = a.units[t][u];
                auto& v = units.features[u].values;
                v[total] = per_1000(ua.mean_total());
                v[a65] = per_1000(ua.mean_65plus());
                v[a75] = per_1000(ua.mean_75plus());
                if (has_low) v[low] = static_cast<std::int64_t>(below_threshold(a, ua));
            }
        }
        // Hubs: by facility index on the hubs layer, by facility on the supplying tier's table.
        const auto add_hub_columns = [&](Layer& l, const auto& facility_of_row) {
            const auto s = l.add_field({p + "supply", FieldType::real});
            const auto d = l.add_field({p + "demand_" + a.demand, FieldType::real});
            const auto r = l.add_field({p + "per1000", FieldType::real});
            for (std::size_t row = 0; row < l.features.size(); ++row) {
                const std::int32_t fac = facility_of_row(row);
                for (std::size_t j = 0; j < a.hubs.size(); ++j) {
                    if (a.hubs[j] != fac) continue;
                    l.features[row].values[s] = a.supply_values[j];
                    l.features[row].values[d] = std::round(a.result.hub_demand[j] * 1e3) / 1e3;
                    l.features[row].values[r] = per_1000(a.result.hub_ratio[j]);
                }
            }
        };
        add_hub_columns(layers.hubs, [](std::size_t row) { return static_cast<std::int32_t>(row); });
        if (a.tier && *a.tier < layers.hub_figures.size() && *a.tier < model.tiers.size()) {
            const auto& hubs = model.tiers[*a.tier].hubs;
            add_hub_columns(layers.hub_figures[*a.tier], [&](std::size_t row) { return row < hubs.size() ? hubs[row].facility : -1; });
        }
        // Point residents (one feature per model resident): their own score.
        for (auto& l : layers.residents) {
            if (l.features.size() != a.result.score.size()) continue;
            const auto col = l.add_field({p + "per1000", FieldType::real});
            for (std::size_t i = 0; i < l.features.size(); ++i) l.features[i].values[col] = per_1000(a.result.score[i]);
        }
    }
}

void add_access_summary(json& summary, const analysis::ModelInput& input, const analysis::ModelResult& model, const std::vector<AccessOutcome>& access) {
    json list = json::array();
    for (const auto& a : access) {
        json j{{"id", a.id},
               {"name", a.name},
               {"method", a.method},
               {"demand", a.demand},
               {"score_unit", "supply (" + (a.supply.empty() ? std::string("hubs") : a.supply) + ") " + demand_words(a.demand, false)},
               {"supply_field", a.supply.empty() ? json(nullptr) : json(a.supply)},
               {"tier", a.tier ? json(model.tiers[*a.tier].id) : json(nullptr)},
               {"catchment", a.catchment},
               {"cost", a.cost},
               {"decay", a.decay},
               {"threshold_per_1000", a.threshold_per_1000 ? json(*a.threshold_per_1000) : json(nullptr)},
               {"pairs_within_catchment", a.pairs}};
        const StudyAccess s = study_access(a, input);
        j["study"] = {{"supply_total", s.supply},
                      {"supply_reaching_demand", a.result.supply_reached},
                      {"demand_total", s.demand},
                      {"mean_per1000", s.demand > 0 ? json(per_1000(s.mean)) : json(nullptr)},
                      {"supply_per1000_of_demand", s.demand > 0 ? json(per_1000(s.supply / s.demand)) : json(nullptr)}};
        j["hubs"] = hubs_json(input, a);
        j["tiers"] = json::array();
        for (std::size_t t = 0; t < model.tiers.size() && t < a.units.size(); ++t) {
            json jt{{"id", model.tiers[t].id}, {"units", json::array()}, {"below_threshold", json::array()}};
            for (std::size_t u = 0; u < a.units[t].size(); ++u) {
                jt["units"].push_back({{"unit_id", model.tiers[t].units[u].id}, {"per1000", unit_json(a.units[t][u])}, {"below", below_threshold(a, a.units[t][u])}});
                if (below_threshold(a, a.units[t][u])) jt["below_threshold"].push_back(model.tiers[t].units[u].id);
            }
            j["tiers"].push_back(jt);
        }
        list.push_back(j);
    }
    summary["access"] = list;
}

}  // namespace keniki::report
