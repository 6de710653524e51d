// Transport-poor zones through `keniki run`: the square town with stops (figures by hand, see
// tests/analysis/test_transport.cpp) and Mine on real data, cross-checked with SpatiaLite (GDAL's
// SQLite dialect), an independent implementation of buffer, union and difference.

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/rfc7946.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// The first "NAME (Real) = value" of ogrinfo output.
double ogr_real(const std::string& out, const std::string& name) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(name + R"( \(Real\) = ([-0-9.e+]+))"))) return NAN;
    return std::stod(m[1].str());
}

TEST(TransportRun, MineZonesPerWelfareAreaAndSpatialiteCrossCheck) {
    KENIKI_REQUIRE_SHARED("mine/busstops_P11-22_Mine_bbox_incl_neighbours.geojson");
    KENIKI_REQUIRE_SHARED("stations/stations_pref35_40_43_2018.csv");
    KENIKI_REQUIRE_SHARED("boundaries/35213.json");
    const auto dir = fresh_temp_dir("keniki-mine");
    const auto out = dir / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/examples/mine.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    ASSERT_TRUE(s.contains("transport"));
    const auto& study = s["transport"]["study"];
    const double benri = study["便利"]["area_km2"], fuben = study["不便"]["area_km2"], kuhaku = study["空白"]["area_km2"];
    const double city_km2 = s["study"]["area_km2"];
    EXPECT_NEAR(benri + fuben + kuhaku, city_km2, 1e-3);
    // Mine is 472.6 km² (N03); most of it lies beyond 500 m of a bus stop.
    EXPECT_NEAR(city_km2, 472.6, 1.0);
    EXPECT_GT(kuhaku, 0.5 * city_km2);

    // Independent: SpatiaLite computes the 空白 area of the same inputs in the same CRS.
    const auto gpkg = dir / "check.gpkg";
    const std::string data = shared_data().string();
    auto ogr2ogr = [&](const std::string& src, const std::string& name, const std::string& extra) {
        const auto c = run_command("ogr2ogr -f GPKG -t_srs EPSG:6671 " + std::string(fs::exists(gpkg) ? "-update " : "") + shell_quote(gpkg.string()) + " " +
                                   shell_quote(src) + " -nln " + name + " " + extra);
        ASSERT_EQ(c.exit_code, 0) << c.err;
    };
    ogr2ogr(data + "/boundaries/35213.json", "city", "");
    ogr2ogr(data + "/mine/busstops_P11-22_Mine_bbox_incl_neighbours.geojson", "bus", "");
    ogr2ogr(data + "/stations/stations_pref35_40_43_2018.csv", "rail",
            "-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -s_srs EPSG:4326 -where \"pref_cd = '35' AND e_status = '0'\"");
    const auto sql = run_command(
        "ogrinfo -q " + shell_quote(gpkg.string()) +
        " -dialect SQLite -sql \"SELECT ST_Area(ST_Difference(c.geom, ST_Union((SELECT ST_Union(ST_Buffer(geom, 500, 16)) FROM bus), "
        "(SELECT ST_Union(ST_Buffer(geom, 1000, 16)) FROM rail)))) / 1e6 AS blank_km2, "
        "ST_Area(ST_Intersection(c.geom, (SELECT ST_Union(ST_Buffer(geom, 1000, 16)) FROM rail))) / 1e6 AS station_km2 FROM city c\"");
    ASSERT_EQ(sql.exit_code, 0) << sql.err;
    const double blank_check = ogr_real(sql.out, "blank_km2"), station_check = ogr_real(sql.out, "station_km2");
    EXPECT_NEAR(kuhaku, blank_check, 0.01) << sql.out;
    EXPECT_NEAR(benri, station_check, 0.01) << sql.out;

    // Per welfare area: the three classes add up to the area's own area.
    const auto& tiers = s["transport"]["tiers"];
    ASSERT_EQ(tiers.size(), 2u);
    const auto& welfare = tiers[1]["units"];
    ASSERT_EQ(welfare.size(), 3u);
    for (std::size_t i = 0; i < welfare.size(); ++i) {
        const auto& c = welfare[i]["classes"];
        const double sum = c["便利"]["area_km2"].get<double>() + c["不便"]["area_km2"].get<double>() + c["空白"]["area_km2"].get<double>();
        EXPECT_NEAR(sum, s["tiers"][1]["units"][i]["area_km2"].get<double>(), 1e-3) << welfare[i]["unit_id"];
    }
    // Which 大字 points and shelters fall in 空白: listed in the outputs with their names.
    const auto residents = run_command("ogrinfo -ro -al -q " + shell_quote((out / "residents.geojson").string()) + " -where \"transport_class = '空白'\"");
    EXPECT_EQ(residents.exit_code, 0);
    EXPECT_NE(residents.out.find("label (String)"), std::string::npos);
    const auto hubs = run_command("ogrinfo -ro -so -al " + shell_quote((out / "hubs.geojson").string()));
    EXPECT_NE(hubs.out.find("transport_class"), std::string::npos);
    // The scenario without buses: nobody gains, and every 不便 person loses coverage.
    ASSERT_EQ(s["scenarios"].size(), 1u);
    EXPECT_DOUBLE_EQ(s["scenarios"][0]["study"]["gained"]["pop_total"].get<double>(), 0);
    EXPECT_DOUBLE_EQ(s["scenarios"][0]["study"]["lost"]["pop_total"].get<double>(), study["不便"]["pop_total"].get<double>());
    for (const auto& entry : fs::directory_iterator(out)) {
        if (entry.path().extension() == ".geojson") {
            EXPECT_TRUE(rfc7946_problems(entry.path().string()).empty()) << entry.path();
        }
    }
}

TEST(TransportRun, IizukaFeedsAndTheRoutesAbolishedIn2022) {
    KENIKI_REQUIRE_SHARED("iizuka/gtfs/old4routes.zip");
    KENIKI_REQUIRE_SHARED("iizuka/census_age_2020_tblT001082C40205.txt");
    const auto out = fresh_temp_dir("keniki-iizuka-transport") / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/examples/iizuka.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    const auto& t = s["transport"];
    // The typical weekday of the two current feeds (both run every weekday from 2020-10-01).
    EXPECT_EQ(t["service_day"].get<std::string>().substr(0, 8), "20260401");
    // Every resident is in exactly one class: the classes add up to the census total.
    double people = 0;
    for (const char* c : {"便利", "不便", "空白"}) people += t["study"][c]["pop_total"].get<double>();
    EXPECT_DOUBLE_EQ(people, 126364);
    // Adding routes can only improve coverage: nobody loses, and the small areas that gain add up
    // to the city's gain (people and elderly).
    const auto& sc = s["scenarios"][0];
    EXPECT_EQ(sc["id"], "before_2022_cuts");
    EXPECT_DOUBLE_EQ(sc["study"]["lost"]["pop_total"].get<double>(), 0);
    const double gained = sc["study"]["gained"]["pop_total"], gained65 = sc["study"]["gained"]["pop_65plus"];
    EXPECT_GT(gained, 0);
    double sum = 0, sum65 = 0;
    for (const auto& u : sc["tiers"][1]["units"]) {
        sum += u["gained"]["pop_total"].get<double>();
        sum65 += u["gained"]["pop_65plus"].get<double>();
    }
    EXPECT_DOUBLE_EQ(sum, gained);
    EXPECT_DOUBLE_EQ(sum65, gained65);
    // The feeds are credited in the provenance.
    bool old4 = false;
    for (const auto& in : s["inputs"]) old4 = old4 || in["role"] == "gtfs:old4routes";
    EXPECT_TRUE(old4);
}

}  // namespace
}  // namespace keniki::test
