#include "keniki/report/html_report.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>


#include "keniki/core/error.hpp"
#include "keniki/core/staged_dir.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/report/html_index_page.hpp"
#include "keniki/report/html_map_viewer.hpp"
#include "keniki/report/html_page.hpp"
#include "keniki/report/html_run_data.hpp"
#include "keniki/report/html_unit_page.hpp"

namespace keniki::report {

namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw DataError("cannot write " + path.string(), Where{path.string()});
}

/// Everything after the arguments are checked: read the run, write DIR/report/ all or nothing.
void write_reports(const std::string& run_dir, const HtmlOptions& effective, HtmlResult& result) {
    const html::RunData run = html::load_run(run_dir);
    const html::ReportContext ctx(run, effective);

    const fs::path target = run.dir / "report";
    StagedDir staged(target);
    const fs::path& staging = staged.path();
    // A page per unit of every tier, in parallel.
    std::vector<std::pair<std::size_t, std::size_t>> pages;
    for (std::size_t t = 0; t < ctx.tiers.size(); ++t) {
        for (std::size_t u = 0; u < ctx.tiers[t].units.size(); ++u) {
            pages.emplace_back(t, u);
            fs::create_directories((staging / ctx.tiers[t].units[u].page).parent_path());
        }
    }
    std::vector<std::string> errors(pages.size());
    parallel_chunks(
        pages.size(),
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                const auto [t, u] = pages[i];
                try {
                    write_text(staging / ctx.tiers[t].units[u].page, html::unit_page(ctx, t, u));
                } catch (const std::exception& e) {
                    errors[i] = e.what();
                }
            }
        },
        8);
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (!errors[i].empty()) throw DataError("unit page " + ctx.tiers[pages[i].first].units[pages[i].second].page + ": " + errors[i]);
    }
    for (const auto& [t, u] : pages) result.files.push_back(ctx.tiers[t].units[u].page);
    result.unit_pages = pages.size();

    write_text(staging / "index.html", html::index_page(ctx));
    result.files.push_back("index.html");
    if (effective.map_viewer) html::write_map_viewer(ctx, staging, result.files, result.warnings);

    staged.commit();
    result.report_dir = target.string();
}

}  // namespace

std::vector<std::string> html_indicator_names() {
    std::vector<std::string> names;
    for (const auto& i : html::indicators()) names.push_back(i.name);
    return names;
}

HtmlResult write_html_reports(const std::string& run_dir, const HtmlOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    html::parse_lang(options.lang);  // a UsageError before any work
    bool known = false;
    std::string names;
    for (const auto& n : html_indicator_names()) {
        known = known || n == options.indicator;
        names += (names.empty() ? "" : ", ") + n;
    }
    if (!known) throw UsageError("unknown indicator '" + options.indicator + "': use one of " + names);

    HtmlResult result;
    HtmlOptions effective = options;
    if (effective.map_viewer && !fs::exists(fs::path(effective.leaflet_dir) / "leaflet.js")) {
        // Without Leaflet there is no interactive map, and no page should link to one.
        effective.map_viewer = false;
        result.warnings.push_back("Leaflet not found in " + effective.leaflet_dir + " (install the Debian package libjs-leaflet): map.html not written");
    }
    try {
        write_reports(run_dir, effective, result);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(std::string("summary.json has unexpected content: ") + e.what(), Where{(fs::path(run_dir) / "summary.json").string()});
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace keniki::report
