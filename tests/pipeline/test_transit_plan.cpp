// A plan whose tier reaches by timetable (reach mode "transit"), on the hand-made feed
// tests/fixtures/gtfs/router (its README has the timetable), worked by hand:
//   hub at stop H; walking at 3.0 km/h (elderly) along straight line x 3 (a hilly town): 150 m
//   walked per 50 m of straight line, 3 minutes; X and Y are 555 m from H, 33 minutes on foot.
//   - Ann lives 50 m from X: leaves 09:07, t1 09:10 -> H 09:30 (23 min); home by t3 15:10 -> X
//     15:20, home 15:23 before 16:00: served, 23 minutes.
//   - Ben lives 50 m from Y: t4 09:15 -> H 09:35 there, but no bus back to Y and 33 minutes on foot
//     is over the 30-minute limit: not served.
//   - Cat lives 2.8 km from every stop: not served (no stop within walking distance).
//   - Scenario without route r1: Ann loses the round trip.

#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/project/plan.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

TEST(TransitPlan, RoundTripsWorkedByHand) {
    const fs::path dir = fresh_temp_dir("keniki-transit-plan");
    write(dir / "city.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[130.68,33.63],[130.74,33.63],[130.74,33.65],[130.68,33.65],[130.68,33.63]]]}}]})");
    write(dir / "hubs.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"H1","kind":"centre","name":"センター"},"geometry":{"type":"Point","coordinates":[130.69,33.64]}}]})");
    write(dir / "residents.csv", "name,lon,lat,old\nAnn,130.69054,33.6450,1\nBen,130.69054,33.6350,1\nCat,130.7300,33.6400,0\n");
    const std::string feed = (source_dir() / "tests/fixtures/gtfs/router").string();
    write(dir / "plan.toml", "[study]\nname = \"t\"\nboundary = { path = \"city.geojson\" }\n"
                             "[residents]\nsource = { path = \"residents.csv\" }\nkind = \"points\"\nage65_field = \"old\"\nage75_field = \"old\"\nlabel_field = \"name\"\n"
                             "[[facilities]]\nsource = { path = \"hubs.geojson\" }\nkind_field = \"kind\"\nname_field = \"name\"\nid_field = \"id\"\n"
                             "[[tiers]]\nid = \"city\"\nname = \"市\"\nunits = { from = \"boundary\" }\nhub_kinds = [\"centre\"]\n"
                             "reach = { mode = \"transit\", minutes = 30, window = \"09:00-10:00\", home_by = \"16:00\", elderly = true, max_transfers = 1, walk_detour = 3.0 }\n"
                             "[transport]\ngtfs = [\"" + feed + "\"]\nservice_day = \"20260406\"\n"
                             "[[scenarios]]\nid = \"no_r1\"\nremove_routes = [\"r1\"]\n");
    const project::Plan plan = project::load_plan(dir / "plan.toml");
    pipeline::ModelInputs inputs = pipeline::load_inputs(plan);
    const pipeline::Results results = pipeline::run(plan, inputs);
    ASSERT_EQ(results.transit.size(), 1u);
    const auto& t = results.transit[0];
    EXPECT_NE(t.service_day.find("2026-04-06"), std::string::npos) << t.service_day;
    EXPECT_EQ(t.figures.total.served.total, 1);
    EXPECT_EQ(t.figures.total.served.age65, 1);
    EXPECT_EQ(t.figures.total.not_served.total, 2);
    EXPECT_EQ(t.residents_near_no_stop, 1u);  // Cat
    // The tier's own figures: beyond reach = cannot make the round trip; Ann's cost 23 minutes.
    const auto& tier = results.model.tiers[0];
    EXPECT_EQ(tier.units[0].beyond_reach.total, 2);
    ASSERT_EQ(tier.residents.cost.size(), 3u);
    EXPECT_NEAR(tier.residents.cost[0], 23.0, 1.0 / 60);
    EXPECT_TRUE(std::isinf(tier.residents.cost[1]));
    EXPECT_TRUE(std::isinf(tier.residents.cost[2]));
    ASSERT_EQ(t.scenarios.size(), 1u);
    EXPECT_EQ(t.scenarios[0].total.lost.total, 1);
    EXPECT_EQ(t.scenarios[0].total.gained.total, 0);
    EXPECT_EQ(t.figures.hub_served[0].total, 1);
}

}  // namespace
}  // namespace keniki::test
