#pragma once
// Step 3 of the pipeline (plan -> inputs -> model -> outputs): every output of a run into a
// directory, all or nothing — the layers (GeoJSON per layer, one GeoPackage), the CSV tables and
// summary.json go to a temporary sibling directory first and are renamed into place at the end; then
// the area reports (地域カルテ) are built from them.

#include <cstddef>
#include <string>
#include <vector>

#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/progress.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/project/plan.hpp"

namespace keniki::pipeline {

struct OutputOptions {
    bool geojson = true;
    bool geopackage = true;
    bool csv = true;
    bool residents = true;                   ///< the residents layer with their allocation
    std::string csv_encoding = "UTF-8-BOM";  ///< "UTF-8-BOM", "UTF-8" or "CP932"
    std::string lang = "ja";                 ///< area reports: "ja" or "en"
    bool reports = true;                     ///< write DIR/report/ (地域カルテ)
    bool overwrite = false;                  ///< replace an existing DIR
};

/// The plan's [output] section as options.
OutputOptions output_options(const project::Plan& plan);

struct Written {
    std::vector<std::string> files;     ///< relative to the directory (the reports not listed)
    std::size_t unit_pages = 0;         ///< area report pages
    std::vector<std::string> warnings;  ///< the run's warnings and the reports' ("report: ...")
};

/// Writes the run. Throws UsageError when `dir` exists and options.overwrite is false.
Written write(const project::Plan& plan, const ModelInputs& inputs, const Results& results, const std::string& dir, const OutputOptions& options,
              Progress& progress = silent_progress());

}  // namespace keniki::pipeline
