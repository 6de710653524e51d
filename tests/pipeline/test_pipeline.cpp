// The pipeline in process, without the command: plan -> pipeline::load_inputs -> pipeline::run ->
// pipeline::write. The square town (tests/fixtures/run) has every figure worked out by hand at the
// top of tests/cli/test_cli_run.cpp; the demo town's summary written in process equals the one
// `keniki run` writes, figure for figure.

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "keniki/core/error.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/pipeline/write_outputs.hpp"
#include "keniki/project/plan.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Records what the pipeline says, to check that it reports its stages.
class RecordingProgress final : public pipeline::Progress {
public:
    void stage(const std::string& what) override { stages.push_back(what); }
    void note(const std::string& what) override { notes.push_back(what); }
    std::vector<std::string> stages, notes;
};

TEST(Pipeline, SquareTownInProcessHasTheHandFigures) {
    const project::Plan plan = project::load_plan(source_dir() / "tests/fixtures/run/plan.toml");
    RecordingProgress progress;
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan, progress);
    EXPECT_EQ(inputs.working_crs, "EPSG:6670");
    EXPECT_EQ(inputs.input.residents.size(), 5u);
    ASSERT_EQ(inputs.input.tiers.size(), 2u);
    EXPECT_EQ(inputs.input.tiers[1].units.size(), 2u);
    EXPECT_EQ(inputs.input.tiers[1].hubs.size(), 2u);  // H0, H1 (welfare); C is the city tier's
    const pipeline::Results results = pipeline::run(plan, inputs, progress);
    EXPECT_DOUBLE_EQ(results.model.total.total, 43);
    const auto& area = results.model.tiers[1];
    EXPECT_DOUBLE_EQ(area.outside_all_units.total, 7);
    ASSERT_EQ(area.hubs.size(), 2u);
    EXPECT_DOUBLE_EQ(area.hubs[0].nearest.total, 35);      // H0: r1, r2, r3
    EXPECT_DOUBLE_EQ(area.hubs[0].within_reach.total, 15);
    EXPECT_NEAR(area.hubs[0].mean_cost, 18000.0 / 35, 1e-9);
    EXPECT_DOUBLE_EQ(area.hubs[1].nearest.total, 1);       // H1: r4
    EXPECT_NEAR(area.units[1].cost.mean, (600.0 * 20 + std::hypot(50.0, 400.0)) / 21, 1e-9);
    EXPECT_TRUE(results.warnings.empty()) << results.warnings.front();  // 7/43 = 16 % is under the plan's 20 %
    EXPECT_FALSE(results.transport);

    const fs::path out = fresh_temp_dir("keniki-pipeline") / "out";
    pipeline::OutputOptions options = pipeline::output_options(plan);
    options.reports = false;
    const pipeline::Written written = pipeline::write(plan, inputs, results, out.string(), options, progress);
    EXPECT_TRUE(fs::exists(out / "summary.json"));
    EXPECT_TRUE(fs::exists(out / "keniki.gpkg"));
    EXPECT_FALSE(fs::exists(out / "report")) << "reports = false writes no pages";
    EXPECT_EQ(written.unit_pages, 0u);
    for (const auto& f : written.files) EXPECT_TRUE(fs::exists(out / f)) << f;
    const json s = json::parse(read_file(out / "summary.json"));
    EXPECT_DOUBLE_EQ(s["tiers"][1]["in_units"]["pop_total"].get<double>(), 36);
    // The stages the command shows on a terminal come from the pipeline itself.
    ASSERT_EQ(progress.stages.size(), 2u);
    EXPECT_EQ(progress.stages[0], "analysing 2 tiers, 5 residents");
    EXPECT_EQ(progress.stages[1], "writing outputs");
    // A second write into the same directory is refused unless asked.
    EXPECT_THROW(pipeline::write(plan, inputs, results, out.string(), options), UsageError);
}

TEST(Pipeline, WarningsOfTheRunAreInTheResults) {
    // The same town with the default 5 % limit: 7 of 43 people outside every unit is a warning.
    project::Plan plan = project::load_plan(source_dir() / "tests/fixtures/run/plan.toml");
    plan.analysis.max_outside_share = 0.05;
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan);
    const pipeline::Results results = pipeline::run(plan, inputs);
    ASSERT_EQ(results.warnings.size(), 2u);
    EXPECT_EQ(results.warnings[0].rfind("tier city: 7 of 43 people (16.3 %) live outside every unit", 0), 0u) << results.warnings[0];
    EXPECT_EQ(results.warnings[1].rfind("tier area: 7 of 43 people (16.3 %) live outside every unit", 0), 0u) << results.warnings[1];
}

/// Every number of two JSON documents, by path (text compared too; "generated" times skipped).
void expect_same_figures(const json& a, const json& b, const std::string& path = "") {
    ASSERT_EQ(a.type(), b.type()) << path;
    if (a.is_object()) {
        ASSERT_EQ(a.size(), b.size()) << path;
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (it.key() == "plan" || it.key() == "path") continue;  // where the files were given from
            ASSERT_TRUE(b.contains(it.key())) << path << "/" << it.key();
            expect_same_figures(it.value(), b[it.key()], path + "/" + it.key());
        }
    } else if (a.is_array()) {
        ASSERT_EQ(a.size(), b.size()) << path;
        for (std::size_t i = 0; i < a.size(); ++i) expect_same_figures(a[i], b[i], path + "/" + std::to_string(i));
    } else {
        EXPECT_EQ(a, b) << path;
    }
}

TEST(Pipeline, DemoTownInProcessEqualsTheCommand) {
    const fs::path plan_path = source_dir() / "data/demo/plan.toml";
    const fs::path dir = fresh_temp_dir("keniki-pipeline-demo");
    const CommandResult r = run_keniki("run " + shell_quote(plan_path.string()) + " --out " + shell_quote((dir / "cli").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const project::Plan plan = project::load_plan(plan_path);
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan);
    const pipeline::Results results = pipeline::run(plan, inputs);
    ASSERT_TRUE(results.transport) << "the demo plan has [transport] and a scenario";
    pipeline::OutputOptions options = pipeline::output_options(plan);
    options.reports = false;
    pipeline::write(plan, inputs, results, (dir / "lib").string(), options);
    expect_same_figures(json::parse(read_file(dir / "cli" / "summary.json")), json::parse(read_file(dir / "lib" / "summary.json")));
}

}  // namespace
}  // namespace keniki::test
