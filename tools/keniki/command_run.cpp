// keniki run PLAN --out DIR: the whole plan — read, analyse every tier, write every output.

#include <iostream>
#include <optional>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/output_path.hpp"
#include "keniki/core/text.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/pipeline/write_outputs.hpp"
#include "keniki/project/plan.hpp"
#include "progress.hpp"

namespace keniki::cli {

namespace {

std::string normalise_csv_encoding(const std::string& e) {
    const std::string n = text::ascii_lower(e);
    if (n == "utf-8-bom" || n == "utf8-bom" || n == "utf-8 with bom") return "UTF-8-BOM";
    if (n == "utf-8" || n == "utf8") return "UTF-8";
    if (n == "cp932" || n == "sjis" || n == "shift_jis") return "CP932";
    throw UsageError("unknown CSV encoding '" + e + "': use utf-8-bom, utf-8 or cp932");
}

int run_run(const std::vector<std::string>& argv) {
    const Args args(argv, {"out", "csv-encoding"}, {"overwrite", "quiet", "verbose"}, "run");
    args.expect_positionals(1, "one plan file: keniki run PLAN --out DIR");
    const auto out_dir = args.value("out");
    if (!out_dir) throw UsageError("keniki run: --out DIR is required (where the outputs go)");
    check_output_dir(*out_dir, args.flag("overwrite"), "keniki run");
    const bool quiet = args.flag("quiet");
    Progress progress(quiet, 5);

    progress.stage("reading the plan");
    const project::Plan plan = project::load_plan(args.positionals()[0]);
    pipeline::OutputOptions out_options = pipeline::output_options(plan);
    out_options.csv_encoding = normalise_csv_encoding(args.value_or("csv-encoding", plan.output.csv_encoding));
    out_options.overwrite = args.flag("overwrite");
    if (args.flag("verbose")) std::cerr << project::describe_plan(plan) << "\n";

    progress.stage("reading inputs");
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan, progress);
    const pipeline::Results results = pipeline::run(plan, inputs, progress);
    const pipeline::Written written = pipeline::write(plan, inputs, results, *out_dir, out_options, progress);
    progress.done();
    // Warnings go to stderr, even with --quiet, and are in summary.json's "warnings".
    for (const auto& w : written.warnings) std::cerr << "keniki run: warning: " << w << "\n";

    if (!quiet) {
        const analysis::ModelResult& result = results.model;
        std::cout << "keniki run: " << plan.study.name << " — " << result.tiers.size() << " tiers, " << inputs.input.residents.size()
                  << " residents (" << result.total.total << " people), working CRS " << inputs.working_crs << "\n";
        for (const auto& tier : result.tiers) {
            analysis::PeopleCount beyond;
            for (const auto& u : tier.units) beyond += u.beyond_reach;
            std::cout << "  " << tier.id << " (" << tier.name << "): " << tier.units.size() << " units, " << beyond.total
                      << " people beyond reach (" << beyond.age65 << " aged 65+)\n";
        }
        for (const auto& t : results.transit) {
            const auto& f = t.figures.total;
            std::cout << "  " << result.tiers[t.tier].id << " by timetable (" << t.service_day.substr(0, 10) << ", leaving " << t.window << ", home by " << t.home_by
                      << "): " << f.served.total << " people can make the round trip, " << f.not_served.total << " cannot (" << f.not_served.age65
                      << " aged 65+); " << f.walk_faster.total << " are faster on foot\n";
            for (const auto& sc : t.scenarios)
                std::cout << "    scenario " << sc.id << ": " << sc.total.lost.total << " people lose the round trip, " << sc.total.gained.total << " gain it\n";
        }
        if (results.transport) {
            const auto& st = results.transport->result.study;
            std::cout << "  transport (" << results.transport->options.preset << "): 便利 " << st.people[0].total << ", 不便 " << st.people[1].total
                      << ", 空白 " << st.people[2].total << " people (空白 aged 65+: " << st.people[2].age65 << ")\n";
            for (const auto& sc : results.transport->scenarios)
                std::cout << "  scenario " << sc.id << ": " << sc.change.study.lost.total << " people lose coverage, " << sc.change.study.gained.total
                          << " gain it\n";
        }
        for (const auto& sc : results.hub_scenarios) {
            std::cout << "  scenario " << sc.id << " (hubs edited):";
            for (const auto& tier : sc.model.tiers) {
                analysis::PeopleCount beyond;
                for (const auto& u : tier.units) beyond += u.beyond_reach;
                std::cout << " " << tier.id << " " << beyond.total << " beyond reach;";
            }
            std::cout << " units in scenario_" << sc.id << "_units_<tier>.geojson\n";
        }
        std::cout << "outputs in " << *out_dir << "/: " << written.files.size() << " files (summary.json, keniki.gpkg, *.geojson, *.csv)\n";
        std::cout << "area reports: " << *out_dir << "/report/index.html (" << written.unit_pages << " unit pages, a map viewer)\n";
    }
    return 0;
}

int run_validate(const std::vector<std::string>& argv) {
    const Args args(argv, {}, {"quiet"}, "validate");
    args.expect_positionals(1, "one plan file: keniki validate PLAN");
    const project::Plan plan = project::load_plan(args.positionals()[0]);
    auto problems = project::check_plan_inputs(plan);
    if (problems.empty()) {
        // The data is there: check that the tiers nest, which needs their geometry.
        const pipeline::ModelInputs inputs = pipeline::load_inputs(plan);
        const analysis::ModelResult result = analysis::run_model(inputs.input);
        for (std::size_t t = 0; t < result.tiers.size(); ++t) {
            for (const auto& p : result.tiers[t].nesting_problems)
                problems.push_back(project::PlanProblem{plan.file.string(), plan.tiers[t].line, "tier " + result.tiers[t].id + ": " + p});
        }
    }
    if (!problems.empty()) throw project::PlanError(problems);
    if (!args.flag("quiet")) std::cout << plan.file.string() << ": ok (" << plan.tiers.size() << " tiers)\n";
    return 0;
}

}  // namespace

Command make_run_command() {
    return Command{"run", "run a plan: residents, hubs, reach and gaps per unit of every tier; GeoJSON, GeoPackage, CSV, summary.json",
                   "usage: keniki run PLAN --out DIR [--overwrite] [--csv-encoding utf-8-bom|utf-8|cp932] [--quiet] [-v]\n\n"
                   "Runs everything the plan (a TOML project file) asks for and writes into DIR:\n"
                   "  units_<tier>.geojson/.csv  every unit with its figures (pop_total, pop_65plus, dist_p90_m, ...)\n"
                   "  hubs_<tier>.geojson/.csv   every hub of the tier with its catchment: the people whose nearest\n"
                   "                             hub it is, those within reach, their mean and max cost\n"
                   "  service_area_<tier>.geojson, gaps_<tier>.geojson, residents.geojson, hubs.geojson\n"
                   "  keniki.gpkg                all layers in the working CRS\n"
                   "  summary.json               every figure and where the inputs came from\n"
                   "GeoJSON is RFC 7946 (WGS84 lon/lat). CSV is UTF-8 with BOM by default so that Excel opens it.\n"
                   "An existing DIR is replaced only with --overwrite; nothing is written when the run fails.\n"
                   "Progress goes to stderr when it is a terminal; -v prints the resolved plan.\n",
                   run_run};
}

Command make_validate_command() {
    return Command{"validate", "check a plan: keys, types, files, layers, fields, nesting of the tiers — every problem at once",
                   "usage: keniki validate PLAN\n\n"
                   "Reports every problem of the plan at once, each with the plan file and line: unknown keys, missing\n"
                   "or wrongly typed values, missing files, layers or fields, tiers whose units are not nested.\n"
                   "Exit codes: 0 ok, 2 the plan has problems.\n",
                   run_validate};
}

}  // namespace keniki::cli
