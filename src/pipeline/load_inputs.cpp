#include "keniki/pipeline/model_inputs.hpp"

#include "pipeline/transit_costs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "keniki/analysis/census_join.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/memory_budget.hpp"
#include "keniki/crs/study_area_hint.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/crs/working_crs.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/io/estat_table.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/project/read_options.hpp"

namespace keniki::pipeline {

namespace {

using project::LayerRef;
using project::read_options;

std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 10; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
    if (ids.size() > 10) out += ", ...";
    return out;
}

struct Reader {
    const project::Plan& plan;
    ModelInputs& model;

    /// Reads a layer, refuses invalid geometries (naming them), records provenance.
    Layer read(const LayerRef& ref, const std::string& role, report::InputProvenance*& provenance) {
        io::ReadReport rep;
        Layer layer = io::read_layer(ref.path, read_options(ref), &rep);
        if (layer.crs.empty()) throw DataError("the layer declares no CRS; keniki cannot place it", Where{ref.path, layer.name});
        report::InputProvenance p;
        p.role = role;
        p.path = ref.path;
        p.layer = layer.name;
        p.source_crs = layer.crs.size() < 40 ? layer.crs : crs::crs_name(layer.crs);
        p.encoding = rep.encoding;
        p.where = ref.where;
        p.features_read = rep.features_read;
        p.notes = rep.notes;
        if (!rep.empty_geometry_ids.empty())
            p.notes.push_back(std::to_string(rep.empty_geometry_ids.size()) + " features without geometry skipped: " + id_list(rep.empty_geometry_ids));
        const auto invalid = geom::find_invalid(layer);
        if (!invalid.empty()) {
            std::string ids;
            for (std::size_t i = 0; i < invalid.size() && i < 5; ++i)
                ids += (i ? ", " : "") + std::to_string(invalid[i].id) + " (" + invalid[i].reason + ")";
            throw DataError(std::to_string(invalid.size()) + " invalid geometries: features " + ids +
                                "; repair them first, e.g. keniki convert --make-valid",
                            Where{ref.path, layer.name});
        }
        model.inputs.push_back(std::move(p));
        provenance = &model.inputs.back();
        return layer;
    }

    void to_working(Layer& layer) {
        if (layer.crs == model.working_crs) return;
        const crs::Transformer t(layer.crs, model.working_crs);
        for (auto& f : layer.features) crs::transform(f.geometry, t);
        layer.crs = model.working_crs;
    }
};

/// " (its fields: a, b, c)" for messages about a field that is not there.
std::string fields_text(const Layer& layer) {
    std::string out;
    for (const auto& f : layer.fields) out += (out.empty() ? "" : ", ") + f.name;
    return " (its fields: " + (out.empty() ? std::string("none") : out) + ")";
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string text_of(const Feature& f, const Layer& layer, const std::string& field) {
    if (field.empty()) return std::to_string(f.id);
    const auto idx = layer.field_index(field);
    if (!idx) throw UsageError("no field '" + field + "'", Where{{}, layer.name, {}, field});
    return as_text(f.values[*idx]);
}

/// Weight of a feature from a field: missing field name = `fallback`; a null or non-numeric value is a
/// DataError naming the feature (a resident whose count is unknown must not silently count as 0).
double weight_of(const Feature& f, const Layer& layer, const std::string& field, double fallback, const std::string& path) {
    if (field.empty()) return fallback;
    const auto idx = layer.field_index(field);
    if (!idx) throw UsageError("no field '" + field + "'", Where{path, layer.name, {}, field});
    const auto v = as_number(f.values[*idx]);
    if (!v) throw DataError("not a number: '" + as_text(f.values[*idx]) + "'", Where{path, layer.name, f.id, field});
    return *v;
}

/// A tier's unit layer as it is read: every feature must have a polygon (a unit without one would
/// take its people out of the tier unnoticed), unless the plan says to skip such features, which
/// are then dropped from `layer` and named in a warning. An empty layer names its file.
void check_unit_features(Layer& layer, const project::TierSpec& ts, std::vector<std::string>& warnings) {
    const std::string& path = ts.units.source.path;
    if (layer.features.empty())
        throw DataError("the unit layer of tier " + ts.id + " has no features (an empty layer or a filter that keeps nothing)", Where{path, layer.name});
    std::vector<std::int64_t> empty;
    for (const auto& f : layer.features) {
        if (geom::as_multi_polygon(f.geometry).empty()) empty.push_back(f.id);
    }
    if (empty.empty()) return;
    const std::string what = std::to_string(empty.size()) + " of " + std::to_string(layer.features.size()) +
                             " unit features have no polygon geometry (empty, null or not a polygon): feature " + id_list(empty);
    if (!ts.units.skip_empty_geometry)
        throw DataError("tier " + ts.id + ": " + what + "; their people would vanish from the tier. Repair them, or set units.skip_empty_geometry = true in the plan to skip them with a warning",
                        Where{path, layer.name, empty.front()});
    if (empty.size() == layer.features.size())
        throw DataError("tier " + ts.id + ": no unit feature has a polygon geometry (" + what + ")", Where{path, layer.name});
    warnings.push_back("tier " + ts.id + ": " + what + " in " + path + " (layer " + layer.name + "): skipped (units.skip_empty_geometry = true)");
    std::erase_if(layer.features, [](const Feature& f) { return geom::as_multi_polygon(f.geometry).empty(); });
}

/// Units of a tier from a layer: one per feature, or dissolved by a field. Two features with one id
/// are refused (their figures would be merged or overwritten in every output keyed by the id).
std::vector<analysis::Unit> units_from_layer(const Layer& layer, const project::UnitsSpec& spec, const std::string& path) {
    std::vector<analysis::Unit> units;
    if (spec.dissolve_by.empty()) {
        std::map<std::string, std::int64_t> feature_of;
        for (const auto& f : layer.features) {
            analysis::Unit u;
            u.id = text_of(f, layer, spec.id_field);
            if (const auto [it, fresh] = feature_of.emplace(u.id, f.id); !fresh)
                throw DataError("duplicate unit id '" + u.id + "': features " + std::to_string(it->second) + " and " + std::to_string(f.id) +
                                    " both have it; unit ids must be unique within a tier (or dissolve them with dissolve_by)",
                                Where{path, layer.name, f.id, spec.id_field});
            u.name = spec.name_field.empty() ? u.id : text_of(f, layer, spec.name_field);
            u.geometry = geom::as_multi_polygon(f.geometry);
            units.push_back(std::move(u));
        }
        return units;
    }
    std::map<std::string, std::vector<MultiPolygon>> groups;
    std::map<std::string, std::string> names;
    std::vector<std::string> order;
    for (const auto& f : layer.features) {
        const std::string key = text_of(f, layer, spec.dissolve_by);
        if (!groups.count(key)) {
            order.push_back(key);
            names[key] = key;
        }
        groups[key].push_back(geom::as_multi_polygon(f.geometry));
    }
    for (const auto& key : order) units.push_back(analysis::Unit{key, names[key], geom::union_all(groups[key])});
    return units;
}

/// A dissolved tier's own layer: one feature per unit, keeping the first member's attributes, so that
/// a coarser tier can dissolve it again by a field that is constant within each unit.
Layer dissolved_layer(const Layer& layer, const std::string& field) {
    Layer out;
    out.name = layer.name + " dissolved by " + field;
    out.crs = layer.crs;
    out.fields = layer.fields;
    const auto idx = layer.field_index(field);
    if (!idx) throw UsageError("no field '" + field + "' to dissolve by", Where{{}, layer.name, {}, field});
    std::map<std::string, std::size_t> first;
    std::map<std::string, std::vector<MultiPolygon>> parts;
    for (const auto& f : layer.features) {
        const std::string key = as_text(f.values[*idx]);
        if (!first.count(key)) {
            first[key] = out.features.size();
            out.features.push_back(f);
        }
        parts[key].push_back(geom::as_multi_polygon(f.geometry));
    }
    for (const auto& [key, i] : first) out.features[i].geometry = geom::union_all(parts[key]);
    return out;
}

/// A tier's hubs each get catchment figures and output rows and, by straight line, a circle of
/// 4 x buffer_segments vertices in one GEOS union: refused up front when that would not fit.
void check_hub_memory(const project::Plan& plan, const project::TierSpec& ts, std::size_t hubs) {
    const bool straight = ts.reach.mode == "straight";
    const auto vertices = 4ull * static_cast<std::uint64_t>(std::max(plan.analysis.buffer_segments, 1));
    const std::uint64_t per_hub = memory_cost::per_hub_fixed + (straight ? vertices * memory_cost::per_circle_vertex : 0);
    const std::string segments = std::to_string(plan.analysis.buffer_segments);
    check_memory(static_cast<std::uint64_t>(hubs) * per_hub,
                 "tier " + ts.id + ": " + std::to_string(hubs) + " hubs" +
                     (straight ? ", each with a straight-line service area of " + std::to_string(vertices) + " vertices (analysis.buffer_segments = " + segments + "),"
                               : std::string()),
                 straight ? "Lower analysis.buffer_segments in the plan (32, the default, draws each circle within 0.040 % of its area, 16 within 0.16 %, 8 within 0.64 %), or give the tier fewer hubs (hub_kinds)"
                          : "Give the tier fewer hubs (hub_kinds, or a filtered facilities layer)",
                 Where{plan.file.string(), {}, {}, {}, ts.line});
}

}  // namespace

ModelInputs load_inputs(const project::Plan& plan, Progress& progress) {
    ModelInputs model;
    Reader reader{plan, model};
    report::InputProvenance* prov = nullptr;

    // Study area and working CRS.
    progress.note("study area: " + plan.study.boundary.path);
    Layer boundary = reader.read(plan.study.boundary, "boundary", prov);
    if (plan.study.working_crs.empty() || plan.study.working_crs == "auto") {
        const auto chosen = crs::working_crs_for(boundary);
        model.working_crs = chosen.definition();
        model.working_crs_reason = chosen.reason;
    } else {
        model.working_crs = plan.study.working_crs;
        model.working_crs_reason = "set in the plan";
    }
    reader.to_working(boundary);
    std::vector<MultiPolygon> parts;
    for (const auto& f : boundary.features) parts.push_back(geom::as_multi_polygon(f.geometry));
    model.input.study_area = geom::union_all(parts);
    if (plan.network.enabled) model.networks = std::make_unique<NetworkCosts>(plan.network, model.working_crs);
    if (model.input.study_area.empty()) throw DataError("the study boundary has no polygon", Where{plan.study.boundary.path, boundary.name});
    prov->features_used = static_cast<std::int64_t>(boundary.features.size());

    // Residents.
    progress.note("residents: " + plan.residents.source.path);
    const auto& rs = plan.residents;
    Layer residents = reader.read(rs.source, "residents", prov);
    report::InputProvenance* residents_prov = prov;
    reader.to_working(residents);
    std::string pop_field = rs.population_field, a65_field = rs.age65_field, a75_field = rs.age75_field;
    if (rs.census) {
        const auto table = io::read_estat_table(rs.census->table, rs.census->encoding);
        analysis::CensusJoinOptions join;
        join.key_field = rs.census->key_field;
        join.columns = {{rs.census->population, "keniki_pop_total"}};
        join.suppression = rs.census->suppression == project::CensusSuppression::split ? analysis::Suppression::split : analysis::Suppression::keep;
        join.split_field = rs.census->split_by == "area" ? "" : rs.census->split_by;
        if (!rs.census->age65.empty()) join.columns.push_back({rs.census->age65, "keniki_pop_65plus"});
        if (!rs.census->age75.empty()) join.columns.push_back({rs.census->age75, "keniki_pop_75plus"});
        const auto joined = analysis::join_census(residents, table, join);
        pop_field = "keniki_pop_total";
        a65_field = rs.census->age65.empty() ? "" : "keniki_pop_65plus";
        a75_field = rs.census->age75.empty() ? "" : "keniki_pop_75plus";
        report::InputProvenance p;
        p.role = "census table";
        p.path = rs.census->table;
        p.features_read = static_cast<std::int64_t>(table.rows.size());
        p.features_used = static_cast<std::int64_t>(joined.joined);
        p.notes.push_back("joined on " + join.key_field + ": " + std::to_string(joined.joined) + " areas");
        if (!joined.layer_keys_not_in_table.empty())
            p.notes.push_back(std::to_string(joined.layer_keys_not_in_table.size()) + " areas without a table row (no figures)");
        if (!joined.table_keys_not_in_layer.empty())
            p.notes.push_back(std::to_string(joined.table_keys_not_in_layer.size()) + " table rows without an area: their people are not counted");
        if (!joined.suppressed.empty()) {
            const bool split = join.suppression == analysis::Suppression::split;
            std::string list;
            for (const auto& s : joined.suppressed) {
                list += (list.empty() ? "" : "; ") + s.key + " " + s.name + " -> " + s.target + " " + s.target_name;
                if (split && !s.given.empty() && s.given[0]) list += " (" + std::to_string(std::llround(*s.given[0])) + " people)";
            }
            const std::string n = std::to_string(joined.suppressed.size());
            p.notes.push_back(n + " areas counted in another row (HTKSYORI 2), " +
                              (split ? "given their share of it by " + joined.split_by : std::string("given 0")));
            model.warnings.push_back(
                "census suppression (秘匿処理): " + n + " areas' people are counted in another row of " + rs.census->table + ": " + list +
                (split ? ". suppression = \"split\": each target row's figures are shared over it and its suppressed areas by " +
                             joined.split_by + ", in whole people; the totals do not change"
                       : ". suppression = \"keep\" (the table as published): those areas show 0 and their people are counted in "
                         "the target areas; residents.census.suppression = \"split\" shares them out by JINKO or by area"));
        }
        if (!joined.secret_cells.empty()) p.notes.push_back(std::to_string(joined.secret_cells.size()) + " secret (X) cells left empty");
        if (!joined.table_totals.empty() && joined.table_totals[0] && *joined.table_totals[0] != joined.joined_totals[0])
            model.warnings.push_back("census join: the areas add up to " + std::to_string(joined.joined_totals[0]) + " people, the table's city row says " +
                                     std::to_string(*joined.table_totals[0]));
        model.inputs.push_back(std::move(p));
        residents_prov = nullptr;
        for (auto& in : model.inputs) {
            if (in.role == "residents") residents_prov = &in;
        }
    }
    auto& res = model.input.residents;
    res.area_weighted = rs.kind == project::ResidentKind::polygons && rs.method == project::Apportionment::area_weighted;
    std::int64_t skipped_census = 0;
    std::vector<std::int64_t> no_geometry;
    for (const auto& f : residents.features) {
        if (is_empty(f.geometry)) {
            no_geometry.push_back(f.id);
            continue;
        }
        double pop = 0, a65 = 0, a75 = 0;
        if (rs.census) {
            // Areas without figures (not in the table, or secret) count as 0 and are listed in the provenance.
            const auto v = as_number(f.values[*residents.field_index(pop_field)]);
            if (!v) ++skipped_census;
            pop = v.value_or(0);
            if (!a65_field.empty()) a65 = as_number(f.values[*residents.field_index(a65_field)]).value_or(0);
            if (!a75_field.empty()) a75 = as_number(f.values[*residents.field_index(a75_field)]).value_or(0);
        } else {
            pop = weight_of(f, residents, pop_field, 1.0, rs.source.path);
            a65 = weight_of(f, residents, a65_field, 0.0, rs.source.path);
            a75 = weight_of(f, residents, a75_field, 0.0, rs.source.path);
        }
        Point at;
        if (rs.kind == project::ResidentKind::points) {
            if (const auto* p = std::get_if<Point>(&f.geometry)) at = *p;
            else if (const auto* mp = std::get_if<MultiPoint>(&f.geometry); mp && !mp->empty()) at = mp->front();
            else throw DataError("residents are declared as points but this feature is not a point", Where{rs.source.path, residents.name, f.id});
        } else {
            const MultiPolygon poly = geom::as_multi_polygon(f.geometry);
            if (poly.empty()) throw DataError("residents are declared as polygons but this feature is not a polygon", Where{rs.source.path, residents.name, f.id});
            at = geom::interior_point(poly);
            res.polygons.push_back(poly);  // kept for either method: scenarios share losses by area
        }
        res.points.push_back(at);
        res.population.push_back(pop);
        res.age65.push_back(a65);
        res.age75.push_back(a75);
        res.source_id.push_back(f.id);
        if (!rs.label_field.empty()) res.labels.push_back(text_of(f, residents, rs.label_field));
    }
    if (res.size() == 0)
        throw DataError(residents.features.empty() ? "no residents: the layer has no features (a header without rows, or a filter that keeps nothing)"
                                                   : "no residents: none of the " + std::to_string(residents.features.size()) + " features has a geometry",
                        Where{rs.source.path, residents.name});
    if (!no_geometry.empty())
        model.warnings.push_back(std::to_string(no_geometry.size()) + " of " + std::to_string(residents.features.size()) +
                                 " resident features have no geometry and are not counted: feature " + id_list(no_geometry) + " in " + rs.source.path);
    if (residents_prov) {
        residents_prov->features_used = static_cast<std::int64_t>(res.size());
        if (skipped_census) residents_prov->notes.push_back(std::to_string(skipped_census) + " areas without census figures counted as 0");
    }

    // Facilities.
    std::map<std::string, std::vector<std::int32_t>> facilities_of;
    // Supply figures the [[access]] indices ask for: field -> facility index -> value.
    std::map<std::string, std::map<std::int32_t, double>> supply_of;
    std::map<std::string, std::map<std::int32_t, Where>> bad_supply;  // empty, negative or not a number
    for (const auto& fs : plan.facilities) {
        progress.note("facilities " + fs.id + ": " + fs.source.path);
        Layer layer = reader.read(fs.source, "facilities:" + fs.id, prov);
        reader.to_working(layer);
        std::vector<std::pair<std::string, std::size_t>> supply_fields;
        for (const auto& a : plan.access) {
            if (a.supply_field.empty()) continue;
            bool mine = a.facilities == fs.id;
            for (const auto& ts : plan.tiers)
                if (ts.id == a.tier && (ts.facilities.empty() ? plan.facilities.front().id : ts.facilities) == fs.id) mine = true;
            {
                if (!mine) continue;
                const auto idx = layer.field_index(a.supply_field);
                if (!idx)
                    throw UsageError("access '" + a.id + "': supply_field '" + a.supply_field + "' is not a field of the facilities layer" +
                                         fields_text(layer),
                                     Where{fs.source.path, layer.name, {}, a.supply_field, plan.line_of("access", a.line)});
                supply_fields.emplace_back(a.supply_field, *idx);
            }
        }
        std::int64_t used = 0;
        no_geometry.clear();
        for (const auto& f : layer.features) {
            const std::optional<Point> place = geom::place_of(f.geometry);
            if (!place) {
                no_geometry.push_back(f.id);  // named in a warning below
                continue;
            }
            const Point at = *place;
            analysis::Facility fac;
            fac.id = text_of(f, layer, fs.id_field);
            fac.name = fs.name_field.empty() ? fac.id : text_of(f, layer, fs.name_field);
            fac.kind = fs.kind_field.empty() ? "" : text_of(f, layer, fs.kind_field);
            fac.source = fs.id;
            fac.location = at;
            for (const auto& [field, idx] : supply_fields) {
                // Checked where an index uses the facility as a hub (other facilities may leave it empty).
                const auto v = as_number(f.values[idx]);
                const auto at = static_cast<std::int32_t>(model.input.facilities.size());
                supply_of[field][at] = v && *v >= 0 && !std::isinf(*v) ? *v : std::nan("");
                if (std::isnan(supply_of[field][at]))
                    bad_supply[field][at] = Where{fs.source.path, layer.name, f.id, field};
            }
            facilities_of[fs.id].push_back(static_cast<std::int32_t>(model.input.facilities.size()));
            model.input.facilities.push_back(std::move(fac));
            ++used;
        }
        prov->features_used = used;
        if (!no_geometry.empty())
            model.warnings.push_back("facilities " + fs.id + ": " + std::to_string(no_geometry.size()) + " of " + std::to_string(layer.features.size()) +
                                     " features have no geometry and are not used: feature " + id_list(no_geometry) + " in " + fs.source.path);
    }

    // Tiers: finest first, so that a coarser tier can dissolve a finer one.
    model.input.tiers.resize(plan.tiers.size());
    std::map<std::string, Layer> tier_layers;
    for (std::size_t k = plan.tiers.size(); k-- > 0;) {
        const project::TierSpec& ts = plan.tiers[k];
        analysis::TierInput& tier = model.input.tiers[k];
        tier.id = ts.id;
        tier.name = ts.name;
        tier.name_en = ts.name_en;
        switch (ts.units.from) {
            case project::UnitsSpec::From::boundary:
                tier.units.push_back(analysis::Unit{ts.id,
                                                    plan.study.name.empty() ? ts.name : plan.study.name, model.input.study_area});
                break;
            case project::UnitsSpec::From::layer: {
                Layer layer = reader.read(ts.units.source, "units:" + ts.id, prov);
                check_unit_features(layer, ts, model.warnings);
                reader.to_working(layer);
                tier.units = units_from_layer(layer, ts.units, ts.units.source.path);
                prov->features_used = static_cast<std::int64_t>(layer.features.size());
                tier_layers[ts.id] = ts.units.dissolve_by.empty() ? std::move(layer) : dissolved_layer(layer, ts.units.dissolve_by);
                break;
            }
            case project::UnitsSpec::From::tier: {
                const auto it = tier_layers.find(ts.units.tier);
                if (it == tier_layers.end())
                    throw UsageError("tier " + ts.id + " dissolves tier " + ts.units.tier + ", which is not built from a layer",
                                     Where{plan.file.string(), {}, {}, {}, ts.units.line});
                project::UnitsSpec spec = ts.units;
                std::string finer_path;
                for (const auto& other : plan.tiers) {
                    if (other.id == ts.units.tier) finer_path = other.units.source.path;
                }
                tier.units = units_from_layer(it->second, spec, finer_path);
                tier_layers[ts.id] = dissolved_layer(it->second, spec.dissolve_by);
                break;
            }
        }
        // Hubs of this tier: the facilities of the named entry whose kind is one of the hub kinds.
        const std::string fac_id = !ts.facilities.empty() ? ts.facilities : (plan.facilities.empty() ? "" : plan.facilities.front().id);
        std::set<std::string> kinds(ts.hub_kinds.begin(), ts.hub_kinds.end()), seen;
        for (const auto i : facilities_of[fac_id]) {
            const auto& fac = model.input.facilities[static_cast<std::size_t>(i)];
            seen.insert(fac.kind);
            if (kinds.count(fac.kind)) tier.hubs.push_back(i);
        }
        if (tier.hubs.empty()) {
            std::string available;
            for (const auto& s : seen) available += (available.empty() ? "" : ", ") + s;
            throw DataError("tier " + ts.id + ": no facility of kind " + (ts.hub_kinds.empty() ? std::string("(none given)") : ts.hub_kinds.front()) +
                                (ts.hub_kinds.size() > 1 ? " (or the other hub kinds)" : "") + " in facilities '" + fac_id + "'; kinds found: " + available,
                            Where{plan.file.string(), {}, {}, {}, ts.line});
        }
        check_hub_memory(plan, ts, tier.hubs.size());
        if (ts.reach.mode == "straight") {
            model.costs.push_back(analysis::make_straight_line_cost(plan.analysis.buffer_segments));
            tier.reach = ts.reach.metres;
        } else if (ts.reach.mode == "transit") {
            progress.note("timetables of " + std::to_string(plan.transport.gtfs.size()) + " GTFS feeds for tier " + ts.id);
            model.costs.push_back(detail::transit_cost(plan, ts.reach, detail::TransitRequest{plan.transport.gtfs, {}, std::nullopt}, model));
            tier.reach = ts.reach.minutes;
        } else {
            progress.note("road network (" + ts.reach.mode + (ts.reach.elderly ? ", elderly" : "") + ") for tier " + ts.id);
            model.costs.push_back(model.networks->minutes(ts.reach.mode, ts.reach.elderly));
            tier.reach = ts.reach.minutes;
        }
        tier.cost = model.costs.back().get();
    }
    model.input.options.nesting_tolerance = plan.analysis.nesting_tolerance;
    // Access indices: the tier's hubs, their supply and the catchment's cost model.
    for (const auto& a : plan.access) {
        AccessInput in;
        in.spec = &a;
        for (std::size_t t = 0; t < plan.tiers.size(); ++t)
            if (!a.tier.empty() && plan.tiers[t].id == a.tier) in.tier = t;
        if (in.tier) {
            in.hubs = model.input.tiers[*in.tier].hubs;
        } else {
            const std::set<std::string> kinds(a.hub_kinds.begin(), a.hub_kinds.end());
            for (const auto i : facilities_of[a.facilities])
                if (kinds.count(model.input.facilities[static_cast<std::size_t>(i)].kind)) in.hubs.push_back(i);
            if (in.hubs.empty())
                throw DataError("access " + a.id + ": no facility of the kinds " + a.hub_kinds.front() + (a.hub_kinds.size() > 1 ? " ..." : "") +
                                    " in facilities '" + a.facilities + "'",
                                Where{plan.file.string(), {}, {}, {}, a.line});
        }
        for (const auto h : in.hubs) {
            const double v = a.supply_field.empty() ? 1.0 : supply_of[a.supply_field].at(h);
            if (std::isnan(v))
                throw DataError("access " + a.id + ": the supply (" + a.supply_field + ") of hub '" + model.input.facilities[static_cast<std::size_t>(h)].name +
                                    "' is empty or not a number >= 0: every hub of the index needs one",
                                bad_supply[a.supply_field].at(h));
            in.supply.push_back(v);
        }
        const project::ReachSpec& reach = a.catchment ? *a.catchment : plan.tiers[*in.tier].reach;
        if (reach.mode == "straight") {
            model.costs.push_back(analysis::make_straight_line_cost(plan.analysis.buffer_segments));
            in.catchment = reach.metres;
            in.catchment_text = "straight line " + number_text(reach.metres) + " m";
        } else if (reach.mode == "transit") {
            model.costs.push_back(detail::transit_cost(plan, reach, detail::TransitRequest{plan.transport.gtfs, {}, std::nullopt}, model));
            in.catchment = reach.minutes;
            in.catchment_text = "transit " + number_text(reach.minutes) + " min door to door, round trip " + reach.window + " home by " + reach.home_by;
        } else {
            progress.note("road network (" + reach.mode + (reach.elderly ? ", elderly" : "") + ") for access " + a.id);
            model.costs.push_back(model.networks->minutes(reach.mode, reach.elderly));
            in.catchment = reach.minutes;
            in.catchment_text = reach.mode + " " + number_text(reach.minutes) + " min" + (reach.elderly ? " (elderly pace)" : "");
        }
        in.cost = model.costs.back().get();
        model.access.push_back(std::move(in));
    }
    if (model.networks) {
        for (auto& p : model.networks->provenance()) model.inputs.push_back(std::move(p));
    }
    return model;
}

}  // namespace keniki::pipeline
