// `keniki site` on the demo town: the neighbourhood tier (community halls and salons, 1,000 m straight
// line) gets 3 new hubs from a 250 m grid. What the sites add must be what the plan itself says once
// they are hubs: the site layer is appended to the facilities with ogr2ogr (an independent tool) and
// the plan run again; the tier's people beyond reach drop by exactly the people gained.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

double beyond_reach(const json& summary, const std::string& tier, const char* group) {
    for (const auto& t : summary["tiers"]) {
        if (t["id"] != tier) continue;
        double sum = 0;
        for (const auto& u : t["units"]) sum += u["beyond_reach"][group].get<double>();
        return sum;
    }
    ADD_FAILURE() << "no tier " << tier;
    return -1;
}

TEST(Site, DemoSitesAddExactlyWhatARerunWithThemAsHubsShows) {
    const auto dir = fresh_temp_dir("keniki-site-demo");
    const auto out = dir / "out";
    const auto r = run_keniki("site " + shell_quote((source_dir() / "data/demo/plan.toml").string()) + " --tier neighbourhood --add 3 --out " +
                              shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    const json& st = s["siting"];
    EXPECT_EQ(st["tier"], "neighbourhood");
    EXPECT_EQ(st["objective"], "coverage");
    EXPECT_NE(st["method"].get<std::string>().find("heuristic"), std::string::npos) << st["method"];  // 6,000+ grid cells: over the exact limit
    ASSERT_EQ(st["sites"].size(), 3u);
    double gained = 0, gained65 = 0;
    for (const auto& site : st["sites"]) {
        EXPECT_GT(site["gained"]["pop_total"].get<double>(), 0);
        gained += site["gained"]["pop_total"].get<double>();
        gained65 += site["gained"]["pop_65plus"].get<double>();
    }
    EXPECT_DOUBLE_EQ(st["covered_after"]["pop_total"].get<double>() - st["covered_before"]["pop_total"].get<double>(), gained);
    // Before the sites, "within reach" is the run's own figure: everyone minus the people beyond reach.
    EXPECT_DOUBLE_EQ(st["covered_before"]["pop_total"].get<double>(), st["total"]["pop_total"].get<double>() - beyond_reach(s, "neighbourhood", "pop_total"));
    double units_gain = 0;
    for (const auto& u : st["units"]) units_gain += u["after"]["pop_total"].get<double>() - u["before"]["pop_total"].get<double>();
    EXPECT_DOUBLE_EQ(units_gain, gained);
    EXPECT_TRUE(fs::exists(out / "site_neighbourhood.csv"));
    EXPECT_NE(read_file(out / "report" / "index.html").find("id=\"siting\""), std::string::npos);

    // The rerun: the demo with the sites appended to its facilities (kind community_hall).
    const auto town = dir / "town";
    fs::create_directories(town);
    for (const auto& e : fs::directory_iterator(source_dir() / "data/demo"))
        if (e.is_regular_file()) fs::copy_file(e.path(), town / e.path().filename());  // the files the plan names (not gtfs/)
    ASSERT_EQ(std::system(("ogr2ogr -q -f GPKG " + shell_quote((town / "hubs.gpkg").string()) + " " + shell_quote((town / "hubs.geojson").string()) +
                           " -nln hubs")
                              .c_str()),
              0);
    ASSERT_EQ(std::system(("ogr2ogr -q -append -t_srs EPSG:4326 -nln hubs " + shell_quote((town / "hubs.gpkg").string()) + " " +
                           shell_quote((out / "keniki.gpkg").string()) + " site_neighbourhood")
                              .c_str()),
              0);
    std::string plan = read_file(town / "plan.toml");
    const std::string from = "source = { path = \"hubs.geojson\" }";
    ASSERT_NE(plan.find(from), std::string::npos);
    plan.replace(plan.find(from), from.size(), "source = { path = \"hubs.gpkg\" }");
    std::ofstream(town / "plan.toml") << plan;
    const auto again = run_keniki("run " + shell_quote((town / "plan.toml").string()) + " --out " + shell_quote((dir / "again").string()) + " --quiet");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json a = json::parse(read_file(dir / "again" / "summary.json"));
    EXPECT_DOUBLE_EQ(beyond_reach(s, "neighbourhood", "pop_total") - beyond_reach(a, "neighbourhood", "pop_total"), gained);
    EXPECT_DOUBLE_EQ(beyond_reach(s, "neighbourhood", "pop_65plus") - beyond_reach(a, "neighbourhood", "pop_65plus"), gained65);
}

// Candidates from a layer (the demo's own facilities), few enough for GLPK: proven optimal; and the
// fewest sites that bring everyone reachable within reach (LSCP) covers everyone a candidate reaches.
TEST(Site, LayerCandidatesSolvedExactlyAndCoverAll) {
    const auto dir = fresh_temp_dir("keniki-site-layer");
    const std::string plan = shell_quote((source_dir() / "data/demo/plan.toml").string());
    const std::string hubs = shell_quote((source_dir() / "data/demo/hubs.geojson").string());
    const auto r = run_keniki("site " + plan + " --tier welfare --add 1 --candidates " + hubs + " --demand pop_65plus --out " +
                              shell_quote((dir / "one").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(dir / "one" / "summary.json"));
    EXPECT_TRUE(s["siting"]["optimal"].get<bool>()) << s["siting"]["method"];
    EXPECT_NE(s["siting"]["method"].get<std::string>().find("GLPK"), std::string::npos) << s["siting"]["method"];
    EXPECT_EQ(s["siting"]["demand"], "pop_65plus");
    const auto c = run_keniki("site " + plan + " --tier welfare --objective cover-all --candidates " + hubs + " --out " +
                              shell_quote((dir / "all").string()) + " --quiet");
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const json all = json::parse(read_file(dir / "all" / "summary.json"));
    EXPECT_GE(all["siting"]["sites"].size(), 1u);
    EXPECT_GE(all["siting"]["covered_after"]["pop_total"].get<double>(), s["siting"]["covered_after"]["pop_total"].get<double>());
    // Free to move the 3 welfare centres too (4 sites among the facilities, exact): at least as many
    // people within reach as keeping them and adding 1 — the fixed answer is one of the free ones.
    const auto f = run_keniki("site " + plan + " --tier welfare --add 1 --candidates " + hubs + " --demand pop_65plus --free-existing --out " +
                              shell_quote((dir / "free").string()) + " --quiet");
    ASSERT_EQ(f.exit_code, 0) << f.err;
    const json free = json::parse(read_file(dir / "free" / "summary.json"));
    EXPECT_EQ(free["siting"]["sites"].size(), 4u);
    EXPECT_TRUE(free["siting"]["optimal"].get<bool>()) << free["siting"]["method"];
    EXPECT_GE(free["siting"]["covered_after"]["pop_65plus"].get<double>(), s["siting"]["covered_after"]["pop_65plus"].get<double>());
    EXPECT_DOUBLE_EQ(free["siting"]["covered_before"]["pop_total"].get<double>(), s["siting"]["covered_before"]["pop_total"].get<double>());
    double from_none = 0;
    for (const auto& site : free["siting"]["sites"]) from_none += site["gained"]["pop_total"].get<double>();
    EXPECT_DOUBLE_EQ(from_none, free["siting"]["covered_after"]["pop_total"].get<double>());
    // Usage errors.
    EXPECT_EQ(run_keniki("site " + plan + " --tier nowhere --add 1 --out " + shell_quote((dir / "x").string())).exit_code, 2);
    EXPECT_EQ(run_keniki("site " + plan + " --tier welfare --out " + shell_quote((dir / "y").string())).exit_code, 2);
    EXPECT_EQ(run_keniki("site " + plan + " --tier welfare --add 1 --objective best --out " + shell_quote((dir / "z").string())).exit_code, 2);
}

}  // namespace
}  // namespace keniki::test
