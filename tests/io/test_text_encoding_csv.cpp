// CSV reading through keniki::io::read_layer: coordinate-column detection, text encodings (UTF-8,
// UTF-8 with BOM, CP932), quoted fields spanning lines, type inference, empty positions, filters,
// and where errors point (file line, record, field). Fixtures: tests/fixtures/read/, counted by hand.

#include <filesystem>
#include <fstream>
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
using keniki::io::read_layer;
using keniki::io::ReadOptions;
using keniki::io::ReadReport;

std::string fixture(const std::string& name) { return keniki::test::read_fixture(name); }

using keniki::test::text_of;

FieldType type_of(const Layer& layer, const std::string& field) {
    const auto i = layer.field_index(field);
    if (!i) {
        ADD_FAILURE() << "no field " << field;
        return FieldType::text;
    }
    return layer.fields[*i].type;
}

/// Writes a scratch CSV in a fresh temp dir and returns its path.
class TempCsv {
public:
    TempCsv(const std::string& name, const std::string& bytes) : m_dir(keniki::test::fresh_temp_dir("keniki-csv")) {
        m_path = m_dir / name;
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    ~TempCsv() { fs::remove_all(m_dir); }
    std::string path() const { return m_path.string(); }

private:
    fs::path m_dir;
    fs::path m_path;
};

// --- coordinate columns -------------------------------------------------------------------------

struct ColumnPair {
    std::string x, y;
};

class CoordinateColumnDetection : public ::testing::TestWithParam<ColumnPair> {};

TEST_P(CoordinateColumnDetection, FindsThePair) {
    const ColumnPair& c = GetParam();
    // y before x, and a column in between, so that neither order nor position gives it away.
    const TempCsv csv("points.csv", "name," + c.y + ",note," + c.x + "\nA,33.5,n,130.25\nB,-12.75,m,-45.5\n");
    ReadReport report;
    const Layer layer = read_layer(csv.path(), {}, &report);
    EXPECT_EQ(report.x_field, c.x);
    EXPECT_EQ(report.y_field, c.y);
    EXPECT_EQ(report.declared_geometry, "Point");
    EXPECT_EQ(layer.crs, "EPSG:4326");
    ASSERT_EQ(layer.features.size(), 2u);
    const auto* a = std::get_if<Point>(&layer.features[0].geometry);
    const auto* b = std::get_if<Point>(&layer.features[1].geometry);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_DOUBLE_EQ(a->x(), 130.25);
    EXPECT_DOUBLE_EQ(a->y(), 33.5);
    EXPECT_DOUBLE_EQ(b->x(), -45.5);
    EXPECT_DOUBLE_EQ(b->y(), -12.75);
    // The coordinate columns stay attributes too.
    EXPECT_EQ(text_of(layer, layer.features[0], c.x), "130.25");
}

INSTANTIATE_TEST_SUITE_P(Names, CoordinateColumnDetection,
                         ::testing::Values(ColumnPair{"lon", "lat"}, ColumnPair{"LON", "Lat"}, ColumnPair{"longitude", "latitude"},
                                           ColumnPair{"Longitude", "LATITUDE"}, ColumnPair{"lng", "lat"}, ColumnPair{"経度", "緯度"},
                                           ColumnPair{"x", "y"}, ColumnPair{"X", "Y"}, ColumnPair{"stop_lon", "stop_lat"},
                                           ColumnPair{"STOP_LON", "Stop_Lat"}),
                         [](const ::testing::TestParamInfo<ColumnPair>& info) { return "case" + std::to_string(info.index); });

TEST(CsvColumns, ExplicitNamesWin) {
    const TempCsv csv("sites.csv", "site,east,north,lon,lat\nA,130.5,33.5,1,2\n");
    ReadOptions o;
    o.x_field = "EAST";  // names match case-insensitively
    o.y_field = "north";
    ReadReport report;
    const Layer layer = read_layer(csv.path(), o, &report);
    EXPECT_EQ(report.x_field, "east");
    const auto* p = std::get_if<Point>(&layer.features.at(0).geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), 130.5);
    EXPECT_DOUBLE_EQ(p->y(), 33.5);
}

TEST(CsvColumns, ProjectedCoordinatesWithCsvCrs) {
    // Plane-rectangular zone II metres: far outside lon/lat range, fine once the CRS is given.
    const TempCsv csv("plane.csv", "name,x,y\nA,-24000.5,-39000.25\n");
    ReadOptions o;
    o.csv_crs = "EPSG:6670";
    const Layer layer = read_layer(csv.path(), o);
    EXPECT_EQ(layer.crs, "EPSG:6670");
    const auto* p = std::get_if<Point>(&layer.features.at(0).geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), -24000.5);
    EXPECT_DOUBLE_EQ(p->y(), -39000.25);
    // Without --csv-crs the same file is out of range.
    EXPECT_THROW(read_layer(csv.path()), DataError);
}

// --- encodings ----------------------------------------------------------------------------------

TEST(CsvEncoding, Utf8WithoutBom) {
    ReadReport report;
    const Layer layer = read_layer(fixture("names_utf8.csv"), {}, &report);
    EXPECT_EQ(report.encoding, "UTF-8");
    ASSERT_EQ(layer.features.size(), 2u);
    EXPECT_EQ(layer.fields.at(0).name, "名称");
    EXPECT_EQ(text_of(layer, layer.features[0], "名称"), "飯塚市役所");
    EXPECT_EQ(text_of(layer, layer.features[1], "住所"), "福岡県飯塚市秋松408番地1");
}

TEST(CsvEncoding, Utf8WithBom) {
    ReadReport report;
    const Layer layer = read_layer(fixture("names_utf8_bom.csv"), {}, &report);
    EXPECT_EQ(report.encoding, "UTF-8 with BOM");
    EXPECT_EQ(layer.fields.at(0).name, "名称") << "the BOM must not be part of the first column name";
    EXPECT_EQ(text_of(layer, layer.features.at(0), "名称"), "飯塚市役所");
    EXPECT_EQ(report.x_field, "経度");
}

TEST(CsvEncoding, Cp932DetectedAndDecodedLikeTheUtf8Original) {
    // names_cp932.csv is `iconv -f utf-8 -t cp932 names_utf8.csv`.
    ReadReport report;
    const Layer sjis = read_layer(fixture("names_cp932.csv"), {}, &report);
    EXPECT_EQ(report.encoding, "CP932");
    const Layer utf8 = read_layer(fixture("names_utf8.csv"));
    ASSERT_EQ(sjis.fields.size(), utf8.fields.size());
    for (std::size_t i = 0; i < utf8.fields.size(); ++i) EXPECT_EQ(sjis.fields[i].name, utf8.fields[i].name);
    ASSERT_EQ(sjis.features.size(), utf8.features.size());
    for (std::size_t r = 0; r < utf8.features.size(); ++r) {
        for (std::size_t i = 0; i < utf8.fields.size(); ++i)
            EXPECT_EQ(keniki::as_text(sjis.features[r].values[i]), keniki::as_text(utf8.features[r].values[i]));
    }
    EXPECT_EQ(text_of(sjis, sjis.features[1], "名称"), "穂波支所");
}

TEST(CsvEncoding, ExplicitCp932Aliases) {
    for (const std::string alias : {"cp932", "CP932", "sjis", "Shift_JIS"}) {
        ReadOptions o;
        o.encoding = alias;
        const Layer layer = read_layer(fixture("names_cp932.csv"), o);
        EXPECT_EQ(text_of(layer, layer.features.at(0), "名称"), "飯塚市役所") << alias;
    }
}

TEST(CsvEncoding, Cp932ForcedAsUtf8NamesTheFirstBadLine) {
    // cp932_line3.csv: lines 1-2 ASCII; line 3 begins with 穂波支所 in CP932.
    ReadOptions o;
    o.encoding = "utf-8";
    try {
        read_layer(fixture("cp932_line3.csv"), o);
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, fixture("cp932_line3.csv"));
        EXPECT_EQ(e.where().line, 3);
        EXPECT_NE(e.message().find("cp932"), std::string::npos) << e.what();
    }
    // Auto-detection reads it.
    const Layer layer = read_layer(fixture("cp932_line3.csv"));
    EXPECT_EQ(text_of(layer, layer.features.at(1), "name"), "穂波支所");
}

TEST(CsvEncoding, Utf8ForcedAsCp932IsRefused) {
    ReadOptions o;
    o.encoding = "cp932";
    try {
        read_layer(fixture("names_utf8.csv"), o);
        FAIL() << "mojibake must not pass silently";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, fixture("names_utf8.csv"));
    }
}

TEST(CsvEncoding, AsciiIsReportedAsSuch) {
    ReadReport report;
    read_layer(fixture("kinds.csv"), {}, &report);
    EXPECT_EQ(report.encoding, "ASCII");
}

TEST(CsvEncoding, UnknownEncodingNameIsAUsageError) {
    ReadOptions o;
    o.encoding = "latin-9";
    EXPECT_THROW(read_layer(fixture("kinds.csv"), o), UsageError);
}

// --- lines, records, quoting ------------------------------------------------------------------

TEST(CsvRecords, CrlfLineEnds) {
    const Layer layer = read_layer(fixture("crlf.csv"));
    ASSERT_EQ(layer.features.size(), 2u);
    EXPECT_EQ(text_of(layer, layer.features[1], "name"), "Two");
    const auto* p = std::get_if<Point>(&layer.features[1].geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->y(), 33.2) << "no \\r left on the last column";
    EXPECT_EQ(type_of(layer, "lat"), FieldType::real);
}

TEST(CsvRecords, QuotedFieldSpanningLines) {
    // multiline.csv, line by line: 1 header; 2 record 1; 3-5 record 2 (a quoted note with a line
    // break, a comma and doubled quotes); 6 record 3 with lat 333.62 (out of range).
    try {
        read_layer(fixture("multiline.csv"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, fixture("multiline.csv"));
        EXPECT_EQ(e.where().layer, "multiline");
        EXPECT_EQ(e.where().line, 6);
        EXPECT_EQ(e.where().feature, 3);
        EXPECT_EQ(e.where().field, "lat");
        EXPECT_NE(e.message().find("333.62"), std::string::npos) << e.what();
    }
    // Filter the bad record away: record 2's note is intact.
    ReadOptions o;
    o.where = "name <> 'Broken clinic'";
    const Layer layer = read_layer(fixture("multiline.csv"), o);
    ASSERT_EQ(layer.features.size(), 2u);
    EXPECT_EQ(layer.features[1].id, 2);
    EXPECT_EQ(text_of(layer, layer.features[1], "note"),
              "closed Thursday afternoon\nreception 9:00-12:00, \"please\" book\nfirst visit welcome");
    const auto* p = std::get_if<Point>(&layer.features[1].geometry);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(p->x(), 130.687754);
}

TEST(CsvRecords, SwappedCoordinatesOnRecord3) {
    // swapped.csv: line 4 = record 3: lat 135.0, lon 35.0.
    try {
        read_layer(fixture("swapped.csv"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().line, 4);
        EXPECT_EQ(e.where().feature, 3);
        EXPECT_EQ(e.where().field, "lat");
        EXPECT_NE(e.message().find("135"), std::string::npos) << e.what();
    }
}

TEST(CsvRecords, LineNumbersAfterABlankLine) {
    // blank_line.csv: 1 header, 2 record 1, 3 (blank: GDAL's CSV reader skips it and does not
    // number it), 4 record 2, 5 record 3 with lat 93.3.
    const Layer ok = [] {
        ReadOptions o;
        o.where = "name <> 'Three'";
        return read_layer(fixture("blank_line.csv"), o);
    }();
    ASSERT_EQ(ok.features.size(), 2u);
    EXPECT_EQ(ok.features[1].id, 2);
    EXPECT_EQ(text_of(ok, ok.features[1], "name"), "Two");
    try {
        read_layer(fixture("blank_line.csv"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().feature, 3);
        EXPECT_EQ(e.where().line, 5) << e.what();
    }
}

TEST(CsvRecords, NotANumber) {
    try {
        read_layer(fixture("not_number.csv"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().line, 3);
        EXPECT_EQ(e.where().feature, 2);
        EXPECT_EQ(e.where().field, "lon");
        EXPECT_NE(e.message().find("130.69l4"), std::string::npos) << e.what();
    }
}

TEST(CsvRecords, EmptyFileIsADataError) {
    try {
        read_layer(fixture("empty.csv"));
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, fixture("empty.csv"));
    }
}

// --- types and empty positions ------------------------------------------------------------------

TEST(CsvTypes, InferredFromTheValues) {
    // types.csv:
    //   code,count,ratio,mixed,label,lon,lat
    //   065004,12,0.5,7,first,130.69,33.64
    //   000123,-3,2,x9,second,,
    //   101001,40,-1.25,3,third,130.70,33.65
    ReadReport report;
    const Layer layer = read_layer(fixture("types.csv"), {}, &report);
    EXPECT_EQ(type_of(layer, "code"), FieldType::text) << "codes with leading zeros stay text";
    EXPECT_EQ(type_of(layer, "count"), FieldType::integer);
    EXPECT_EQ(type_of(layer, "ratio"), FieldType::real);
    EXPECT_EQ(type_of(layer, "mixed"), FieldType::text);
    EXPECT_EQ(type_of(layer, "label"), FieldType::text);
    EXPECT_EQ(type_of(layer, "lon"), FieldType::real);
    ASSERT_EQ(layer.features.size(), 3u);
    const auto code = *layer.field_index("code");
    EXPECT_EQ(std::get<std::string>(layer.features[0].values[code]), "065004");
    EXPECT_EQ(std::get<std::string>(layer.features[1].values[code]), "000123");
    const auto count = *layer.field_index("count");
    EXPECT_EQ(std::get<std::int64_t>(layer.features[1].values[count]), -3);
    const auto ratio = *layer.field_index("ratio");
    EXPECT_DOUBLE_EQ(std::get<double>(layer.features[1].values[ratio]), 2.0);
    EXPECT_DOUBLE_EQ(std::get<double>(layer.features[2].values[ratio]), -1.25);
    // Record 2 has no position: kept, with an Empty geometry, and listed.
    EXPECT_TRUE(keniki::is_empty(layer.features[1].geometry));
    EXPECT_EQ(report.empty_geometry_ids, std::vector<std::int64_t>{2});
    const auto lon = *layer.field_index("lon");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(layer.features[1].values[lon])) << "an empty cell is null";
    EXPECT_NE(std::get_if<Point>(&layer.features[2].geometry), nullptr);
}

TEST(CsvTypes, SingleZeroAndNegativeNumbersAreNotCodes) {
    const TempCsv csv("numbers.csv", "a,b,c\n0,-0.5,10\n7,0.25,-3\n");
    const Layer layer = read_layer(csv.path());
    EXPECT_EQ(type_of(layer, "a"), FieldType::integer);
    EXPECT_EQ(type_of(layer, "b"), FieldType::real);
    EXPECT_EQ(type_of(layer, "c"), FieldType::integer);
}

// --- attribute filter ---------------------------------------------------------------------------

TEST(CsvWhere, TextComparison) {
    ReadOptions o;
    o.where = "kind = 'salon'";
    ReadReport report;
    const Layer layer = read_layer(fixture("kinds.csv"), o, &report);
    ASSERT_EQ(layer.features.size(), 2u);
    EXPECT_EQ(layer.features[0].id, 1);  // record numbers survive the filter
    EXPECT_EQ(layer.features[1].id, 3);
    EXPECT_EQ(report.features_read, 2);
    EXPECT_EQ(text_of(layer, layer.features[1], "name"), "Kurate salon");
}

TEST(CsvWhere, NumericComparisonOnAnIntegerColumn) {
    // keniki infers 'capacity' (40, 12) as integer and says so; a numeric filter on it must work
    // as it does on any OGR source. Only Kaho welfare centre has capacity > 20.
    ReadOptions o;
    o.where = "capacity > 20";
    Layer layer;
    ASSERT_NO_THROW(layer = read_layer(fixture("no_coords.csv"), o));
    EXPECT_EQ(type_of(layer, "capacity"), FieldType::integer);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_EQ(text_of(layer, layer.features[0], "name"), "Kaho welfare centre");
}

TEST(CsvWhere, BadFilterIsAUsageError) {
    ReadOptions o;
    o.where = "kind = (((";
    try {
        read_layer(fixture("kinds.csv"), o);
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.where().file, fixture("kinds.csv"));
        EXPECT_EQ(e.where().layer, "kinds");
    }
}

TEST(CsvLayer, NameIsTheFileStem) {
    ReadOptions o;
    o.layer = "kinds";
    EXPECT_EQ(read_layer(fixture("kinds.csv"), o).name, "kinds");
    o.layer = "other";
    EXPECT_THROW(read_layer(fixture("kinds.csv"), o), UsageError);
}

}  // namespace

// --- rows that do not match the header, quotes that never close (the bad-input catalogue) -----

namespace {

/// The DataError reading `text` as points.csv throws (fails the test when none is thrown).
DataError csv_error(const std::string& text) {
    const TempCsv csv("points.csv", text);
    try {
        read_layer(csv.path());
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << "read without error:\n" << text;
    return DataError("none");
}

}  // namespace

TEST(CsvRowShape, AShortRowSaysSoWithItsLineAndBothCounts) {
    // Line 3 lacks its lat: the message is about the row, not "lat is not a number".
    const DataError e = csv_error("name,lon,lat\na,130.5,33.5\nb,130.6\nc,130.7,33.7\n");
    EXPECT_EQ(e.message(), "the row is short: it has 2 fields, the header (line 1) has 3");
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().feature, 2);
}

TEST(CsvRowShape, ALongRowSaysSo) {
    const DataError e = csv_error("name,lon,lat\na,130.5,33.5\nb,130.6,33.6,extra\n");
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(e.message().find("the row is long: it has 4 fields, the header (line 1) has 3"), std::string::npos) << e.message();
}

TEST(CsvRowShape, CountsRespectQuotesLinesAndTheSeparator) {
    // A quoted comma and a quoted newline are inside one field; blank lines are not records;
    // a semicolon file is counted by semicolons. Line 6 (record 3) is the short one.
    const DataError e = csv_error("name;lon;lat\n\"a;1\";130.5;33.5\n\n\"b\nc\";130.6;33.6\nd;130.7\n");
    EXPECT_EQ(e.where().line, 6) << e.what();
    EXPECT_EQ(e.where().feature, 3) << e.what();
    const TempCsv fine("fine.csv", "name,lon,lat\n\"a,1\",130.5,33.5\n\n\"b\nc\",130.6,33.6\n");
    EXPECT_EQ(read_layer(fine.path()).features.size(), 2u);
}

TEST(CsvRowShape, AnUnclosedQuoteNamesTheLineItOpensOn) {
    const DataError e = csv_error("name,lon,lat\na,130.5,33.5\n\"b,130.6,33.6\nc,130.7,33.7\n");
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(e.message().find("a quoted field is not closed"), std::string::npos) << e.message();
}

TEST(CsvCoordinates, AbsurdProjectedCoordinatesAreRefused) {
    // With a projected CSV CRS no lon/lat range applies; 1e308 metres is still no place.
    const TempCsv csv("xy.csv", "name,x,y\na,1000,2000\nb,1e308,2000\n");
    ReadOptions options;
    options.csv_crs = "EPSG:6670";
    try {
        read_layer(csv.path(), options);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().line, 3);
        EXPECT_EQ(e.where().field, "x");
        EXPECT_NE(e.message().find("1e+308, which is absurd"), std::string::npos) << e.message();
    }
}
