// keniki run on the demo town's timetable plan (data/demo/plan_transit.toml) and keniki isochrone
// --mode transit, from the outside: exit codes, what summary.json, the units table and the unit
// pages say, and that the figures add up (served + not served = the unit's people; not served =
// the tier's beyond reach, which the transit cost defines as "no round trip").

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

TEST(TransitRun, DemoTownRoundTripsAddUp) {
    const fs::path out = fresh_temp_dir("keniki-transit-run") / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/demo/plan_transit.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    ASSERT_TRUE(s.contains("transit"));
    ASSERT_EQ(s["transit"].size(), 2u);  // city and welfare; the neighbourhood tier is straight-line
    for (const auto& t : s["transit"]) {
        EXPECT_NE(t["method"].get<std::string>().find("timetable"), std::string::npos);
        EXPECT_NE(t["service_day"].get<std::string>().find("2026-04-01"), std::string::npos) << "the feed's first weekday";
        const auto& tier = *std::find_if(s["tiers"].begin(), s["tiers"].end(), [&](const json& x) { return x["id"] == t["tier"]; });
        ASSERT_EQ(t["units"].size(), tier["units"].size());
        double served = 0;
        for (std::size_t u = 0; u < t["units"].size(); ++u) {
            const auto& tu = t["units"][u];
            const auto& unit = tier["units"][u];
            EXPECT_NEAR(tu["served"]["pop_total"].get<double>() + tu["not_served"]["pop_total"].get<double>(), unit["people"]["pop_total"].get<double>(), 1e-6);
            EXPECT_NEAR(tu["not_served"]["pop_total"].get<double>(), unit["beyond_reach"]["pop_total"].get<double>(), 1e-6);
            EXPECT_NEAR(tu["not_served"]["pop_65plus"].get<double>(), unit["beyond_reach"]["pop_65plus"].get<double>(), 1e-6);
            served += tu["served"]["pop_total"].get<double>();
        }
        EXPECT_GT(served, 0);
        EXPECT_LT(served, s["total"]["pop_total"].get<double>()) << "the village lines leave some without a way home";
        // The railway-free scenario can only take round trips away.
        const auto& no_rail = t["scenarios"][0];
        EXPECT_EQ(no_rail["id"], "no_rail");
        EXPECT_GT(no_rail["lost"]["pop_total"].get<double>(), 0);
        EXPECT_EQ(no_rail["gained"]["pop_total"].get<double>(), 0);
    }
    const std::string csv = read_file(out / "units_welfare.csv");
    for (const char* col : {"transit_served_pop_total", "transit_not_served_pop_65plus", "transit_walk_faster_pop_75plus", "transit_window_median_min",
                            "transit_window_p90_min", "transit_no_rail_lost_pop_total"})
        EXPECT_NE(csv.find(col), std::string::npos) << col;
    bool page = false;
    for (const auto& e : fs::recursive_directory_iterator(out / "report"))
        if (e.path().extension() == ".html" && read_file(e.path()).find("路線バス・鉄道で往復できるか") != std::string::npos) page = true;
    EXPECT_TRUE(page) << "a unit page shows the round-trip section";
}

TEST(TransitIsochroneCommand, WritesOnePolygonPerThresholdAndNamesWhatIsMissing) {
    const fs::path dir = fresh_temp_dir("keniki-transit-iso");
    const std::string feed = shell_quote((source_dir() / "tests/fixtures/gtfs/router").string());
    // From stop X (33.6450, 130.6900) on Monday 2026-04-06 at 09:00: t8 to Z by 09:20, t1 to H by
    // 09:30; walks of at most 100 m (only X itself) and no walking between stops.
    const auto r = run_keniki("isochrone --mode transit --gtfs " + feed + " --from 130.69,33.645 --depart 09:00 --minutes 25,31 --date 20260406 --max-walk 100 --transfer 0 --out " +
                              shell_quote((dir / "iso.geojson").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("2026-04-06"), std::string::npos) << r.err;
    const json g = json::parse(read_file(dir / "iso.geojson"));
    ASSERT_EQ(g["features"].size(), 2u);
    EXPECT_EQ(g["features"][0]["properties"]["stops_reached"], 2);  // X and Z
    EXPECT_EQ(g["features"][1]["properties"]["stops_reached"], 3);  // and H
    EXPECT_EQ(g["features"][0]["properties"]["mode"], "transit");
    EXPECT_LT(g["features"][0]["properties"]["area_km2"].get<double>(), g["features"][1]["properties"]["area_km2"].get<double>());
    // Along the demo town's roads from its station ST1 (石田), leaving 09:00-10:00: the road outline,
    // growing with the minutes.
    const auto roads = run_keniki("isochrone --mode transit --gtfs " + shell_quote((source_dir() / "data/demo/gtfs").string()) + " --roads " +
                                  shell_quote((source_dir() / "data/demo/roads.geojson").string()) +
                                  " --from 131.15932,34.0891859 --depart 09:00 --window 60 --minutes 30,60 --quiet --out " + shell_quote((dir / "roads.geojson").string()));
    ASSERT_EQ(roads.exit_code, 0) << roads.err;
    const json gr = json::parse(read_file(dir / "roads.geojson"));
    ASSERT_EQ(gr["features"].size(), 2u);
    EXPECT_GT(gr["features"][0]["properties"]["area_km2"].get<double>(), 0.1);
    EXPECT_LT(gr["features"][0]["properties"]["area_km2"].get<double>(), gr["features"][1]["properties"]["area_km2"].get<double>());
    EXPECT_LT(gr["features"][0]["properties"]["stops_reached"].get<int>(), gr["features"][1]["properties"]["stops_reached"].get<int>());
    const auto missing = run_keniki("isochrone --mode transit --from 130.69,33.645 --minutes 30 --out " + shell_quote((dir / "x.geojson").string()));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--gtfs"), std::string::npos) << missing.err;
    const auto bad_time = run_keniki("isochrone --mode transit --gtfs " + feed + " --from 130.69,33.645 --depart 9h --minutes 30 --out " +
                                     shell_quote((dir / "y.geojson").string()));
    EXPECT_EQ(bad_time.exit_code, 2);
    EXPECT_NE(bad_time.err.find("--depart"), std::string::npos) << bad_time.err;
}

}  // namespace
}  // namespace keniki::test
