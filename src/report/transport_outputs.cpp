#include "keniki/report/transport_outputs.hpp"

#include <cmath>

#include <boost/geometry/algorithms/covered_by.hpp>

#include "keniki/geom/overlay.hpp"
#include "keniki/report/run_summary.hpp"

namespace keniki::report {

namespace {

using analysis::TransportClass;
using json = nlohmann::ordered_json;

double rounded(double v, double step) { return std::round(v / step) * step; }

Feature feature(std::int64_t id, Geometry g, std::size_t n_fields) {
    Feature f;
    f.id = id;
    f.geometry = std::move(g);
    f.values.resize(n_fields);
    return f;
}

json people_json(const analysis::PeopleCount& p) {
    return json{{"pop_total", p.total}, {"pop_65plus", p.age65}, {"pop_75plus", p.age75}};
}

json class_json(const analysis::ClassFigures& f) {
    json out = json::object();
    for (std::size_t c = 0; c < 3; ++c) {
        json j = people_json(f.people[c]);
        j["area_km2"] = rounded(f.area_m2[c] / 1e6, 1e-6);
        out[analysis::japanese_name(analysis::k_transport_classes[c])] = j;
    }
    return out;
}

}  // namespace

void add_transport_layers(OutputLayers& layers, const analysis::ModelInput& input, const analysis::ModelResult& model,
                          const TransportOutputs& t, const std::string& working_crs) {
    const auto& r = t.result;
    // Zones: one feature per class.
    Layer zones;
    zones.name = "transport_zones";
    zones.crs = working_crs;
    zones.fields = {{"class", FieldType::text}, {"class_en", FieldType::text}, {"area_km2", FieldType::real}, {"pop_total", FieldType::real},
                    {"pop_65plus", FieldType::real}, {"pop_75plus", FieldType::real}};
    for (std::size_t c = 0; c < 3; ++c) {
        if (r.zones[c].empty()) continue;
        Feature f = feature(static_cast<std::int64_t>(c) + 1, Geometry{r.zones[c]}, zones.fields.size());
        f.values = {std::string(analysis::japanese_name(analysis::k_transport_classes[c])),
                    std::string(analysis::english_name(analysis::k_transport_classes[c])), rounded(r.study.area_m2[c] / 1e6, 1e-6),
                    r.study.people[c].total, r.study.people[c].age65, r.study.people[c].age75};
        zones.features.push_back(std::move(f));
    }
    layers.extra.push_back(std::move(zones));

    // Stops with their service and the unit of every tier they stand in.
    Layer stops;
    stops.name = "stops";
    stops.crs = working_crs;
    stops.fields = {{"stop_id", FieldType::text}, {"name", FieldType::text}, {"kind", FieldType::text}, {"departures_per_day", FieldType::real},
                    {"serves", FieldType::integer}, {"no_service", FieldType::text}, {"source", FieldType::text}};
    for (std::size_t tier = 0; tier < model.tiers.size(); ++tier) stops.fields.push_back({"unit_" + model.tiers[tier].id, FieldType::text});
    for (std::size_t i = 0; i < t.stops.size(); ++i) {
        const auto& s = t.stops[i];
        Feature f = feature(static_cast<std::int64_t>(i) + 1, Geometry{s.location}, stops.fields.size());
        f.values[0] = s.id;
        f.values[1] = s.name;
        f.values[2] = std::string(s.kind == analysis::Stop::Kind::station ? "station" : "bus_stop");
        if (s.departures_per_day) f.values[3] = *s.departures_per_day;
        f.values[4] = static_cast<std::int64_t>(r.stop_serves[i]);
        if (!s.no_service.empty()) f.values[5] = s.no_service;
        f.values[6] = s.source;
        for (std::size_t tier = 0; tier < model.tiers.size(); ++tier) {
            const auto u = r.stop_unit[tier][i];
            if (u >= 0) f.values[7 + tier] = model.tiers[tier].units[static_cast<std::size_t>(u)].id;
        }
        stops.features.push_back(std::move(f));
    }
    layers.extra.push_back(std::move(stops));

    // Per-class columns on every units layer (rows are in unit order).
    for (std::size_t tier = 0; tier < layers.units.size() && tier < r.units.size(); ++tier) {
        Layer& units = layers.units[tier];
        for (std::size_t c = 0; c < 3; ++c) {
            const std::string p = std::string("transport_") + analysis::english_name(analysis::k_transport_classes[c]);
            const auto pop = units.add_field({p + "_pop_total", FieldType::real});
            const auto a65 = units.add_field({p + "_pop_65plus", FieldType::real});
            const auto area = units.add_field({p + "_area_km2", FieldType::real});
            for (std::size_t u = 0; u < units.features.size(); ++u) {
                units.features[u].values[pop] = r.units[tier][u].people[c].total;
                units.features[u].values[a65] = r.units[tier][u].people[c].age65;
                units.features[u].values[area] = rounded(r.units[tier][u].area_m2[c] / 1e6, 1e-6);
            }
        }
    }
    // The class of every resident (points) and of every hub.
    if (!input.residents.area_weighted) {
        for (auto& l : layers.residents) {
            const auto col = l.add_field({"transport_class", FieldType::text});
            for (std::size_t i = 0; i < l.features.size() && i < r.model_resident_class.size(); ++i)
                l.features[i].values[col] = std::string(analysis::japanese_name(r.model_resident_class[i]));
            for (const auto& sc : t.scenarios) {
                const auto sc_col = l.add_field({"transport_class_" + sc.id, FieldType::text});
                for (std::size_t i = 0; i < l.features.size() && i < sc.result.model_resident_class.size(); ++i)
                    l.features[i].values[sc_col] = std::string(analysis::japanese_name(sc.result.model_resident_class[i]));
            }
        }
    }
    {
        // Hubs (facilities) get the class of where they stand: same rule as residents, from the zones.
        Layer& hubs = layers.hubs;
        const auto col = hubs.add_field({"transport_class", FieldType::text});
        for (std::size_t h = 0; h < hubs.features.size() && h < input.facilities.size(); ++h) {
            const Point& p = input.facilities[h].location;
            std::string cls = analysis::japanese_name(TransportClass::blank);
            for (std::size_t c = 0; c < 2; ++c) {
                if (boost::geometry::covered_by(p, r.zones[c])) {
                    cls = analysis::japanese_name(analysis::k_transport_classes[c]);
                    break;
                }
            }
            hubs.features[h].values[col] = cls;
        }
    }
    // Scenario changes: the zones that changed class.
    for (const auto& sc : t.scenarios) {
        Layer ch;
        ch.name = "scenario_" + sc.id + "_changes";
        ch.crs = working_crs;
        ch.fields = {{"scenario", FieldType::text}, {"change", FieldType::text}, {"area_km2", FieldType::real}};
        const std::pair<const char*, const MultiPolygon*> parts[] = {{"lost_coverage", &sc.change.lost_coverage},
                                                                     {"gained_coverage", &sc.change.gained_coverage},
                                                                     {"lost_convenience", &sc.change.lost_convenience},
                                                                     {"gained_convenience", &sc.change.gained_convenience}};
        for (const auto& [name, g] : parts) {
            if (g->empty()) continue;
            Feature f = feature(static_cast<std::int64_t>(ch.features.size()) + 1, Geometry{*g}, ch.fields.size());
            f.values = {sc.id, std::string(name), rounded(geom::area(*g) / 1e6, 1e-6)};
            ch.features.push_back(std::move(f));
        }
        layers.extra.push_back(std::move(ch));
    }
}

void add_transport_summary(json& summary, const analysis::ModelInput& input, const analysis::ModelResult& model, const TransportOutputs& t) {
    (void)input;
    json tr;
    tr["preset"] = t.options.preset;
    tr["radii_m"] = {{"station", t.options.station_radius_m}, {"bus_stop", t.options.bus_stop_radius_m}};
    tr["min_departures_per_day"] = t.options.min_departures_per_day;
    tr["service_day"] = t.service_day.empty() ? json(nullptr) : json(t.service_day);
    tr["distance"] = t.options.distance ? t.options.distance->describe() : std::string("straight-line distance");
    tr["circles"] = circles_json(t.options.distance ? t.options.distance->circle_segments() : t.options.quadrant_segments);
    tr["classes"] = {{"便利", "convenient: within the station radius of a serving station"},
                     {"不便", "inconvenient: only near a bus stop, or only near stops below the minimum departures"},
                     {"空白", "blank: near no stop"}};
    tr["residents"] = t.result.resident_method;
    tr["study"] = class_json(t.result.study);
    tr["tiers"] = json::array();
    for (std::size_t tier = 0; tier < model.tiers.size(); ++tier) {
        json jt{{"id", model.tiers[tier].id}, {"units", json::array()}};
        for (std::size_t u = 0; u < model.tiers[tier].units.size(); ++u)
            jt["units"].push_back({{"unit_id", model.tiers[tier].units[u].id}, {"classes", class_json(t.result.units[tier][u])}});
        tr["tiers"].push_back(jt);
    }
    tr["stops"] = json::array();
    for (std::size_t i = 0; i < t.stops.size(); ++i) {
        const auto& s = t.stops[i];
        json units = json::object();
        for (std::size_t tier = 0; tier < model.tiers.size(); ++tier) {
            const auto u = t.result.stop_unit[tier][i];
            units[model.tiers[tier].id] = u < 0 ? json(nullptr) : json(model.tiers[tier].units[static_cast<std::size_t>(u)].id);
        }
        tr["stops"].push_back({{"stop_id", s.id}, {"name", s.name}, {"kind", s.kind == analysis::Stop::Kind::station ? "station" : "bus_stop"},
                               {"departures_per_day", s.departures_per_day ? json(*s.departures_per_day) : json(nullptr)},
                               {"serves", static_cast<bool>(t.result.stop_serves[i])},
                               {"no_service", s.no_service.empty() ? json(nullptr) : json(s.no_service)}, {"source", s.source}, {"unit_ids", units}});
    }
    summary["transport"] = tr;
    json scenarios = json::array();
    for (const auto& sc : t.scenarios) {
        json js{{"id", sc.id}, {"name", sc.name}, {"description", sc.description}, {"changes", sc.changes}};
        js["study"] = {{"lost", people_json(sc.change.study.lost)},
                       {"gained", people_json(sc.change.study.gained)},
                       {"lost_by_area", people_json(sc.change.study.lost_by_area)},
                       {"gained_by_area", people_json(sc.change.study.gained_by_area)},
                       {"worse_area_km2", rounded(sc.change.study.lost_area_m2 / 1e6, 1e-6)},
                       {"better_area_km2", rounded(sc.change.study.gained_area_m2 / 1e6, 1e-6)},
                       {"classes", class_json(sc.result.study)},
                       {"lost_coverage_km2", rounded(geom::area(sc.change.lost_coverage) / 1e6, 1e-6)},
                       {"gained_coverage_km2", rounded(geom::area(sc.change.gained_coverage) / 1e6, 1e-6)}};
        js["tiers"] = json::array();
        for (std::size_t tier = 0; tier < model.tiers.size(); ++tier) {
            json jt{{"id", model.tiers[tier].id}, {"units", json::array()}};
            for (std::size_t u = 0; u < model.tiers[tier].units.size(); ++u) {
                const auto& c = sc.change.units[tier][u];
                jt["units"].push_back({{"unit_id", model.tiers[tier].units[u].id},
                                       {"lost", people_json(c.lost)},
                                       {"gained", people_json(c.gained)},
                                       {"lost_by_area", people_json(c.lost_by_area)},
                                       {"gained_by_area", people_json(c.gained_by_area)},
                                       {"worse_area_km2", rounded(c.lost_area_m2 / 1e6, 1e-6)},
                                       {"better_area_km2", rounded(c.gained_area_m2 / 1e6, 1e-6)},
                                       {"classes", class_json(sc.result.units[tier][u])}});
            }
            js["tiers"].push_back(jt);
        }
        scenarios.push_back(js);
    }
    summary["scenarios"] = scenarios;
}

}  // namespace keniki::report
