// keniki::io::write_layer / write_geopackage: every file is read back with GDAL itself (or iconv),
// never with keniki's own reader, so that a writer bug cannot hide behind a matching reader bug.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// GDAL's headers live in include/gdal/ on Debian; the library links GDAL privately, so the test
// reaches them through that folder.
#if __has_include(<ogrsf_frmts.h>)
#include <cpl_error.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>
#else
#include <gdal/cpl_error.h>
#include <gdal/ogr_api.h>
#include <gdal/ogrsf_frmts.h>
#endif

#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/io/write_layer.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using keniki::Feature;
using keniki::Field;
using keniki::FieldType;
using keniki::Layer;
using keniki::Point;
using keniki::io::write_geopackage;
using keniki::io::write_layer;
using keniki::io::WriteOptions;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

GDALDatasetUniquePtr open_vector(const fs::path& p) {
    GDALAllRegister();
    return GDALDatasetUniquePtr(GDALDataset::Open(p.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
}

/// Fields shared by the fixtures: an integer, a real, a Japanese text.
void add_fields(Layer& l) {
    l.fields = {{"id", FieldType::integer}, {"share", FieldType::real}, {"name", FieldType::text}};
}

keniki::Polygon square(double x0, double y0, double size, bool clockwise) {
    keniki::Polygon p;
    if (clockwise) {
        p.outer() = {{x0, y0}, {x0, y0 + size}, {x0 + size, y0 + size}, {x0 + size, y0}, {x0, y0}};
    } else {
        p.outer() = {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}};
    }
    return p;
}

Layer polygon_layer(const std::string& crs, double x0, double y0, double size) {
    Layer l;
    l.name = "areas";
    l.crs = crs;
    add_fields(l);
    l.features.push_back({1, square(x0, y0, size, false), {std::int64_t{1}, 0.25, std::string("美祢")}});
    l.features.push_back({2, square(x0 + size, y0, size, false), {std::int64_t{2}, std::monostate{}, std::string("秋芳")}});
    return l;
}

Layer point_layer(const std::string& crs, double x0, double y0) {
    Layer l;
    l.name = "hubs";
    l.crs = crs;
    add_fields(l);
    l.features.push_back({1, Point{x0, y0}, {std::int64_t{10}, 1.5, std::string("公民館")}});
    l.features.push_back({2, Point{x0 + 0.01, y0 + 0.02}, {std::monostate{}, -2.0, std::string("サロン")}});
    l.features.push_back({3, Point{x0 - 0.03, y0 + 0.01}, {std::int64_t{9000000000}, 0.0, std::monostate{}}});
    return l;
}

Layer line_layer(const std::string& crs, double x0, double y0) {
    Layer l;
    l.name = "roads";
    l.crs = crs;
    add_fields(l);
    keniki::LineString a{{x0, y0}, {x0 + 0.01, y0}, {x0 + 0.01, y0 + 0.01}};
    keniki::LineString b{{x0 + 0.01, y0 + 0.01}, {x0 + 0.02, y0 + 0.03}};
    l.features.push_back({1, a, {std::int64_t{1}, 40.0, std::string("国道435号")}});
    l.features.push_back({2, b, {std::int64_t{2}, 30.0, std::string("市道")}});
    return l;
}

/// Compares a layer read back by GDAL with what was written: count, values, nulls, geometry.
/// `nulls_as_empty`: the format has no nulls (CSV), a null comes back as an empty text.
void expect_same(OGRLayer& read, const Layer& written, double tolerance, bool nulls_as_empty = false) {
    ASSERT_EQ(read.GetFeatureCount(), static_cast<GIntBig>(written.features.size()));
    OGRFeatureDefn* defn = read.GetLayerDefn();
    const int id_i = defn->GetFieldIndex("id"), share_i = defn->GetFieldIndex("share"), name_i = defn->GetFieldIndex("name");
    ASSERT_GE(id_i, 0);
    ASSERT_GE(share_i, 0);
    ASSERT_GE(name_i, 0);
    read.ResetReading();
    for (const auto& expected : written.features) {
        OGRFeatureUniquePtr f(read.GetNextFeature());
        ASSERT_TRUE(f);
        const auto& v = expected.values;
        auto is_null = [&](int i) {
            return !f->IsFieldSetAndNotNull(i) || (nulls_as_empty && std::string(f->GetFieldAsString(i)).empty());
        };
        if (std::holds_alternative<std::monostate>(v[0])) EXPECT_TRUE(is_null(id_i));
        else EXPECT_EQ(f->GetFieldAsInteger64(id_i), std::get<std::int64_t>(v[0]));
        if (std::holds_alternative<std::monostate>(v[1])) EXPECT_TRUE(is_null(share_i));
        else EXPECT_DOUBLE_EQ(f->GetFieldAsDouble(share_i), std::get<double>(v[1]));
        if (std::holds_alternative<std::monostate>(v[2])) EXPECT_TRUE(is_null(name_i));
        else EXPECT_EQ(std::string(f->GetFieldAsString(name_i)), std::get<std::string>(v[2]));

        const OGRGeometry* g = f->GetGeometryRef();
        ASSERT_NE(g, nullptr);
        OGRGeometryUniquePtr want = [&] {
            // The expected geometry, built by hand through OGR's WKT reader from the engine points.
            std::ostringstream wkt;
            wkt.precision(17);
            std::visit(
                [&](const auto& geom) {
                    using T = std::decay_t<decltype(geom)>;
                    if constexpr (std::is_same_v<T, Point>) {
                        wkt << "POINT (" << geom.x() << ' ' << geom.y() << ')';
                    } else if constexpr (std::is_same_v<T, keniki::LineString>) {
                        wkt << "LINESTRING (";
                        for (std::size_t i = 0; i < geom.size(); ++i) wkt << (i ? "," : "") << geom[i].x() << ' ' << geom[i].y();
                        wkt << ')';
                    } else if constexpr (std::is_same_v<T, keniki::Polygon>) {
                        wkt << "POLYGON ((";
                        for (std::size_t i = 0; i < geom.outer().size(); ++i)
                            wkt << (i ? "," : "") << geom.outer()[i].x() << ' ' << geom.outer()[i].y();
                        wkt << "))";
                    }
                },
                expected.geometry);
            OGRGeometry* out = nullptr;
            OGRGeometryFactory::createFromWkt(wkt.str().c_str(), nullptr, &out);
            return OGRGeometryUniquePtr(out);
        }();
        ASSERT_TRUE(want);
        EXPECT_EQ(wkbFlatten(g->getGeometryType()), wkbFlatten(want->getGeometryType()));
        // Same vertices within the tolerance: each is within `tolerance` of the other geometry.
        OGRGeometryUniquePtr diff(g->SymDifference(want.get()));
        if (wkbFlatten(g->getGeometryType()) == wkbPolygon) {
            ASSERT_TRUE(diff);
            EXPECT_LT(diff->IsEmpty() ? 0.0 : OGR_G_Area(OGRGeometry::ToHandle(diff.get())), tolerance);
        } else {
            EXPECT_LT(g->Distance(want.get()), tolerance);
            EXPECT_LT(want->Distance(g), tolerance);
            OGREnvelope a, b;
            g->getEnvelope(&a);
            want->getEnvelope(&b);
            EXPECT_NEAR(a.MinX, b.MinX, tolerance);
            EXPECT_NEAR(a.MaxX, b.MaxX, tolerance);
            EXPECT_NEAR(a.MinY, b.MinY, tolerance);
            EXPECT_NEAR(a.MaxY, b.MaxY, tolerance);
        }
    }
}

class WriteLayer : public ::testing::Test {
protected:
    void SetUp() override { m_dir = keniki::test::fresh_temp_dir("keniki-write"); }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(m_dir);
    }
    fs::path m_dir;
};

// ---------------------------------------------------------------------------------------------
// GeoJSON

TEST_F(WriteLayer, GeoJsonRoundTripsPolygonsPointsAndLines) {
    const std::vector<Layer> layers = {polygon_layer("EPSG:4326", 131.2, 34.1, 0.01), point_layer("EPSG:6668", 131.2, 34.1),
                                       line_layer("OGC:CRS84", 131.2, 34.1)};
    for (const auto& layer : layers) {
        const fs::path out = m_dir / (layer.name + ".geojson");
        write_layer(out.string(), layer);
        auto ds = open_vector(out);
        ASSERT_TRUE(ds) << out;
        ASSERT_EQ(ds->GetLayerCount(), 1);
        expect_same(*ds->GetLayer(0), layer, 1e-7);
        const OGRSpatialReference* srs = ds->GetLayer(0)->GetSpatialRef();
        ASSERT_NE(srs, nullptr);
        EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4326");
    }
    EXPECT_EQ(files_in(m_dir), (std::vector<fs::path>{"areas.geojson", "hubs.geojson", "roads.geojson"}));
}

TEST_F(WriteLayer, GeoJsonIsRfc7946) {
    Layer l;
    l.name = "cw";
    l.crs = "EPSG:4326";
    l.fields = {{"n", FieldType::integer}};
    // Clockwise exterior ring, coordinates with 9 decimals.
    keniki::Polygon p;
    p.outer() = {{131.123456789, 34.123456789}, {131.123456789, 34.223456789}, {131.223456789, 34.223456789},
                 {131.223456789, 34.123456789}, {131.123456789, 34.123456789}};
    l.features.push_back({1, p, {std::int64_t{1}}});
    const fs::path out = m_dir / "cw.geojson";
    write_layer(out.string(), l);

    const std::string text = slurp(out);
    EXPECT_EQ(text.find("\"crs\""), std::string::npos) << text;
    EXPECT_NE(text.find("131.1234568"), std::string::npos) << text;
    const std::regex long_decimals(R"(\d\.\d{8,})");
    EXPECT_FALSE(std::regex_search(text, long_decimals)) << text;

    auto ds = open_vector(out);
    ASSERT_TRUE(ds);
    OGRFeatureUniquePtr f(ds->GetLayer(0)->GetNextFeature());
    ASSERT_TRUE(f);
    const OGRPolygon* poly = f->GetGeometryRef()->toPolygon();
    EXPECT_FALSE(poly->getExteriorRing()->isClockwise()) << "RFC 7946 wants the exterior ring counter-clockwise";
}

TEST_F(WriteLayer, GeoJsonDecimalsAreAnOption) {
    Layer l = point_layer("EPSG:4326", 131.123456789, 34.123456789);
    WriteOptions options;
    options.geojson_decimals = 3;
    const fs::path out = m_dir / "p.geojson";
    write_layer(out.string(), l, options);
    const std::string text = slurp(out);
    EXPECT_NE(text.find("131.123,"), std::string::npos) << text;
    EXPECT_FALSE(std::regex_search(text, std::regex(R"(\d\.\d{4,}\s*[,\]])"))) << text;
}

TEST_F(WriteLayer, GeoJsonRefusesAProjectedLayer) {
    const Layer l = polygon_layer("EPSG:6671", -40000, -20000, 500);
    const fs::path out = m_dir / "areas.geojson";
    try {
        write_layer(out.string(), l);
        FAIL() << "a layer in EPSG:6671 was written as GeoJSON";
    } catch (const keniki::DataError& e) {
        EXPECT_NE(std::string(e.what()).find("transform"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().layer, "areas");
    }
    Layer none = point_layer("", 131.2, 34.1);
    EXPECT_THROW(write_layer(out.string(), none), keniki::DataError);
    EXPECT_TRUE(files_in(m_dir).empty());
}

TEST_F(WriteLayer, GeoJsonAcceptsWgs84GivenAsWkt) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    char* wkt = nullptr;
    wgs84.exportToWkt(&wkt);
    Layer l = point_layer(wkt, 131.2, 34.1);
    CPLFree(wkt);
    const fs::path out = m_dir / "p.json";
    EXPECT_NO_THROW(write_layer(out.string(), l));
    EXPECT_TRUE(fs::exists(out));
}

// ---------------------------------------------------------------------------------------------
// Existing files, temp files, errors

TEST_F(WriteLayer, ExistingFileNeedsOverwriteAndStaysUntouched) {
    const fs::path out = m_dir / "areas.geojson";
    spit(out, "old content");
    const Layer l = polygon_layer("EPSG:4326", 131.2, 34.1, 0.01);
    EXPECT_THROW(write_layer(out.string(), l), keniki::UsageError);
    EXPECT_EQ(slurp(out), "old content");
    const fs::path csv = m_dir / "areas.csv";
    spit(csv, "old,csv\n");
    EXPECT_THROW(write_layer(csv.string(), l), keniki::UsageError);
    EXPECT_EQ(slurp(csv), "old,csv\n");

    WriteOptions options;
    options.overwrite = true;
    write_layer(out.string(), l, options);
    EXPECT_NE(slurp(out).find("FeatureCollection"), std::string::npos);
    EXPECT_EQ(files_in(m_dir), (std::vector<fs::path>{"areas.csv", "areas.geojson"}));
}

TEST_F(WriteLayer, FailureLeavesNoTempFileAndKeepsTheOldOne) {
    const fs::path out = m_dir / "areas.geojson";
    spit(out, "old content");
    Layer l = polygon_layer("EPSG:4326", 131.2, 34.1, 0.01);
    l.features.back().values.pop_back();  // one value short: fails after the temp file was started
    WriteOptions options;
    options.overwrite = true;
    try {
        write_layer(out.string(), l, options);
        FAIL() << "a feature with a missing value was written";
    } catch (const keniki::DataError& e) {
        EXPECT_EQ(e.where().feature, 2);
        EXPECT_EQ(e.where().file, out.string());
    }
    EXPECT_EQ(slurp(out), "old content");
    EXPECT_EQ(files_in(m_dir), std::vector<fs::path>{"areas.geojson"});
}

TEST_F(WriteLayer, UnknownExtensionIsAUsageError) {
    const Layer l = point_layer("EPSG:4326", 131.2, 34.1);
    EXPECT_THROW(write_layer((m_dir / "hubs.shp").string(), l), keniki::UsageError);
    EXPECT_THROW(write_layer((m_dir / "hubs").string(), l), keniki::UsageError);
    EXPECT_THROW(write_layer((m_dir / "missing" / "hubs.geojson").string(), l), keniki::UsageError);
    WriteOptions options;
    options.format = keniki::io::OutputFormat::geojson;
    write_layer((m_dir / "hubs.txt").string(), l, options);  // the format option wins over the extension
    EXPECT_NE(slurp(m_dir / "hubs.txt").find("FeatureCollection"), std::string::npos);
    EXPECT_EQ(files_in(m_dir), std::vector<fs::path>{"hubs.txt"});
}

// ---------------------------------------------------------------------------------------------
// GeoPackage

TEST_F(WriteLayer, GeoPackageRoundTripsInTheLayersOwnCrs) {
    const fs::path out = m_dir / "all.gpkg";
    const Layer areas = polygon_layer("EPSG:6671", -40000, -20000, 500);
    const Layer roads = line_layer("EPSG:6671", -40000, -20000);
    write_geopackage(out.string(), {&areas, &roads});
    {
        auto ds = open_vector(out);
        ASSERT_TRUE(ds);
        ASSERT_EQ(ds->GetLayerCount(), 2);
        OGRLayer* a = ds->GetLayerByName("areas");
        OGRLayer* r = ds->GetLayerByName("roads");
        ASSERT_NE(a, nullptr);
        ASSERT_NE(r, nullptr);
        expect_same(*a, areas, 1e-6);
        expect_same(*r, roads, 1e-9);
        ASSERT_NE(a->GetSpatialRef(), nullptr);
        EXPECT_STREQ(a->GetSpatialRef()->GetAuthorityCode(nullptr), "6671");
        EXPECT_EQ(wkbFlatten(a->GetGeomType()), wkbPolygon);
        EXPECT_EQ(a->GetLayerDefn()->GetFieldDefn(a->GetLayerDefn()->GetFieldIndex("id"))->GetType(), OFTInteger64);
    }
    // A third layer is added to the file; an existing one needs overwrite.
    const Layer hubs = point_layer("EPSG:6668", 131.2, 34.1);
    write_layer(out.string(), hubs);
    Layer fewer = areas;
    fewer.features.pop_back();
    EXPECT_THROW(write_layer(out.string(), fewer), keniki::UsageError);
    EXPECT_THROW(write_geopackage(out.string(), {&hubs, &roads}), keniki::UsageError);
    {
        auto ds = open_vector(out);
        ASSERT_TRUE(ds);
        EXPECT_EQ(ds->GetLayerCount(), 3);
        EXPECT_EQ(ds->GetLayerByName("areas")->GetFeatureCount(), 2);
    }
    WriteOptions options;
    options.overwrite = true;
    write_layer(out.string(), fewer, options);
    {
        auto ds = open_vector(out);
        ASSERT_TRUE(ds);
        EXPECT_EQ(ds->GetLayerCount(), 3);
        EXPECT_EQ(ds->GetLayerByName("areas")->GetFeatureCount(), 1);
        expect_same(*ds->GetLayerByName("hubs"), hubs, 1e-12);
    }
    EXPECT_EQ(files_in(m_dir), std::vector<fs::path>{"all.gpkg"});
}

TEST_F(WriteLayer, GeoPackageIsAllOrNothing) {
    const fs::path out = m_dir / "all.gpkg";
    const Layer areas = polygon_layer("EPSG:6671", -40000, -20000, 500);
    Layer broken = line_layer("EPSG:6671", -40000, -20000);
    broken.features.front().values.clear();
    EXPECT_THROW(write_geopackage(out.string(), {&areas, &broken}), keniki::DataError);
    EXPECT_TRUE(files_in(m_dir).empty());
    EXPECT_THROW(write_geopackage(out.string(), {&areas, &areas}), keniki::UsageError);
}

TEST_F(WriteLayer, GeoPackageMixedSinglesAndMultisBecomeMulti) {
    Layer l = polygon_layer("EPSG:6671", 0, 0, 100);
    keniki::MultiPolygon mp{square(500, 500, 10, false), square(600, 600, 10, false)};
    l.features.push_back({3, mp, {std::int64_t{3}, 1.0, std::string("飛び地")}});
    const fs::path out = m_dir / "mixed.gpkg";
    write_layer(out.string(), l);
    auto ds = open_vector(out);
    ASSERT_TRUE(ds);
    OGRLayer* read = ds->GetLayer(0);
    EXPECT_EQ(wkbFlatten(read->GetGeomType()), wkbMultiPolygon);
    EXPECT_EQ(read->GetFeatureCount(), 3);
    OGRFeatureUniquePtr f(read->GetNextFeature());
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
}

TEST_F(WriteLayer, GeoPackageTakesAMillionPoints) {
    Layer l;
    l.name = "residents";
    l.crs = "EPSG:6671";
    l.fields = {{"age", FieldType::integer}};
    l.features.reserve(1'000'000);
    for (std::int64_t i = 0; i < 1'000'000; ++i)
        l.features.push_back({i, Point{static_cast<double>(i % 1000) * 10.0, static_cast<double>(i / 1000) * 10.0}, {i % 100}});
    const fs::path out = m_dir / "many.gpkg";
    write_layer(out.string(), l);  // default: no R-tree above 250,000 features
    auto ds = open_vector(out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayer(0)->GetFeatureCount(), 1'000'000);
    EXPECT_FALSE(ds->GetLayer(0)->TestCapability(OLCFastSpatialFilter));
}

TEST_F(WriteLayer, GeoPackageSpatialIndexFollowsTheOption) {
    const Layer small = point_layer("EPSG:6668", 131.2, 34.1);
    const fs::path out = m_dir / "idx.gpkg";
    write_layer(out.string(), small);
    Layer other = small;
    other.name = "no_index";
    WriteOptions options;
    options.spatial_index = false;
    write_layer(out.string(), other, options);
    auto ds = open_vector(out);
    ASSERT_TRUE(ds);
    EXPECT_TRUE(ds->GetLayerByName("hubs")->TestCapability(OLCFastSpatialFilter));
    EXPECT_FALSE(ds->GetLayerByName("no_index")->TestCapability(OLCFastSpatialFilter));
}

TEST_F(WriteLayer, FlatGeobufRoundTrips) {
    const Layer areas = polygon_layer("EPSG:6671", -40000, -20000, 500);
    const fs::path out = m_dir / "areas.fgb";
    WriteOptions options;
    options.spatial_index = false;  // with its index, FlatGeobuf stores features in spatial order
    write_layer(out.string(), areas, options);
    {
        auto ds = open_vector(out);
        ASSERT_TRUE(ds);
        expect_same(*ds->GetLayer(0), areas, 1e-6);
        ASSERT_NE(ds->GetLayer(0)->GetSpatialRef(), nullptr);
        EXPECT_STREQ(ds->GetLayer(0)->GetSpatialRef()->GetAuthorityCode(nullptr), "6671");
    }
    options.spatial_index = std::nullopt;
    options.overwrite = true;
    write_layer(out.string(), areas, options);
    auto ds = open_vector(out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayer(0)->GetFeatureCount(), 2);
    EXPECT_TRUE(ds->GetLayer(0)->TestCapability(OLCFastSpatialFilter));
    EXPECT_EQ(files_in(m_dir), std::vector<fs::path>{"areas.fgb"});
}

// ---------------------------------------------------------------------------------------------
// CSV

TEST_F(WriteLayer, CsvStartsWithTheUtf8BomAndRoundTrips) {
    const Layer hubs = point_layer("EPSG:4326", 131.123456789, 34.1);
    const fs::path out = m_dir / "hubs.csv";
    write_layer(out.string(), hubs);
    const std::string text = slurp(out);
    ASSERT_GE(text.size(), 3u);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(text.substr(3, text.find('\n') - 3), "id,share,name,lon,lat,wkt");
    EXPECT_NE(text.find("131.1234568,34.1,"), std::string::npos) << text;
    EXPECT_NE(text.find("公民館"), std::string::npos);

    auto ds = open_vector(out);  // GDAL's CSV reader turns the "wkt" column back into geometry
    ASSERT_TRUE(ds);
    expect_same(*ds->GetLayer(0), hubs, 1e-9, /*nulls_as_empty=*/true);
}

TEST_F(WriteLayer, CsvWithoutBomAndWithoutGeometry) {
    const Layer roads = line_layer("EPSG:6671", -40000, -20000);
    WriteOptions options;
    options.csv_encoding = "UTF-8";
    const fs::path out = m_dir / "roads.csv";
    write_layer(out.string(), roads, options);
    std::string text = slurp(out);
    EXPECT_EQ(text.substr(0, text.find('\n')), "id,share,name,wkt");
    EXPECT_NE(text.find("LINESTRING (-40000 -20000,"), std::string::npos) << text;

    options.csv_geometry = false;
    options.overwrite = true;
    write_layer(out.string(), roads, options);
    text = slurp(out);
    EXPECT_EQ(text, "id,share,name\n1,40,国道435号\n2,30,市道\n");
}

TEST_F(WriteLayer, CsvInCp932DecodesWithIconv) {
    Layer l;
    l.name = "areas";
    l.fields = {{"圏域", FieldType::text}, {"人口", FieldType::integer}};
    l.features.push_back({1, keniki::Empty{}, {std::string("福祉圏域"), std::int64_t{9800}}});
    l.features.push_back({2, keniki::Empty{}, {std::string("秋芳・美東〜"), std::int64_t{4100}}});
    WriteOptions options;
    options.csv_encoding = "CP932";
    const fs::path out = m_dir / "areas.csv";
    write_layer(out.string(), l, options);

    const std::string bytes = slurp(out);
    EXPECT_NE(bytes.find("\x95\x9f\x8e\x83\x8c\x97\x88\xe6"), std::string::npos) << "福祉圏域 in CP932";
    EXPECT_EQ(bytes.find("福祉"), std::string::npos) << "UTF-8 text left in a CP932 file";
    const auto r = keniki::test::run_command("iconv -f CP932 -t UTF-8 " + keniki::test::shell_quote(out.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // iconv maps CP932 0x8160 to FULLWIDTH TILDE (U+FF5E), the usual decoding of 〜 in Windows files.
    EXPECT_EQ(r.out, "圏域,人口\n福祉圏域,9800\n秋芳・美東～,4100\n");
}

TEST_F(WriteLayer, CsvInCp932RefusesTextCp932CannotHold) {
    Layer l;
    l.name = "names";
    l.fields = {{"name", FieldType::text}};
    l.features.push_back({7, keniki::Empty{}, {std::string("𠮷野家")}});
    WriteOptions options;
    options.csv_encoding = "CP932";
    const fs::path out = m_dir / "names.csv";
    try {
        write_layer(out.string(), l, options);
        FAIL() << "a character outside CP932 was dropped silently";
    } catch (const keniki::DataError& e) {
        EXPECT_EQ(e.where().feature, 7);
        EXPECT_EQ(e.where().field, "name");
    }
    EXPECT_TRUE(files_in(m_dir).empty());
    options.csv_encoding = "Latin-9";
    EXPECT_THROW(write_layer(out.string(), l, options), keniki::UsageError);
}

}  // namespace
