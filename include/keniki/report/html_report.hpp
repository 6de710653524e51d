#pragma once
// The HTML reports of a run, in one call: a page per unit of every tier (地域カルテ: map, population by
// age, reach and gaps, transport, facilities, scenarios), an index page with a city map shaded by an
// indicator and a sortable table, and an interactive Leaflet map of every GeoJSON output. Built from
// the run's output directory alone (summary.json + keniki.gpkg + *.geojson) into DIR/report/, so
// `keniki report DIR` can rebuild them from an earlier run. Pages open from file:// with no network.

#include <cstddef>
#include <string>
#include <vector>

namespace keniki::report {

struct HtmlOptions {
    /// Page language: "ja" (default, Japanese labels) or "en".
    std::string lang = "ja";
    /// What shades the units on the index maps; one of html_indicator_names().
    std::string indicator = "beyond_reach_65plus_share";
    /// Where Debian's libjs-leaflet installs Leaflet; it is copied to DIR/report/lib/leaflet/. When
    /// it is absent, map.html is not written and a warning says so.
    std::string leaflet_dir = "/usr/share/javascript/leaflet";
    /// Write the interactive map (map.html, map_data.js, lib/leaflet/).
    bool map_viewer = true;
};

struct HtmlResult {
    std::string report_dir;               ///< DIR/report
    std::size_t unit_pages = 0;           ///< pages written under units/
    std::vector<std::string> files;       ///< every file written, relative to report_dir
    std::vector<std::string> warnings;    ///< e.g. Leaflet not installed
    double seconds = 0;                   ///< wall time
};

/// Names accepted as HtmlOptions::indicator.
std::vector<std::string> html_indicator_names();

/// Reads the run in `run_dir` and writes DIR/report/ (replacing an earlier one, all or nothing).
/// Throws UsageError for a missing directory, summary.json, unknown language or indicator;
/// DataError when the outputs cannot be read.
HtmlResult write_html_reports(const std::string& run_dir, const HtmlOptions& options = {});

}  // namespace keniki::report
