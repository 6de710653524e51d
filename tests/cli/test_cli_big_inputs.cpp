// Big inputs (issue 16 point 5, issue 14 point 4), on the square town of tests/fixtures/run:
// - units with dense outlines (thousands of vertices, the edge-index path of the polygon index)
//   give the same unit table as the plain squares;
// - a run that would need more memory than is available is refused before it starts the work, with
//   the estimate, the available MB and what to change (KENIKI_MEMORY_LIMIT_MB stands in for a small
//   machine);
// - a GeoJSON feature above GDAL's object size limit is refused with the why and the how
//   (OGR_GEOJSON_MAX_OBJ_SIZE, or another format), naming the file.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;

const std::string k_crs = R"({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6670"}})";

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

/// "[x,y],..." for the square [x0, x1] x [0, 1000] with `per_side` vertices on each side, closed.
std::string dense_square(double x0, double x1, int per_side) {
    std::ostringstream s;
    s.precision(17);
    const double cx[] = {x0, x1, x1, x0}, cy[] = {0, 0, 1000, 1000};
    for (int side = 0; side < 4; ++side) {
        const int n = (side + 1) % 4;
        for (int k = 0; k < per_side; ++k) {
            const double t = static_cast<double>(k) / per_side;
            s << "[" << cx[side] + t * (cx[n] - cx[side]) << "," << cy[side] + t * (cy[n] - cy[side]) << "],";
        }
    }
    s << "[" << x0 << ",0]";
    return s.str();
}

/// The two welfare units of the town (west, east), each side drawn with `per_side` vertices.
std::string areas(int per_side) {
    return "{\"type\": \"FeatureCollection\", \"crs\": " + k_crs + ", \"features\": [\n" +
           R"({"type": "Feature", "properties": {"area_id": "w", "name": "西 <West & \"old\" town>"}, "geometry": {"type": "Polygon", "coordinates": [[)" +
           dense_square(0, 1000, per_side) + "]]}},\n" +
           R"({"type": "Feature", "properties": {"area_id": "e", "name": "東地区社会福祉協議会活動圏域"}, "geometry": {"type": "Polygon", "coordinates": [[)" +
           dense_square(1000, 2000, per_side) + "]]}}\n]}\n";
}

struct Town {
    fs::path dir;
    fs::path out;
    explicit Town(const std::string& stem) : dir(fresh_temp_dir(stem)), out(dir / "out") {
        for (const char* f : {"plan.toml", "city.geojson", "areas.geojson", "residents.geojson", "hubs.geojson"})
            fs::copy_file(source_dir() / "tests/fixtures/run" / f, dir / f);
    }
    ~Town() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void plan_append(const std::string& text) const {
        std::ofstream out(dir / "plan.toml", std::ios::app);
        out << text;
    }
    /// keniki run with `env` ("NAME=value ...") in front.
    CommandResult run(const std::string& env = {}) const {
        return run_command(env + " " + shell_quote(cli_path().string()) + " run " + shell_quote((dir / "plan.toml").string()) + " --out " +
                           shell_quote(out.string()) + " --quiet");
    }
};

void expect_refused(const Town& town, const CommandResult& r, int exit_code, const std::vector<std::string>& parts) {
    EXPECT_EQ(r.exit_code, exit_code) << r.err;
    EXPECT_EQ(r.err.rfind("keniki: error: ", 0), 0u) << r.err;
    for (const auto& p : parts) EXPECT_NE(r.err.find(p), std::string::npos) << "stderr lacks \"" << p << "\":\n" << r.err;
    EXPECT_FALSE(fs::exists(town.out)) << "a refused run must leave no output";
}

TEST(BigInputs, DenseUnitOutlinesGiveTheSameUnitTableAsPlainOnes) {
    const Town plain("keniki-big-plain"), dense("keniki-big-dense");
    write(dense.dir / "areas.geojson", areas(1500));  // 6,001 vertices per unit: the edge-index path
    const auto a = plain.run(), b = dense.run();
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    // Everything but the gap areas (GEOS overlays of different but equal outlines: the same area to
    // rounding) must be the same text; the reviewed figures are checked in test_cli_run.cpp.
    auto rows = [](const fs::path& csv) {
        std::istringstream in(read_file(csv));
        std::vector<std::string> out;
        for (std::string l; std::getline(in, l);) out.push_back(l);
        return out;
    };
    const auto ra = rows(plain.out / "units_area.csv"), rb = rows(dense.out / "units_area.csv");
    ASSERT_EQ(ra.size(), rb.size());
    ASSERT_EQ(ra.size(), 3u);
    auto without_gap = [](const std::string& row) {
        // gap_area_km2 is the 4th field from the end: keep what is before it and the last 2 fields.
        std::vector<std::size_t> commas;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (row[i] == ',') commas.push_back(i);
        }
        if (commas.size() < 3) return row;
        const std::size_t from = commas[commas.size() - 3], to = commas[commas.size() - 2];
        return row.substr(0, from) + row.substr(to);
    };
    for (std::size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(without_gap(ra[i]), without_gap(rb[i])) << "row " << i;
    for (const auto& f : {"hubs_area.csv", "units_city.csv"}) EXPECT_EQ(read_file(plain.out / f), read_file(dense.out / f)) << f;
}

TEST(BigInputs, AUnitLayerTooBigForTheMemoryIsRefusedWithTheEstimate) {
    const Town town("keniki-big-budget-units");
    write(town.dir / "areas.geojson", areas(5000));  // 40,002 vertices: about 15 MB by the estimate
    expect_refused(town, town.run("KENIKI_MEMORY_LIMIT_MB=8"), 1,
                   {(town.dir / "areas.geojson").string(), "layer 'areas'", "40002 vertices", "MB of memory, and 8 MB are available",
                    "KENIKI_MEMORY_LIMIT_MB=8", "simplify"});
}

TEST(BigInputs, TooManyServiceAreaVerticesAreRefusedNamingThePlanKey) {
    const Town town("keniki-big-budget-hubs");
    // 3 hubs with 4 x 200,000 vertices per circle: about 290 MB by the estimate.
    std::string plan = read_file(town.dir / "plan.toml");
    plan.replace(plan.find("[analysis]"), 10, "[analysis]\nbuffer_segments = 200000");
    write(town.dir / "plan.toml", plan);
    expect_refused(town, town.run("KENIKI_MEMORY_LIMIT_MB=64"), 1,
                   {"hubs, each with a straight-line service area of 800000 vertices", "analysis.buffer_segments = 200000", "64 MB are available",
                    (town.dir / "plan.toml").string(), "Lower analysis.buffer_segments"});
}

TEST(BigInputs, AGeoJsonFeatureAboveGdalsObjectLimitIsExplained) {
    const Town town("keniki-big-geojson");
    write(town.dir / "areas.geojson", areas(20000));  // about 3.5 MB in one feature
    ASSERT_GT(fs::file_size(town.dir / "areas.geojson"), 2'000'000u);
    expect_refused(town, town.run("OGR_GEOJSON_MAX_OBJ_SIZE=1"), 1,
                   {(town.dir / "areas.geojson").string(), "OGR_GEOJSON_MAX_OBJ_SIZE", "object size limit", "FlatGeobuf", "GeoPackage"});
    // With the limit lifted as the message says, the same file runs.
    const auto ok = town.run("OGR_GEOJSON_MAX_OBJ_SIZE=0");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
}  // namespace keniki::test
