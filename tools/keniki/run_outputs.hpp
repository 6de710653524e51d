#pragma once
// Writing a run's outputs into a directory, all or nothing: everything goes to a temporary sibling
// directory first and is renamed into place at the end.

#include <string>

#include <nlohmann/json.hpp>

#include "keniki/report/output_layers.hpp"

namespace keniki::cli {

struct OutputOptions {
    bool geojson = true;
    bool geopackage = true;
    bool csv = true;
    std::string csv_encoding = "UTF-8-BOM";
    bool overwrite = false;
};

/// Writes GeoJSON (RFC 7946) per layer, one GeoPackage in the working CRS, two CSV tables per tier
/// (units_<tier>, hubs_<tier>) and summary.json. Returns the list of files written (relative to dir).
std::vector<std::string> write_run_outputs(const std::string& dir, const report::OutputLayers& layers, const nlohmann::ordered_json& summary,
                                           const OutputOptions& options);

}  // namespace keniki::cli
