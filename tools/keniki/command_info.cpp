// keniki info PATH [--layer NAME] [--json]: what a dataset holds, and what keniki would make of it.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/core/error.hpp"
#include "keniki/crs/study_area_hint.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/crs/working_crs.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/io/read_layer.hpp"

namespace keniki::cli {

namespace {

constexpr std::size_t k_listed_ids = 20;  // ids listed per problem in text output (JSON lists all)

struct LayerFacts {
    std::string name;
    io::ReadReport read;
    std::int64_t feature_count = 0;
    std::vector<Field> fields;
    std::string crs_definition;
    std::optional<int> crs_epsg;
    std::string crs_name;
    std::optional<Box> extent_lonlat;
    std::optional<crs::WorkingCrs> working;
    std::string working_problem;
    std::vector<geom::InvalidFeature> invalid;
    std::vector<std::string> problems;  ///< other problems, in words
};

LayerFacts collect(const std::string& path, const std::string& layer_name, const io::ReadOptions& base) {
    LayerFacts facts;
    io::ReadOptions options = base;
    options.layer = layer_name;
    Layer layer = io::read_layer(path, options, &facts.read);
    facts.name = layer.name;
    facts.feature_count = static_cast<std::int64_t>(layer.features.size());
    facts.fields = layer.fields;
    facts.crs_definition = layer.crs;

    const bool has_geometry = facts.read.declared_geometry != "None";
    bool geographic = false;
    if (!layer.crs.empty()) {
        facts.crs_epsg = crs::epsg_code(layer.crs);
        facts.crs_name = crs::crs_name(layer.crs);
        geographic = crs::is_geographic(layer.crs);
    } else if (has_geometry) {
        const auto box = crs::lonlat_extent(layer);
        if (box && box->min_corner().x() >= -180 && box->max_corner().x() <= 180 && box->min_corner().y() >= -90 &&
            box->max_corner().y() <= 90) {
            geographic = true;
            facts.problems.push_back("no CRS declared; the coordinates look like longitude/latitude (assumed EPSG:4326)");
            layer.crs = "EPSG:4326";
        } else {
            facts.problems.push_back("no CRS declared and the coordinates are not longitude/latitude: the layer cannot be placed");
        }
    }
    if (has_geometry && !layer.crs.empty()) {
        facts.extent_lonlat = geographic ? crs::lonlat_extent(layer) : crs::lonlat_extent_of(layer);
        if (facts.extent_lonlat) {
            const auto& b = *facts.extent_lonlat;
            if (b.min_corner().x() < -180 || b.max_corner().x() > 180 || b.min_corner().y() < -90 || b.max_corner().y() > 90) {
                facts.problems.push_back("coordinates out of longitude/latitude range for a geographic CRS (axes swapped?)");
            } else {
                try {
                    facts.working = crs::working_crs_for(layer);
                } catch (const DataError& e) {
                    facts.working_problem = e.message();
                }
            }
        }
    }
    facts.invalid = geom::find_invalid(layer);
    if (!facts.read.empty_geometry_ids.empty() && has_geometry)
        facts.problems.push_back(std::to_string(facts.read.empty_geometry_ids.size()) + " features without geometry");
    return facts;
}

std::string format_number(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < k_listed_ids; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
    if (ids.size() > k_listed_ids) out += ", ... (" + std::to_string(ids.size() - k_listed_ids) + " more; --json lists all)";
    return out;
}

void print_text(std::ostream& out, const std::string& path, const std::vector<LayerFacts>& layers) {
    out << path << ": " << layers.size() << (layers.size() == 1 ? " layer\n" : " layers\n");
    for (const auto& f : layers) {
        out << "\nlayer " << f.name << "\n";
        out << "  driver:            " << f.read.driver << "\n";
        out << "  geometry type:     " << f.read.declared_geometry << "\n";
        out << "  features:          " << f.feature_count << "\n";
        if (!f.read.x_field.empty()) out << "  coordinates from:  " << f.read.x_field << ", " << f.read.y_field << "\n";
        out << "  source CRS:        ";
        if (f.crs_definition.empty()) out << "none declared\n";
        else out << (f.crs_epsg ? "EPSG:" + std::to_string(*f.crs_epsg) : std::string("(no EPSG code)")) << " " << f.crs_name << "\n";
        if (f.extent_lonlat) {
            const auto& b = *f.extent_lonlat;
            out << "  extent (lon/lat):  " << format_number(b.min_corner().x(), 6) << ", " << format_number(b.min_corner().y(), 6)
                << " - " << format_number(b.max_corner().x(), 6) << ", " << format_number(b.max_corner().y(), 6) << "\n";
        }
        if (f.working) out << "  working CRS:       EPSG:" << f.working->epsg << " " << f.working->name << " (" << f.working->reason << ")\n";
        else if (!f.working_problem.empty()) out << "  working CRS:       not chosen: " << f.working_problem << "\n";
        if (!f.read.encoding.empty()) out << "  text encoding:     " << f.read.encoding << " (" << f.read.encoding_source << ")\n";
        out << "  fields (" << f.fields.size() << "):\n";
        for (const auto& field : f.fields) out << "    " << field.name << ": " << to_string(field.type) << "\n";
        for (const auto& n : f.read.notes) out << "  note: " << n << "\n";
        const bool clean = f.invalid.empty() && f.problems.empty() && f.read.empty_geometry_ids.empty();
        out << "  problems:          " << (clean ? "none found" : "") << "\n";
        if (!f.invalid.empty()) {
            out << "    " << f.invalid.size() << " invalid geometries (repair with GEOS MakeValid when asked):\n";
            for (std::size_t i = 0; i < f.invalid.size() && i < k_listed_ids; ++i)
                out << "      feature " << f.invalid[i].id << ": " << f.invalid[i].reason << "\n";
            if (f.invalid.size() > k_listed_ids) out << "      ... " << f.invalid.size() - k_listed_ids << " more (--json lists all)\n";
        }
        for (const auto& p : f.problems) out << "    " << p << "\n";
        if (!f.read.empty_geometry_ids.empty() && f.read.declared_geometry != "None")
            out << "    empty geometries: features " << id_list(f.read.empty_geometry_ids) << "\n";
    }
}

nlohmann::ordered_json to_json(const std::string& path, const std::vector<LayerFacts>& layers) {
    using json = nlohmann::ordered_json;
    json doc;
    doc["path"] = path;
    doc["layers"] = json::array();
    for (const auto& f : layers) {
        json l;
        l["name"] = f.name;
        l["driver"] = f.read.driver;
        l["geometry_type"] = f.read.declared_geometry;
        l["feature_count"] = f.feature_count;
        if (!f.read.x_field.empty()) l["coordinate_fields"] = {f.read.x_field, f.read.y_field};
        json src;
        src["epsg"] = f.crs_epsg ? json(*f.crs_epsg) : json(nullptr);
        src["name"] = f.crs_name.empty() ? json(nullptr) : json(f.crs_name);
        src["definition"] = f.crs_definition.empty() ? json(nullptr) : json(f.crs_definition);
        l["source_crs"] = src;
        if (f.extent_lonlat) {
            const auto& b = *f.extent_lonlat;
            l["extent_lonlat"] = {b.min_corner().x(), b.min_corner().y(), b.max_corner().x(), b.max_corner().y()};
        } else {
            l["extent_lonlat"] = nullptr;
        }
        if (f.working) l["working_crs"] = {{"epsg", f.working->epsg}, {"name", f.working->name}, {"reason", f.working->reason}};
        else l["working_crs"] = nullptr;
        l["encoding"] = {{"name", f.read.encoding}, {"source", f.read.encoding_source}};
        l["fields"] = json::array();
        for (const auto& field : f.fields) l["fields"].push_back({{"name", field.name}, {"type", to_string(field.type)}});
        json problems;
        problems["invalid_geometries"] = json::array();
        for (const auto& inv : f.invalid) problems["invalid_geometries"].push_back({{"id", inv.id}, {"reason", inv.reason}});
        problems["empty_geometries"] = f.read.declared_geometry == "None" ? json::array() : json(f.read.empty_geometry_ids);
        problems["other"] = f.problems;
        if (!f.working_problem.empty()) problems["other"].push_back(f.working_problem);
        l["problems"] = problems;
        l["notes"] = f.read.notes;
        doc["layers"].push_back(l);
    }
    return doc;
}

int run_info(const std::vector<std::string>& argv) {
    const Args args(argv, {"layer", "where", "encoding", "x-field", "y-field", "csv-crs"}, {"json", "strict"}, "info");
    args.expect_positionals(1, "one dataset path: keniki info PATH [--layer NAME] [--json]");
    const std::string path = args.positionals()[0];
    io::ReadOptions options;
    options.where = args.value_or("where", "");
    options.encoding = args.value_or("encoding", "");
    options.x_field = args.value_or("x-field", "");
    options.y_field = args.value_or("y-field", "");
    options.csv_crs = args.value_or("csv-crs", "");

    std::vector<std::string> names;
    if (auto layer = args.value("layer")) names.push_back(*layer);
    else names = io::list_layers(path);

    std::vector<LayerFacts> facts;
    for (const auto& name : names) facts.push_back(collect(path, name, options));

    if (args.flag("json")) std::cout << to_json(path, facts).dump(2) << "\n";
    else print_text(std::cout, path, facts);

    if (args.flag("strict")) {
        for (const auto& f : facts) {
            if (!f.invalid.empty() || !f.problems.empty()) return 1;
        }
    }
    return 0;
}

}  // namespace

Command make_info_command() {
    return Command{
        "info",
        "describe a dataset: layers, features, CRS, extent, working CRS, fields, problems",
        "usage: keniki info PATH [--layer NAME] [--json] [--strict]\n"
        "                   [--where EXPR] [--encoding auto|utf-8|cp932] [--x-field F --y-field F] [--csv-crs CRS]\n\n"
        "Describes every layer of PATH (or only --layer NAME): driver, geometry type, feature count, source CRS,\n"
        "extent in lon/lat, the working CRS keniki would choose, text encoding, fields and types, and problems\n"
        "found (invalid geometries with their ids, empty geometries, missing CRS).\n"
        "PATH may be any OGR dataset (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, OSM PBF, 'PG:...' strings),\n"
        "a CSV with coordinate columns (lon/lat, longitude/latitude, 経度/緯度, x/y; UTF-8 or CP932), or a GTFS\n"
        "feed (zip or folder; its stops).\n\n"
        "  --json      one JSON document with the same facts, for scripts\n"
        "  --strict    exit 1 when a problem is found (invalid geometries, no CRS, ...)\n"
        "  --where     OGR attribute filter, e.g. \"kind = 'salon'\"\n"
        "Exit codes: 0 ok, 1 the data cannot be read as it is, 2 usage error (missing file, unknown layer).\n",
        run_info};
}

}  // namespace keniki::cli
