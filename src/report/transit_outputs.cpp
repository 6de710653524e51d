#include "keniki/report/transit_outputs.hpp"

#include <cmath>

namespace keniki::report {

namespace {

using json = nlohmann::ordered_json;

double r3(double v) { return std::round(v * 1e3) / 1e3; }

json people(const analysis::PeopleCount& p) { return json{{"pop_total", r3(p.total)}, {"pop_65plus", r3(p.age65)}, {"pop_75plus", r3(p.age75)}}; }

json minutes(double v) {
    if (!std::isfinite(v)) return json(nullptr);
    return json(std::round(v * 10) / 10);
}
json median(const analysis::CostStats& s) { return s.defined ? minutes(s.median) : json(nullptr); }
json p90(const analysis::CostStats& s) { return s.defined ? minutes(s.p90) : json(nullptr); }

}  // namespace

void add_transit_layers(OutputLayers& layers, const analysis::ModelResult& model, const std::vector<TransitOutcome>& transit) {
    for (const auto& t : transit) {
        if (t.tier >= layers.units.size()) continue;
        Layer& units = layers.units[t.tier];
        auto add3 = [&](const std::string& stem) {
            return std::array<std::size_t, 3>{units.add_field({stem + "_pop_total", FieldType::real}), units.add_field({stem + "_pop_65plus", FieldType::real}),
                                              units.add_field({stem + "_pop_75plus", FieldType::real})};
        };
        const auto served = add3("transit_served"), not_served = add3("transit_not_served"), walk = add3("transit_walk_faster");
        const auto med = units.add_field({"transit_window_median_min", FieldType::real});
        const auto p90 = units.add_field({"transit_window_p90_min", FieldType::real});
        std::vector<std::pair<std::size_t, std::size_t>> sc_cols;
        for (const auto& sc : t.scenarios) {
            const auto lost = units.add_field({"transit_" + sc.id + "_lost_pop_total", FieldType::real});
            const auto gained = units.add_field({"transit_" + sc.id + "_gained_pop_total", FieldType::real});
            sc_cols.emplace_back(lost, gained);
        }
        for (std::size_t u = 0; u < units.features.size() && u < t.figures.units.size(); ++u) {
            auto& v = units.features[u].values;
            const auto& f = t.figures.units[u];
            auto put = [&](const std::array<std::size_t, 3>& c, const analysis::PeopleCount& p) {
                v[c[0]] = r3(p.total);
                v[c[1]] = r3(p.age65);
                v[c[2]] = r3(p.age75);
            };
            put(served, f.served);
            put(not_served, f.not_served);
            put(walk, f.walk_faster);
            if (f.window_median.defined && std::isfinite(f.window_median.median)) v[med] = std::round(f.window_median.median * 10) / 10;
            if (f.window_median.defined && std::isfinite(f.window_median.p90)) v[p90] = std::round(f.window_median.p90 * 10) / 10;
            for (std::size_t s = 0; s < t.scenarios.size(); ++s) {
                if (u >= t.scenarios[s].units.size()) continue;
                v[sc_cols[s].first] = r3(t.scenarios[s].units[u].lost.total);
                v[sc_cols[s].second] = r3(t.scenarios[s].units[u].gained.total);
            }
        }
        if (t.tier < layers.hub_figures.size() && t.tier < model.tiers.size()) {
            Layer& hubs = layers.hub_figures[t.tier];
            const auto c = hubs.add_field({"transit_served_pop_total", FieldType::real});
            for (std::size_t h = 0; h < hubs.features.size() && h < t.figures.hub_served.size(); ++h) hubs.features[h].values[c] = r3(t.figures.hub_served[h].total);
        }
    }
}

void add_transit_summary(json& summary, const analysis::ModelResult& model, const std::vector<TransitOutcome>& transit) {
    json list = json::array();
    for (const auto& t : transit) {
        const auto& tier = model.tiers[t.tier];
        json j{{"tier", tier.id},
               {"method", t.method},
               {"rule", "served = a way to the hub leaving home within the window and a way home by home_by after the stay, each door to door within limit_min "
                        "(walk + rides with at most max_transfers transfers, or walking all the way); window minutes = the door-to-door time to the hub "
                        "leaving home at each minute of the window (waiting at home counted); each resident's median over the window, and of those the population-weighted median and 90th percentile of the unit (no way at most half the window counts as infinite: a null figure)"},
               {"service_day", t.service_day},
               {"window", t.window},
               {"home_by", t.home_by},
               {"limit_min", t.limit_min},
               {"stay_min", t.stay_min},
               {"max_transfers", t.max_transfers},
               {"elderly", t.elderly},
               {"stops", t.stops},
               {"trips", t.trips},
               {"raptor_iterations", t.iterations},
               {"residents_near_no_stop", t.residents_near_no_stop},
               {"hubs_near_no_stop", t.hubs_near_no_stop},
               {"served", people(t.figures.total.served)},
               {"not_served", people(t.figures.total.not_served)},
               {"walk_faster", people(t.figures.total.walk_faster)},
               {"window_median_min", median(t.figures.total.window_median)},
               {"window_p90_min", p90(t.figures.total.window_median)}};
        j["units"] = json::array();
        for (std::size_t u = 0; u < t.figures.units.size(); ++u) {
            const auto& f = t.figures.units[u];
            j["units"].push_back({{"unit_id", tier.units[u].id},
                                  {"served", people(f.served)},
                                  {"not_served", people(f.not_served)},
                                  {"walk_faster", people(f.walk_faster)},
                                  {"window_median_min", median(f.window_median)},
                                  {"window_p90_min", p90(f.window_median)}});
        }
        j["hubs"] = json::array();
        for (std::size_t h = 0; h < tier.hubs.size() && h < t.figures.hub_served.size(); ++h)
            j["hubs"].push_back({{"facility", tier.hubs[h].facility}, {"served", people(t.figures.hub_served[h])}});
        j["scenarios"] = json::array();
        for (const auto& sc : t.scenarios) {
            json js{{"id", sc.id}, {"name", sc.name}, {"changes", sc.changes}, {"lost", people(sc.total.lost)}, {"gained", people(sc.total.gained)}, {"units", json::array()}};
            for (std::size_t u = 0; u < sc.units.size(); ++u)
                js["units"].push_back({{"unit_id", tier.units[u].id}, {"lost", people(sc.units[u].lost)}, {"gained", people(sc.units[u].gained)}});
            j["scenarios"].push_back(js);
        }
        list.push_back(j);
    }
    summary["transit"] = list;
}

}  // namespace keniki::report
