// keniki serve on the demo town's timetable plan (data/demo/plan_transit.toml): GTFS routes and
// feeds switched off from the API give the transport figures `keniki run` writes for the same
// scenario, the saved block carries remove_routes / remove_gtfs, and tiers that reach by timetable
// are recomputed whole (never by the straight-line shortcut).

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "keniki/project/plan.hpp"
#include "keniki/serve/api.hpp"
#include "keniki/serve/model.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct TimetableDemo {
    project::Plan plan = project::load_plan(source_dir() / "data/demo/plan_transit.toml");
    serve::Model model{plan};
    fs::path out = fresh_temp_dir("keniki-serve-timetable");
    serve::Api api{model, serve::ApiOptions{out.string(), std::nullopt}};
};

TimetableDemo& demo() {
    static TimetableDemo d;
    return d;
}

TEST(ServeTimetable, TheRailwayOffGivesTheTransportFiguresOfKenikiRun) {
    const serve::Response r = demo().api.handle("POST", "/api/scenario/save", R"({"id": "rail_off", "remove_routes": ["rail"]})");
    ASSERT_EQ(r.status, 200) << r.body;
    const json served = json::parse(r.body);
    EXPECT_EQ(served["transport"]["recompute"], "full");
    EXPECT_NE(served["toml"].get<std::string>().find("remove_routes = [\"rail\"]"), std::string::npos) << served["toml"];
    // The batch run of the same plan has the same scenario (no_rail: remove_routes = ["rail"]).
    const fs::path dir = fresh_temp_dir("keniki-serve-timetable-run");
    const auto run = run_keniki("run " + shell_quote((source_dir() / "data/demo/plan_transit.toml").string()) + " --out " + shell_quote((dir / "out").string()) + " --quiet");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const json summary = json::parse(read_file(dir / "out" / "summary.json"));
    const json* sc = nullptr;
    for (const auto& s : summary["scenarios"])
        if (s["id"] == "no_rail") sc = &s;
    ASSERT_NE(sc, nullptr);
    const std::pair<const char*, const char*> classes[] = {{"convenient", "便利"}, {"inconvenient", "不便"}, {"blank", "空白"}};
    std::size_t compared = 0;
    double changed = 0;
    for (std::size_t t = 0; t < served["tiers"].size(); ++t) {
        for (std::size_t u = 0; u < served["tiers"][t]["units"].size(); ++u) {
            const json& api = served["tiers"][t]["units"][u]["transport"];
            const json& batch = (*sc)["tiers"][t]["units"][u];
            ASSERT_EQ(served["tiers"][t]["units"][u]["unit_id"], batch["unit_id"]);
            for (const auto& [en, ja] : classes) {
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_total"].get<double>(), batch["classes"][ja]["pop_total"].get<double>()) << batch["unit_id"] << " " << en;
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_65plus"].get<double>(), batch["classes"][ja]["pop_65plus"].get<double>()) << batch["unit_id"] << " " << en;
                ++compared;
            }
            changed += std::abs(api["after"]["convenient_total"].get<double>() - api["before"]["convenient_total"].get<double>());
        }
    }
    EXPECT_EQ(compared, 3u * (1 + 3 + 8));
    EXPECT_GT(changed, 0) << "the railway's stations made some people 便利";
}

TEST(ServeTimetable, TheFeedOffLeavesEveryoneWithoutAStop) {
    const serve::Response r = demo().api.handle("POST", "/api/scenario", R"({"remove_gtfs": ["gtfs"]})");
    ASSERT_EQ(r.status, 200) << r.body;
    const json served = json::parse(r.body);
    for (const auto& unit : served["tiers"][2]["units"]) {
        EXPECT_DOUBLE_EQ(unit["transport"]["after"]["blank_total"].get<double>(), unit["after"]["pop_total"].get<double>()) << unit["unit_id"];
        EXPECT_DOUBLE_EQ(unit["transport"]["after"]["convenient_total"].get<double>(), 0);
    }
    const json plan = json::parse(demo().api.handle("GET", "/api/plan", "").body);
    ASSERT_EQ(plan["feeds"].size(), 1u);
    EXPECT_EQ(plan["feeds"][0]["file"], "gtfs");
    EXPECT_EQ(plan["feeds"][0]["routes"].size(), 13u);  // 12 bus routes and the railway
}

TEST(ServeTimetable, UnknownRoutesAndFeedsAreNamed) {
    serve::Response r = demo().api.handle("POST", "/api/scenario", R"({"remove_routes": ["bus99"]})");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("remove_routes[0]: no route of the plan's feeds has the id, short or long name 'bus99'"), std::string::npos) << r.body;
    r = demo().api.handle("POST", "/api/scenario", R"({"remove_gtfs": ["other.zip"]})");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("'other.zip' is none of the plan's feeds (gtfs)"), std::string::npos) << r.body;
}

TEST(ServeTimetable, ATimetableTierIsRecomputedWhole) {
    // The welfare centre WC1 moved 500 m east: its tier reaches by timetable, so every resident again.
    const json plan = json::parse(demo().api.handle("GET", "/api/plan", "").body);
    double lon = 0, lat = 0;
    for (const auto& h : plan["hubs"])
        if (h["id"] == "WC1") {
            lon = h["lon"].get<double>() + 0.0054;
            lat = h["lat"].get<double>();
        }
    ASSERT_NE(lon, 0);
    const serve::Response r = demo().api.handle("POST", "/api/scenario", json{{"move_hubs", {{{"hub", "WC1"}, {"lon", lon}, {"lat", lat}}}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    const json served = json::parse(r.body);
    EXPECT_EQ(served["tiers"][1]["recompute"], "full (timetable)");
    EXPECT_EQ(served["tiers"][1]["revisited"], 19988);
    EXPECT_EQ(served["tiers"][0]["recompute"], "unchanged");
}

}  // namespace
}  // namespace keniki::test
