#include "keniki/report/siting_outputs.hpp"

namespace keniki::report {

namespace {

using json = nlohmann::ordered_json;

json people_json(const analysis::PeopleCount& p) { return json{{"pop_total", p.total}, {"pop_65plus", p.age65}, {"pop_75plus", p.age75}}; }

}  // namespace

void add_siting_layers(OutputLayers& layers, const analysis::ModelResult& model, const SitingOutcome& s, const std::string& working_crs) {
    const auto& tier = model.tiers[s.tier];
    Layer l;
    l.name = "site_" + tier.id;
    l.crs = working_crs;
    // hub_id / kind / name first: the layer appends to the facilities layer as it is (ogr2ogr -append).
    l.fields = {{"hub_id", FieldType::text},           {"kind", FieldType::text},
                {"name", FieldType::text},             {"rank", FieldType::integer},
                {"unit_id", FieldType::text},          {"gained_pop_total", FieldType::real},
                {"gained_pop_65plus", FieldType::real}, {"gained_pop_75plus", FieldType::real},
                {"covered_after_pop_total", FieldType::real}, {"covered_after_pop_65plus", FieldType::real},
                {"objective", FieldType::text},        {"demand", FieldType::text}};
    for (const auto& c : s.chosen) {
        Feature f;
        f.id = static_cast<std::int64_t>(c.rank);
        f.geometry = Geometry{c.location};
        f.values = {c.id,
                    s.hub_kind,
                    c.name,
                    static_cast<std::int64_t>(c.rank),
                    c.unit >= 0 ? Value{tier.units[static_cast<std::size_t>(c.unit)].id} : Value{},
                    c.gained.total,
                    c.gained.age65,
                    c.gained.age75,
                    c.covered_after.total,
                    c.covered_after.age65,
                    s.objective,
                    s.demand};
        l.features.push_back(std::move(f));
    }
    layers.sites.push_back(std::move(l));
}

void add_siting_summary(json& summary, const analysis::ModelResult& model, const SitingOutcome& s) {
    const auto& tier = model.tiers[s.tier];
    json j{{"tier", tier.id},
           {"objective", s.objective},
           {"demand", s.demand},
           {"method", s.method},
           {"optimal", s.optimal},
           {"gap", s.gap},
           {"objective_value", s.objective_value},
           {"bound", s.bound},
           {"candidates", s.candidates},
           {"candidate_count", s.candidate_count},
           {"demand_points", s.demand_points},
           {"reach", s.reach},
           {"total", people_json(s.total)},
           {"covered_before", people_json(s.covered_before)},
           {"covered_after", people_json(s.covered_after)},
           {"sites", json::array()},
           {"units", json::array()}};
    for (const auto& c : s.chosen)
        j["sites"].push_back({{"rank", c.rank},
                              {"id", c.id},
                              {"name", c.name},
                              {"unit_id", c.unit >= 0 ? json(tier.units[static_cast<std::size_t>(c.unit)].id) : json(nullptr)},
                              {"gained", people_json(c.gained)},
                              {"covered_after", people_json(c.covered_after)}});
    for (std::size_t u = 0; u < tier.units.size() && u < s.unit_before.size(); ++u)
        j["units"].push_back({{"unit_id", tier.units[u].id}, {"before", people_json(s.unit_before[u])}, {"after", people_json(s.unit_after[u])}});
    summary["siting"] = j;
}

}  // namespace keniki::report
