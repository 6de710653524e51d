// Mesh codes against cells and codes worked out by hand from JIS X 0410's definition (figures in the
// comments are the hand working, in degrees-minutes-seconds where that is exact, never copied from the
// code's output).

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/mesh/mesh_code.hpp"

namespace {

using keniki::Box;
using keniki::DataError;
using keniki::Point;
using keniki::UsageError;
using keniki::mesh::MeshLevel;
namespace km = keniki::mesh;

constexpr double tolerance = 1e-9;  // degrees; about 0.1 mm

/// Degrees from degrees, minutes and seconds.
double dms(double d, double m, double s = 0.0) { return d + m / 60.0 + s / 3600.0; }

void expect_cell(const std::string& code, double south, double north, double west, double east) {
    SCOPED_TRACE("mesh code " + code);
    const Box box = km::mesh_cell(code);
    EXPECT_NEAR(box.min_corner().y(), south, tolerance);
    EXPECT_NEAR(box.max_corner().y(), north, tolerance);
    EXPECT_NEAR(box.min_corner().x(), west, tolerance);
    EXPECT_NEAR(box.max_corner().x(), east, tolerance);
}

/// The DataError message thrown by f, or a test failure when it throws nothing or something else.
template <class F>
std::string data_error_of(F f) {
    try {
        f();
    } catch (const DataError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected keniki::DataError";
    return {};
}

// --- cells -------------------------------------------------------------------------------------

TEST(MeshCell, FirstLevel) {
    // 5339 (Tokyo): lat 53 / 1.5 = 35.333 = 35°20' .. 54 / 1.5 = 36°; lon 39 + 100 = 139 .. 140.
    expect_cell("5339", dms(35, 20), 36.0, 139.0, 140.0);
    // 5031 (east of Fukuoka): lat 50 / 1.5 = 33°20' .. 51 / 1.5 = 34°; lon 131 .. 132.
    expect_cell("5031", dms(33, 20), 34.0, 131.0, 132.0);
    // 3927 (Naha): lat 39 / 1.5 = 26° .. 40 / 1.5 = 26°40'; lon 127 .. 128.
    expect_cell("3927", 26.0, dms(26, 40), 127.0, 128.0);
    // 6441 (Sapporo): lat 64 / 1.5 = 42°40' .. 65 / 1.5 = 43°20'; lon 141 .. 142.
    expect_cell("6441", dms(42, 40), dms(43, 20), 141.0, 142.0);
    // The corners of the scheme: 0000 = 0°..0°40', 100..101; 9999 = 66°..66°40', 199..200.
    expect_cell("0000", 0.0, dms(0, 40), 100.0, 101.0);
    expect_cell("9999", 66.0, dms(66, 40), 199.0, 200.0);
}

TEST(MeshCell, SecondLevel) {
    // 533945: in 5339 (35°20'.., 139°..), row 4, column 5 of 5' x 7'30" cells:
    // lat 35°20' + 4 * 5' = 35°40' (35.6667) .. 35°45' (35.75);
    // lon 139° + 5 * 7'30" = 139°37'30" (139.625) .. 139°45' (139.75).
    expect_cell("533945", dms(35, 40), 35.75, 139.625, 139.75);
    // 503035 (Iizuka): in 5030 (33°20'.., 130°..), row 3, column 5:
    // lat 33°20' + 15' = 33°35' .. 33°40'; lon 130° + 37'30" = 130.625 .. 130°45' = 130.75.
    expect_cell("503035", dms(33, 35), dms(33, 40), 130.625, 130.75);
    // 533977: the north-east corner cell of 5339: lat 35°55' .. 36°, lon 139°52'30" .. 140°.
    expect_cell("533977", dms(35, 55), 36.0, dms(139, 52, 30), 140.0);
    // 533900: the south-west corner cell: lat 35°20' .. 35°25', lon 139° .. 139°07'30".
    expect_cell("533900", dms(35, 20), dms(35, 25), 139.0, dms(139, 7, 30));
}

TEST(MeshCell, ThirdLevel) {
    // 53394611 (Tokyo Station): 533946 = lat 35°40'..35°45', lon 139°45'..139°52'30";
    // row 1, column 1 of 30" x 45" cells: lat 35°40'30" (35.675) .. 35°41' (35.68333),
    // lon 139°45'45" (139.7625) .. 139°46'30" (139.775).
    expect_cell("53394611", 35.675, dms(35, 41), 139.7625, 139.775);
    // 50303575 (Iizuka): 503035 = lat 33°35'.., lon 130°37'30"..; row 7: + 3'30" = 33°38'30" .. 33°39';
    // column 5: + 3'45" = 130°41'15" (130.6875) .. 130°42' (130.7).
    expect_cell("50303575", dms(33, 38, 30), dms(33, 39), 130.6875, 130.7);
    // 53394699: row 9, column 9 of 533946: lat 35°40' + 4'30" = 35°44'30" .. 35°45';
    // lon 139°45' + 6'45" = 139°51'45" .. 139°52'30".
    expect_cell("53394699", dms(35, 44, 30), 35.75, dms(139, 51, 45), dms(139, 52, 30));
}

TEST(MeshCell, HalfLevelQuadrants) {
    // 53394611 = lat 35°40'30"..35°41', lon 139°45'45"..139°46'30"; halves are 15" x 22.5",
    // the split lines are lat 35°40'45" and lon 139°46'07.5".
    expect_cell("533946111", dms(35, 40, 30), dms(35, 40, 45), dms(139, 45, 45), dms(139, 46, 7.5));  // SW
    expect_cell("533946112", dms(35, 40, 30), dms(35, 40, 45), dms(139, 46, 7.5), dms(139, 46, 30));  // SE
    expect_cell("533946113", dms(35, 40, 45), dms(35, 41), dms(139, 45, 45), dms(139, 46, 7.5));      // NW
    expect_cell("533946114", dms(35, 40, 45), dms(35, 41), dms(139, 46, 7.5), dms(139, 46, 30));      // NE
}

TEST(MeshCell, QuarterLevelQuadrants) {
    // 533946114 = lat 35°40'45"..35°41', lon 139°46'07.5"..139°46'30"; quarters are 7.5" x 11.25",
    // split at lat 35°40'52.5" and lon 139°46'18.75".
    expect_cell("5339461141", dms(35, 40, 45), dms(35, 40, 52.5), dms(139, 46, 7.5), dms(139, 46, 18.75));
    expect_cell("5339461142", dms(35, 40, 45), dms(35, 40, 52.5), dms(139, 46, 18.75), dms(139, 46, 30));
    expect_cell("5339461143", dms(35, 40, 52.5), dms(35, 41), dms(139, 46, 7.5), dms(139, 46, 18.75));
    expect_cell("5339461144", dms(35, 40, 52.5), dms(35, 41), dms(139, 46, 18.75), dms(139, 46, 30));
    // In decimals: 35°40'52.5" = 35.68125, 139°46'18.75" = 139.771875.
    expect_cell("5339461144", 35.68125, dms(35, 41), 139.771875, 139.775);
}

TEST(MeshCell, EighthLevelQuadrants) {
    // 5339461144 = lat 35°40'52.5"..35°41', lon 139°46'18.75"..139°46'30"; eighths are 3.75" x 5.625",
    // split at lat 35°40'56.25" and lon 139°46'24.375".
    expect_cell("53394611441", dms(35, 40, 52.5), dms(35, 40, 56.25), dms(139, 46, 18.75), dms(139, 46, 24.375));
    expect_cell("53394611442", dms(35, 40, 52.5), dms(35, 40, 56.25), dms(139, 46, 24.375), dms(139, 46, 30));
    expect_cell("53394611443", dms(35, 40, 56.25), dms(35, 41), dms(139, 46, 18.75), dms(139, 46, 24.375));
    expect_cell("53394611444", dms(35, 40, 56.25), dms(35, 41), dms(139, 46, 24.375), dms(139, 46, 30));
}

TEST(MeshCell, SizesMatchTheStandard) {
    // 1st 40' x 1°, 2nd 5' x 7'30", 3rd 30" x 45", then halving: 15" x 22.5", 7.5" x 11.25", 3.75" x 5.625".
    const struct {
        MeshLevel level;
        double lat_deg;
        double lon_deg;
        const char* code;
    } expected[] = {
        {MeshLevel::first, dms(0, 40), 1.0, "5339"},
        {MeshLevel::second, dms(0, 5), dms(0, 7, 30), "533946"},
        {MeshLevel::third, dms(0, 0, 30), dms(0, 0, 45), "53394611"},
        {MeshLevel::half, dms(0, 0, 15), dms(0, 0, 22.5), "533946114"},
        {MeshLevel::quarter, dms(0, 0, 7.5), dms(0, 0, 11.25), "5339461144"},
        {MeshLevel::eighth, dms(0, 0, 3.75), dms(0, 0, 5.625), "53394611444"},
    };
    for (const auto& e : expected) {
        SCOPED_TRACE(std::string(km::to_string(e.level)));
        const auto size = km::cell_size(e.level);
        EXPECT_NEAR(size.lat_deg, e.lat_deg, 1e-12);
        EXPECT_NEAR(size.lon_deg, e.lon_deg, 1e-12);
        const Box box = km::mesh_cell(e.code);
        EXPECT_NEAR(box.max_corner().y() - box.min_corner().y(), e.lat_deg, tolerance);
        EXPECT_NEAR(box.max_corner().x() - box.min_corner().x(), e.lon_deg, tolerance);
        EXPECT_EQ(km::level_of(e.code), e.level);
        EXPECT_EQ(km::code_length(e.level), std::string(e.code).size());
    }
}

TEST(MeshCell, PolygonIsTheCellCounterClockwise) {
    // 533945 = lat 35°40'..35°45', lon 139.625..139.75: SW, SE, NE, NW, SW.
    const keniki::Polygon polygon = km::mesh_polygon("533945");
    const auto& ring = polygon.outer();
    ASSERT_EQ(ring.size(), 5U);
    const double s = dms(35, 40);
    const double n = 35.75;
    const double w = 139.625;
    const double e = 139.75;
    const double expected[5][2] = {{w, s}, {e, s}, {e, n}, {w, n}, {w, s}};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_NEAR(ring[i].x(), expected[i][0], tolerance) << "point " << i;
        EXPECT_NEAR(ring[i].y(), expected[i][1], tolerance) << "point " << i;
    }
    // Shoelace: a positive signed area means counter-clockwise; 1/12° x 1/8° = 1/96 square degree.
    double twice_area = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        twice_area += ring[i].x() * ring[i + 1].y() - ring[i + 1].x() * ring[i].y();
    EXPECT_NEAR(twice_area / 2.0, 1.0 / 96.0, 1e-9);
    EXPECT_TRUE(polygon.inners().empty());
}

TEST(MeshCell, Center) {
    // 5339: lat 35°20'..36° -> 35°40'; lon 139..140 -> 139.5.
    const Point c = km::mesh_center("5339");
    EXPECT_NEAR(c.y(), dms(35, 40), tolerance);
    EXPECT_NEAR(c.x(), 139.5, tolerance);
    // 53394611: lat 35°40'30"..35°41' -> 35°40'45"; lon 139°45'45"..139°46'30" -> 139°46'07.5".
    const Point t = km::mesh_center("53394611");
    EXPECT_NEAR(t.y(), dms(35, 40, 45), tolerance);
    EXPECT_NEAR(t.x(), dms(139, 46, 7.5), tolerance);
}

// --- points to codes -------------------------------------------------------------------------

TEST(MeshCode, TokyoStationAtEveryLevel) {
    // Tokyo Station, 35.681236 N 139.767125 E.
    // 1st: 35.681236 * 1.5 = 53.52 -> 53; lon 139 -> 39: 5339 (35.3333..36, 139..140).
    // 2nd: (35.681236 - 35.333333) / (5/60) = 4.175 -> row 4; (139.767125 - 139) / (7.5/60) = 6.137 -> col 6.
    // 3rd: 0.175 * 10 = 1.75 -> row 1; 0.137 * 10 = 1.37 -> col 1: 53394611 (the well-known Tokyo Station 1 km
    //      cell) = lat 35.675..35.683333, lon 139.7625..139.775.
    // half: split at lat 35.679167 (35.681236 is north) and lon 139.76875 (139.767125 is west): NW = 3.
    // quarter: in 533946113 = lat 35.679167..35.683333, lon 139.7625..139.76875, split at lat 35.681250
    //      (35.681236 is south, by 1.5 m) and lon 139.765625 (east): SE = 2.
    // eighth: in 5339461132 = lat 35.679167..35.681250, lon 139.765625..139.76875, split at lat 35.680208
    //      (north) and lon 139.7671875 (139.767125 is west): NW = 3.
    // Cross-check in eighth-mesh units (lat * 960, (lon - 100) * 640): 34253.99 -> 34253 = 53*640 + 4*80 + 1*8 + 5,
    // 5 = 0b101 -> half N, quarter S, eighth N; 25450.96 -> 25450 = 39*640 + 6*80 + 1*8 + 2, 2 = 0b010 ->
    // half W, quarter E, eighth W. Same digits.
    const Point p{139.767125, 35.681236};
    EXPECT_EQ(km::mesh_code(p, MeshLevel::first), "5339");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::second), "533946");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::third), "53394611");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::half), "533946113");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::quarter), "5339461132");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::eighth), "53394611323");
}

TEST(MeshCode, IizukaCityHallAtEveryLevel) {
    // Iizuka city hall, 33.6457 N 130.6914 E.
    // 1st: 33.6457 * 1.5 = 50.47 -> 50; lon 130 -> 30: 5030 (33.3333..34, 130..131).
    // 2nd: (33.6457 - 33.333333) / (5/60) = 3.748 -> row 3; 0.6914 / 0.125 = 5.531 -> col 5: 503035.
    // 3rd: 0.748 * 10 = 7.48 -> 7; 0.531 * 10 = 5.31 -> 5: 50303575 = lat 33.641667..33.65, lon 130.6875..130.7.
    // half: split at lat 33.645833 (33.6457 is south) and lon 130.69375 (130.6914 is west): SW = 1.
    // quarter: in lat 33.641667..33.645833, lon 130.6875..130.69375, split at 33.64375 (north) and
    //      130.690625 (east): NE = 4.
    // eighth: in lat 33.64375..33.645833, lon 130.690625..130.69375, split at 33.644792 (north) and
    //      130.6921875 (130.6914 is west): NW = 3.
    // Cross-check in units: 33.6457 * 960 = 32299.87 -> 32299 = 50*640 + 3*80 + 7*8 + 3, 3 = 0b011 -> S, N, N;
    // 30.6914 * 640 = 19642.50 -> 19642 = 30*640 + 5*80 + 5*8 + 2, 2 = 0b010 -> W, E, W.
    const Point p{130.6914, 33.6457};
    EXPECT_EQ(km::mesh_code(p, MeshLevel::first), "5030");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::second), "503035");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::third), "50303575");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::half), "503035751");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::quarter), "5030357514");
    EXPECT_EQ(km::mesh_code(p, MeshLevel::eighth), "50303575143");
}

TEST(MeshCode, SouthWestCornerBelongsToTheCell) {
    // Corners that are exact doubles: 36° = 54 / 1.5 is the south edge of band 54; 139° the west edge of 39.
    // (139, 36) is the SW corner of 5439, of its 2nd cell 543900, its 3rd cell 54390000, and of the SW
    // quadrant all the way down.
    const Point corner{139.0, 36.0};
    EXPECT_EQ(km::mesh_code(corner, MeshLevel::first), "5439");
    EXPECT_EQ(km::mesh_code(corner, MeshLevel::second), "543900");
    EXPECT_EQ(km::mesh_code(corner, MeshLevel::third), "54390000");
    EXPECT_EQ(km::mesh_code(corner, MeshLevel::eighth), "54390000111");
    // The same point is the NE corner of 5338 and the N edge of 5339: those cells do not own it.
    // (140, 36) is the NE corner of 5339, so it belongs to 5440.
    EXPECT_EQ(km::mesh_code(Point{140.0, 36.0}, MeshLevel::first), "5440");
    // Just south and west of (139, 36): 5338, its NE 2nd cell 77, 3rd cell 99, NE quadrants (4).
    const Point inside{std::nextafter(139.0, 0.0), std::nextafter(36.0, 0.0)};
    EXPECT_EQ(km::mesh_code(inside, MeshLevel::eighth), "53387799444");

    // (139.25, 36.25): in 5439, (36.25 - 36) / (5/60) = 3 exactly, (139.25 - 139) / (7.5/60) = 2 exactly:
    // the SW corner of 543932.
    EXPECT_EQ(km::mesh_code(Point{139.25, 36.25}, MeshLevel::second), "543932");
    EXPECT_EQ(km::mesh_code(Point{139.25, 36.25}, MeshLevel::eighth), "54393200111");
    // A hair south: row 2, 3rd row 9, north quadrants (3 = NW, since the west edge is still on 139.25).
    EXPECT_EQ(km::mesh_code(Point{139.25, std::nextafter(36.25, 0.0)}, MeshLevel::eighth), "54392290333");
    // A hair west: column 1, 3rd column 9, east quadrants (2 = SE).
    EXPECT_EQ(km::mesh_code(Point{std::nextafter(139.25, 0.0), 36.25}, MeshLevel::eighth), "54393109222");

    // Edges that are not exact doubles (35°20' = 53 / 1.5): the corner mesh_cell() reports maps back.
    for (const char* code : {"5339", "533945", "53394611", "533946113", "5339461132", "53394611323", "50303575143"}) {
        const Box box = km::mesh_cell(code);
        EXPECT_EQ(km::mesh_code(box.min_corner(), km::level_of(code)), code);
    }
}

TEST(MeshCode, OutsideTheSchemeIsADataError) {
    // The scheme covers lat 0 .. 99/1.5 + 40' = 66°40', lon 100 .. 200.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (const Point& p : {Point{139.0, -0.001}, Point{139.0, 66.67}, Point{99.999, 35.0}, Point{200.0, 35.0},
                           Point{nan, 35.0}, Point{139.0, nan}, Point{inf, 35.0}, Point{-139.0, 35.0}}) {
        EXPECT_THROW(km::mesh_code(p, MeshLevel::third), DataError) << p.x() << " " << p.y();
    }
    // The south-west corner of the scheme is inside: 0000, all SW below.
    EXPECT_EQ(km::mesh_code(Point{100.0, 0.0}, MeshLevel::eighth), "00000000111");
    // The last representable point before lon 200 and lat 66°40': 9999, NE cells all the way down.
    const Box last = km::mesh_cell("9999");
    const Point ne{std::nextafter(last.max_corner().x(), 0.0), std::nextafter(last.max_corner().y(), 0.0)};
    EXPECT_EQ(km::mesh_code(ne, MeshLevel::eighth), "99997799444");
    EXPECT_THROW(km::mesh_code(last.max_corner(), MeshLevel::first), DataError);
}

// --- codes as text -----------------------------------------------------------------------------

TEST(MeshCodeText, MalformedCodesNameTheCodeAndTheReason) {
    std::string m = data_error_of([] { km::level_of("53x9"); });
    EXPECT_NE(m.find("'53x9'"), std::string::npos) << m;
    EXPECT_NE(m.find("not a digit"), std::string::npos) << m;

    m = data_error_of([] { km::mesh_cell("5339461"); });  // 7 digits
    EXPECT_NE(m.find("'5339461'"), std::string::npos) << m;
    EXPECT_NE(m.find("7 digits"), std::string::npos) << m;

    m = data_error_of([] { km::mesh_cell("533985"); });  // 2nd mesh row 8: rows are 0..7
    EXPECT_NE(m.find("'533985'"), std::string::npos) << m;
    EXPECT_NE(m.find("digit 5"), std::string::npos) << m;
    EXPECT_NE(m.find("0..7"), std::string::npos) << m;

    m = data_error_of([] { km::mesh_cell("533958"); });  // 2nd mesh column 8
    EXPECT_NE(m.find("digit 6"), std::string::npos) << m;

    m = data_error_of([] { km::mesh_polygon("5339461115"); });  // quarter quadrant 5: quadrants are 1..4
    EXPECT_NE(m.find("'5339461115'"), std::string::npos) << m;
    EXPECT_NE(m.find("digit 10"), std::string::npos) << m;
    EXPECT_NE(m.find("1..4"), std::string::npos) << m;
}

TEST(MeshCodeText, RejectsEverythingButDigitsAndSurroundingBlanks) {
    for (const char* bad : {"", "   ", "5339.0", "+5339", "-5339", "5339 46", "53_39", "0x5339", "5339\n",
                            "533946110",    // half quadrant 0
                            "533946115",    // half quadrant 5
                            "5339461109",   // quarter quadrant 0 (and the half quadrant 0 before it)
                            "53394611410",  // eighth quadrant 0
                            "53394611415",  // eighth quadrant 5
                            "53", "53394", "533946111111",
                            "\xef\xbc\x95\xef\xbc\x93\xef\xbc\x93\xef\xbc\x99"}) {  // full-width ５３３９
        EXPECT_THROW(km::level_of(bad), DataError) << "'" << bad << "'";
    }
}

TEST(MeshCodeText, AcceptsSurroundingBlanks) {
    EXPECT_EQ(km::level_of(" 5339 "), MeshLevel::first);
    EXPECT_EQ(km::level_of("\t533946\t"), MeshLevel::second);
    EXPECT_EQ(km::normalize_code("  53394611 "), "53394611");
    EXPECT_EQ(km::parent(" 533946 "), "5339");
    expect_cell(" 533945 ", dms(35, 40), 35.75, 139.625, 139.75);
}

TEST(MeshCodeText, LevelByLength) {
    EXPECT_EQ(km::level_of("5339"), MeshLevel::first);
    EXPECT_EQ(km::level_of("533946"), MeshLevel::second);
    EXPECT_EQ(km::level_of("53394611"), MeshLevel::third);
    EXPECT_EQ(km::level_of("533946114"), MeshLevel::half);
    EXPECT_EQ(km::level_of("5339461144"), MeshLevel::quarter);
    EXPECT_EQ(km::level_of("53394611444"), MeshLevel::eighth);
    // 3rd mesh digits run 0..9: 53394699 is fine, and so are 1st mesh 0000 and 9999.
    EXPECT_EQ(km::level_of("53394699"), MeshLevel::third);
    EXPECT_EQ(km::level_of("0000"), MeshLevel::first);
    EXPECT_EQ(km::level_of("9999"), MeshLevel::first);
}

// --- hierarchy ---------------------------------------------------------------------------------

TEST(MeshHierarchy, ParentAncestorChildren) {
    EXPECT_EQ(km::parent("53394611323"), "5339461132");
    EXPECT_EQ(km::parent("5339461132"), "533946113");
    EXPECT_EQ(km::parent("533946113"), "53394611");
    EXPECT_EQ(km::parent("53394611"), "533946");
    EXPECT_EQ(km::parent("533946"), "5339");
    EXPECT_THROW(km::parent("5339"), DataError);

    EXPECT_EQ(km::ancestor("53394611323", MeshLevel::third), "53394611");
    EXPECT_EQ(km::ancestor("53394611323", MeshLevel::first), "5339");
    EXPECT_EQ(km::ancestor("53394611", MeshLevel::third), "53394611");
    EXPECT_THROW(km::ancestor("5339", MeshLevel::third), DataError);

    const auto of_first = km::children("5339");
    ASSERT_EQ(of_first.size(), 64U);
    EXPECT_EQ(of_first.front(), "533900");
    EXPECT_EQ(of_first[1], "533901");
    EXPECT_EQ(of_first[8], "533910");
    EXPECT_EQ(of_first.back(), "533977");
    const auto of_second = km::children("533946");
    ASSERT_EQ(of_second.size(), 100U);
    EXPECT_EQ(of_second.front(), "53394600");
    EXPECT_EQ(of_second[11], "53394611");
    EXPECT_EQ(of_second.back(), "53394699");
    EXPECT_EQ(km::children("53394611"), (std::vector<std::string>{"533946111", "533946112", "533946113", "533946114"}));
    EXPECT_EQ(km::children("5339461144").back(), "53394611444");
    EXPECT_THROW(km::children("53394611444"), DataError);
}

TEST(MeshHierarchy, CoarserAndFiner) {
    EXPECT_EQ(km::coarser(MeshLevel::first), std::nullopt);
    EXPECT_EQ(km::coarser(MeshLevel::second), MeshLevel::first);
    EXPECT_EQ(km::coarser(MeshLevel::eighth), MeshLevel::quarter);
    EXPECT_EQ(km::finer(MeshLevel::first), MeshLevel::second);
    EXPECT_EQ(km::finer(MeshLevel::third), MeshLevel::half);
    EXPECT_EQ(km::finer(MeshLevel::eighth), std::nullopt);
}

// --- level names -------------------------------------------------------------------------------

TEST(MeshLevelNames, ParseEveryName) {
    const struct {
        const char* name;
        MeshLevel level;
    } cases[] = {
        {"1st", MeshLevel::first},       {"first", MeshLevel::first},     {"1", MeshLevel::first},
        {"80km", MeshLevel::first},      {"1次", MeshLevel::first},       {"2nd", MeshLevel::second},
        {"second", MeshLevel::second},   {"2", MeshLevel::second},        {"10km", MeshLevel::second},
        {"2次", MeshLevel::second},      {"3rd", MeshLevel::third},       {"third", MeshLevel::third},
        {"3", MeshLevel::third},         {"1km", MeshLevel::third},       {"3次", MeshLevel::third},
        {"基準", MeshLevel::third},      {"half", MeshLevel::half},       {"1/2", MeshLevel::half},
        {"4th", MeshLevel::half},        {"4", MeshLevel::half},          {"500m", MeshLevel::half},
        {"4次", MeshLevel::half},        {"2分の1", MeshLevel::half},     {"quarter", MeshLevel::quarter},
        {"1/4", MeshLevel::quarter},     {"5th", MeshLevel::quarter},     {"5", MeshLevel::quarter},
        {"250m", MeshLevel::quarter},    {"5次", MeshLevel::quarter},     {"4分の1", MeshLevel::quarter},
        {"eighth", MeshLevel::eighth},   {"1/8", MeshLevel::eighth},      {"6th", MeshLevel::eighth},
        {"6", MeshLevel::eighth},        {"125m", MeshLevel::eighth},     {"6次", MeshLevel::eighth},
        {"8分の1", MeshLevel::eighth},   {"HALF", MeshLevel::half},       {" 1KM ", MeshLevel::third},
        {"Quarter", MeshLevel::quarter},
    };
    for (const auto& c : cases) EXPECT_EQ(km::parse_level(c.name), c.level) << c.name;
    for (MeshLevel level : km::all_levels) EXPECT_EQ(km::parse_level(km::to_string(level)), level);
}

TEST(MeshLevelNames, UnknownNames) {
    for (const char* name : {"", "0", "7", "7th", "1 km", "250", "100m", "fourth", "halfs", "first level"}) {
        EXPECT_EQ(km::parse_level(name), std::nullopt) << "'" << name << "'";
    }
    try {
        km::level_from_name("2km");
        ADD_FAILURE() << "expected keniki::UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("'2km'"), std::string::npos) << e.what();
    }
    EXPECT_EQ(km::level_from_name("500m"), MeshLevel::half);
}

TEST(MeshLevelNames, ToString) {
    EXPECT_EQ(km::to_string(MeshLevel::first), "1st");
    EXPECT_EQ(km::to_string(MeshLevel::second), "2nd");
    EXPECT_EQ(km::to_string(MeshLevel::third), "3rd");
    EXPECT_EQ(km::to_string(MeshLevel::half), "half");
    EXPECT_EQ(km::to_string(MeshLevel::quarter), "quarter");
    EXPECT_EQ(km::to_string(MeshLevel::eighth), "eighth");
}

}  // namespace
