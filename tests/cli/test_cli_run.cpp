// keniki run and keniki validate, end to end through the built command.
// The square town (tests/fixtures/run) has figures worked out by hand (see tests/analysis/
// test_service_model.cpp for the derivation); its tables are golden files reviewed by eye.
//
// Its hubs' catchments (担当), by hand from the same residents: tier area, reach 500 m —
//   H0 (west hub): r0 10 (4, 2) at 400 m, r1 5 (5, 0) at 400 m, r2 20 (10, 5) at 600 m: nearest 35 (19, 7),
//                  within reach 15 (9, 2), share 15/35 = 0.428571, mean 18000/35 = 514.3 m, max 600 m
//   H1 (east hub): r3 1 (1, 1) at sqrt(50² + 400²) = 403.1 m: nearest 1 (1, 1), within reach 1 (1, 1)
//   r4 (7 people) lies in no unit and in no catchment: 35 + 1 = 36 = in_units; 15 + 1 = 16 = 36 - 20 beyond.
// tier city, reach 2000 m: C has r0..r3 at 900, 100, 100 and sqrt(950² + 400²) = 1030.8 m: 36 (20, 8),
//   all within reach, mean (9000 + 500 + 2000 + 1030.8) / 36 = 348.1 m.

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/rfc7946.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Splits CSV text into rows of cells (quotes, doubled quotes; no fields spanning lines here).
std::vector<std::vector<std::string>> parse_csv(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') row.push_back(cell), cell.clear();
        else if (c == '\n') row.push_back(cell), cell.clear(), rows.push_back(row), row.clear();
        else if (c != '\r') cell += c;
    }
    if (!cell.empty() || !row.empty()) row.push_back(cell), rows.push_back(row);
    return rows;
}

fs::path fixture(const std::string& name) { return source_dir() / "tests/fixtures/run" / name; }

class RunSquareTown : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_out = fresh_temp_dir("keniki-run") / "out";
        s_result = run_keniki("run " + shell_quote(fixture("plan.toml").string()) + " --out " + shell_quote(s_out.string()) + " --quiet");
    }
    static inline fs::path s_out;
    static inline CommandResult s_result;
};

TEST_F(RunSquareTown, SucceedsQuietly) {
    EXPECT_EQ(s_result.exit_code, 0) << s_result.err;
    EXPECT_EQ(s_result.err, "");
    EXPECT_EQ(s_result.out, "");
    for (const char* f : {"summary.json", "keniki.gpkg", "units_city.geojson", "units_area.geojson", "units_area.csv", "units_city.csv",
                          "hubs_city.csv", "hubs_area.csv", "hubs_area.geojson", "gaps_area.geojson", "service_area_area.geojson",
                          "residents.geojson", "hubs.geojson"})
        EXPECT_TRUE(fs::exists(s_out / f)) << f;
}

/// A written CSV table against its reviewed golden file: numbers to 1e-6, text exactly.
void expect_table_matches(const fs::path& written, const fs::path& golden) {
    const std::string text = read_file(written);
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << written << ": CSV must start with a UTF-8 BOM (Excel in Japan)";
    const auto got = parse_csv(text);
    const auto want = parse_csv(read_file(golden));
    ASSERT_EQ(got.size(), want.size()) << written;
    for (std::size_t r = 0; r < want.size(); ++r) {
        ASSERT_EQ(got[r].size(), want[r].size()) << written << " row " << r;
        for (std::size_t c = 0; c < want[r].size(); ++c) {
            char* end_w = nullptr;
            char* end_g = nullptr;
            const double w = std::strtod(want[r][c].c_str(), &end_w), g = std::strtod(got[r][c].c_str(), &end_g);
            if (!want[r][c].empty() && *end_w == '\0' && *end_g == '\0')
                EXPECT_NEAR(g, w, 1e-6 * std::max(1.0, std::abs(w))) << written.filename() << ": " << want[0][c] << " of row " << r;
            else
                EXPECT_EQ(got[r][c], want[r][c]) << written.filename() << ": " << want[0][c] << " of row " << r;
        }
    }
}

TEST_F(RunSquareTown, TablesMatchTheReviewedGoldenFiles) {
    expect_table_matches(s_out / "units_area.csv", fixture("expected_units_area.csv"));
    expect_table_matches(s_out / "hubs_area.csv", fixture("expected_hubs_area.csv"));
}

TEST_F(RunSquareTown, SummaryHasTheHandComputedFigures) {
    const json s = json::parse(read_file(s_out / "summary.json"));
    EXPECT_EQ(s["working_crs"]["definition"], "EPSG:6670");
    EXPECT_DOUBLE_EQ(s["total"]["pop_total"].get<double>(), 43);
    EXPECT_DOUBLE_EQ(s["study"]["area_km2"].get<double>(), 2.0);
    const auto& area = s["tiers"][1];
    EXPECT_EQ(area["id"], "area");
    EXPECT_DOUBLE_EQ(area["outside_all_units"]["pop_total"].get<double>(), 7);
    EXPECT_DOUBLE_EQ(area["in_units"]["pop_total"].get<double>(), 36);
    EXPECT_DOUBLE_EQ(area["beyond_reach"]["pop_65plus"].get<double>(), 10);
    const auto& east = area["units"][1];
    EXPECT_EQ(east["unit_id"], "e");
    EXPECT_DOUBLE_EQ(east["nearest_hub_elsewhere_by_unit"]["w"].get<double>(), 20);
    EXPECT_NEAR(east["cost"]["mean"].get<double>(), (600.0 * 20 + std::hypot(50.0, 400.0)) / 21, 1e-9);
    // The hubs' catchments (see the top of this file).
    ASSERT_EQ(area["hub_figures"].size(), 2u);
    const auto& h0 = area["hub_figures"][0];
    const auto& h1 = area["hub_figures"][1];
    EXPECT_EQ(h0["hub_id"], "H0");
    EXPECT_EQ(h0["unit_id"], "w");
    EXPECT_DOUBLE_EQ(h0["nearest"]["pop_total"].get<double>(), 35);
    EXPECT_DOUBLE_EQ(h0["nearest"]["pop_65plus"].get<double>(), 19);
    EXPECT_DOUBLE_EQ(h0["nearest"]["pop_75plus"].get<double>(), 7);
    EXPECT_DOUBLE_EQ(h0["within_reach"]["pop_total"].get<double>(), 15);
    EXPECT_DOUBLE_EQ(h0["within_reach"]["pop_65plus"].get<double>(), 9);
    EXPECT_DOUBLE_EQ(h0["within_reach"]["pop_75plus"].get<double>(), 2);
    EXPECT_NEAR(h0["cost"]["mean"].get<double>(), 18000.0 / 35, 1e-9);
    EXPECT_DOUBLE_EQ(h0["cost"]["max"].get<double>(), 600);
    EXPECT_EQ(h1["hub_id"], "H1");
    EXPECT_EQ(h1["unit_id"], "e");
    EXPECT_DOUBLE_EQ(h1["nearest"]["pop_total"].get<double>(), 1);
    EXPECT_DOUBLE_EQ(h1["within_reach"]["pop_75plus"].get<double>(), 1);
    EXPECT_NEAR(h1["cost"]["max"].get<double>(), std::hypot(50.0, 400.0), 1e-9);
    EXPECT_DOUBLE_EQ(area["no_hub"]["pop_total"].get<double>(), 0);
    const auto& city_hub = s["tiers"][0]["hub_figures"][0];
    EXPECT_EQ(city_hub["unit_id"], "city");
    EXPECT_DOUBLE_EQ(city_hub["nearest"]["pop_total"].get<double>(), 36);
    EXPECT_DOUBLE_EQ(city_hub["within_reach"]["pop_65plus"].get<double>(), 20);
    EXPECT_NEAR(city_hub["cost"]["mean"].get<double>(), (9000 + 500 + 2000 + std::hypot(950.0, 400.0)) / 36, 1e-9);
    // The circles of both straight-line tiers, as drawn (the plan leaves buffer_segments out): 32
    // segments per quarter circle, a 128-gon 0.0402 % short of pi r^2 (1 - 128 sin(2 pi / 128) / 2 pi).
    for (const auto& tier : s["tiers"]) {
        ASSERT_TRUE(tier["circles"].is_object()) << tier["id"];
        EXPECT_EQ(tier["circles"]["segments_per_quadrant"], 32) << tier["id"];
        EXPECT_EQ(tier["circles"]["vertices"], 128) << tier["id"];
        EXPECT_DOUBLE_EQ(tier["circles"]["area_error_pct"].get<double>(), 0.0402) << tier["id"];
    }
    // So West's gap is 1 km^2 less H0's 128-gon of 500 m (64 r^2 sin(pi / 64) = 785,082.8 m^2), within
    // 0.05 % of the true circle's 785,398.2 m^2 (the 64-gon of 16 segments left 784,137.2).
    EXPECT_NEAR(area["units"][0]["gap_area_km2"].get<double>(), 1 - 64 * 0.25 * std::sin(M_PI / 64), 1e-6);
    // Provenance: every input with its path and counts.
    ASSERT_EQ(s["inputs"].size(), 4u);
    EXPECT_EQ(s["inputs"][1]["role"], "residents");
    EXPECT_EQ(s["inputs"][1]["features_read"], 5);
}

TEST_F(RunSquareTown, EveryGeoJsonIsRfc7946AndOpensInOgrinfo) {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(s_out)) {
        if (entry.path().extension() != ".geojson") continue;
        ++checked;
        const auto problems = rfc7946_problems(entry.path().string());
        EXPECT_TRUE(problems.empty()) << entry.path().filename() << ": " << (problems.empty() ? "" : problems.front());
        const auto info = run_command("ogrinfo -ro -so -al " + shell_quote(entry.path().string()));
        EXPECT_EQ(info.exit_code, 0) << entry.path().filename() << info.err;
    }
    EXPECT_EQ(checked, 10);  // units, service areas, gaps and hub catchments of 2 tiers, residents, hubs
}

TEST_F(RunSquareTown, GeoPackageHoldsEveryLayerInTheWorkingCrs) {
    const auto info = run_command("ogrinfo -ro -so " + shell_quote((s_out / "keniki.gpkg").string()));
    ASSERT_EQ(info.exit_code, 0) << info.err;
    for (const char* layer : {"units_city", "units_area", "service_area_city", "gaps_area", "hubs_city", "hubs_area", "residents", "hubs"})
        EXPECT_NE(info.out.find(layer), std::string::npos) << layer;
    const auto units = run_command("ogrinfo -ro -so " + shell_quote((s_out / "keniki.gpkg").string()) + " units_area");
    EXPECT_NE(units.out.find("\"EPSG\",6670"), std::string::npos);
    EXPECT_NE(units.out.find("Extent: (0.000000, 0.000000) - (2000.000000, 1000.000000)"), std::string::npos) << units.out;
}

TEST(Run, ExistingOutputNeedsOverwriteAndIsLeftAlone) {
    const auto dir = fresh_temp_dir("keniki-run-exists");
    std::ofstream(dir / "keep.txt") << "mine";
    const auto r = run_keniki("run " + shell_quote(fixture("plan.toml").string()) + " --out " + shell_quote(dir.string()));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(dir / "keep.txt"));
    const auto again = run_keniki("run " + shell_quote(fixture("plan.toml").string()) + " --out " + shell_quote(dir.string()) + " --overwrite --quiet");
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_FALSE(fs::exists(dir / "keep.txt"));
    EXPECT_TRUE(fs::exists(dir / "summary.json"));
}

TEST(Run, BufferSegmentsStaySettableToMatchOtherTools) {
    // 8 segments per quarter circle, QGIS's and PostGIS's default: West's gap is 1 km^2 less a 32-gon
    // of 500 m (16 r^2 sin(pi / 16) = 780,361.4 m^2, 0.64 % short of the circle), and summary.json says so.
    const auto dir = fresh_temp_dir("keniki-run-segments");
    std::string plan = read_file(fixture("plan.toml"));
    plan.replace(plan.find("[analysis]"), 10, "[analysis]\nbuffer_segments = 8");
    for (const char* f : {"city.geojson", "areas.geojson", "residents.geojson", "hubs.geojson"}) fs::copy_file(fixture(f), dir / f);
    std::ofstream(dir / "plan.toml") << plan;
    const auto r = run_keniki("run " + shell_quote((dir / "plan.toml").string()) + " --out " + shell_quote((dir / "out").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(dir / "out/summary.json"));
    const auto& area = s["tiers"][1];
    EXPECT_EQ(area["circles"]["segments_per_quadrant"], 8);
    EXPECT_EQ(area["circles"]["vertices"], 32);
    EXPECT_DOUBLE_EQ(area["circles"]["area_error_pct"].get<double>(), 0.6413);
    EXPECT_NEAR(area["units"][0]["gap_area_km2"].get<double>(), 1 - 16 * 0.25 * std::sin(M_PI / 16), 1e-6);
    EXPECT_NEAR(area["units"][0]["gap_area_km2"].get<double>(), 0.219639, 1e-6);
    // People are counted by distance, not by the polygons: the same 20 beyond reach as with 32.
    EXPECT_DOUBLE_EQ(area["beyond_reach"]["pop_total"].get<double>(), 20);
}

TEST(Run, BadPlansExitTwoAndWriteNothing) {
    const auto dir = fresh_temp_dir("keniki-run-bad");
    // Copy the fixture plan with mistakes: an unknown key, a string for metres, an unknown tier source.
    std::string plan = read_file(fixture("plan.toml"));
    plan.replace(plan.find("metres = 500"), 12, "metres = \"500\"");
    plan.replace(plan.find("kind = \"points\""), 15, "kind = \"points\"\ncolour = \"red\"");
    for (const char* f : {"city.geojson", "areas.geojson", "residents.geojson", "hubs.geojson"}) fs::copy_file(fixture(f), dir / f);
    std::ofstream(dir / "plan.toml") << plan;
    const auto out = dir / "out";
    const auto r = run_keniki("run " + shell_quote((dir / "plan.toml").string()) + " --out " + shell_quote(out.string()));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("colour"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("metres"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("plan.toml:"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    const auto v = run_keniki("validate " + shell_quote((dir / "plan.toml").string()));
    EXPECT_EQ(v.exit_code, 2);
    // A missing input file: validate names it with its plan line; run writes nothing.
    fs::remove(dir / "hubs.geojson");
    std::ofstream(dir / "plan.toml") << read_file(fixture("plan.toml"));
    const auto missing = run_keniki("validate " + shell_quote((dir / "plan.toml").string()));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("hubs.geojson"), std::string::npos) << missing.err;
    const auto run_missing = run_keniki("run " + shell_quote((dir / "plan.toml").string()) + " --out " + shell_quote(out.string()));
    EXPECT_EQ(run_missing.exit_code, 2) << run_missing.err;
    EXPECT_FALSE(fs::exists(out));
}

TEST(Run, ValidateAcceptsTheFixturePlan) {
    const auto r = run_keniki("validate " + shell_quote(fixture("plan.toml").string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("ok"), std::string::npos);
}

/// Index of the column called `name` in a CSV header (fails the test when absent).
std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    return static_cast<std::size_t>(it - header.begin());
}

double number_of(const std::string& cell) { return cell.empty() ? NAN : std::stod(cell); }

// The demo town (data/demo/plan.toml, three tiers): every tier's hubs_<tier>.csv lists the tier's hubs
// in the summary's order with the summary's figures, and adds up to the tier totals:
//   sum of nearest_pop_*      == in_units - no_hub
//   sum of within_reach_pop_* == in_units - beyond_reach
// Each hub's catchment is also counted apart, from residents.geojson: every resident in a unit of the
// tier, by the nearest hub and the beyond-reach flag written for it.
TEST(Run, DemoHubTablesAddUpToTheTierTotals) {
    const auto out = fresh_temp_dir("keniki-run-demo") / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/demo/plan.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    const json residents = json::parse(read_file(out / "residents.geojson"));
    const char* groups[] = {"pop_total", "pop_65plus", "pop_75plus"};
    ASSERT_EQ(s["tiers"].size(), 3u);
    for (const auto& tier : s["tiers"]) {
        const std::string id = tier["id"];
        // Counted from the residents: hub id -> nearest (3 groups), within reach (3 groups).
        std::map<std::string, std::array<double, 6>> counted;
        std::array<double, 3> no_hub{};
        for (const auto& f : residents["features"]) {
            const auto& p = f["properties"];
            if (!p["unit_" + id].is_string()) continue;
            std::array<double, 3> w{};
            for (std::size_t g = 0; g < 3; ++g) w[g] = p[groups[g]].get<double>();
            if (!p["hub_" + id].is_string()) {
                for (std::size_t g = 0; g < 3; ++g) no_hub[g] += w[g];
                continue;
            }
            auto& c = counted[p["hub_" + id].get<std::string>()];
            const bool within = p["beyond_reach_" + id].get<int>() == 0;
            for (std::size_t g = 0; g < 3; ++g) c[g] += w[g], c[3 + g] += within ? w[g] : 0;
        }
        const auto rows = parse_csv(read_file(out / ("hubs_" + id + ".csv")));
        ASSERT_EQ(rows.size(), tier["hubs"].size() + 1) << id;
        ASSERT_EQ(tier["hub_figures"].size(), tier["hubs"].size()) << id;
        const auto& head = rows[0];
        const std::string cost = std::string(tier["cost_unit"] == "m" ? "dist" : "time") + "_mean_" + tier["cost_unit"].get<std::string>();
        const std::size_t hub_col = column(head, "hub_id"), unit_col = column(head, "unit_id"), mean_col = column(head, cost);
        std::array<double, 6> sums{};
        for (std::size_t k = 0; k + 1 < rows.size(); ++k) {
            const auto& row = rows[k + 1];
            const auto& fig = tier["hub_figures"][k];
            const std::string hub = row[hub_col];
            EXPECT_EQ(hub, tier["hubs"][k].get<std::string>()) << id;
            EXPECT_EQ(fig["hub_id"], hub) << id;
            EXPECT_EQ(row[unit_col], fig["unit_id"].is_string() ? fig["unit_id"].get<std::string>() : "") << id << " " << hub;
            for (std::size_t g = 0; g < 3; ++g) {
                const double nearest = number_of(row[column(head, std::string("nearest_") + groups[g])]);
                const double within = number_of(row[column(head, std::string("within_reach_") + groups[g])]);
                EXPECT_DOUBLE_EQ(nearest, fig["nearest"][groups[g]].get<double>()) << id << " " << hub << " " << groups[g];
                EXPECT_DOUBLE_EQ(within, fig["within_reach"][groups[g]].get<double>()) << id << " " << hub << " " << groups[g];
                EXPECT_DOUBLE_EQ(nearest, counted[hub][g]) << id << " " << hub << " " << groups[g] << " counted from residents.geojson";
                EXPECT_DOUBLE_EQ(within, counted[hub][3 + g]) << id << " " << hub << " " << groups[g] << " counted from residents.geojson";
                sums[g] += nearest;
                sums[3 + g] += within;
            }
            if (fig["cost"].is_object()) {
                EXPECT_NEAR(number_of(row[mean_col]), fig["cost"]["mean"].get<double>(), 0.05 + 1e-9) << id << " " << hub;  // written to 0.1
                EXPECT_LE(fig["cost"]["mean"].get<double>(), fig["cost"]["max"].get<double>()) << id << " " << hub;
            } else {
                EXPECT_EQ(row[mean_col], "") << id << " " << hub;
                EXPECT_DOUBLE_EQ(fig["nearest"]["pop_total"].get<double>(), 0) << id << " " << hub;
            }
        }
        for (std::size_t g = 0; g < 3; ++g) {
            const double in_units = tier["in_units"][groups[g]].get<double>();
            EXPECT_DOUBLE_EQ(tier["no_hub"][groups[g]].get<double>(), no_hub[g]) << id;
            EXPECT_DOUBLE_EQ(sums[g], in_units - tier["no_hub"][groups[g]].get<double>()) << id << " " << groups[g];
            EXPECT_DOUBLE_EQ(sums[3 + g], in_units - tier["beyond_reach"][groups[g]].get<double>()) << id << " " << groups[g];
        }
    }
}

TEST(Run, IizukaSmallAreasAddUpToTheCensus) {
    KENIKI_REQUIRE_SHARED("iizuka/census_age_2020_tblT001082C40205.txt");
    KENIKI_REQUIRE_SHARED("boundaries/40205.json");
    const auto out = fresh_temp_dir("keniki-run-iizuka") / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/examples/iizuka.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    EXPECT_EQ(s["working_crs"]["definition"], "EPSG:6670");
    // The census city row: 126,364 people, 39,727 aged 65+, 19,681 aged 75+ (as printed in the table).
    EXPECT_DOUBLE_EQ(s["total"]["pop_total"].get<double>(), 126364);
    EXPECT_DOUBLE_EQ(s["total"]["pop_65plus"].get<double>(), 39727);
    EXPECT_DOUBLE_EQ(s["total"]["pop_75plus"].get<double>(), 19681);
    for (const auto& tier : s["tiers"]) {
        double sum = tier["outside_all_units"]["pop_total"].get<double>();
        for (const auto& u : tier["units"]) sum += u["people"]["pop_total"].get<double>();
        EXPECT_DOUBLE_EQ(sum, 126364) << tier["id"];
    }
    // Each small area as a unit holds exactly its own census figure: 吉原町 828, 宮町 435 (table rows).
    const auto& areas = s["tiers"][1]["units"];
    ASSERT_EQ(areas.size(), 149u);
    for (const auto& u : areas) {
        if (u["unit_id"] == "402050010") {
            EXPECT_DOUBLE_EQ(u["people"]["pop_total"].get<double>(), 828);
        }
        if (u["unit_id"] == "402050020") {
            EXPECT_DOUBLE_EQ(u["people"]["pop_total"].get<double>(), 435);
        }
        // The plan splits the suppressed rows by JINKO: 筑穂元吉 065004 keeps 171 of its row's 220, 長尾
        // 066004 gets its own 29 (the boundary file's JINKO; the table prints X for it).
        if (u["unit_id"] == "40205065004") {
            EXPECT_DOUBLE_EQ(u["people"]["pop_total"].get<double>(), 171);
        }
        if (u["unit_id"] == "40205066004") {
            EXPECT_DOUBLE_EQ(u["people"]["pop_total"].get<double>(), 29);
        }
    }
    // The warning names every suppressed area and its target.
    std::string warnings;
    for (const auto& w : s["warnings"]) warnings += w.get<std::string>() + "\n";
    for (const char* fragment : {"秘匿処理", "40205066004 長尾 -> 40205065004 筑穂元吉", "40205066005 長尾 -> 40205066001 長尾",
                                 "40205066006 長尾 -> 40205065004 筑穂元吉", "by JINKO"})
        EXPECT_NE(warnings.find(fragment), std::string::npos) << fragment << " in " << warnings;
    EXPECT_DOUBLE_EQ(s["tiers"][1]["outside_all_units"]["pop_total"].get<double>(), 0);
    for (const auto& entry : fs::directory_iterator(out)) {
        if (entry.path().extension() == ".geojson") {
            EXPECT_TRUE(rfc7946_problems(entry.path().string()).empty()) << entry.path();
        }
    }
}

}  // namespace
}  // namespace keniki::test
