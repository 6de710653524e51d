// keniki::io::read_layer / list_layers on OGR sources, GTFS feeds and the real CP932 files.
// Expected values come from the files themselves (read with iconv or ogrinfo), never from keniki.

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/io/read_layer.hpp"
#include "io/read_fixtures.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using keniki::DataError;
using keniki::Feature;
using keniki::FieldType;
using keniki::Layer;
using keniki::Point;
using keniki::UsageError;
using keniki::io::list_layers;
using keniki::io::read_layer;
using keniki::io::ReadOptions;
using keniki::io::ReadReport;
using keniki::test::shared_data;

std::string fixture(const std::string& name) { return keniki::test::read_fixture(name); }

using keniki::test::text_of;

const Feature* feature_with_id(const Layer& layer, std::int64_t id) {
    for (const auto& f : layer.features) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

// --- list_layers ------------------------------------------------------------------------------

TEST(ListLayers, OneLayerSources) {
    EXPECT_EQ(list_layers(fixture("kinds.csv")), std::vector<std::string>{"kinds"});
    EXPECT_EQ(list_layers(fixture("gtfs_mini")), std::vector<std::string>{"stops"});
    EXPECT_EQ(list_layers(fixture("gtfs_mini.zip")), std::vector<std::string>{"stops"});
    EXPECT_EQ(list_layers(fixture("bowtie.geojson")), std::vector<std::string>{"bowtie"});  // its "name" member
}

TEST(ListLayers, MissingPathIsAUsageError) {
    try {
        list_layers("/nonexistent-keniki/x.gpkg");
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.where().file, "/nonexistent-keniki/x.gpkg");
    }
}

TEST(ListLayers, NonVectorFileIsADataError) {
    try {
        list_layers(fixture("not_geo.geojson"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, fixture("not_geo.geojson"));
        EXPECT_NE(e.message().find("not a vector dataset"), std::string::npos) << e.what();
    }
}

TEST(ListLayers, OsmHasFiveLayers) {
    const std::string rel = "osm/monaco.osm.pbf";
    KENIKI_REQUIRE_SHARED(rel);
    // GDAL's OSM driver documents these five layers, in this order.
    EXPECT_EQ(list_layers((shared_data() / rel).string()),
              (std::vector<std::string>{"points", "lines", "multilinestrings", "multipolygons", "other_relations"}));
}

// --- OGR sources --------------------------------------------------------------------------------

TEST(ReadLayerOgr, GeoJsonKeepsIdsAndCrs) {
    ReadReport report;
    const Layer layer = read_layer(fixture("bowtie.geojson"), {}, &report);
    EXPECT_EQ(layer.name, "bowtie");
    EXPECT_EQ(layer.crs, "EPSG:4326");  // CRS84 = WGS 84 with lon/lat order
    EXPECT_EQ(report.driver, "GeoJSON");
    EXPECT_EQ(report.declared_geometry, "Polygon");
    ASSERT_EQ(layer.features.size(), 2u);
    std::set<std::int64_t> ids;
    for (const auto& f : layer.features) ids.insert(f.id);
    EXPECT_EQ(ids, (std::set<std::int64_t>{3, 7}));
    const Feature* tie = feature_with_id(layer, 7);
    ASSERT_NE(tie, nullptr);
    EXPECT_EQ(text_of(layer, *tie, "name"), "bow tie");
    EXPECT_EQ(tie->geometry.index(), keniki::Geometry(keniki::Polygon{}).index());
    EXPECT_TRUE(report.empty_geometry_ids.empty());
}

TEST(ReadLayerOgr, UnknownLayerNamesTheRealOnes) {
    ReadOptions o;
    o.layer = "nope";
    try {
        read_layer(fixture("bowtie.geojson"), o);
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.where().file, fixture("bowtie.geojson"));
        EXPECT_NE(e.message().find("bowtie"), std::string::npos) << e.what();
    }
}

TEST(ReadLayerOgr, SeveralLayersNeedAName) {
    const std::string rel = "osm/monaco.osm.pbf";
    KENIKI_REQUIRE_SHARED(rel);
    try {
        read_layer((shared_data() / rel).string());
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("multipolygons"), std::string::npos) << e.what();
        EXPECT_NE(e.message().find("--layer"), std::string::npos) << e.what();
    }
}

TEST(ReadLayerOgr, WhereFilterOnGeoJson) {
    ReadOptions o;
    o.where = "name = 'valid square'";
    const Layer layer = read_layer(fixture("bowtie.geojson"), o);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_EQ(layer.features[0].id, 3);
}

TEST(ReadLayerOgr, IizukaShapefileCp932Names) {
    const std::string rel = "iizuka/census_small_areas_2020/r2ka40205.shp";
    KENIKI_REQUIRE_SHARED(rel);
    ReadReport report;
    const Layer layer = read_layer((shared_data() / rel).string(), {}, &report);
    EXPECT_EQ(layer.features.size(), 149u);  // README and ogrinfo
    EXPECT_EQ(layer.crs, "EPSG:6668");
    EXPECT_EQ(report.encoding, "CP932");  // DBF language id 0x13 (byte 29 of the .dbf)
    const auto key = layer.field_index("KEY_CODE");
    ASSERT_TRUE(key.has_value());
    int found = 0;
    for (const auto& f : layer.features) {
        if (keniki::as_text(f.values[*key]) != "402050010") continue;
        ++found;
        // ogrinfo -where "KEY_CODE='402050010'": S_NAME = 吉原町, CITY_NAME = 飯塚市, S_AREA = 001000, HCODE = 8101
        EXPECT_EQ(text_of(layer, f, "S_NAME"), "吉原町");
        EXPECT_EQ(text_of(layer, f, "CITY_NAME"), "飯塚市");
        EXPECT_EQ(text_of(layer, f, "S_AREA"), "001000");
        EXPECT_EQ(text_of(layer, f, "HCODE"), "8101");
    }
    EXPECT_EQ(found, 1);
    EXPECT_EQ(layer.fields[*key].type, FieldType::text) << "KEY_CODE is a String field in the DBF";
}

TEST(ReadLayerOgr, ForcingUtf8OnTheCp932ShapefileFails) {
    const std::string rel = "iizuka/census_small_areas_2020/r2ka40205.shp";
    KENIKI_REQUIRE_SHARED(rel);
    ReadOptions o;
    o.encoding = "utf-8";
    try {
        read_layer((shared_data() / rel).string(), o);
        FAIL() << "CP932 names read as UTF-8 must not pass silently";
    } catch (const DataError& e) {
        EXPECT_NE(e.message().find("UTF-8"), std::string::npos) << e.what();
        EXPECT_NE(e.message().find("cp932"), std::string::npos) << e.what();
        // The first feature's first Japanese field (ogrinfo: PREF_NAME = 福岡県, feature 0).
        EXPECT_EQ(e.where().feature, 0);
        EXPECT_EQ(e.where().field, "PREF_NAME");
    }
}

// --- GTFS ---------------------------------------------------------------------------------------

TEST(ReadLayerGtfs, FolderAndZipGiveTheSameStops) {
    for (const std::string name : {"gtfs_mini", "gtfs_mini.zip"}) {
        SCOPED_TRACE(name);
        ReadReport report;
        const Layer layer = read_layer(fixture(name), {}, &report);
        EXPECT_EQ(layer.name, "stops");
        EXPECT_EQ(layer.crs, "EPSG:4326");
        EXPECT_EQ(report.driver, "GTFS (stops.txt)");
        EXPECT_EQ(report.x_field, "stop_lon");
        EXPECT_EQ(report.y_field, "stop_lat");
        EXPECT_EQ(report.encoding, "UTF-8 with BOM");
        ASSERT_EQ(layer.features.size(), 3u);
        ASSERT_TRUE(layer.field_index("stop_id").has_value()) << "BOM stuck to the first column name";
        // by hand from the fixture
        EXPECT_EQ(text_of(layer, layer.features[0], "stop_id"), "S1");
        EXPECT_EQ(text_of(layer, layer.features[0], "stop_name"), "飯塚バスセンター");
        EXPECT_EQ(text_of(layer, layer.features[2], "stop_name"), "市役所前");
        const auto* p = std::get_if<Point>(&layer.features[1].geometry);
        ASSERT_NE(p, nullptr);
        EXPECT_DOUBLE_EQ(p->x(), 130.6951);
        EXPECT_DOUBLE_EQ(p->y(), 33.6448);
        EXPECT_EQ(layer.fields[*layer.field_index("location_type")].type, FieldType::integer);
    }
}

TEST(ReadLayerGtfs, RealFeedWithBom) {
    const std::string rel = "iizuka/gtfs/chikuho.zip";
    KENIKI_REQUIRE_SHARED(rel);
    ReadReport report;
    const Layer layer = read_layer((shared_data() / rel).string(), {}, &report);
    // unzip -p chikuho.zip stops.txt: 33 lines, header + 32 stops; starts with EF BB BF.
    EXPECT_EQ(layer.features.size(), 32u);
    EXPECT_EQ(report.encoding, "UTF-8 with BOM");
    ASSERT_TRUE(layer.field_index("stop_id").has_value());
    // first record: 101_01,,筑前大分駅,,33.590268,130.629318
    EXPECT_EQ(text_of(layer, layer.features[0], "stop_id"), "101_01");
    EXPECT_EQ(text_of(layer, layer.features[0], "stop_name"), "筑前大分駅");
    const auto* p = std::get_if<Point>(&layer.features[0].geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), 130.629318);
    EXPECT_DOUBLE_EQ(p->y(), 33.590268);
}

// --- the real CP932 CSVs ------------------------------------------------------------------------

// Iizuka's extent from ogrinfo on boundaries/40205.json: (130.558137, 33.503817) - (130.776146, 33.707015).
bool inside_iizuka(const Point& p) { return p.x() >= 130.558137 && p.x() <= 130.776146 && p.y() >= 33.503817 && p.y() <= 33.707015; }

TEST(ReadLayerRealCsv, Hospitals) {
    const std::string rel = "iizuka/hospitals.csv";
    KENIKI_REQUIRE_SHARED(rel);
    ReadReport report;
    const Layer layer = read_layer((shared_data() / rel).string(), {}, &report);
    ASSERT_EQ(layer.features.size(), 140u);  // README; ogrinfo Feature Count: 140
    EXPECT_EQ(report.encoding, "CP932");
    EXPECT_EQ(report.x_field, "経度");
    EXPECT_EQ(report.y_field, "緯度");
    EXPECT_TRUE(report.empty_geometry_ids.empty());
    for (const auto& f : layer.features) {
        const auto* p = std::get_if<Point>(&f.geometry);
        ASSERT_NE(p, nullptr) << "record " << f.id;
        EXPECT_TRUE(inside_iizuka(*p)) << "record " << f.id << " at " << p->x() << ", " << p->y();
    }
    // iconv -f cp932 -t utf-8 hospitals.csv | head: record 1 spans two lines (a quoted note), record 2 too.
    EXPECT_EQ(layer.features[0].id, 1);
    EXPECT_EQ(text_of(layer, layer.features[0], "名称"), "あい内科・消化器科クリニック");
    EXPECT_EQ(text_of(layer, layer.features[0], "ID"), "0000000001") << "an ID with leading zeros is a code, not a number";
    EXPECT_EQ(text_of(layer, layer.features[1], "名称"), "あおぞら整形外科医院");
    EXPECT_EQ(text_of(layer, layer.features[3], "名称"), "青山外科医院");
    EXPECT_EQ(text_of(layer, layer.features[3], "所在地_連結表記"), "福岡県飯塚市吉原町10-6");
    const auto* p = std::get_if<Point>(&layer.features[0].geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), 130.687754);
    EXPECT_DOUBLE_EQ(p->y(), 33.627601);
    EXPECT_EQ(layer.fields[*layer.field_index("ID")].type, FieldType::text);
}

TEST(ReadLayerRealCsv, Facilities) {
    const std::string rel = "iizuka/facilities.csv";
    KENIKI_REQUIRE_SHARED(rel);
    ReadReport report;
    const Layer layer = read_layer((shared_data() / rel).string(), {}, &report);
    ASSERT_EQ(layer.features.size(), 155u);  // README; ogrinfo Feature Count: 155
    EXPECT_EQ(report.encoding, "CP932");
    // iconv ... | head -2: 402052,,福岡県飯塚市,鯰田小学校,...,33.66922222,130.7058611
    EXPECT_EQ(text_of(layer, layer.features[0], "名称"), "鯰田小学校");
    EXPECT_EQ(text_of(layer, layer.features[1], "名称"), "立岩小学校");
    const auto* p = std::get_if<Point>(&layer.features[0].geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), 130.7058611);
    EXPECT_DOUBLE_EQ(p->y(), 33.66922222);
    for (const auto& f : layer.features) {
        if (const auto* q = std::get_if<Point>(&f.geometry)) {
            EXPECT_TRUE(inside_iizuka(*q)) << "record " << f.id;
        }
    }
}

// --- geometry required --------------------------------------------------------------------------

TEST(ReadLayerCsv, NoCoordinateColumns) {
    ReadReport report;
    const Layer table = read_layer(fixture("no_coords.csv"), {}, &report);
    EXPECT_EQ(report.declared_geometry, "None");
    EXPECT_EQ(table.crs, "");
    ASSERT_EQ(table.features.size(), 2u);
    for (const auto& f : table.features) EXPECT_TRUE(keniki::is_empty(f.geometry));
    EXPECT_TRUE(report.empty_geometry_ids.empty()) << "rows of a table are not features with a missing position";

    ReadOptions o;
    o.require_geometry = true;
    try {
        read_layer(fixture("no_coords.csv"), o);
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_NE(e.message().find("no coordinate columns"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().file, fixture("no_coords.csv"));
        EXPECT_EQ(e.where().layer, "no_coords");
    }
}

TEST(ReadLayerCsv, ExplicitColumnsThatDoNotExist) {
    ReadOptions o;
    o.x_field = "lon";
    o.y_field = "lat";
    try {
        read_layer(fixture("no_coords.csv"), o);
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.where().field, "lon");
        EXPECT_EQ(e.where().file, fixture("no_coords.csv"));
    }
}

}  // namespace
