#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "support/test_paths.hpp"

namespace keniki::crs {
namespace {

// A point in 飯塚市 (Iizuka), lon 130.6914, lat 33.6457, in JGD2011 zone II (origin 33°N 131°E).
// Numbers from PROJ's own command line, run once by hand:
//   echo 33.6457 130.6914 | cs2cs -f %.6f EPSG:6668 EPSG:6670
//   -> 71650.279322	-28624.954925 0.000000
// cs2cs keeps the CRSs' declared axis order: EPSG:6668 takes latitude first, EPSG:6670 writes
// northing first. So easting = -28624.954925 (west of 131°E), northing = 71650.279322 (north of 33°N).
constexpr double k_iizuka_lon = 130.6914, k_iizuka_lat = 33.6457;
constexpr double k_iizuka_easting = -28624.954925, k_iizuka_northing = 71650.279322;

// A point in 美祢市 (Mine), zone III (origin 36°N 132°10'E):
//   echo 34.2 131.2 | cs2cs -f %.6f EPSG:6668 EPSG:6671
//   -> -199253.975720	-89088.110255 0.000000
constexpr double k_mine_easting = -89088.110255, k_mine_northing = -199253.975720;

constexpr double k_mm = 1e-3;

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* const k_iizuka_prj = "iizuka/census_small_areas_2020/r2ka40205.prj";

bool have_cs2cs() { return test::run_command("command -v cs2cs").exit_code == 0; }

/// Runs cs2cs on one "first second" input line and returns the two output numbers in its order.
std::vector<double> cs2cs(const std::string& input, const std::string& from, const std::string& to) {
    // In a subshell: run_command redirects the command's stdin from /dev/null, which must not
    // replace the pipe into cs2cs.
    const auto r = test::run_command("(echo " + test::shell_quote(input) + " | cs2cs -f %.6f " + from + " " + to + ")");
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream in(r.out);
    std::vector<double> v(2, NAN);
    in >> v[0] >> v[1];
    return v;
}

TEST(Transform, KnownPointAgreesWithCs2csNumbers) {
    const Transformer t("EPSG:6668", "EPSG:6670");
    const Point p = t.forward(Point(k_iizuka_lon, k_iizuka_lat));
    EXPECT_NEAR(p.x(), k_iizuka_easting, k_mm) << "x must be the easting";
    EXPECT_NEAR(p.y(), k_iizuka_northing, k_mm) << "y must be the northing";

    const Point q = Transformer("EPSG:6668", "EPSG:6671").forward(Point(131.2, 34.2));
    EXPECT_NEAR(q.x(), k_mine_easting, k_mm);
    EXPECT_NEAR(q.y(), k_mine_northing, k_mm);
}

TEST(Transform, AgreesWithCs2csRunNow) {
    if (!have_cs2cs()) GTEST_SKIP() << "cs2cs (proj-bin) is not on PATH";
    struct Case {
        double lon, lat;
        const char* to;
        bool northing_first;  // the target's declared axis order, as cs2cs writes it
    };
    const Case cases[] = {{130.6914, 33.6457, "EPSG:6670", true},
                          {131.2, 34.2, "EPSG:6671", true},
                          {141.35, 43.06, "EPSG:6680", true},
                          {127.68, 26.21, "EPSG:6683", true},
                          {9.52, 47.16, "EPSG:32632", false},
                          {145.77, -16.92, "EPSG:32755", false}};
    for (const Case& c : cases) {
        std::ostringstream input;
        input.precision(10);
        input << c.lat << ' ' << c.lon;  // EPSG:6668 is latitude first for cs2cs
        const auto expected = cs2cs(input.str(), "EPSG:6668", c.to);
        const double easting = c.northing_first ? expected[1] : expected[0];
        const double northing = c.northing_first ? expected[0] : expected[1];
        const Point p = Transformer("EPSG:6668", c.to).forward(Point(c.lon, c.lat));
        EXPECT_NEAR(p.x(), easting, k_mm) << c.to;
        EXPECT_NEAR(p.y(), northing, k_mm) << c.to;
    }
}

TEST(Transform, LatitudeFirstCrsIsUsedLongitudeFirst) {
    // EPSG:6668 declares latitude first and EPSG:4326 too; both must read x as longitude. Were
    // either taken in its declared order, 130.69 would be a latitude and the result would be an
    // error or thousands of km away from the WGS 84 one.
    const Transformer jgd("EPSG:6668", "EPSG:6670");
    const Transformer wgs("EPSG:4326", "EPSG:6670");
    const Point a = jgd.forward(Point(130.69, 33.64));
    const Point b = wgs.forward(Point(130.69, 33.64));
    EXPECT_NEAR(a.x(), b.x(), k_mm);
    EXPECT_NEAR(a.y(), b.y(), k_mm);
    // Both near Iizuka: ~29 km west and ~71 km north of the zone II origin.
    EXPECT_NEAR(a.x(), -29000, 2000);
    EXPECT_NEAR(a.y(), 71000, 2000);
    // And WGS 84 out as longitude, latitude.
    const Point back = Transformer("EPSG:6670", "EPSG:4326").forward(a);
    EXPECT_NEAR(back.x(), 130.69, 1e-9);
    EXPECT_NEAR(back.y(), 33.64, 1e-9);
}

TEST(Transform, InverseRoundTrip) {
    const Transformer t("EPSG:6668", "EPSG:6670");
    const Point p(130.69, 33.64);
    const Point q = t.inverse(t.forward(p));
    EXPECT_NEAR(q.x(), p.x(), 1e-9);
    EXPECT_NEAR(q.y(), p.y(), 1e-9);
    const Point origin = t.inverse(Point(0, 0));
    EXPECT_NEAR(origin.x(), 131.0, 1e-9);
    EXPECT_NEAR(origin.y(), 33.0, 1e-9);
}

TEST(Transform, BatchMatchesSinglePoints) {
    const Transformer t("EPSG:6668", "EPSG:6670");
    std::vector<Point> points{{130.56, 33.50}, {130.69, 33.64}, {130.78, 33.71}};
    const std::vector<Point> original = points;
    t.forward(std::span<Point>(points));
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point single = t.forward(original[i]);
        EXPECT_DOUBLE_EQ(points[i].x(), single.x());
        EXPECT_DOUBLE_EQ(points[i].y(), single.y());
    }
    t.inverse(std::span<Point>(points));
    for (std::size_t i = 0; i < points.size(); ++i) {
        EXPECT_NEAR(points[i].x(), original[i].x(), 1e-9);
        EXPECT_NEAR(points[i].y(), original[i].y(), 1e-9);
    }
    t.forward(std::span<Point>());  // nothing to do
}

TEST(Transform, FailedPointIsNamedAndBatchIsLeftUntouched) {
    const Transformer t("EPSG:4326", "EPSG:6670");
    std::vector<Point> points{{130.69, 33.64}, {130.69, 133.64}};
    const std::vector<Point> original = points;
    try {
        t.forward(std::span<Point>(points));
        FAIL() << "latitude 133.64 must not transform";
    } catch (const DataError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("#1"), std::string::npos) << what;
        EXPECT_NE(what.find("133.64"), std::string::npos) << what;
        EXPECT_NE(what.find("EPSG:4326"), std::string::npos) << what;
    }
    EXPECT_DOUBLE_EQ(points[0].x(), original[0].x());
    EXPECT_THROW(t.forward(Point(130.69, 133.64)), DataError);
    EXPECT_THROW(t.forward(Point(NAN, 33.0)), DataError);
}

TEST(Transform, EveryGeometryKind) {
    const Transformer t("EPSG:6668", "EPSG:6670");
    const Point a(130.6914, 33.6457), b(130.70, 33.65), c(130.70, 33.66);
    const Point ta = t.forward(a), tb = t.forward(b), tc = t.forward(c);
    auto near = [](const Point& p, const Point& q) { return std::abs(p.x() - q.x()) < 1e-6 && std::abs(p.y() - q.y()) < 1e-6; };

    Geometry g = a;
    transform(g, t);
    EXPECT_TRUE(near(std::get<Point>(g), ta));

    g = LineString{a, b};
    transform(g, t);
    EXPECT_TRUE(near(std::get<LineString>(g)[1], tb));

    g = MultiPoint{a, c};
    transform(g, t);
    EXPECT_TRUE(near(std::get<MultiPoint>(g)[1], tc));

    g = MultiLineString{LineString{a, b}, LineString{b, c}};
    transform(g, t);
    EXPECT_TRUE(near(std::get<MultiLineString>(g)[1][1], tc));

    Polygon poly;
    poly.outer() = {a, b, c, a};
    poly.inners().push_back({b, c, a, b});
    g = poly;
    transform(g, t);
    EXPECT_TRUE(near(std::get<Polygon>(g).outer()[2], tc));
    EXPECT_TRUE(near(std::get<Polygon>(g).inners()[0][0], tb));

    g = MultiPolygon{poly, poly};
    transform(g, t);
    EXPECT_TRUE(near(std::get<MultiPolygon>(g)[1].outer()[1], tb));
    EXPECT_TRUE(near(std::get<MultiPolygon>(g)[1].inners()[0][1], tc));

    g = Empty{};
    transform(g, t);
    EXPECT_TRUE(is_empty(g));
}

TEST(Transform, WktAndProjStringDefinitions) {
    // ESRI WKT1 as written in a shapefile's .prj (the e-Stat one, and a projected one).
    const std::string esri_geographic =
        R"(GEOGCS["GCS_JGD_2011",DATUM["D_JGD_2011",SPHEROID["GRS_1980",6378137.0,298.257222101]],)"
        R"(PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]])";
    const std::string esri_zone_ii =
        R"(PROJCS["JGD_2011_Japan_Zone_2",GEOGCS["GCS_JGD_2011",DATUM["D_JGD_2011",SPHEROID["GRS_1980",)"
        R"(6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],)"
        R"(PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],)"
        R"(PARAMETER["Central_Meridian",131.0],PARAMETER["Scale_Factor",0.9999],)"
        R"(PARAMETER["Latitude_Of_Origin",33.0],UNIT["Meter",1.0]])";
    const Point p = Transformer(esri_geographic, esri_zone_ii).forward(Point(k_iizuka_lon, k_iizuka_lat));
    EXPECT_NEAR(p.x(), k_iizuka_easting, k_mm);
    EXPECT_NEAR(p.y(), k_iizuka_northing, k_mm);

    // PROJ strings, with and without +type=crs.
    const Point q = Transformer("+proj=longlat +ellps=GRS80 +no_defs",
                                "+proj=tmerc +lat_0=33 +lon_0=131 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m "
                                "+type=crs")
                        .forward(Point(k_iizuka_lon, k_iizuka_lat));
    EXPECT_NEAR(q.x(), k_iizuka_easting, k_mm);
    EXPECT_NEAR(q.y(), k_iizuka_northing, k_mm);
}

TEST(Transform, ShapefilePrjOfIizuka) {
    KENIKI_REQUIRE_SHARED(k_iizuka_prj);
    const std::string wkt = read_text(test::shared_data() / k_iizuka_prj);
    const Point p = Transformer(wkt, "EPSG:6670").forward(Point(k_iizuka_lon, k_iizuka_lat));
    EXPECT_NEAR(p.x(), k_iizuka_easting, k_mm);
    EXPECT_NEAR(p.y(), k_iizuka_northing, k_mm);
    EXPECT_EQ(epsg_code(wkt), 6668);
    EXPECT_TRUE(is_geographic(wkt));
    EXPECT_EQ(crs_name(wkt), "JGD2011");
}

TEST(Transform, MovedTransformerStillWorks) {
    Transformer a("EPSG:6668", "EPSG:6670");
    Transformer b(std::move(a));
    EXPECT_NEAR(b.forward(Point(k_iizuka_lon, k_iizuka_lat)).y(), k_iizuka_northing, k_mm);
    Transformer c("EPSG:4326", "EPSG:32632");
    c = std::move(b);
    EXPECT_NEAR(c.forward(Point(k_iizuka_lon, k_iizuka_lat)).x(), k_iizuka_easting, k_mm);
}

TEST(EpsgCode, IdentifiesWithFullConfidenceOnly) {
    EXPECT_EQ(epsg_code("EPSG:4326"), 4326);
    EXPECT_EQ(epsg_code("EPSG:6670"), 6670);
    EXPECT_EQ(epsg_code("epsg:6668"), 6668);
    // An ESRI projected WKT without any id: PROJ identifies it at 100 %.
    EXPECT_EQ(epsg_code(R"(PROJCS["JGD_2011_Japan_Zone_2",GEOGCS["GCS_JGD_2011",DATUM["D_JGD_2011",)"
                        R"(SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],)"
                        R"(UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],)"
                        R"(PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],)"
                        R"(PARAMETER["Central_Meridian",131.0],PARAMETER["Scale_Factor",0.9999],)"
                        R"(PARAMETER["Latitude_Of_Origin",33.0],UNIT["Meter",1.0]])"),
              6670);
    // A custom PROJ string is no EPSG CRS, and even zone II's own PROJ string is only a 70 % match.
    EXPECT_EQ(epsg_code("+proj=tmerc +lat_0=33.5 +lon_0=130.7 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +type=crs"),
              std::nullopt);
    EXPECT_EQ(epsg_code("+proj=tmerc +lat_0=33 +lon_0=131 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"),
              std::nullopt);
}

TEST(CrsInfo, GeographicAndNames) {
    EXPECT_TRUE(is_geographic("EPSG:6668"));
    EXPECT_TRUE(is_geographic("EPSG:4326"));
    EXPECT_FALSE(is_geographic("EPSG:6670"));
    EXPECT_FALSE(is_geographic("EPSG:32632"));
    EXPECT_THROW(is_geographic("EPSG:4978"), DataError);  // geocentric
    EXPECT_EQ(crs_name("EPSG:6668"), "JGD2011");
    EXPECT_EQ(crs_name("EPSG:6671"), "JGD2011 / Japan Plane Rectangular CS III");
}

TEST(CrsErrors, BadDefinitionIsNamed) {
    for (const std::string bad : {"EPSG:99999", "GEOGCS[\"broken", "+proj=nonsense +type=crs", "not a crs at all"}) {
        try {
            Transformer t(bad, "EPSG:6670");
            FAIL() << "accepted " << bad;
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
        }
        try {
            Transformer t("EPSG:6668", bad);
            FAIL() << "accepted " << bad;
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
        }
        EXPECT_THROW((void)epsg_code(bad), DataError);
        EXPECT_THROW((void)is_geographic(bad), DataError);
        EXPECT_THROW((void)crs_name(bad), DataError);
    }
    EXPECT_THROW(Transformer("", "EPSG:6670"), DataError);
    // A coordinate operation is not a CRS.
    EXPECT_THROW(Transformer("+proj=pipeline +step +proj=axisswap +order=2,1", "EPSG:6670"), DataError);
}

TEST(CrsErrors, LongDefinitionIsCutTo80Characters) {
    const std::string long_bad = "GEOGCS[\"" + std::string(200, 'x');
    try {
        Transformer t(long_bad, "EPSG:6670");
        FAIL();
    } catch (const DataError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(long_bad.substr(0, 80)), std::string::npos) << what;
        EXPECT_EQ(what.find(long_bad.substr(0, 81)), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace keniki::crs
