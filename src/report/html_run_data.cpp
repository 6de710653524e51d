#include "keniki/report/html_run_data.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/read_layer.hpp"

namespace keniki::report::html {

namespace fs = std::filesystem;

namespace {

/// Where the layers come from: the GeoPackage (working CRS) when there is one, else the GeoJSON
/// files (lon/lat), transformed to the working CRS.
class LayerSource {
public:
    LayerSource(const fs::path& dir, std::string working_crs) : m_dir(dir), m_working(std::move(working_crs)) {
        const fs::path gpkg = dir / "keniki.gpkg";
        if (fs::exists(gpkg)) {
            m_gpkg = gpkg.string();
            for (const auto& name : io::list_layers(m_gpkg)) m_names.push_back(name);
        } else {
            for (const auto& e : fs::directory_iterator(dir)) {
                if (e.path().extension() == ".geojson") m_names.push_back(e.path().stem().string());
            }
        }
    }
    bool geopackage() const { return !m_gpkg.empty(); }
    bool has(const std::string& name) const { return std::find(m_names.begin(), m_names.end(), name) != m_names.end(); }

    std::optional<Layer> read(const std::string& name) const {
        if (!has(name)) return std::nullopt;
        io::ReadOptions options;
        options.layer = name;
        if (geopackage()) {
            Layer l = io::read_layer(m_gpkg, options);
            l.name = name;
            return l;
        }
        Layer l = io::read_layer((m_dir / (name + ".geojson")).string(), options);
        l.name = name;
        if (!m_working.empty() && !l.crs.empty()) {
            const crs::Transformer t(l.crs, m_working);
            for (auto& f : l.features) crs::transform(f.geometry, t);
            l.crs = m_working;
        }
        return l;
    }

private:
    fs::path m_dir;
    std::string m_working;
    std::string m_gpkg;
    std::vector<std::string> m_names;
};

}  // namespace

std::string text_of(const Layer& layer, const Feature& f, std::string_view name) {
    const auto i = layer.field_index(name);
    if (!i || *i >= f.values.size()) return {};
    return keniki::as_text(f.values[*i]);
}

RunData load_run(const std::string& dir_text) {
    RunData run;
    run.dir = fs::path(dir_text);
    if (!fs::is_directory(run.dir)) throw UsageError("keniki report: " + dir_text + " is not a directory (give the --out DIR of a run)");
    const fs::path summary_path = run.dir / "summary.json";
    if (!fs::exists(summary_path))
        throw UsageError("keniki report: " + summary_path.string() + " is missing (give the --out DIR of a run)");
    {
        std::ifstream in(summary_path, std::ios::binary);
        try {
            run.summary = nlohmann::ordered_json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            throw DataError(std::string("summary.json cannot be read: ") + e.what(), Where{summary_path.string()});
        }
    }
    if (!run.summary.is_object() || !run.summary.contains("tiers") || !run.summary["tiers"].is_array())
        throw DataError("summary.json has no \"tiers\": not the summary of a keniki run", Where{summary_path.string()});
    if (run.summary.contains("working_crs") && run.summary["working_crs"].is_object())
        run.working_crs = run.summary["working_crs"].value("definition", "");

    for (const auto& e : fs::directory_iterator(run.dir)) {
        if (e.is_regular_file() && e.path().extension() == ".geojson") run.geojson_files.push_back(e.path().filename().string());
    }
    std::sort(run.geojson_files.begin(), run.geojson_files.end());

    const LayerSource source(run.dir, run.working_crs);
    run.layers_from = source.geopackage() ? "keniki.gpkg" : "GeoJSON";
    for (const auto& jt : run.summary["tiers"]) {
        TierLayers t;
        t.id = jt.value("id", "");
        if (auto l = source.read("units_" + t.id)) t.units = std::move(*l);
        if (auto l = source.read("service_area_" + t.id)) t.service_area = std::move(*l);
        if (auto l = source.read("gaps_" + t.id)) t.gaps = std::move(*l);
        std::map<std::string, std::size_t> by_id;
        if (const auto col = t.units.field_index("unit_id")) {
            for (std::size_t i = 0; i < t.units.features.size(); ++i) by_id.emplace(keniki::as_text(t.units.features[i].values[*col]), i);
        }
        if (jt.contains("units") && jt["units"].is_array()) {
            for (const auto& ju : jt["units"]) {
                const auto it = by_id.find(ju.value("unit_id", ""));
                t.unit_feature.push_back(it == by_id.end() ? std::nullopt : std::optional<std::size_t>(it->second));
            }
        }
        run.tiers.push_back(std::move(t));
    }
    if (auto l = source.read("hubs")) run.hubs = std::move(*l);
    run.transport_zones = source.read("transport_zones");
    run.stops = source.read("stops");
    run.stations = source.read("stations");
    return run;
}

}  // namespace keniki::report::html
