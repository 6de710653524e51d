// keniki site PLAN --tier T --add K [--candidates LAYER | --candidate-grid M] [--objective ...] --out DIR:
// where the next hubs of a tier should go (MCLP, p-median, p-center, LSCP), with the people each adds;
// the plan's whole run is written too, with the chosen sites in it (site_<tier>, summary.json, pages).

#include <iostream>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/output_path.hpp"
#include "keniki/core/text.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/pipeline/siting_run.hpp"
#include "keniki/pipeline/write_outputs.hpp"
#include "keniki/project/plan.hpp"
#include "progress.hpp"

namespace keniki::cli {

namespace {

double positive(const Args& args, const std::string& name, double fallback) {
    const auto v = args.value(name);
    if (!v) return fallback;
    const auto n = text::parse_number(*v);
    if (!n || !(*n > 0)) throw UsageError("keniki site: --" + name + " must be a number above 0, not '" + *v + "'");
    return *n;
}

int run_site(const std::vector<std::string>& argv) {
    const Args args(argv, {"out", "tier", "add", "candidates", "candidate-layer", "candidate-name-field", "candidate-grid", "objective", "demand", "method",
                           "demand-cell", "time-limit"},
                    {"overwrite", "quiet", "free-existing"}, "site");
    args.expect_positionals(1, "one plan file: keniki site PLAN --tier T --add K --out DIR");
    const auto out_dir = args.value("out");
    if (!out_dir) throw UsageError("keniki site: --out DIR is required (where the outputs go)");
    pipeline::SitingRequest rq;
    const auto tier = args.value("tier");
    if (!tier) throw UsageError("keniki site: --tier T is required (the tier that gets new hubs)");
    rq.tier = *tier;
    rq.objective = args.value_or("objective", "coverage");
    if (rq.objective == "cover-all") rq.objective = "cover_all";
    if (rq.objective != "coverage" && rq.objective != "distance" && rq.objective != "equity" && rq.objective != "cover_all")
        throw UsageError("keniki site: --objective is coverage (MCLP: the most people within reach), distance (p-median), equity (p-center: the "
                         "farthest resident as near as can be) or cover-all (LSCP: the fewest sites that bring everyone reachable within reach), not '" +
                         rq.objective + "'");
    if (const auto add = args.value("add")) {
        if (rq.objective == "cover_all") throw UsageError("keniki site: --objective cover-all finds how many sites are needed: leave out --add");
        const auto n = text::parse_number(*add);
        if (!n || !(*n >= 1) || *n != static_cast<double>(static_cast<long long>(*n)) || *n > 10000)
            throw UsageError("keniki site: --add takes a whole number of new sites from 1 to 10000, not '" + *add + "'");
        rq.add = static_cast<std::size_t>(*n);
    } else if (rq.objective != "cover_all") {
        throw UsageError("keniki site: --add K is required (how many new hubs), or --objective cover-all");
    }
    rq.demand = args.value_or("demand", "pop_total");
    if (rq.demand != "pop_total" && rq.demand != "pop_65plus" && rq.demand != "pop_75plus")
        throw UsageError("keniki site: --demand is pop_total, pop_65plus or pop_75plus, not '" + rq.demand + "'");
    rq.method = args.value_or("method", "automatic");
    if (rq.method == "auto") rq.method = "automatic";
    if (rq.method != "automatic" && rq.method != "exact" && rq.method != "heuristic")
        throw UsageError("keniki site: --method is auto (exact up to 300 candidates), exact (GLPK) or heuristic, not '" + rq.method + "'");
    if (const auto c = args.value("candidates")) {
        if (args.value("candidate-grid")) throw UsageError("keniki site: give --candidates LAYER or --candidate-grid M, not both");
        project::LayerRef ref;
        ref.path = *c;
        ref.layer = args.value_or("candidate-layer", "");
        rq.candidates = ref;
        rq.candidate_name_field = args.value_or("candidate-name-field", "");
    }
    rq.grid_m = positive(args, "candidate-grid", 250);
    rq.demand_cell_m = args.value("demand-cell") ? positive(args, "demand-cell", 0) : 0;
    rq.time_limit_s = positive(args, "time-limit", 60);
    rq.free_existing = args.flag("free-existing");
    check_output_dir(*out_dir, args.flag("overwrite"), "keniki site");
    const bool quiet = args.flag("quiet");
    Progress progress(quiet, 6);

    progress.stage("reading the plan");
    const project::Plan plan = project::load_plan(args.positionals()[0]);
    pipeline::OutputOptions out_options = pipeline::output_options(plan);
    out_options.overwrite = args.flag("overwrite");
    progress.stage("reading inputs");
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan, progress);
    pipeline::Results results = pipeline::run(plan, inputs, progress);
    progress.stage("choosing sites");
    results.siting = pipeline::run_siting(plan, inputs, results.model, rq, progress);
    const pipeline::Written written = pipeline::write(plan, inputs, results, *out_dir, out_options, progress);
    progress.done();
    for (const auto& w : written.warnings) std::cerr << "keniki site: warning: " << w << "\n";
    if (!quiet) {
        const auto& s = *results.siting;
        std::cout << "keniki site: " << plan.study.name << " — tier " << rq.tier << ", " << s.objective << " for " << s.demand << ", "
                  << s.candidate_count << " candidates (" << s.candidates << ")\n  " << s.method << "\n";
        std::cout << "  within reach now: " << s.covered_before.total << " of " << s.total.total << " people (" << s.covered_before.age65
                  << " aged 65+)\n";
        for (const auto& c : s.chosen)
            std::cout << "  " << c.rank << ". " << c.name << ": +" << c.gained.total << " people (+" << c.gained.age65 << " aged 65+, +" << c.gained.age75
                      << " aged 75+)\n";
        std::cout << "  within reach with them: " << s.covered_after.total << " people (" << s.covered_after.age65 << " aged 65+)\n";
        std::cout << "outputs in " << *out_dir << "/ (site_" << rq.tier << ".geojson / .csv, summary.json \"siting\", report/index.html)\n";
    }
    return 0;
}

}  // namespace

Command make_site_command() {
    return Command{
        "site",
        "where the next hubs of a tier should go: the most people within reach (MCLP), the least distance, the fairest, or the fewest sites",
        "usage: keniki site PLAN --tier T --add K --out DIR [--candidates LAYER | --candidate-grid M] [options]\n\n"
        "Runs the plan as `keniki run` does, then chooses K new hubs for tier T among the candidates, the tier's\n"
        "existing hubs staying where they are, with the tier's own reach and cost (straight line or along the roads).\n"
        "Writes every output of the run plus site_T (GeoJSON, GeoPackage, CSV: the sites in order, with the people each\n"
        "adds), summary.json \"siting\" (method, optimality gap, per unit the people within reach before and after) and\n"
        "a section on the report pages. site_T has hub_id, kind and name first: append it to the facilities layer\n"
        "(ogr2ogr -append) to run the plan with the new hubs.\n\n"
        "  --tier T                the tier that gets new hubs\n"
        "  --add K                 how many new hubs (not with cover-all)\n"
        "  --objective O           coverage (default, MCLP: the most people within reach), distance (p-median: the least\n"
        "                          total cost within reach), equity (p-center: the worst cost as small as can be),\n"
        "                          cover-all (LSCP: the fewest new hubs that bring everyone a site can reach within reach)\n"
        "  --demand G              what the solver counts: pop_total (default), pop_65plus, pop_75plus\n"
        "  --candidates LAYER      candidate sites: any OGR point or polygon layer (community halls, vacant buildings)\n"
        "  --candidate-layer NAME  the layer of a multi-layer candidates dataset\n"
        "  --candidate-name-field F  the candidates' names (default: name or 名称 when there, else the feature id)\n"
        "  --candidate-grid M      without --candidates: the centres of an M-metre grid in the study area (default 250)\n"
        "  --method auto|exact|heuristic  exact: GLPK branch-and-cut (auto: up to 300 candidates); heuristic: greedy +\n"
        "                          Teitz-Bart interchange with a bound; the summary states which, and the gap\n"
        "  --demand-cell M         count the residents in cells of M metres (for millions of residents; stated)\n"
        "  --time-limit S          the solver's wall-clock limit in seconds (default 60)\n"
        "  --free-existing         the tier's hubs may move too: they join the candidates, and (hubs + K) sites are\n"
        "                          chosen in all, each one's gain counted from no hub at all (default: they stay)\n"
        "  --overwrite, --quiet\n"
        "Exit codes: 0 ok, 1 the inputs cannot be used, 2 usage error.\n",
        run_site};
}

}  // namespace keniki::cli
