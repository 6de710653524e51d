#include "keniki/pipeline/write_outputs.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/write_layer.hpp"
#include "keniki/report/html_report.hpp"
#include "keniki/report/output_layers.hpp"
#include "keniki/report/run_summary.hpp"

namespace keniki::pipeline {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> write_files(const std::string& dir, const report::OutputLayers& layers, const nlohmann::ordered_json& summary,
                                           const OutputOptions& options) {
    const fs::path target(dir);
    if (fs::exists(target) && !options.overwrite) throw UsageError(dir + " exists; add --overwrite to replace it");
    const fs::path staging = target.string() + ".tmp-" + std::to_string(getpid());
    fs::remove_all(staging);
    fs::create_directories(staging);
    std::vector<std::string> written;
    try {
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
        if (fs::exists(target)) fs::remove_all(target);
        fs::rename(staging, target);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(staging, ec);
        throw;
    }
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
    if (results.transport) {
        report::add_transport_layers(layers, inputs.input, results.model, *results.transport, inputs.working_crs);
        report::add_transport_summary(summary, inputs.input, results.model, *results.transport);
    }
    Written written;
    written.files = write_files(dir, layers, summary, options);
    written.warnings = results.warnings;
    if (options.reports) {
        progress.stage("writing the area reports (地域カルテ)");
        report::HtmlOptions html;
        html.lang = options.lang;
        const auto pages = report::write_html_reports(dir, html);
        written.unit_pages = pages.unit_pages;
        for (const auto& w : pages.warnings) written.warnings.push_back("report: " + w);
    }
    return written;
}

}  // namespace keniki::pipeline
