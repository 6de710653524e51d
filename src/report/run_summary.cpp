#include "keniki/report/run_summary.hpp"

#include <cmath>

#include "keniki/geom/circle.hpp"

namespace keniki::report {

namespace {

using json = nlohmann::ordered_json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json people(const analysis::PeopleCount& p) {
    return json{{"pop_total", number(p.total)}, {"pop_65plus", number(p.age65)}, {"pop_75plus", number(p.age75)}};
}

}  // namespace

json circles_json(int quadrant_segments) {
    if (quadrant_segments <= 0) return json(nullptr);
    const double pct = std::round(geom::circle_area_shortfall(quadrant_segments) * 100 * 1e4) / 1e4;
    return json{{"segments_per_quadrant", quadrant_segments}, {"vertices", 4 * quadrant_segments}, {"area_error_pct", pct}};
}

json build_summary(const analysis::ModelInput& input, const analysis::ModelResult& result, const RunContext& context) {
    json doc;
    doc["keniki_version"] = context.keniki_version;
    doc["plan"] = context.plan_file;
    doc["study"] = {{"name", context.study_name}, {"area_km2", number(result.study_area_m2 / 1e6)}};
    doc["working_crs"] = {{"definition", context.working_crs}, {"reason", context.working_crs_reason}};
    doc["residents"] = {{"counted_as", result.apportionment}, {"count", input.residents.size()}};
    doc["total"] = people(result.total);
    doc["inputs"] = json::array();
    for (const auto& in : context.inputs) {
        doc["inputs"].push_back({{"role", in.role}, {"path", in.path}, {"layer", in.layer}, {"source_crs", in.source_crs},
                                 {"encoding", in.encoding}, {"where", in.where}, {"features_read", in.features_read},
                                 {"features_used", in.features_used}, {"notes", in.notes}});
    }
    doc["tiers"] = json::array();
    for (std::size_t t = 0; t < result.tiers.size(); ++t) {
        const auto& tier = result.tiers[t];
        json jt;
        jt["id"] = tier.id;
        jt["name"] = tier.name;
        jt["name_en"] = tier.name_en;
        jt["cost"] = tier.cost_description;
        jt["cost_unit"] = analysis::unit_symbol(tier.cost_unit);
        jt["reach"] = tier.reach;
        jt["circles"] = circles_json(input.tiers[t].cost ? input.tiers[t].cost->circle_segments() : 0);
        std::vector<std::string> hubs;
        for (const auto h : input.tiers[t].hubs) hubs.push_back(input.facilities[static_cast<std::size_t>(h)].id);
        jt["hubs"] = hubs;
        jt["units_n"] = tier.units.size();
        jt["gap_m2"] = number(tier.gap_m2);
        jt["gap_share"] = number(tier.gap_share);
        jt["overlap_m2"] = number(tier.overlap_m2);
        jt["overlap_share"] = number(tier.overlap_share);
        jt["outside_all_units"] = people(tier.outside_all_units);
        jt["nesting_problems"] = tier.nesting_problems;
        analysis::PeopleCount beyond, in_units;
        jt["units"] = json::array();
        for (const auto& u : tier.units) {
            beyond += u.beyond_reach;
            in_units += u.people;
            json ju;
            ju["unit_id"] = u.id;
            ju["unit_name"] = u.name;
            ju["parent_id"] = (t > 0 && u.parent >= 0) ? json(result.tiers[t - 1].units[static_cast<std::size_t>(u.parent)].id) : json(nullptr);
            ju["parent_overlap_share"] = t > 0 ? number(u.parent_overlap_share) : json(nullptr);
            ju["area_km2"] = number(u.area_m2 / 1e6);
            ju["people"] = people(u.people);
            std::vector<std::string> inside;
            for (const auto h : u.hubs_inside) inside.push_back(input.facilities[static_cast<std::size_t>(h)].id);
            ju["hubs_inside"] = inside;
            ju["cost"] = u.cost.defined ? json{{"mean", number(u.cost.mean)}, {"median", number(u.cost.median)},
                                               {"p90", number(u.cost.p90)}, {"max", number(u.cost.max)}}
                                        : json(nullptr);
            ju["beyond_reach"] = people(u.beyond_reach);
            ju["gap_area_km2"] = number(u.gap_area_m2 / 1e6);
            ju["nearest_hub_elsewhere"] = people(u.nearest_hub_elsewhere);
            json by_unit = json::object();
            for (const auto& [other, n] : u.nearest_hub_elsewhere_by_unit)
                by_unit[other < 0 ? std::string("(outside all units)") : tier.units[static_cast<std::size_t>(other)].id] = n;
            ju["nearest_hub_elsewhere_by_unit"] = by_unit;
            jt["units"].push_back(ju);
        }
        jt["in_units"] = people(in_units);
        jt["beyond_reach"] = people(beyond);
        // Per hub, its catchment (担当): the residents in a unit whose nearest hub it is. Over the
        // hubs, nearest adds up to in_units - no_hub and within_reach to in_units - beyond_reach.
        jt["no_hub"] = people(tier.no_hub);
        jt["hub_figures"] = json::array();
        for (const auto& h : tier.hubs) {
            json jh;
            jh["hub_id"] = input.facilities[static_cast<std::size_t>(h.facility)].id;
            jh["unit_id"] = h.unit >= 0 ? json(tier.units[static_cast<std::size_t>(h.unit)].id) : json(nullptr);
            jh["nearest"] = people(h.nearest);
            jh["within_reach"] = people(h.within_reach);
            jh["cost"] = h.cost_defined ? json{{"mean", number(h.mean_cost)}, {"max", number(h.max_cost)}} : json(nullptr);
            jt["hub_figures"].push_back(jh);
        }
        doc["tiers"].push_back(jt);
    }
    doc["warnings"] = context.warnings;
    return doc;
}

}  // namespace keniki::report
