#pragma once
// The interactive map (map.html): every GeoJSON output of the run on a Leaflet map with layer
// toggles and pop-ups. Leaflet is copied from Debian's libjs-leaflet into lib/leaflet/ and the data
// is embedded in map_data.js (browsers refuse fetch() of file:// GeoJSON), so it works offline.

#include <filesystem>
#include <string>
#include <vector>

#include "keniki/report/html_page.hpp"

namespace keniki::report::html {

/// Writes map.html, map_data.js and lib/leaflet/ into `report_dir`; appends the files written
/// (relative to report_dir) to `files`. Returns false, with a warning, when Leaflet is not found at
/// ctx.options.leaflet_dir.
bool write_map_viewer(const ReportContext& ctx, const std::filesystem::path& report_dir, std::vector<std::string>& files,
                      std::vector<std::string>& warnings);

}  // namespace keniki::report::html
