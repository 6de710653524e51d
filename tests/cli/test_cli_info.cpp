// `keniki info --json` against every dataset of ../shared/data. Every expected figure comes from
// somewhere else: GDAL's own ogrinfo (feature counts, source CRS, extents), `unzip -p | grep -c`
// for GTFS stops, and for the working CRS the JGD2011 plane-rectangular zone table (the 1/2002
// MLIT notice: Fukuoka and Kumamoto zone II = EPSG:6670, Yamaguchi zone III = EPSG:6671, Aichi
// zone VII = EPSG:6675) or the UTM zone of the area's longitude (floor((lon + 180) / 6) + 1).

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using keniki::test::CommandResult;
using keniki::test::run_command;
using keniki::test::run_keniki;
using keniki::test::shared_data;
using keniki::test::shell_quote;
using json = nlohmann::json;

constexpr double k_extent_tolerance = 1e-6;  // ogrinfo prints extents with 6 decimals (error <= 5e-7)

struct Extent {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

/// One layer as ogrinfo sees it.
struct OgrLayer {
    std::string name;
    long long feature_count = -1;
    std::optional<Extent> extent;
    std::optional<int> epsg;  ///< the top-level ID["EPSG",n] of the layer's CRS
};

// run_command() appends its redirections (stdin from /dev/null included) to the command, so a
// pipeline or a redirection of our own goes in parentheses.

bool have_tool(const std::string& tool) { return run_command("command -v " + tool).exit_code == 0; }

/// Parses `ogrinfo -ro -so -al` output into layers.
std::vector<OgrLayer> ogrinfo_summary(const std::string& source, const std::string& extra_options = {}) {
    const CommandResult r = run_command("ogrinfo -ro -so -al " + extra_options + " " + shell_quote(source));
    EXPECT_EQ(r.exit_code, 0) << "ogrinfo failed on " << source << ": " << r.err;
    std::vector<OgrLayer> layers;
    std::istringstream in(r.out);
    std::string line;
    const std::regex layer_re(R"(^Layer name: (.*)$)");
    const std::regex count_re(R"(^Feature Count: (-?\d+)$)");
    const std::regex extent_re(R"(^Extent: \(([-0-9.]+), ([-0-9.]+)\) - \(([-0-9.]+), ([-0-9.]+)\)$)");
    const std::regex epsg_re(R"(^    ID\["EPSG",(\d+)\]\]$)");  // the CRS's own ID closes the WKT
    std::smatch m;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (std::regex_match(line, m, layer_re)) {
            OgrLayer layer;
            layer.name = m[1].str();
            layers.push_back(layer);
        } else if (layers.empty()) {
            continue;
        } else if (std::regex_match(line, m, count_re)) {
            layers.back().feature_count = std::stoll(m[1].str());
        } else if (std::regex_match(line, m, extent_re)) {
            layers.back().extent = Extent{std::stod(m[1].str()), std::stod(m[2].str()), std::stod(m[3].str()), std::stod(m[4].str())};
        } else if (std::regex_match(line, m, epsg_re)) {
            layers.back().epsg = std::stoi(m[1].str());
        }
    }
    return layers;
}

/// OSM layers: ogrinfo -so prints -1, so count the features it actually reads.
long long osm_feature_count(const std::string& path, const std::string& layer) {
    const CommandResult r = run_command("(ogrinfo -ro -q " + shell_quote(path) + " " + shell_quote(layer) + " | grep -c '^OGRFeature')");
    return std::stoll(r.out.empty() ? "-1" : r.out);
}

/// OSM layers: ogrinfo -so prints the file's bounding box, not the features' one; ask SQLite.
std::optional<Extent> osm_feature_extent(const std::string& path, const std::string& layer) {
    const std::string sql = "SELECT MIN(ST_MinX(geometry)) AS a, MIN(ST_MinY(geometry)) AS b, MAX(ST_MaxX(geometry)) AS c, "
                            "MAX(ST_MaxY(geometry)) AS d FROM " + layer;
    const CommandResult r = run_command("ogrinfo -ro -q -dialect SQLite -sql " + shell_quote(sql) + " " + shell_quote(path));
    std::map<std::string, double> v;
    const std::regex re(R"(^\s+([abcd]) \(Real\) = ([-0-9.eE+]+)\s*$)");
    std::istringstream in(r.out);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, re)) v[m[1].str()] = std::stod(m[2].str());
    }
    if (v.size() != 4) return std::nullopt;
    return Extent{v["a"], v["b"], v["c"], v["d"]};
}

/// Number of data records of a GTFS feed's stops.txt: non-empty lines minus the header.
long long gtfs_stop_count(const fs::path& zip) {
    const CommandResult r = run_command("(unzip -p " + shell_quote(zip.string()) + " stops.txt | grep -c '[^[:space:]]')");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return std::stoll(r.out) - 1;
}

json info_json(const fs::path& path) {
    const CommandResult r = run_keniki("info --json " + shell_quote(path.string()));
    EXPECT_EQ(r.exit_code, 0) << "keniki info failed on " << path << ":\n" << r.err;
    if (r.exit_code != 0) return json::object();
    try {
        return json::parse(r.out);
    } catch (const json::parse_error& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out.substr(0, 400);
        return json::object();
    }
}

const json* find_layer(const json& doc, const std::string& name) {
    if (!doc.contains("layers")) return nullptr;
    for (const auto& l : doc["layers"]) {
        if (l.value("name", "") == name) return &l;
    }
    return nullptr;
}

void expect_extent_near(const json& layer, const Extent& want, const std::string& what) {
    ASSERT_TRUE(layer.contains("extent_lonlat") && layer["extent_lonlat"].is_array()) << what << ": no extent_lonlat";
    const auto& e = layer["extent_lonlat"];
    ASSERT_EQ(e.size(), 4u) << what;
    EXPECT_NEAR(e[0].get<double>(), want.min_x, k_extent_tolerance) << what << " min lon";
    EXPECT_NEAR(e[1].get<double>(), want.min_y, k_extent_tolerance) << what << " min lat";
    EXPECT_NEAR(e[2].get<double>(), want.max_x, k_extent_tolerance) << what << " max lon";
    EXPECT_NEAR(e[3].get<double>(), want.max_y, k_extent_tolerance) << what << " max lat";
}

void expect_working_epsg(const json& layer, std::optional<int> want, const std::string& what) {
    if (!want) return;
    ASSERT_TRUE(layer.contains("working_crs") && layer["working_crs"].is_object()) << what << ": no working CRS chosen";
    EXPECT_EQ(layer["working_crs"].value("epsg", 0), *want) << what << ": " << layer["working_crs"].dump();
}

std::optional<int> source_epsg(const json& layer) {
    if (!layer.contains("source_crs") || !layer["source_crs"]["epsg"].is_number_integer()) return std::nullopt;
    return layer["source_crs"]["epsg"].get<int>();
}

// ---------------------------------------------------------------------------------------------
// OGR vector files (shapefile, GeoJSON, zipped shapefile): everything straight from ogrinfo.

struct OgrCase {
    std::string rel;                  ///< path under shared_data()
    std::optional<int> working_epsg;  ///< expected working CRS (zone table / UTM)
    std::optional<int> source_epsg;   ///< what ogrinfo must also say (a check on the check)
    std::string ogr_prefix;           ///< e.g. "/vsizip/" for the zipped shapefile
};

void PrintTo(const OgrCase& c, std::ostream* os) { *os << c.rel; }

std::string case_name(const std::string& rel) {
    std::string out;
    for (char c : rel) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

class InfoOgrDataset : public ::testing::TestWithParam<OgrCase> {};

TEST_P(InfoOgrDataset, MatchesOgrinfo) {
    const OgrCase& c = GetParam();
    KENIKI_REQUIRE_SHARED(c.rel);
    if (!have_tool("ogrinfo")) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    const fs::path path = shared_data() / c.rel;
    const auto reference = ogrinfo_summary(c.ogr_prefix + path.string());
    ASSERT_FALSE(reference.empty()) << "ogrinfo found no layer in " << path;
    const json doc = info_json(path);
    ASSERT_TRUE(doc.contains("layers")) << doc.dump();
    ASSERT_EQ(doc["layers"].size(), reference.size());
    for (const auto& ref : reference) {
        SCOPED_TRACE(c.rel + " layer " + ref.name);
        const json* layer = find_layer(doc, ref.name);
        ASSERT_NE(layer, nullptr) << "keniki does not list layer " << ref.name;
        EXPECT_EQ((*layer)["feature_count"].get<long long>(), ref.feature_count);
        ASSERT_TRUE(ref.epsg.has_value()) << "ogrinfo printed no EPSG code";
        if (c.source_epsg) {
            EXPECT_EQ(*ref.epsg, *c.source_epsg) << "the data changed? ogrinfo's EPSG differs from the README";
        }
        EXPECT_EQ(source_epsg(*layer), ref.epsg);
        ASSERT_TRUE(ref.extent.has_value());
        expect_extent_near(*layer, *ref.extent, c.rel);
        expect_working_epsg(*layer, c.working_epsg, c.rel);
    }
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, InfoOgrDataset,
    ::testing::Values(
        // Iizuka (Fukuoka 40 → zone II)
        OgrCase{"iizuka/census_small_areas_2020/r2ka40205.shp", 6670, 6668, ""},
        OgrCase{"boundaries/40205.json", 6670, 4326, ""},
        // Kurume, Ogori (Fukuoka)
        OgrCase{"boundaries/40203.json", 6670, 4326, ""},
        OgrCase{"boundaries/40216.json", 6670, 4326, ""},
        // Mine and its neighbours (Yamaguchi 35 → zone III)
        OgrCase{"boundaries/35213.json", 6671, 4326, ""},
        OgrCase{"boundaries/35201.json", 6671, 4326, ""},
        OgrCase{"boundaries/35202.json", 6671, 4326, ""},
        OgrCase{"boundaries/35203.json", 6671, 4326, ""},
        OgrCase{"boundaries/35204.json", 6671, 4326, ""},
        OgrCase{"boundaries/35211.json", 6671, 4326, ""},
        OgrCase{"boundaries/35216.json", 6671, 4326, ""},
        // prefecture-wide simplified N03 (all of Japan: no single zone is right, so not checked)
        OgrCase{"boundaries/s0010_N03-21_35_210101.json", 6671, 4326, ""},
        OgrCase{"boundaries/s0010_N03-21_40_210101.json", 6670, 4326, ""},
        OgrCase{"boundaries/s0001_N03-21_210101.json", std::nullopt, 4326, ""},
        OgrCase{"mine/mine_busstops_P11-22.geojson", 6671, 6668, ""},
        OgrCase{"mine/busstops_P11-22_Mine_bbox_incl_neighbours.geojson", 6671, 6668, ""},
        OgrCase{"mine/mine_oaza_points.geojson", 6671, 4326, ""},
        OgrCase{"mine/welfare_areas_APPROXIMATE.geojson", 6671, 6668, ""},
        // shelters: 352136 Mine, 402036 Kurume, 402052 Iizuka, 402168 Ogori
        OgrCase{"shelters/evacuation_352136.json", 6671, 4326, ""},
        OgrCase{"shelters/emergency_352136.json", 6671, 4326, ""},
        OgrCase{"shelters/evacuation_402036.json", 6670, 4326, ""},
        OgrCase{"shelters/emergency_402036.json", 6670, 4326, ""},
        OgrCase{"shelters/evacuation_402052.json", 6670, 4326, ""},
        OgrCase{"shelters/emergency_402052.json", 6670, 4326, ""},
        OgrCase{"shelters/evacuation_402168.json", 6670, 4326, ""},
        OgrCase{"shelters/emergency_402168.json", 6670, 4326, ""},
        // Kumamoto (43 → zone II)
        OgrCase{"osm/kumamoto/chuo_ward_boundary.geojson", 6670, 4326, ""},
        OgrCase{"osm/kumamoto/kumamoto_city_boundary.geojson", 6670, 4326, ""},
        // Ube (Yamaguchi), a zipped shapefile
        OgrCase{"osm/ube_roads_osmnx_walk_shp.zip", 6671, 6668, "/vsizip/"}),
    [](const ::testing::TestParamInfo<OgrCase>& info) { return case_name(info.param.rel); });

// ---------------------------------------------------------------------------------------------
// OpenStreetMap (PBF and XML): five layers each; counts and extents read back through ogrinfo.

struct OsmCase {
    std::string rel;
    std::optional<int> working_epsg;
};

void PrintTo(const OsmCase& c, std::ostream* os) { *os << c.rel; }

class InfoOsmDataset : public ::testing::TestWithParam<OsmCase> {};

TEST_P(InfoOsmDataset, MatchesOgrinfo) {
    const OsmCase& c = GetParam();
    KENIKI_REQUIRE_SHARED(c.rel);
    if (!have_tool("ogrinfo")) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    const fs::path path = shared_data() / c.rel;
    const auto reference = ogrinfo_summary(path.string());
    ASSERT_EQ(reference.size(), 5u) << "GDAL's OSM driver always has five layers";
    const json doc = info_json(path);
    ASSERT_TRUE(doc.contains("layers"));
    ASSERT_EQ(doc["layers"].size(), reference.size());
    long long total = 0;
    for (const auto& ref : reference) {
        SCOPED_TRACE(c.rel + " layer " + ref.name);
        const json* layer = find_layer(doc, ref.name);
        ASSERT_NE(layer, nullptr) << "keniki does not list layer " << ref.name;
        const long long count = osm_feature_count(path.string(), ref.name);
        total += count;
        EXPECT_EQ((*layer)["feature_count"].get<long long>(), count);
        EXPECT_EQ(source_epsg(*layer), ref.epsg);
        EXPECT_EQ(ref.epsg, 4326);
        if (count == 0) continue;
        // Geometry collections (other_relations) may be reduced by keniki, so only the other layers'
        // extents are expected to agree exactly.
        if (ref.name != "other_relations") {
            const auto extent = osm_feature_extent(path.string(), ref.name);
            ASSERT_TRUE(extent.has_value()) << "the SQLite dialect gave no extent";
            expect_extent_near(*layer, *extent, c.rel);
        }
        expect_working_epsg(*layer, c.working_epsg, c.rel);
    }
    EXPECT_GT(total, 0);
}

INSTANTIATE_TEST_SUITE_P(SharedData, InfoOsmDataset,
                         ::testing::Values(OsmCase{"osm/kumamoto/kumamoto_chuo_drive.osm.pbf", 6670},
                                           OsmCase{"osm/kumamoto/kumamoto_chuo_all.osm.pbf", 6670},
                                           OsmCase{"osm/liechtenstein-latest.osm.pbf", 32632},  // 9.5°E → UTM 32N
                                           OsmCase{"osm/andorra.osm.pbf", 32631},               // 1.5°E → UTM 31N
                                           OsmCase{"osm/monaco.osm.pbf", 32632},                // 7.4°E → UTM 32N
                                           OsmCase{"osm/nagoya_sample.osm", 6675},              // Aichi → zone VII
                                           OsmCase{"osm/nagoya_test.osm", 6675}),
                         [](const ::testing::TestParamInfo<OsmCase>& info) { return case_name(info.param.rel); });

// ---------------------------------------------------------------------------------------------
// GTFS feeds: one layer 'stops'; count from the zip itself, extent through GDAL's CSV driver.

struct GtfsCase {
    std::string rel;
    int working_epsg;
};

void PrintTo(const GtfsCase& c, std::ostream* os) { *os << c.rel; }

class InfoGtfsDataset : public ::testing::TestWithParam<GtfsCase> {};

TEST_P(InfoGtfsDataset, StopsMatchTheFeed) {
    const GtfsCase& c = GetParam();
    KENIKI_REQUIRE_SHARED(c.rel);
    if (!have_tool("unzip")) GTEST_SKIP() << "unzip is not installed";
    const fs::path path = shared_data() / c.rel;
    const json doc = info_json(path);
    ASSERT_TRUE(doc.contains("layers"));
    ASSERT_EQ(doc["layers"].size(), 1u);
    const json& layer = doc["layers"][0];
    EXPECT_EQ(layer["name"], "stops");
    EXPECT_EQ(layer["geometry_type"], "Point");
    EXPECT_EQ(layer["feature_count"].get<long long>(), gtfs_stop_count(path));
    EXPECT_EQ(source_epsg(layer), 4326) << "GTFS coordinates are WGS 84";
    EXPECT_EQ(layer["coordinate_fields"], json::array({"stop_lon", "stop_lat"}));
    if (have_tool("ogrinfo")) {
        const auto ref = ogrinfo_summary("CSV:/vsizip/" + path.string() + "/stops.txt",
                                         "-oo X_POSSIBLE_NAMES=stop_lon -oo Y_POSSIBLE_NAMES=stop_lat");
        ASSERT_EQ(ref.size(), 1u);
        ASSERT_TRUE(ref[0].extent.has_value());
        expect_extent_near(layer, *ref[0].extent, c.rel);
    }
    expect_working_epsg(layer, c.working_epsg, c.rel);
}

INSTANTIATE_TEST_SUITE_P(SharedData, InfoGtfsDataset,
                         ::testing::Values(GtfsCase{"iizuka/gtfs/chikuho.zip", 6670}, GtfsCase{"iizuka/gtfs/miyawaka.zip", 6670},
                                           GtfsCase{"iizuka/gtfs/old4routes.zip", 6670},
                                           GtfsCase{"gtfs/cairns_gtfs.zip", 32755}),  // 145.7°E, south → UTM 55S
                         [](const ::testing::TestParamInfo<GtfsCase>& info) { return case_name(info.param.rel); });

// ---------------------------------------------------------------------------------------------
// CSV with coordinate columns. CP932 files are recoded with iconv for ogrinfo's extent.

struct CsvCase {
    std::string rel;
    std::string x, y;  ///< the coordinate columns, as written in the file
    bool cp932;
    std::optional<int> working_epsg;
};

void PrintTo(const CsvCase& c, std::ostream* os) { *os << c.rel; }

class InfoCsvDataset : public ::testing::TestWithParam<CsvCase> {};

TEST_P(InfoCsvDataset, MatchesOgrinfo) {
    const CsvCase& c = GetParam();
    KENIKI_REQUIRE_SHARED(c.rel);
    if (!have_tool("ogrinfo") || !have_tool("iconv")) GTEST_SKIP() << "ogrinfo or iconv is not installed";
    const fs::path path = shared_data() / c.rel;
    fs::path readable = path;
    const fs::path tmp = keniki::test::fresh_temp_dir("keniki-info-csv");
    if (c.cp932) {
        readable = tmp / path.filename();
        const auto r = run_command("(iconv -f CP932 -t UTF-8 " + shell_quote(path.string()) + " > " + shell_quote(readable.string()) + ")");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const auto ref = ogrinfo_summary(readable.string(), "-oo X_POSSIBLE_NAMES=" + shell_quote(c.x) + " -oo Y_POSSIBLE_NAMES=" + shell_quote(c.y));
    fs::remove_all(tmp);
    ASSERT_EQ(ref.size(), 1u);
    ASSERT_TRUE(ref[0].extent.has_value()) << "ogrinfo found no points with " << c.x << "/" << c.y;

    const json doc = info_json(path);
    ASSERT_TRUE(doc.contains("layers"));
    ASSERT_EQ(doc["layers"].size(), 1u);
    const json& layer = doc["layers"][0];
    EXPECT_EQ(layer["name"], path.stem().string());
    EXPECT_EQ(layer["geometry_type"], "Point");
    EXPECT_EQ(layer["feature_count"].get<long long>(), ref[0].feature_count);
    EXPECT_EQ(layer["coordinate_fields"], json::array({c.x, c.y}));
    EXPECT_EQ(source_epsg(layer), 4326) << "documented default for CSV coordinates";
    EXPECT_EQ(layer["encoding"]["name"], c.cp932 ? "CP932" : "UTF-8");
    expect_extent_near(layer, *ref[0].extent, c.rel);
    expect_working_epsg(layer, c.working_epsg, c.rel);
}

INSTANTIATE_TEST_SUITE_P(SharedData, InfoCsvDataset,
                         ::testing::Values(CsvCase{"iizuka/facilities.csv", "経度", "緯度", true, 6670},
                                           CsvCase{"iizuka/hospitals.csv", "経度", "緯度", true, 6670},
                                           // three prefectures in two zones: no single right answer, not checked
                                           CsvCase{"stations/stations_pref35_40_43_2018.csv", "lon", "lat", false, std::nullopt}),
                         [](const ::testing::TestParamInfo<CsvCase>& info) { return case_name(info.param.rel); });

// ---------------------------------------------------------------------------------------------
// Tables without coordinates: info still describes them (geometry None, no CRS, no extent).

class InfoTableDataset : public ::testing::TestWithParam<std::string> {};

TEST_P(InfoTableDataset, DescribedAsATable) {
    const std::string& rel = GetParam();
    KENIKI_REQUIRE_SHARED(rel);
    if (!have_tool("ogrinfo")) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    const fs::path path = shared_data() / rel;
    const auto ref = ogrinfo_summary("CSV:" + path.string());  // CSV: so that .txt is read as CSV too
    ASSERT_EQ(ref.size(), 1u);
    const json doc = info_json(path);
    ASSERT_TRUE(doc.contains("layers"));
    ASSERT_EQ(doc["layers"].size(), 1u);
    const json& layer = doc["layers"][0];
    EXPECT_EQ(layer["geometry_type"], "None");
    EXPECT_EQ(layer["feature_count"].get<long long>(), ref[0].feature_count);
    EXPECT_TRUE(layer["extent_lonlat"].is_null());
    EXPECT_TRUE(layer["working_crs"].is_null());
    EXPECT_TRUE(layer["source_crs"]["epsg"].is_null());
}

INSTANTIATE_TEST_SUITE_P(SharedData, InfoTableDataset,
                         ::testing::Values("iizuka/population_2026-05.csv", "iizuka/census_age_2020_tblT001082C40205.txt",
                                           "gtfs/cairns_trip_stats.csv"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return case_name(info.param); });

// ---------------------------------------------------------------------------------------------
// The text output: the key lines a planner reads.

std::string line_starting(const std::string& text, const std::string& prefix) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) == 0) return line;
    }
    return {};
}

TEST(InfoText, IizukaShapefileKeyLines) {
    const std::string rel = "iizuka/census_small_areas_2020/r2ka40205.shp";
    KENIKI_REQUIRE_SHARED(rel);
    const fs::path path = shared_data() / rel;
    const CommandResult r = run_keniki("info " + shell_quote(path.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find(": 1 layer\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nlayer r2ka40205\n"), std::string::npos) << r.out;
    const std::string driver = line_starting(r.out, "  driver:");
    EXPECT_NE(driver.find("ESRI Shapefile"), std::string::npos) << driver;
    const std::string features = line_starting(r.out, "  features:");
    EXPECT_TRUE(std::regex_match(features, std::regex(R"(  features:\s+149)"))) << features;  // README, and ogrinfo
    const std::string geometry = line_starting(r.out, "  geometry type:");
    EXPECT_NE(geometry.find("Polygon"), std::string::npos) << geometry;
    const std::string source = line_starting(r.out, "  source CRS:");
    EXPECT_NE(source.find("EPSG:6668"), std::string::npos) << source;
    const std::string working = line_starting(r.out, "  working CRS:");
    EXPECT_NE(working.find("EPSG:6670"), std::string::npos) << working;
    const std::string encoding = line_starting(r.out, "  text encoding:");
    EXPECT_NE(encoding.find("CP932"), std::string::npos) << encoding;  // DBF language id 0x13
    const std::string extent = line_starting(r.out, "  extent (lon/lat):");
    // ogrinfo: Extent: (130.558184, 33.503623) - (130.776011, 33.707101)
    EXPECT_NE(extent.find("130.558184, 33.503623 - 130.776011, 33.707101"), std::string::npos) << extent;
    EXPECT_NE(r.out.find("    S_NAME: text\n"), std::string::npos);
    EXPECT_NE(r.out.find("    JINKO: integer\n"), std::string::npos);
}

TEST(InfoText, GtfsZipKeyLines) {
    const std::string rel = "gtfs/cairns_gtfs.zip";
    KENIKI_REQUIRE_SHARED(rel);
    const fs::path path = shared_data() / rel;
    const CommandResult r = run_keniki("info " + shell_quote(path.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(line_starting(r.out, "  driver:").find("GTFS"), std::string::npos) << r.out;
    EXPECT_NE(line_starting(r.out, "  features:").find(std::to_string(gtfs_stop_count(path))), std::string::npos) << r.out;
    EXPECT_NE(line_starting(r.out, "  coordinates from:").find("stop_lon, stop_lat"), std::string::npos) << r.out;
    EXPECT_NE(line_starting(r.out, "  working CRS:").find("EPSG:32755"), std::string::npos) << r.out;
}

}  // namespace
