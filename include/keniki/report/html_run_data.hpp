#pragma once
// A finished run, read back from its output directory for the HTML reports: summary.json for every
// figure, and the layers (from keniki.gpkg, in the working CRS) for the maps. Nothing here is
// recomputed: the pages show what the run wrote.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/core/layer.hpp"

namespace keniki::report::html {

struct TierLayers {
    std::string id;
    Layer units;         ///< units_<tier>
    Layer service_area;  ///< service_area_<tier> (may have no features)
    Layer gaps;          ///< gaps_<tier> (one feature per unit with a gap)
    /// For every unit of the tier in summary order, its feature in `units` (or nothing when absent).
    std::vector<std::optional<std::size_t>> unit_feature;
};

struct RunData {
    std::filesystem::path dir;
    nlohmann::ordered_json summary;
    std::string working_crs;        ///< from summary.json, "EPSG:6671"
    std::string layers_from;        ///< "keniki.gpkg" or "GeoJSON"
    std::vector<TierLayers> tiers;  ///< in summary order
    Layer hubs;                     ///< every facility (hub_id, name, kind, hub_of_tiers)
    std::optional<Layer> transport_zones;  ///< class ∈ 便利/不便/空白, when the run had transport
    std::optional<Layer> stops;            ///< stops (kind station/bus_stop), when present
    std::optional<Layer> stations;         ///< a separate stations layer, when present
    std::vector<std::string> geojson_files;  ///< *.geojson in dir, sorted
};

/// Reads summary.json and the layers of a run directory. Throws UsageError when `dir` or its
/// summary.json is missing, DataError when they cannot be read.
RunData load_run(const std::string& dir);

/// Text of field `name` of a feature ("" when the field is absent or null).
std::string text_of(const Layer& layer, const Feature& f, std::string_view name);

}  // namespace keniki::report::html
