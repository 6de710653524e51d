// io::read_schema (used by the plan's input checks): layers, fields, geometry, without reading every
// feature; the same choices and errors as read_layer.

#include <fstream>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/io/read_schema.hpp"
#include "keniki/io/write_layer.hpp"
#include "project/plan_test_support.hpp"

namespace keniki {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) { return (test::plan_fixtures() / name).string(); }

io::ReadOptions layer_named(const std::string& layer) {
    io::ReadOptions o;
    o.layer = layer;
    return o;
}

TEST(ReadSchema, GeoJsonPolygons) {
    const auto s = io::read_schema(fixture("neighbourhoods.geojson"));
    EXPECT_EQ(s.layer, "neighbourhoods");
    EXPECT_EQ(s.layers, std::vector<std::string>{"neighbourhoods"});
    EXPECT_EQ(s.geometry, io::GeometryClass::polygons);
    EXPECT_EQ(s.geometry_type, "Polygon");
    EXPECT_EQ(s.crs, "EPSG:4326");
    EXPECT_EQ(s.field_names(), (std::vector<std::string>{"area_id", "name", "name_en", "welfare_area_id"}));
    EXPECT_FALSE(s.types_from_sample);
    EXPECT_FALSE(s.field_index("nope").has_value());
    EXPECT_EQ(s.field_index("name_en"), 2u);
}

TEST(ReadSchema, AgreesWithReadLayer) {
    for (const char* name : {"hubs.geojson", "residents.csv", "city.geojson"}) {
        SCOPED_TRACE(name);
        io::ReadReport report;
        const Layer layer = io::read_layer(fixture(name), {}, &report);
        const auto s = io::read_schema(fixture(name));
        EXPECT_EQ(s.layer, layer.name);
        EXPECT_EQ(s.crs, layer.crs);
        EXPECT_EQ(s.geometry_type, report.declared_geometry);
        EXPECT_EQ(s.x_field, report.x_field);
        EXPECT_EQ(s.y_field, report.y_field);
        ASSERT_EQ(s.fields.size(), layer.fields.size());
        for (std::size_t i = 0; i < s.fields.size(); ++i) {
            EXPECT_EQ(s.fields[i].name, layer.fields[i].name);
            EXPECT_EQ(s.fields[i].type, layer.fields[i].type) << s.fields[i].name;
        }
    }
}

TEST(ReadSchema, CsvHeaderAndCoordinateColumns) {
    const auto s = io::read_schema(fixture("residents.csv"));
    EXPECT_EQ(s.driver, "CSV");
    EXPECT_EQ(s.layer, "residents");
    EXPECT_EQ(s.geometry, io::GeometryClass::points);
    EXPECT_EQ(s.x_field, "lon");
    EXPECT_EQ(s.y_field, "lat");
    EXPECT_TRUE(s.types_from_sample);
    EXPECT_EQ(s.field_names(), (std::vector<std::string>{"resident_id", "lon", "lat", "age", "is_65plus", "is_75plus"}));
    ASSERT_TRUE(s.field_index("is_65plus"));
    EXPECT_EQ(s.fields[*s.field_index("is_65plus")].type, FieldType::integer);

    const auto none = io::read_schema(fixture("no_coordinates.csv"));
    EXPECT_EQ(none.geometry, io::GeometryClass::none);
    EXPECT_EQ(none.x_field, "");
}

TEST(ReadSchema, LargeCp932CsvIsReadFromItsFirstRecordsOnly) {
    // A CP932 header (経度/緯度 and a Japanese column), 200,000 records (several MB): the schema comes
    // from the first 64 KB, cut at a record boundary; a bad value far down does not matter to it.
    const auto dir = test::fresh_temp_dir("keniki-schema");
    const auto path = dir / "people.csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << "id,\x8C\x6F\x93\x78,\x88\xDC\x93\x78,\x94\x4E\x97\xEE\n";  // id,経度,緯度,年齢 in CP932
        for (int i = 0; i < 200000; ++i) out << i << ",131.2" << (i % 10) << ",34.2" << (i % 7) << ",\"" << (i % 90) << "\"\n";
        out << "200000,not a number,34.2,70\n";
    }
    const auto s = io::read_schema(path.string());
    EXPECT_EQ(s.field_names(), (std::vector<std::string>{"id", "経度", "緯度", "年齢"}));
    EXPECT_EQ(s.x_field, "経度");
    EXPECT_EQ(s.y_field, "緯度");
    EXPECT_EQ(s.fields[3].type, FieldType::integer);
    EXPECT_THROW(io::read_layer(path.string()), DataError) << "the full read does see the bad record";
    fs::remove_all(dir);
}

TEST(ReadSchema, QuotedNewlinesAcrossTheSampleBoundary) {
    const auto dir = test::fresh_temp_dir("keniki-schema");
    const auto path = dir / "notes.csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << "id,lon,lat,note\n";
        const std::string long_note(1000, 'x');
        for (int i = 0; i < 200; ++i) out << i << ",131.2,34.2,\"" << long_note << "\nsecond line\"\n";
    }
    const auto s = io::read_schema(path.string());
    EXPECT_EQ(s.field_names(), (std::vector<std::string>{"id", "lon", "lat", "note"}));
    EXPECT_EQ(s.fields[0].type, FieldType::integer);
    fs::remove_all(dir);
}

TEST(ReadSchema, GtfsFolderIsItsStops) {
    const auto dir = test::fresh_temp_dir("keniki-gtfs");
    std::ofstream(dir / "stops.txt", std::ios::binary) << "\xEF\xBB\xBFstop_id,stop_name,stop_lat,stop_lon\ns1,駅前,34.2,131.2\n";
    const auto s = io::read_schema(dir.string());
    EXPECT_EQ(s.layer, "stops");
    EXPECT_EQ(s.driver, "GTFS (stops.txt)");
    EXPECT_EQ(s.x_field, "stop_lon");
    EXPECT_EQ(s.y_field, "stop_lat");
    EXPECT_EQ(s.geometry, io::GeometryClass::points);
    EXPECT_THROW(io::read_schema(dir.string(), layer_named("routes")), UsageError);
    fs::remove_all(dir);
}

TEST(ReadSchema, GeoPackageWithSeveralLayers) {
    const auto dir = test::fresh_temp_dir("keniki-schema");
    const auto path = (dir / "two.gpkg").string();
    Layer a;
    a.name = "areas";
    a.crs = "EPSG:4326";
    a.fields = {Field{"code", FieldType::text}, Field{"pop", FieldType::integer}};
    Polygon square;
    boost::geometry::append(square.outer(), Point{131.2, 34.2});
    boost::geometry::append(square.outer(), Point{131.3, 34.2});
    boost::geometry::append(square.outer(), Point{131.3, 34.3});
    boost::geometry::append(square.outer(), Point{131.2, 34.3});
    boost::geometry::append(square.outer(), Point{131.2, 34.2});
    a.features.push_back(Feature{1, square, {std::string("A"), std::int64_t{10}}});
    Layer b;
    b.name = "points";
    b.crs = "EPSG:4326";
    b.fields = {Field{"kind", FieldType::text}};
    b.features.push_back(Feature{1, Point{131.25, 34.25}, {std::string("salon")}});
    io::write_geopackage(path, {&a, &b});

    EXPECT_THROW(io::read_schema(path), UsageError) << "several layers and none named";
    try {
        (void)io::read_schema(path, layer_named("area"));
        FAIL() << "unknown layer accepted";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("no layer named 'area'; the dataset has: areas, points"), std::string::npos) << e.what();
    }
    const auto s = io::read_schema(path, layer_named("areas"));
    EXPECT_EQ(s.layers, (std::vector<std::string>{"areas", "points"}));
    EXPECT_EQ(s.geometry, io::GeometryClass::polygons);
    EXPECT_EQ(s.field_names(), (std::vector<std::string>{"code", "pop"}));
    EXPECT_EQ(s.fields[1].type, FieldType::integer);
    EXPECT_EQ(io::read_schema(path, layer_named("points")).geometry, io::GeometryClass::points);
    fs::remove_all(dir);
}

TEST(ReadSchema, ErrorsAreThoseOfReadLayer) {
    EXPECT_THROW(io::read_schema(fixture("absent.geojson")), UsageError);
    EXPECT_THROW(io::read_schema(fixture("city.geojson"), layer_named("town")), UsageError);
    EXPECT_THROW(io::read_schema(fixture("residents.csv"), layer_named("people")), UsageError);
    EXPECT_THROW(io::read_schema(fixture("hubs.geojson"), [] { io::ReadOptions o; o.where = "kind = "; return o; }()), UsageError);
    EXPECT_THROW(io::read_schema(fixture("no_coordinates.csv"), [] { io::ReadOptions o; o.require_geometry = true; return o; }()), DataError);
    EXPECT_THROW(io::read_schema(fixture("reference.toml")), DataError) << "not a vector dataset";
}

}  // namespace
}  // namespace keniki
