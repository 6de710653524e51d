// keniki report DIR [--lang ja|en] [--indicator NAME]: the HTML reports of an earlier run, rebuilt
// from its output directory (summary.json, keniki.gpkg, *.geojson) into DIR/report/.

#include <cstdio>
#include <iostream>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/core/error.hpp"
#include "keniki/report/html_index_page.hpp"
#include "keniki/report/html_labels.hpp"
#include "keniki/report/html_report.hpp"

namespace keniki::cli {

namespace {

int run_report(const std::vector<std::string>& argv) {
    const Args args(argv, {"lang", "indicator", "leaflet-dir"}, {"no-map", "quiet"}, "report");
    args.expect_positionals(1, "one run directory: keniki report DIR [--lang ja|en] [--indicator NAME]");
    report::HtmlOptions options;
    options.lang = args.value_or("lang", options.lang);
    options.indicator = args.value_or("indicator", options.indicator);
    options.leaflet_dir = args.value_or("leaflet-dir", options.leaflet_dir);
    options.map_viewer = !args.flag("no-map");
    // Arguments first, touching no file.
    report::html::parse_lang(options.lang);
    bool known = false;
    std::string names;
    for (const auto& n : report::html_indicator_names()) {
        known = known || n == options.indicator;
        names += "\n  " + n;
    }
    if (!known) throw UsageError("keniki report: unknown indicator '" + options.indicator + "'; one of:" + names);

    const auto result = report::write_html_reports(args.positionals()[0], options);
    for (const auto& w : result.warnings) std::cerr << "keniki report: warning: " << w << "\n";
    if (!args.flag("quiet")) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", result.seconds);
        std::cout << "keniki report: " << result.unit_pages << " unit pages, index.html" << (options.map_viewer && result.warnings.empty() ? ", map.html" : "")
                  << " in " << result.report_dir << "/ (" << secs << " s)\n";
    }
    return 0;
}

}  // namespace

Command make_report_command() {
    std::string indicators;
    for (const auto& i : report::html::indicators()) {
        indicators += "      " + i.name + std::string(i.name.size() < 30 ? 30 - i.name.size() : 1, ' ') + i.en + (i.transport ? " (runs with transport)" : "") + "\n";
    }
    return Command{"report", "HTML area reports (地域カルテ), an index page and an offline map, from a run's output directory",
                   "usage: keniki report DIR [--lang ja|en] [--indicator NAME] [--no-map] [--leaflet-dir DIR] [--quiet]\n\n"
                   "Reads the outputs of `keniki run PLAN --out DIR` (summary.json, keniki.gpkg, *.geojson) and writes DIR/report/:\n"
                   "  index.html            the study's figures, per tier a map shaded by an indicator and a sortable table\n"
                   "  units/TIER/UNIT.html  a page per unit of every tier (地域カルテ), self-contained, A4 print layout\n"
                   "  map.html              every GeoJSON layer on a Leaflet map (lib/leaflet/ and map_data.js beside it)\n"
                   "Pages open from file:// with no network. An earlier DIR/report/ is replaced.\n\n"
                   "  --lang ja|en        page language (default ja)\n"
                   "  --indicator NAME    what shades the units on the index maps (default beyond_reach_65plus_share):\n" +
                       indicators +
                       "  --no-map            do not write map.html\n"
                       "  --leaflet-dir DIR   where Leaflet is (default /usr/share/javascript/leaflet, Debian's libjs-leaflet)\n"
                       "Exit codes: 0 ok, 1 the outputs cannot be read, 2 usage error (no such directory, no summary.json).\n",
                   run_report};
}

}  // namespace keniki::cli
