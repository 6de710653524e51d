// describe_plan: the resolved plan as TOML, every default written out. The text loads again as the
// same plan (paths are absolute by then).

#include <charconv>
#include <cstdio>

#include "keniki/geom/circle.hpp"
#include "keniki/project/plan.hpp"

namespace keniki::project {

namespace {

/// A TOML basic string.
std::string str(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (u < 0x20 || u == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(u));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string num(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

std::string boolean(bool b) { return b ? "true" : "false"; }

std::string layer_ref(const LayerRef& r) {
    std::string out = "{ path = " + str(r.path);
    if (!r.layer.empty()) out += ", layer = " + str(r.layer);
    if (!r.where.empty()) out += ", where = " + str(r.where);
    if (!r.encoding.empty()) out += ", encoding = " + str(r.encoding);
    if (!r.x_field.empty()) out += ", x_field = " + str(r.x_field);
    if (!r.y_field.empty()) out += ", y_field = " + str(r.y_field);
    return out + " }";
}

std::string units(const UnitsSpec& u) {
    std::string out;
    switch (u.from) {
        case UnitsSpec::From::boundary: return "{ from = \"boundary\" }";
        case UnitsSpec::From::layer: out = "{ from = \"layer\", source = " + layer_ref(u.source); break;
        case UnitsSpec::From::tier: out = "{ from = \"tier\", tier = " + str(u.tier); break;
    }
    if (!u.id_field.empty()) out += ", id_field = " + str(u.id_field);
    if (!u.name_field.empty()) out += ", name_field = " + str(u.name_field);
    if (!u.dissolve_by.empty()) out += ", dissolve_by = " + str(u.dissolve_by);
    return out + " }";
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + str(items[i]);
    return out + "]";
}

std::string csv_encoding_value(const std::string& e) {
    if (e == "UTF-8-BOM") return "utf-8-bom";
    if (e == "UTF-8") return "utf-8";
    if (e == "CP932") return "cp932";
    return e;
}

}  // namespace

std::string describe_plan(const Plan& plan) {
    std::string out;
    const auto line = [&out](const std::string& text) { out += text + "\n"; };
    line("# " + plan.file.string() + " as keniki reads it: paths resolved, every default written out.");
    line("");
    line("[study]");
    line("name = " + str(plan.study.name));
    line("boundary = " + layer_ref(plan.study.boundary));
    line("working_crs = " + str(plan.study.working_crs));
    line("");

    const ResidentsSpec& r = plan.residents;
    line("[residents]");
    line("source = " + layer_ref(r.source));
    const bool polygons = r.kind == ResidentKind::polygons;
    line(std::string("kind = ") + (polygons ? "\"polygons\"" : "\"points\""));
    if (polygons) line(std::string("method = ") + (r.method == Apportionment::centroid ? "\"centroid\"" : "\"area_weighted\""));
    line("population_field = " + str(r.population_field) + (r.population_field.empty() && !r.census ? "  # each feature is one person" : ""));
    line("age65_field = " + str(r.age65_field));
    line("age75_field = " + str(r.age75_field));
    line("label_field = " + str(r.label_field));
    if (r.census) {
        const CensusSpec& c = *r.census;
        line("");
        line("[residents.census]");
        line("table = " + str(c.table));
        line("key_field = " + str(c.key_field));
        line("population = " + str(c.population));
        line("age65 = " + str(c.age65));
        line("age75 = " + str(c.age75));
        line("encoding = " + str(c.encoding) + (c.encoding.empty() ? "  # detect" : ""));
        if (c.suppression == CensusSuppression::split) {
            line("suppression = \"split\"  # areas counted in another row (HTKSYORI 2) get their share of it");
            line("split_by = " + str(c.split_by));
        } else {
            line("suppression = \"keep\"  # areas counted in another row (HTKSYORI 2) get 0, as published");
        }
    }

    for (const auto& f : plan.facilities) {
        line("");
        line("[[facilities]]");
        line("id = " + str(f.id));
        line("source = " + layer_ref(f.source));
        line("kind_field = " + str(f.kind_field));
        line("name_field = " + str(f.name_field));
        line("id_field = " + str(f.id_field) + (f.id_field.empty() ? "  # the feature id" : ""));
    }

    for (const auto& t : plan.tiers) {
        line("");
        line("[[tiers]]");
        line("id = " + str(t.id));
        line("name = " + str(t.name));
        line("name_en = " + str(t.name_en));
        line("units = " + units(t.units));
        line("hub_kinds = " + list(t.hub_kinds));
        line("facilities = " + str(t.facilities));
        std::string reach = "{ mode = " + str(t.reach.mode);
        if (t.reach.mode == "straight") reach += ", metres = " + num(t.reach.metres);
        else reach += ", minutes = " + num(t.reach.minutes);
        if (t.reach.elderly) reach += ", elderly = true";
        if (t.reach.mode == "transit")
            reach += ", window = " + str(t.reach.window) + ", home_by = " + str(t.reach.home_by) + ", max_transfers = " + std::to_string(t.reach.max_transfers) +
                     ", stay_minutes = " + num(t.reach.stay_minutes) + ", max_walk_m = " + num(t.reach.max_walk_m) + ", transfer_m = " + num(t.reach.transfer_m) +
                     ", walk_detour = " + num(t.reach.walk_detour);
        line("reach = " + reach + " }");
    }

    line("");
    line("[output]");
    line("geojson = " + boolean(plan.output.geojson));
    line("geopackage = " + boolean(plan.output.geopackage));
    line("csv = " + boolean(plan.output.csv));
    line("residents = " + boolean(plan.output.residents));
    line("csv_encoding = " + str(csv_encoding_value(plan.output.csv_encoding)));
    line("lang = " + str(plan.output.lang));
    line("");
    line("[analysis]");
    line("nesting_tolerance = " + num(plan.analysis.nesting_tolerance));
    char shortfall[32];
    std::snprintf(shortfall, sizeof shortfall, "%.3f", geom::circle_area_shortfall(plan.analysis.buffer_segments) * 100);
    line("buffer_segments = " + std::to_string(plan.analysis.buffer_segments) + "  # per quarter circle: each circle's area " + shortfall +
         " % short of pi r^2");
    return out;
}

}  // namespace keniki::project
