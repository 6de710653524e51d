// How `keniki` fails: exit code (2 usage, 1 bad data), a message on stderr that names the file and,
// where they apply, the layer, line, feature and field, and says what is wrong; and nothing at all
// on stdout (no half-written output a script could mistake for a result).
// The fixtures are in tests/fixtures/read/; the expected lines and records were counted by hand.

#include <filesystem>
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

std::string fixture(const std::string& name) { return (keniki::test::source_dir() / "tests/fixtures/read" / name).string(); }
std::string q(const std::string& s) { return shell_quote(s); }

/// The common shape of every failure.
void expect_failure(const CommandResult& r, int exit_code, const std::vector<std::string>& must_mention) {
    EXPECT_EQ(r.exit_code, exit_code) << "stderr: " << r.err;
    EXPECT_EQ(r.out, "") << "a failing command must not print a partial result";
    EXPECT_EQ(r.err.rfind("keniki: error: ", 0), 0u) << r.err;
    for (const auto& part : must_mention) EXPECT_NE(r.err.find(part), std::string::npos) << "stderr lacks \"" << part << "\":\n" << r.err;
}

// --- usage errors (exit 2) ---------------------------------------------------------------------

TEST(CliErrors, NoArgumentsIsAUsageError) {
    const CommandResult r = run_keniki("");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("usage: keniki COMMAND"), std::string::npos) << r.err;
}

TEST(CliErrors, UnknownCommand) {
    expect_failure(run_keniki("frobnicate x.csv"), 2, {"unknown command", "'frobnicate'"});
}

TEST(CliErrors, UnknownOption) {
    expect_failure(run_keniki("info " + q(fixture("kinds.csv")) + " --bogus"), 2, {"unknown option", "--bogus"});
    expect_failure(run_keniki("info " + q(fixture("kinds.csv")) + " -z"), 2, {"unknown option", "-z"});
}

TEST(CliErrors, OptionWithoutItsValue) {
    expect_failure(run_keniki("info " + q(fixture("kinds.csv")) + " --layer"), 2, {"--layer", "needs a value"});
}

TEST(CliErrors, InfoNeedsExactlyOnePath) {
    expect_failure(run_keniki("info"), 2, {"keniki info"});
    expect_failure(run_keniki("info " + q(fixture("kinds.csv")) + " " + q(fixture("swapped.csv"))), 2, {"keniki info"});
}

TEST(CliErrors, MissingFile) {
    const std::string path = "/nonexistent-keniki-dir/nothing_here.gpkg";
    ASSERT_FALSE(fs::exists(path));
    expect_failure(run_keniki("info " + q(path)), 2, {path, "no such file"});
}

TEST(CliErrors, UnknownLayerInGeoJsonListsTheRealOne) {
    const std::string path = fixture("bowtie.geojson");
    expect_failure(run_keniki("info " + q(path) + " --layer nope"), 2, {path, "'nope'", "bowtie"});
}

TEST(CliErrors, UnknownLayerInOsmPbfListsTheRealOnes) {
    const std::string rel = "osm/liechtenstein-latest.osm.pbf";
    KENIKI_REQUIRE_SHARED(rel);
    const std::string path = (shared_data() / rel).string();
    // The layer names GDAL's OSM driver gives (ogrinfo -so lists them).
    expect_failure(run_keniki("info " + q(path) + " --layer nope --json"), 2,
                   {path, "'nope'", "points", "lines", "multilinestrings", "multipolygons", "other_relations"});
}

TEST(CliErrors, UnknownLayerInCsvAndGtfs) {
    expect_failure(run_keniki("info " + q(fixture("kinds.csv")) + " --layer nope"), 2, {fixture("kinds.csv"), "'nope'", "'kinds'"});
    expect_failure(run_keniki("info " + q(fixture("gtfs_mini.zip")) + " --layer nope"), 2,
                   {fixture("gtfs_mini.zip"), "'nope'", "'stops'"});
}

TEST(CliErrors, BadWhereFilter) {
    const std::string geojson = fixture("bowtie.geojson");
    expect_failure(run_keniki("info " + q(geojson) + " --where " + q("name = (((")), 2, {geojson, "layer 'bowtie'", "filter"});
    const std::string csv = fixture("kinds.csv");
    expect_failure(run_keniki("info " + q(csv) + " --where " + q("kind ==== 'salon'")), 2, {csv, "filter"});
    expect_failure(run_keniki("info " + q(csv) + " --where " + q("no_such_column = 'x'")), 2, {csv, "filter"});
}

TEST(CliErrors, UnknownEncodingName) {
    expect_failure(run_keniki("info " + q(fixture("names_utf8.csv")) + " --encoding latin-9"), 2, {"latin-9"});
}

TEST(CliErrors, ExplicitCoordinateFieldsThatDoNotExist) {
    const std::string path = fixture("no_coords.csv");
    expect_failure(run_keniki("info " + q(path) + " --x-field lon --y-field lat"), 2, {path, "field 'lon'", "no column"});
    // The y column is the missing one.
    expect_failure(run_keniki("info " + q(path) + " --x-field capacity --y-field lat"), 2, {path, "field 'lat'"});
    // Only one of the two.
    expect_failure(run_keniki("info " + q(path) + " --x-field capacity"), 2, {path});
}

// --- data errors (exit 1) ----------------------------------------------------------------------

TEST(CliErrors, NotAVectorDataset) {
    const std::string path = fixture("not_geo.geojson");  // a PNG header and random bytes
    expect_failure(run_keniki("info " + q(path)), 1, {path, "not a vector dataset"});
}

TEST(CliErrors, EmptyCsv) {
    const std::string path = fixture("empty.csv");
    ASSERT_EQ(fs::file_size(path), 0u);
    expect_failure(run_keniki("info " + q(path)), 1, {path, "empty"});
}

TEST(CliErrors, CoordinatesSwappedOnRecord3) {
    // swapped.csv: header on line 1, records 1-3 on lines 2-4; record 3 has lat 135, lon 35.
    const std::string path = fixture("swapped.csv");
    expect_failure(run_keniki("info " + q(path)), 1, {path, "line 4", "feature 3", "field 'lat'", "135", "out of range"});
    // --json must not change how it fails.
    expect_failure(run_keniki("info --json " + q(path)), 1, {path, "line 4", "feature 3", "field 'lat'"});
}

TEST(CliErrors, CoordinatesSwappedWithJapaneseColumns) {
    // swapped_jp.csv: record 3 (line 4) has 緯度 130.6943, 経度 33.6522.
    const std::string path = fixture("swapped_jp.csv");
    expect_failure(run_keniki("info " + q(path)), 1, {path, "line 4", "feature 3", "field '緯度'", "130.6943"});
}

TEST(CliErrors, OutOfRangeAfterARecordSpanningThreeLines) {
    // multiline.csv: record 2 is a quoted note over lines 3-5, so record 3 (lat 333.62) is on line 6.
    const std::string path = fixture("multiline.csv");
    expect_failure(run_keniki("info " + q(path)), 1, {path, "line 6", "feature 3", "field 'lat'", "333.62"});
}

TEST(CliErrors, OutOfRangeAfterABlankLine) {
    // blank_line.csv: line 1 header, line 2 record 1, line 3 blank (GDAL's CSV reader skips it, as
    // does every spreadsheet), line 4 record 2, line 5 record 3 with lat 93.3.
    const std::string path = fixture("blank_line.csv");
    expect_failure(run_keniki("info " + q(path)), 1, {path, "line 5", "feature 3", "field 'lat'", "93.3"});
}

TEST(CliErrors, NotANumberInACoordinateColumn) {
    // not_number.csv: record 2 (line 3) has lon "130.69l4" (a letter l for a 1).
    const std::string path = fixture("not_number.csv");
    expect_failure(run_keniki("info " + q(path)), 1, {path, "line 3", "feature 2", "field 'lon'", "130.69l4", "not a number"});
}

TEST(CliErrors, Cp932ReadAsUtf8NamesTheLine) {
    // cp932_line3.csv: lines 1-2 are ASCII, line 3 starts with 穂波支所 in CP932 (iconv -t cp932).
    const std::string path = fixture("cp932_line3.csv");
    expect_failure(run_keniki("info " + q(path) + " --encoding utf-8"), 1,
                   {path, "line 3", "not valid UTF-8", "--encoding cp932"});
}

TEST(CliErrors, Utf8ReadAsCp932) {
    const std::string path = fixture("names_utf8.csv");
    expect_failure(run_keniki("info " + q(path) + " --encoding cp932"), 1, {path, "UTF-8"});
}

// --- not errors: what must succeed -------------------------------------------------------------

TEST(CliInfoFixtures, Cp932DetectedAndDecoded) {
    const std::string path = fixture("names_cp932.csv");
    for (const std::string extra : {"", " --encoding cp932", " --encoding Shift_JIS"}) {
        SCOPED_TRACE(extra);
        const CommandResult r = run_keniki("info --json " + q(path) + extra);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const json doc = json::parse(r.out);
        const json& layer = doc["layers"][0];
        EXPECT_EQ(layer["encoding"]["name"], "CP932");
        EXPECT_EQ(layer["feature_count"], 2);
        ASSERT_EQ(layer["fields"].size(), 4u);
        EXPECT_EQ(layer["fields"][0]["name"], "名称");
        EXPECT_EQ(layer["fields"][1]["name"], "住所");
        EXPECT_EQ(layer["coordinate_fields"], json::array({"経度", "緯度"}));
    }
}

TEST(CliInfoFixtures, Utf8AndBomDecodedTheSame) {
    for (const std::string name : {"names_utf8.csv", "names_utf8_bom.csv"}) {
        SCOPED_TRACE(name);
        const CommandResult r = run_keniki("info --json " + q(fixture(name)));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const json layer = json::parse(r.out)["layers"][0];
        EXPECT_EQ(layer["fields"][0]["name"], "名称") << "a BOM must not stick to the first column name";
        EXPECT_EQ(layer["coordinate_fields"], json::array({"経度", "緯度"}));
        // by hand: 130.672710..130.691424, 33.613890..33.645904
        EXPECT_EQ(layer["extent_lonlat"], json::array({130.67271, 33.61389, 130.691424, 33.645904}));
    }
}

TEST(CliInfoFixtures, CsvWithoutCoordinatesIsATable) {
    const std::string path = fixture("no_coords.csv");
    const CommandResult r = run_keniki("info --json " + q(path));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const json layer = json::parse(r.out)["layers"][0];
    EXPECT_EQ(layer["geometry_type"], "None");
    EXPECT_EQ(layer["feature_count"], 2);
    EXPECT_TRUE(layer["extent_lonlat"].is_null());
    EXPECT_TRUE(layer["working_crs"].is_null());
    EXPECT_FALSE(layer.contains("coordinate_fields"));
    EXPECT_TRUE(layer["problems"]["empty_geometries"].empty()) << "a table's rows are not 'empty geometries'";
    ASSERT_EQ(layer["fields"].size(), 3u);
    EXPECT_EQ(layer["fields"][2]["name"], "capacity");
    EXPECT_EQ(layer["fields"][2]["type"], "integer");
    // Text output too, and --strict has nothing to complain about.
    const CommandResult text = run_keniki("info --strict " + q(path));
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("geometry type:     None"), std::string::npos) << text.out;
}

TEST(CliInfoFixtures, InvalidGeometryListedAndStrictFails) {
    const std::string path = fixture("bowtie.geojson");
    if (run_command("command -v ogrinfo").exit_code == 0) {
        // The fixture's premise: GDAL reads the GeoJSON ids as FIDs 3 and 7.
        const CommandResult o = run_command("ogrinfo -ro -al -q " + q(path));
        EXPECT_NE(o.out.find("OGRFeature(bowtie):7"), std::string::npos) << o.out;
        EXPECT_NE(o.out.find("OGRFeature(bowtie):3"), std::string::npos) << o.out;
    }
    const CommandResult text = run_keniki("info " + q(path));
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("1 invalid geometries"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("feature 7: Self-intersection"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("feature 3:"), std::string::npos) << "the square is valid:\n" << text.out;

    const CommandResult js = run_keniki("info --json " + q(path));
    ASSERT_EQ(js.exit_code, 0) << js.err;
    const json inv = json::parse(js.out)["layers"][0]["problems"]["invalid_geometries"];
    ASSERT_EQ(inv.size(), 1u) << inv.dump();
    EXPECT_EQ(inv[0]["id"], 7);
    EXPECT_NE(inv[0]["reason"].get<std::string>().find("Self-intersection"), std::string::npos) << inv.dump();

    const CommandResult strict = run_keniki("info --strict " + q(path));
    EXPECT_EQ(strict.exit_code, 1);
    EXPECT_NE(strict.out.find("feature 7"), std::string::npos) << "--strict still says why";
}

TEST(CliInfoFixtures, GtfsFolderAndZip) {
    for (const std::string name : {"gtfs_mini", "gtfs_mini.zip"}) {
        SCOPED_TRACE(name);
        const CommandResult r = run_keniki("info --json " + q(fixture(name)));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const json layer = json::parse(r.out)["layers"][0];
        EXPECT_EQ(layer["name"], "stops");
        EXPECT_EQ(layer["feature_count"], 3);
        EXPECT_EQ(layer["fields"][0]["name"], "stop_id") << "the BOM of stops.txt must not stick to the first column";
        EXPECT_EQ(layer["extent_lonlat"], json::array({130.689, 33.642, 130.6951, 33.6459}));
    }
}

}  // namespace
