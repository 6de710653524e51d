// [[scenarios]] that move, add and remove hubs (move_hubs, add_hubs, remove_hubs): what load_plan
// binds, the mistakes it reports with their lines, and a place outside the study area refused by
// `keniki run` with the plan's line.

#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "keniki/project/plan.hpp"
#include "project/plan_test_support.hpp"

namespace keniki {
namespace {

namespace fs = std::filesystem;

/// The demo plan (paths made absolute) with `extra` appended.
std::string demo_with(const std::string& extra) {
    const fs::path demo = test::source_dir() / "data" / "demo";
    std::string text = test::slurp(demo / "plan.toml");
    text = std::regex_replace(text, std::regex("path = \""), "path = \"" + demo.string() + "/");
    return text + "\n" + extra;
}

std::vector<project::PlanProblem> problems_of(const std::string& text) {
    try {
        (void)project::load_plan(test::write_plan(text));
    } catch (const project::PlanError& e) {
        return e.problems();
    }
    return {};
}

TEST(PlanHubScenarios, BindAsWritten) {
    const auto plan = project::load_plan(test::write_plan(demo_with(R"([[scenarios]]
id = "ws"
move_hubs = [{ hub = "CH2", lon = 131.1321, lat = 34.1653 }]
add_hubs = [{ id = "N1", name = "新サロン", tier = "neighbourhood", kind = "salon", lon = 131.2901, lat = 34.2003 }]
remove_hubs = ["SA09", "SA10"]
)")));
    ASSERT_EQ(plan.scenarios.size(), 2u);
    const auto& sc = plan.scenarios[1];
    EXPECT_TRUE(sc.changes_hubs());
    EXPECT_FALSE(sc.changes_transport());
    ASSERT_EQ(sc.move_hubs.size(), 1u);
    EXPECT_EQ(sc.move_hubs[0].hub, "CH2");
    EXPECT_EQ(sc.move_hubs[0].lon, 131.1321);
    EXPECT_EQ(sc.move_hubs[0].lat, 34.1653);
    ASSERT_EQ(sc.add_hubs.size(), 1u);
    EXPECT_EQ(sc.add_hubs[0].name, "新サロン");
    EXPECT_EQ(sc.add_hubs[0].tier, "neighbourhood");
    EXPECT_EQ(sc.remove_hubs, (std::vector<std::string>{"SA09", "SA10"}));
}

TEST(PlanHubScenarios, MistakesAreReportedWithTheirLines) {
    const std::string text = demo_with(R"([[scenarios]]
id = "ws"
move_hubs = [{ hub = "CH2", lon = 231.0, lat = 34.1 }, { hub = "CH3", lat = 34.1 }]
add_hubs = [{ id = "N1", tier = "neighbourhod", lon = 131.2, lat = 34.2, colour = "red" }]
)");
    const auto problems = problems_of(text);
    std::string all;
    for (const auto& p : problems) all += p.describe() + "\n";
    const int move_line = test::line_with(text, "move_hubs = ["), add_line = test::line_with(text, "add_hubs = [");
    auto has = [&](const std::string& msg, int line) {
        return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.line == line && p.message.find(msg) != std::string::npos; });
    };
    EXPECT_TRUE(has("move_hubs[0].lon must be a longitude in degrees (-180 to 180)", move_line)) << all;
    EXPECT_TRUE(has("missing key 'lon' in move_hubs entry 2 (WGS84 longitude in degrees)", move_line)) << all;
    EXPECT_TRUE(has("add_hubs[0].tier names no tier 'neighbourhod' (did you mean 'neighbourhood'?)", add_line)) << all;
    EXPECT_TRUE(has("unknown key 'colour' in add_hubs entry 1", add_line)) << all;
}

TEST(PlanHubScenarios, AScenarioWithoutTransportEditsNeedsNoTransportSection) {
    std::string text = test::slurp(test::plan_fixtures() / "reference.toml");
    // reference.toml has no [transport]; a hub scenario is fine there, a stop scenario is not.
    const auto ok = problems_of(text + "\n[[scenarios]]\nid = \"h\"\nremove_hubs = [\"x\"]\n");
    for (const auto& p : ok) EXPECT_EQ(p.message.find("[transport]"), std::string::npos) << p.describe();
    const auto bad = problems_of(text + "\n[[scenarios]]\nid = \"s\"\nremove_routes = [\"101\"]\n");
    EXPECT_TRUE(std::any_of(bad.begin(), bad.end(), [](const auto& p) { return p.message.find("need a [transport] section") != std::string::npos; }));
}

TEST(PlanHubScenarios, KenikiRunRefusesAHubMovedOutOfTheStudyAreaNamingTheLine) {
    const std::string text = demo_with("[[scenarios]]\nid = \"far\"\nmove_hubs = [{ hub = \"CH2\", lon = 135.5, lat = 34.7 }]\n");
    const fs::path plan = test::write_plan(text);
    const auto r = test::run_keniki("run " + test::shell_quote(plan.string()) + " --out " + test::shell_quote((plan.parent_path() / "out").string()) + " --quiet");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("scenario 'far': hub 'CH2' moved at (135.500000, 34.700000) lies outside the study area"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(", line " + std::to_string(test::line_with(text, "move_hubs = [")) + ":"), std::string::npos) << r.err;
    const auto unknown = test::run_keniki("run " + test::shell_quote(test::write_plan(demo_with("[[scenarios]]\nid = \"u\"\nremove_hubs = [\"XX\"]\n")).string()) +
                                          " --out " + test::shell_quote((plan.parent_path() / "out2").string()) + " --quiet");
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("scenario 'u': remove_hubs: 'XX' is the id of no hub of any tier"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace keniki
