// keniki run refuses or warns about inputs that would otherwise lose people silently or pass as a
// clean run: unit features without geometry, duplicate unit ids, no residents, residents or hubs
// outside every unit, absurd reaches, folders given as files, empty unit layers. Each case is the
// square town of tests/fixtures/run (43 people in 5 points, 2 welfare units, 3 hubs) with one thing
// broken; the counts in the expectations are counted by hand from those files.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string k_crs = R"({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6670"}})";

std::string collection(const std::string& features) {
    return "{\"type\": \"FeatureCollection\", \"crs\": " + k_crs + ", \"features\": [\n" + features + "\n]}\n";
}

const std::string k_west = R"({"type": "Feature", "properties": {"area_id": "w", "name": "west"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1000,0],[1000,1000],[0,1000],[0,0]]]}})";
const std::string k_east = R"({"type": "Feature", "properties": {"area_id": "e", "name": "east"}, "geometry": {"type": "Polygon", "coordinates": [[[1000,0],[2000,0],[2000,1000],[1000,1000],[1000,0]]]}})";

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

/// A copy of the square town in a fresh folder; the test then replaces one file or the plan.
struct Town {
    fs::path dir;
    fs::path out;
    explicit Town(const std::string& stem) : dir(fresh_temp_dir(stem)), out(dir / "out") {
        for (const char* f : {"plan.toml", "city.geojson", "areas.geojson", "residents.geojson", "hubs.geojson"})
            fs::copy_file(source_dir() / "tests/fixtures/run" / f, dir / f);
    }
    void plan_replace(const std::string& from, const std::string& to) const {
        std::string text = read_file(dir / "plan.toml");
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        write(dir / "plan.toml", text);
    }
    CommandResult run() const { return run_keniki("run " + shell_quote((dir / "plan.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet"); }
    json summary() const { return json::parse(read_file(out / "summary.json")); }
};

void expect_refused(const Town& town, const CommandResult& r, int exit_code, const std::vector<std::string>& parts) {
    EXPECT_EQ(r.exit_code, exit_code) << r.err;
    EXPECT_EQ(r.err.rfind("keniki: error: ", 0), 0u) << r.err;
    for (const auto& p : parts) EXPECT_NE(r.err.find(p), std::string::npos) << "stderr lacks \"" << p << "\":\n" << r.err;
    EXPECT_FALSE(fs::exists(town.out)) << "a refused run must leave no output";
}

bool has_warning(const json& summary, const std::string& part) {
    for (const auto& w : summary["warnings"]) {
        if (w.get<std::string>().find(part) != std::string::npos) return true;
    }
    return false;
}

TEST(RunChecks, UnitWithoutGeometryIsAnErrorNamingTheFeature) {
    const Town town("keniki-checks-null-unit");
    write(town.dir / "areas.geojson",
          collection(k_west + ",\n" + k_east + ",\n" + R"({"type": "Feature", "properties": {"area_id": "n", "name": "nothing"}, "geometry": null})"));
    expect_refused(town, town.run(), 1,
                   {(town.dir / "areas.geojson").string(), "feature 2", "tier area", "1 of 3 unit features have no polygon geometry",
                    "skip_empty_geometry"});
}

TEST(RunChecks, UnitWithoutGeometrySkippedOnRequestIsAWarningWithTheCountsRight) {
    const Town town("keniki-checks-skip-unit");
    write(town.dir / "areas.geojson",
          collection(k_west + ",\n" + R"({"type": "Feature", "properties": {"area_id": "n", "name": "nothing"}, "geometry": {"type": "Polygon", "coordinates": []}})" +
                     ",\n" + k_east));
    town.plan_replace("id_field = \"area_id\", name_field = \"name\" }", "id_field = \"area_id\", name_field = \"name\", skip_empty_geometry = true }");
    const CommandResult r = town.run();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("keniki run: warning: tier area: 1 of 3 unit features have no polygon geometry (empty, null or not a polygon): feature 1"),
              std::string::npos)
        << r.err;
    const json s = town.summary();
    EXPECT_TRUE(has_warning(s, "tier area: 1 of 3 unit features have no polygon geometry")) << s["warnings"].dump();
    ASSERT_EQ(s["tiers"][1]["units"].size(), 2u);
    for (const auto& in : s["inputs"]) {
        if (in["role"] == "units:area") {
            EXPECT_EQ(in["features_read"], 3);
            EXPECT_EQ(in["features_used"], 2);
        }
    }
    // The people are those of the intact town: 36 in the two units, 7 outside.
    EXPECT_DOUBLE_EQ(s["tiers"][1]["outside_all_units"]["pop_total"].get<double>(), 7);
}

TEST(RunChecks, DuplicateUnitIdsAreRefusedWithBothFeatures) {
    const Town town("keniki-checks-dup-unit");
    std::string east = k_east;
    east.replace(east.find("\"e\""), 3, "\"w\"");
    write(town.dir / "areas.geojson", collection(k_west + ",\n" + east));
    expect_refused(town, town.run(), 1, {(town.dir / "areas.geojson").string(), "duplicate unit id 'w'", "features 0 and 1", "area_id"});
}

TEST(RunChecks, ResidentsWithAHeaderAndNoRowsAreRefused) {
    const Town town("keniki-checks-no-residents");
    write(town.dir / "residents.geojson", collection(""));
    expect_refused(town, town.run(), 1, {(town.dir / "residents.geojson").string(), "no residents", "no features"});
}

TEST(RunChecks, ResidentsOutsideEveryUnitAreAWarningInStderrAndTheSummary) {
    const Town town("keniki-checks-far-residents");
    // A digit in front of every x: 5100, 5900, 51100, 51950 and 53000 m, all east of the 2 km town,
    // so 43 of 43 people are outside every unit of both tiers.
    std::string text = read_file(town.dir / "residents.geojson");
    for (std::size_t at = text.find("\"coordinates\": ["); at != std::string::npos; at = text.find("\"coordinates\": [", at + 1))
        text.insert(at + 16, "5");
    write(town.dir / "residents.geojson", text);
    const CommandResult r = town.run();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("keniki run: warning: tier area: 43 of 43 people (100.0 %) live outside every unit of the tier"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tier city: 43 of 43 people (100.0 %) live outside every unit"), std::string::npos) << r.err;
    EXPECT_TRUE(has_warning(town.summary(), "live outside every unit of the tier (more than analysis.max_outside_share = 20.0 %)"));
}

TEST(RunChecks, HubsOutsideEveryUnitAreAWarning) {
    const Town town("keniki-checks-far-hubs");
    std::string text = read_file(town.dir / "hubs.geojson");
    const auto at = text.find("[1900, 500]");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 11, "[9900, 500]");  // H1 leaves the town: 1 of the 2 welfare hubs outside
    write(town.dir / "hubs.geojson", text);
    const CommandResult r = town.run();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("tier area: 1 of 2 hubs (50.0 %) stand outside every unit of the tier"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("tier city: "), std::string::npos) << "C stays inside: " << r.err;
    EXPECT_TRUE(has_warning(town.summary(), "1 of 2 hubs (50.0 %) stand outside every unit"));
}

TEST(RunChecks, AnAbsurdReachIsAPlanErrorWithItsLine) {
    const Town town("keniki-checks-reach");
    town.plan_replace("metres = 500 }", "metres = 1e12 }");
    // The reach of tier 'area' is on line 35 of the square town's plan.
    expect_refused(town, town.run(), 2, {(town.dir / "plan.toml").string() + ":35:", "metres must be at most 300000", "1e+12"});
    town.plan_replace("metres = 1e12 }", "metres = 500 }");
    town.plan_replace("mode = \"straight\", metres = 2000 }", "mode = \"walk\", minutes = 100000 }");
    const CommandResult r = town.run();
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("minutes must be at most 1440"), std::string::npos) << r.err;
}

TEST(RunChecks, ABoundaryThatIsAFolderIsAUsageErrorLikeAPlanThatIsAFolder) {
    const Town town("keniki-checks-folder");
    fs::create_directory(town.dir / "empty_folder");
    town.plan_replace("boundary = { path = \"city.geojson\" }", "boundary = { path = \"empty_folder\" }");
    expect_refused(town, town.run(), 2, {(town.dir / "empty_folder").string(), "is a folder"});
    const CommandResult plan_folder = run_keniki("run " + shell_quote((town.dir / "empty_folder").string()) + " --out " + shell_quote(town.out.string()));
    EXPECT_EQ(plan_folder.exit_code, 2) << plan_folder.err;
}

TEST(RunChecks, AnEmptyUnitLayerNamesItsFile) {
    const Town town("keniki-checks-empty-units");
    write(town.dir / "areas.geojson", collection(""));
    expect_refused(town, town.run(), 1, {(town.dir / "areas.geojson").string(), "the unit layer of tier area has no features"});
}

TEST(RunChecks, ACustomTransportPresetNeedsAStationRadiusOnlyWhenThereAreStations) {
    // One bus stop on r1 (10 people at 100,500): within its 300 m, 不便; r2, r3, r4 and r5 (5 + 20 +
    // 1 + 7; r5 lies outside the town but is a resident of the layer) are 800 m or more from it, 空白.
    // No station, so no station radius.
    const Town town("keniki-checks-custom-preset");
    const auto stop = [](const std::string& id, double x, double y) {
        return R"({"type": "Feature", "properties": {"stop_id": ")" + id + R"(", "name": ")" + id + R"("}, "geometry": {"type": "Point", "coordinates": [)" +
               std::to_string(x) + "," + std::to_string(y) + "]}}";
    };
    write(town.dir / "stops.geojson", collection(stop("b1", 100, 500)));
    write(town.dir / "plan.toml", read_file(town.dir / "plan.toml") + R"(
[transport]
preset = "custom"
bus_stop_radius_m = 300

[[transport.stops]]
id = "bus"
kind = "bus_stop"
source = { path = "stops.geojson" }
id_field = "stop_id"
name_field = "name"
)");
    const CommandResult r = run_keniki("run " + shell_quote((town.dir / "plan.toml").string()) + " --out " + shell_quote(town.out.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("transport (custom): 便利 0, 不便 10, 空白 33 people"), std::string::npos) << r.out;

    // A station among the stops needs the radius the plan does not give.
    fs::remove_all(town.out);
    write(town.dir / "stations.geojson", collection(stop("s1", 1500, 500)));
    write(town.dir / "plan.toml", read_file(town.dir / "plan.toml") + R"(
[[transport.stops]]
id = "rail"
kind = "station"
source = { path = "stations.geojson" }
id_field = "stop_id"
name_field = "name"
)");
    expect_refused(town, town.run(), 1, {(town.dir / "plan.toml").string(), "preset \"custom\" has no station_radius_m", "1 stations", "'s1'"});
}

}  // namespace
}  // namespace keniki::test
