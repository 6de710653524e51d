// keniki run and keniki validate, end to end through the built command.
// The square town (tests/fixtures/run) has figures worked out by hand (see tests/analysis/
// test_service_model.cpp for the derivation); its table is a golden file reviewed by eye.

#include <filesystem>
#include <fstream>
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
                          "gaps_area.geojson", "service_area_area.geojson", "residents.geojson", "hubs.geojson"})
        EXPECT_TRUE(fs::exists(s_out / f)) << f;
}

TEST_F(RunSquareTown, TableMatchesTheReviewedGoldenFile) {
    const std::string text = read_file(s_out / "units_area.csv");
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "CSV must start with a UTF-8 BOM (Excel in Japan)";
    const auto got = parse_csv(text);
    const auto want = parse_csv(read_file(fixture("expected_units_area.csv")));
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t r = 0; r < want.size(); ++r) {
        ASSERT_EQ(got[r].size(), want[r].size()) << "row " << r;
        for (std::size_t c = 0; c < want[r].size(); ++c) {
            char* end_w = nullptr;
            char* end_g = nullptr;
            const double w = std::strtod(want[r][c].c_str(), &end_w), g = std::strtod(got[r][c].c_str(), &end_g);
            if (!want[r][c].empty() && *end_w == '\0' && *end_g == '\0')
                EXPECT_NEAR(g, w, 1e-6 * std::max(1.0, std::abs(w))) << want[0][c] << " of row " << r;
            else
                EXPECT_EQ(got[r][c], want[r][c]) << want[0][c] << " of row " << r;
        }
    }
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
    EXPECT_EQ(checked, 8);  // units, service areas and gaps of 2 tiers, residents, hubs
}

TEST_F(RunSquareTown, GeoPackageHoldsEveryLayerInTheWorkingCrs) {
    const auto info = run_command("ogrinfo -ro -so " + shell_quote((s_out / "keniki.gpkg").string()));
    ASSERT_EQ(info.exit_code, 0) << info.err;
    for (const char* layer : {"units_city", "units_area", "service_area_city", "gaps_area", "residents", "hubs"})
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
    }
    EXPECT_DOUBLE_EQ(s["tiers"][1]["outside_all_units"]["pop_total"].get<double>(), 0);
    for (const auto& entry : fs::directory_iterator(out)) {
        if (entry.path().extension() == ".geojson") {
            EXPECT_TRUE(rfc7946_problems(entry.path().string()).empty()) << entry.path();
        }
    }
}

}  // namespace
}  // namespace keniki::test
