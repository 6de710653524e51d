// bench_report [--repeat K] [--work DIR] [--keniki PATH]
//
// The HTML-report performance target (issue 6): "All pages for the demo plan in under 3 s; for 150
// units (Iizuka's small areas as a tier) in under 10 s."
//
// 1. Runs each plan once with the `keniki` of the same build, as a subprocess, into DIR (set-up:
//    timed once as its own row, no target; that run writes the reports once too): the demo plan
//    (data/demo/plan.toml, shipped with the project) and Iizuka (data/examples/iizuka.toml, whose
//    real data is read from ../shared/data beside the project root; skipped with a message when its
//    inputs are not there).
// 2. Times report::write_html_reports(DIR) in process, default options, as the median of K runs
//    (steady_clock; every run replaces DIR/report, the disk is synced before each, untimed): every
//    unit page, the index and the map viewer; and, timed first, the same without the map viewer, to
//    see its share of the CPU (DIR keeps the whole report).
// 3. Prints a markdown table with the targets, and checks that the pages are all there (one per unit
//    of summary.json; 150 for Iizuka).
//
// See tools/bench/README.md for the figures of the last run.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "keniki/core/error.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/html_report.hpp"

#include "bench_support.hpp"

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    int repeat = 3;      ///< timed runs per step (the median is reported)
    std::string work;    ///< where the runs' outputs go; empty = a fresh temporary directory, removed at the end
    std::string keniki;  ///< the keniki command; empty = <build>/keniki of this program's build
};

constexpr const char* k_usage =
    "usage: bench_report [--repeat K] [--work DIR] [--keniki PATH]\n"
    "Runs the demo plan and Iizuka's plan (real data from ../shared/data beside the project root; skipped\n"
    "when absent) once each with `keniki run` into DIR, then times report::write_html_reports on their\n"
    "outputs (median of K runs, default 3) against issue 6's targets (demo < 3 s, Iizuka's 150 units\n"
    "< 10 s) and prints a markdown table. Exit code 1 when a target is missed or a run fails.\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_report", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--repeat") o.repeat = static_cast<int>(cl.count(1));
        else if (a == "--work") o.work = cl.value();
        else if (a == "--keniki") o.keniki = cl.value();
        else cl.unknown();
    }
    return o;
}

// ---------------------------------------------------------------------------------------------
// The cases

/// A plan whose reports are timed.
struct Case {
    std::string name;                        ///< "demo plan"
    fs::path plan;                           ///< the plan file
    std::string out;                         ///< its output directory under the work directory
    double target_s;                         ///< the issue's limit for all its pages
    std::optional<std::size_t> pages_wanted; ///< the unit pages the target speaks of; else one per unit of summary.json
};

/// The problems that keep a plan from running here ("plan.toml:12: ... does not exist"); empty when
/// its inputs are all there.
std::vector<std::string> missing_inputs(const fs::path& plan) {
    std::vector<std::string> problems;
    try {
        for (const auto& p : project::check_plan_inputs(project::load_plan(plan))) problems.push_back(p.describe());
    } catch (const project::PlanError& e) {
        for (const auto& p : e.problems()) problems.push_back(p.describe());
    }
    return problems;
}

/// Units in every tier of the run's summary.json.
std::size_t units_in_summary(const fs::path& run_dir) {
    std::ifstream in(run_dir / "summary.json");
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.contains("tiers")) throw DataError("summary.json could not be read", Where{(run_dir / "summary.json").string()});
    std::size_t n = 0;
    for (const auto& tier : doc["tiers"]) n += tier["units"].size();
    return n;
}

/// Bytes of every file under a directory.
std::uintmax_t bytes_under(const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) n += e.file_size();
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

struct Report {
    std::vector<TableRow> rows;
    std::vector<std::string> checks, skipped;
    bool failed = false;  ///< a run failed or a page is missing
};

void bench_case(const Case& c, const std::string& keniki, const fs::path& dir, int k, Report& rep) {
    const fs::path out = dir / c.out;
    const std::string label = c.name + ": ";

    // Set-up: the plan's run, once, as a subprocess (its CPU counted through the reaped child).
    std::cerr << "bench_report: " << c.name << ": keniki run " << c.plan.string() << "\n";
    std::pair<int, std::string> run;
    const Stats run_s = time_runs(1, [&] {
        run = shell(quoted(keniki) + " run " + quoted(c.plan.string()) + " --out " + quoted(out.string()) + " --overwrite --quiet");
    });
    TableRow run_row{label + "`keniki run " + fs::relative(c.plan, project_dir()).string() + "` (set-up, subprocess, once)", run_s, "", {},
                     "read + analyse + write every output, the reports included"};
    if (run.first != 0) {
        run_row.note = "**keniki exited " + std::to_string(run.first) + "**: " + last_line(run.second);
        rep.rows.push_back(run_row);
        rep.failed = true;
        return;
    }
    rep.rows.push_back(run_row);

    // The reports, in process, as `keniki run` and `keniki report DIR` write them; first without the
    // map viewer (its share of the time), then whole, so that DIR keeps a whole report.
    std::cerr << "bench_report: " << c.name << ": report::write_html_reports x " << 2 * k << "\n";
    const auto sync_first = [] { sync(); };  // the previous run's files are on disk before the next starts (not timed)
    report::HtmlOptions no_map;
    no_map.map_viewer = false;
    const Stats pages_only = time_runs(k, [&] { (void)report::write_html_reports(out.string(), no_map); }, sync_first);
    report::HtmlResult last;
    std::vector<double> own;  // HtmlResult::seconds, the library's own clock
    const Stats full = time_runs(
        k,
        [&] {
            last = report::write_html_reports(out.string());
            own.push_back(last.seconds);
        },
        sync_first);
    const std::size_t wanted = c.pages_wanted ? *c.pages_wanted : units_in_summary(out);
    const bool pages_ok = last.unit_pages == wanted;
    const std::uintmax_t bytes = bytes_under(out / "report");
    TableRow row = row_with_target("**" + label + "report::write_html_reports**: " + std::to_string(last.unit_pages) + " unit pages + index + map viewer",
                                   full, c.target_s,
                                   std::to_string(last.files.size()) + " files, " + fixed(static_cast<double>(bytes) / (1 << 20), 1) +
                                       " MiB; HtmlResult::seconds median " + fixed(stats_of(own).median));
    if (!pages_ok) {
        row.pass = false;
        row.note += "; **" + std::to_string(wanted) + " pages wanted**";
        rep.failed = true;
    }
    rep.rows.push_back(row);
    rep.rows.push_back({"  " + label + "the same without the map viewer (HtmlOptions::map_viewer = false)", pages_only, "", {},
                        "the map viewer (map.html, map_data.js, Leaflet copied): " + percent_of(full.cpu_per_run - pages_only.cpu_per_run, full.cpu_per_run) +
                            " of the CPU"});
    rep.checks.push_back(label + std::to_string(last.unit_pages) + " unit pages, " + std::to_string(wanted) +
                         (c.pages_wanted ? " wanted (the issue's figure)" : " units in summary.json's tiers") + ": " + (pages_ok ? "yes" : "**NO**"));
    for (const auto& w : last.warnings) rep.checks.push_back(label + "warning: " + w + " (the timings are then without the map viewer)");
}

int run(const Options& opt) {
    const int k = opt.repeat;
    const std::string keniki = opt.keniki.empty() ? built_keniki() : opt.keniki;
    if (opt.keniki.empty() && !fs::exists(keniki)) throw UsageError("no keniki at " + keniki + " (build the keniki_cli target, or give --keniki PATH)");
    const WorkDir work(opt.work, "keniki-bench-report");
    const fs::path& dir = work.path();
    Report rep;

    const fs::path project = project_dir();
    const Case demo{"demo plan", project / "data/demo/plan.toml", "demo", 3.0, std::nullopt};
    const Case iizuka{"Iizuka", project / "data/examples/iizuka.toml", "iizuka", 10.0, 150};

    bench_case(demo, keniki, dir, k, rep);
    const fs::path shared = shared_data_dir();
    if (!fs::exists(shared)) {
        rep.skipped.push_back("Iizuka: skipped — " + shared.string() + " is absent (the real data beside the project root; " +
                              "see data/examples/iizuka.toml for what it reads)");
    } else if (const auto missing = missing_inputs(iizuka.plan); !missing.empty()) {
        rep.skipped.push_back("Iizuka: skipped — the plan's inputs in " + shared.string() + " are not all there: " + missing.front() +
                              (missing.size() > 1 ? " (and " + std::to_string(missing.size() - 1) + " more)" : std::string()));
    } else {
        bench_case(iizuka, keniki, dir, k, rep);
    }

    std::cout << "\n## bench_report: the HTML reports (地域カルテ, issue 6)\n\n"
              << "Machine: " << machine_description() << ". Median/min/max of " << k
              << " runs each (the `keniki run` set-up once), steady_clock. keniki: " << keniki << "; outputs in " << dir.string() << ".\n\n";
    print_rows(std::cout, rep.rows);
    print_list(std::cout, "Checks:", rep.checks);
    print_list(std::cout, "Skipped:", rep.skipped);
    return all_passed(rep.rows) && !rep.failed ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    const auto options = keniki::bench::parse_options(argc, argv);
    return keniki::bench::report_errors("bench_report", [&] { return keniki::bench::run(options); });
}
