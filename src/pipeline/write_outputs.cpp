#include "keniki/pipeline/write_outputs.hpp"

#include <filesystem>
#include <fstream>

#include "keniki/core/error.hpp"
#include "keniki/core/output_path.hpp"
#include "keniki/core/staged_dir.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/write_layer.hpp"
#include "keniki/report/html_report.hpp"
#include "keniki/report/output_layers.hpp"
#include "keniki/report/run_summary.hpp"

namespace keniki::pipeline {

namespace fs = std::filesystem;

namespace {

/// The layers, tables and summary.json into `staging`.
std::vector<std::string> write_files(const fs::path& staging, const report::OutputLayers& layers, const nlohmann::ordered_json& summary,
                                     const OutputOptions& options) {
    std::vector<std::string> written;
    const std::vector<const Layer*> all = layers.all();
    if (options.geojson) {
        for (const Layer* l : all) {
            const std::string name = l->name + ".geojson";
            io::write_layer((staging / name).string(), crs::reprojected(*l, "EPSG:4326"));
            written.push_back(name);
        }
    }
    if (options.geopackage) {
        io::write_geopackage((staging / "keniki.gpkg").string(), all);
        written.push_back("keniki.gpkg");
    }
    if (options.csv) {
        io::WriteOptions csv;
        csv.csv_encoding = options.csv_encoding;
        csv.csv_geometry = false;
        for (const Layer* l : layers.tables()) {
            const std::string name = l->name + ".csv";
            io::write_layer((staging / name).string(), *l, csv);
            written.push_back(name);
        }
    }
    std::ofstream out(staging / "summary.json");
    out << summary.dump(2) << "\n";
    if (!out) throw DataError("cannot write summary.json", Where{(staging / "summary.json").string()});
    written.push_back("summary.json");
    out.close();
    return written;
}

}  // namespace

OutputOptions output_options(const project::Plan& plan) {
    OutputOptions o;
    o.geojson = plan.output.geojson;
    o.geopackage = plan.output.geopackage;
    o.csv = plan.output.csv;
    o.residents = plan.output.residents;
    o.csv_encoding = plan.output.csv_encoding;
    o.lang = plan.output.lang;
    return o;
}

Written write(const project::Plan& plan, const ModelInputs& inputs, const Results& results, const std::string& dir, const OutputOptions& options,
              Progress& progress) {
    progress.stage("writing outputs");
    report::RunContext context;
    context.plan_file = plan.file.string();
    context.study_name = plan.study.name;
    context.working_crs = inputs.working_crs;
    context.working_crs_reason = inputs.working_crs_reason;
    context.keniki_version = KENIKI_VERSION;
    context.inputs = inputs.inputs;
    context.warnings = results.warnings;
    auto summary = report::build_summary(inputs.input, results.model, context);
    report::LayerOptions layer_options;
    layer_options.residents = options.residents;
    auto layers = report::build_output_layers(inputs.input, results.model, inputs.working_crs, layer_options);
    if (results.siting) {
        report::add_siting_layers(layers, results.model, *results.siting, inputs.working_crs);
        report::add_siting_summary(summary, results.model, *results.siting);
    }
    if (!results.access.empty()) {
        report::add_access_layers(layers, inputs.input, results.model, results.access);
        report::add_access_summary(summary, inputs.input, results.model, results.access);
    }
    if (!results.transit.empty()) {
        report::add_transit_layers(layers, results.model, results.transit);
        report::add_transit_summary(summary, results.model, results.transit);
    }
    if (results.transport) {
        report::add_transport_layers(layers, inputs.input, results.model, *results.transport, inputs.working_crs);
        report::add_transport_summary(summary, inputs.input, results.model, *results.transport);
    }
    // Scenarios that edit hubs: their units layers as scenario_<id>_units_<tier>, and their totals.
    for (const auto& sc : results.hub_scenarios) {
        report::LayerOptions o;
        o.residents = false;
        auto sc_layers = report::build_output_layers(sc.input, sc.model, inputs.working_crs, o);
        if (!sc.access.empty()) report::add_access_layers(sc_layers, sc.input, sc.model, sc.access);
        nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
        for (std::size_t t = 0; t < sc_layers.units.size(); ++t) {
            sc_layers.units[t].name = "scenario_" + sc.id + "_" + sc_layers.units[t].name;
            layers.extra.push_back(std::move(sc_layers.units[t]));
            analysis::PeopleCount beyond;
            for (const auto& u : sc.model.tiers[t].units) beyond += u.beyond_reach;
            tiers.push_back({{"tier", sc.model.tiers[t].id},
                             {"beyond_reach_total", beyond.total},
                             {"beyond_reach_65plus", beyond.age65},
                             {"beyond_reach_75plus", beyond.age75}});
        }
        nlohmann::ordered_json entry{{"id", sc.id}, {"name", sc.name}, {"description", sc.description}, {"changes", sc.changes}, {"tiers", tiers}};
        if (!sc.access.empty()) entry["access"] = report::access_brief(sc.input, sc.model, sc.access);
        summary["hub_scenarios"].push_back(std::move(entry));
    }
    // Everything, the area reports too, is written beside DIR and renamed into place at the end.
    check_output_dir(dir, options.overwrite, "keniki run");
    StagedDir staged{fs::path(dir)};
    Written written;
    written.files = write_files(staged.path(), layers, summary, options);
    written.warnings = results.warnings;
    if (options.reports) {
        progress.stage("writing the area reports (地域カルテ)");
        report::HtmlOptions html;
        html.lang = options.lang;
        const auto pages = report::write_html_reports(staged.path().string(), html);
        written.unit_pages = pages.unit_pages;
        for (const auto& w : pages.warnings) written.warnings.push_back("report: " + w);
    }
    staged.commit();
    return written;
}

}  // namespace keniki::pipeline
