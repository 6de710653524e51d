// keniki isochrone, run as a command (osmium-tool style: exit code, stderr, output checked). On the
// hand-drawn grid (tests/fixtures/network/grid.osm), from the middle of the 111 m street b-e:
//   1 minute (80 m): b-e whole (110.9 m) + 24.55 m on each of the five streets leaving b and e = 233.6 m
//   2 minutes (160 m): b-e 110.9, b-a 93.6 + 10.95 beyond a, b-c 104.55 (of its 145 m bend), e-d 93.6 +
//   10.95 on both streets beyond d, e-f 93.6 (f is a dead end on foot), e-h 104.55 = 633.6 m
// Skipped until the command is registered in tools/keniki/main.cpp.

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/rfc7946.hpp"
#include "support/test_paths.hpp"

namespace keniki {
namespace {

std::string grid() { return test::shell_quote((test::source_dir() / "tests/fixtures/network/grid.osm").string()); }

class CliIsochrone : public ::testing::Test {
protected:
    void SetUp() override {
        const auto help = test::run_keniki("isochrone --help");
        if (help.exit_code == 2 && help.err.find("unknown command") != std::string::npos)
            GTEST_SKIP() << "the isochrone command is not registered in tools/keniki/main.cpp yet";
        ASSERT_EQ(help.exit_code, 0);
        dir = test::fresh_temp_dir("keniki-iso");
    }
    void TearDown() override {
        if (!dir.empty()) std::filesystem::remove_all(dir);
    }
    std::filesystem::path dir;
};

TEST_F(CliIsochrone, PolygonsPerOriginAndThreshold) {
    const auto out = dir / "iso.geojson";
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --from 140,40 --minutes 2,1 --mode walk --out " +
                                    test::shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err,
              "keniki isochrone: warning: origin 2 (140,40) is more than 500 m from every road: written without polygons (snapped = 0)\n");
    EXPECT_TRUE(test::rfc7946_problems(out.string()).empty());
    std::ifstream in(out);
    const auto doc = nlohmann::json::parse(in);
    const auto& features = doc.at("features");
    ASSERT_EQ(features.size(), 4u);
    const auto& p1 = features[0].at("properties");
    EXPECT_EQ(p1.at("origin"), 1);
    EXPECT_EQ(p1.at("minutes"), 1.0);
    EXPECT_EQ(p1.at("mode"), "walk");
    EXPECT_EQ(p1.at("walk_kmh"), 4.8);
    EXPECT_EQ(p1.at("snapped"), 1);
    EXPECT_NEAR(p1.at("road_km").get<double>(), 0.2336, 0.003);
    EXPECT_EQ(features[0].at("geometry").at("type"), "MultiPolygon");
    const auto& p2 = features[1].at("properties");
    EXPECT_EQ(p2.at("minutes"), 2.0);
    EXPECT_NEAR(p2.at("road_km").get<double>(), 0.6336, 0.003);
    EXPECT_GT(p2.at("area_km2").get<double>(), p1.at("area_km2").get<double>());
    EXPECT_EQ(features[2].at("properties").at("snapped"), 0);
    EXPECT_TRUE(features[2].at("properties").at("area_km2").is_null());
    EXPECT_TRUE(features[2].at("geometry").is_null());
}

/// The area_km2 of the one feature that `keniki isochrone ARGS --out FILE` writes.
double written_area_km2(const std::filesystem::path& out, const std::string& args) {
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --minutes 2 " + args + " --out " +
                                    test::shell_quote(out.string()) + " --quiet");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out);
    const auto doc = nlohmann::json::parse(in);
    EXPECT_TRUE(test::rfc7946_problems(out.string()).empty());
    return doc.at("features").at(0).at("properties").at("area_km2").get<double>();
}

TEST_F(CliIsochrone, BufferMethods) {
    // The same 633.6 m of street buffered 50 m each side. Nearly the true round buffer: GEOS with 64
    // segments per quarter circle (chords cut 0.2 % off the arcs' area at the default 8). The outline
    // (default: 10 m cells) puts its vertices on the true boundary, so it lies within 0.1 % of that,
    // and within 0.01 % with --cell 2. Upper bound by hand: 633.6 m x 100 m + one 50 m disc =
    // 0.0712 km^2, less the overlaps at junctions.
    const double truth = written_area_km2(dir / "round.geojson", "--buffer exact --quadrant-segments 64");
    const double exact = written_area_km2(dir / "exact.geojson", "--buffer exact");
    const double outline = written_area_km2(dir / "outline.geojson", "");
    const double fine = written_area_km2(dir / "fine.geojson", "--buffer outline --cell 2");
    EXPECT_GT(truth, 0.05);
    EXPECT_LT(truth, 0.0712);
    EXPECT_LT(exact, truth * (1 - 0.001));
    EXPECT_GT(exact, truth * (1 - 0.004));
    EXPECT_NEAR(outline, truth, truth * 0.001);
    EXPECT_NEAR(fine, truth, truth * 0.0001);
}

/// The road_km of the one feature that a 3-second drive isochrone from FROM writes.
double three_second_drive_road_km(const std::filesystem::path& out, const std::string& from, const std::string& args) {
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from " + from + " --minutes 0.05 --mode drive " + args + " --out " +
                                    test::shell_quote(out.string()) + " --quiet --overwrite");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out);
    return nlohmann::json::parse(in).at("features").at(0).at("properties").at("road_km").get<double>();
}

TEST_F(CliIsochrone, DriveSpeedTable) {
    // From the middle of the residential street b-e (111 m, no maxspeed), 3 s at the built-in 20 km/h
    // reach 16.7 m each way; at residential=40, 33.3 m. The one-way tertiary a-d (maxspeed 40, so
    // 40 x 0.8 = 32 km/h) from its middle: 26.7 m northwards only; 25.0 m at its class speed (30 km/h)
    // with --ignore-maxspeed; 30.0 m with --maxspeed-factor 0.9 (36 km/h).
    const auto out = dir / "drive.geojson";
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.701,32.8005", ""), 0.033);
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.701,32.8005", "--drive-speeds residential=40,primary=50"), 0.067);
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.700,32.8005", ""), 0.027);
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.700,32.8005", "--ignore-maxspeed"), 0.025);
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.700,32.8005", "--maxspeed-factor 0.9"), 0.030);
    // The speeds in force are printed.
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --minutes 1 --mode drive --drive-speeds residential=40 --out " +
                                    test::shell_quote(out.string()) + " --overwrite");
    EXPECT_NE(r.err.find("drive speeds: living_street 10, motorway 80,"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("residential 40,"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("other classes 20 km/h; a tagged maxspeed x 0.8 first"), std::string::npos) << r.err;
    // Spaces round a class are dropped; a class no car road has is warned about (a typo), even quietly.
    EXPECT_DOUBLE_EQ(three_second_drive_road_km(out, "130.701,32.8005", "--drive-speeds ' residential =40'"), 0.067);
    const auto typo = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --minutes 1 --mode drive --drive-speeds residental=40 --out " +
                                       test::shell_quote(out.string()) + " --overwrite --quiet");
    EXPECT_EQ(typo.exit_code, 0) << typo.err;
    EXPECT_NE(typo.err.find("warning: --drive-speeds residental: no road open to cars in"), std::string::npos) << typo.err;
}

/// The properties of feature `index` that `keniki isochrone --roads grid.osm ARGS --out FILE` writes.
nlohmann::json properties(const std::filesystem::path& out, const std::string& args, std::size_t index = 0) {
    const auto r = test::run_keniki("isochrone --roads " + grid() + " " + args + " --out " + test::shell_quote(out.string()) + " --quiet --overwrite");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out);
    return nlohmann::json::parse(in).at("features").at(index).at("properties");
}

TEST_F(CliIsochrone, AccessLegCountedOrFree) {
    // From 0.0003 deg (28.1 m) east of the middle of b-e, 1 minute (80 m). Counted: 80 - 28.1 = 51.9 m
    // each way along b-e, short of b and e (55.45 m away): 103.8 m, no node. Free: the 1-minute
    // figures from the middle of b-e (see the top): 233.6 m, nodes b and e.
    const auto out = dir / "access.geojson";
    const auto counted = properties(out, "--from 130.7013,32.8005 --minutes 1");
    EXPECT_EQ(counted.at("access_counted"), 1);
    EXPECT_NEAR(counted.at("access_m").get<double>(), 28.1, 0.1);
    EXPECT_NEAR(counted.at("road_km").get<double>(), 0.104, 0.0011);
    EXPECT_EQ(counted.at("reached_nodes"), 0);
    const auto free = properties(out, "--from 130.7013,32.8005 --minutes 1 --access-leg free");
    EXPECT_EQ(free.at("access_counted"), 0);
    EXPECT_NEAR(free.at("access_m").get<double>(), 28.1, 0.1);
    EXPECT_NEAR(free.at("road_km").get<double>(), 0.234, 0.0011);
    EXPECT_EQ(free.at("reached_nodes"), 2);
    // On the road the leg is 0 m: both ways give the same.
    EXPECT_EQ(properties(out, "--from 130.701,32.8005 --minutes 1 --access-leg free").at("road_km"),
              properties(out, "--from 130.701,32.8005 --minutes 1").at("road_km"));
    // The choice is printed.
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from 130.7013,32.8005 --minutes 1 --access-leg free --out " +
                                    test::shell_quote(out.string()) + " --overwrite");
    EXPECT_NE(r.err.find("note: --access-leg free: the minutes start at the snapped road point"), std::string::npos) << r.err;
}

TEST_F(CliIsochrone, ReachedNodesAndWalkTags) {
    // 2 minutes (160 m) from the middle of b-e reach b and e (55.45 m), a and d (149.05: b-a and e-d
    // are 93.6 m) and f (149.05); not c (55.45 + 145 m) nor h (55.45 + 110.9 m): 5 nodes, 633.6 m.
    // Without the tertiary 1-4-7 (a-d-g), the 10.95 m beyond a and the 2 x 10.95 m beyond d go:
    // 633.6 - 32.85 = 600.75 m; the nodes stay (a and d are reached along b-a and e-d).
    const auto out = dir / "tags.geojson";
    const auto all = properties(out, "--from 130.701,32.8005 --minutes 2");
    EXPECT_EQ(all.at("reached_nodes"), 5);
    EXPECT_NEAR(all.at("road_km").get<double>(), 0.634, 0.0011);
    const auto no_tertiary = properties(out, "--from 130.701,32.8005 --minutes 2 --walk-tags highway=-tertiary");
    EXPECT_EQ(no_tertiary.at("reached_nodes"), 5);
    EXPECT_NEAR(no_tertiary.at("road_km").get<double>(), 0.601, 0.0011);
    EXPECT_NEAR(all.at("road_km").get<double>() - no_tertiary.at("road_km").get<double>(), 0.033, 0.0011);
    // The rules in force are printed with the roads.
    const auto r = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --minutes 2 --walk-tags 'highway=-tertiary' --out " +
                                    test::shell_quote(out.string()) + " --overwrite");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("note: walk rules (--walk-tags highway=-tertiary): highway = trunk, trunk_link, primary, primary_link, secondary, "
                         "secondary_link, tertiary_link, unclassified,"),
              std::string::npos)
        << r.err;
    const auto d = test::run_keniki("isochrone --roads " + grid() + " --from 130.701,32.8005 --minutes 2 --out " + test::shell_quote(out.string()) +
                                    " --overwrite");
    EXPECT_NE(d.err.find("note: walk rules (default): highway = trunk, trunk_link, primary, primary_link, secondary, secondary_link, tertiary,"),
              std::string::npos)
        << d.err;
    EXPECT_NE(d.err.find("; foot = yes, designated, permissive, destination opens a way whatever access says; foot or access = no, private closes it\n"),
              std::string::npos)
        << d.err;
}

TEST_F(CliIsochrone, UsageErrors) {
    const std::string out = test::shell_quote((dir / "x.geojson").string());
    auto expect_usage = [](const test::CommandResult& r, const char* says) {
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    };
    expect_usage(test::run_keniki("isochrone --from 130.7,32.8 --minutes 5 --out " + out), "--roads");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --minutes 5 --out " + out), "--from");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 32.8 --minutes 5 --out " + out), "LON,LAT");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 32.8,130.7 --minutes 5 --out " + out), "longitude first");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5,x --out " + out), "not a number");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode bike --out " + out), "bike");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --out x.txt"), ".geojson");
    expect_usage(test::run_keniki("isochrone --roads /no/such.osm.pbf --from 130.7,32.8 --minutes 5 --out " + out), "no such file");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --buffer round --out " + out), "'outline'");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --buffer exact --cell 5 --out " + out),
                 "no meaning with --buffer exact");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --cell 0 --out " + out), "--cell must be > 0");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --cell 60 --out " + out), "at most --side");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode drive --drive-speeds residential --out " + out),
                 "CLASS=KMH");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode drive --drive-speeds residential=0 --out " + out),
                 "> 0 km/h");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode drive --maxspeed-factor 3 --out " + out),
                 "--maxspeed-factor in (0, 2]");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode walk --drive-speeds residential=30 --out " + out),
                 "are for --mode drive");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --access-leg none --out " + out),
                 "--access-leg is 'count'");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --walk-tags 'fot_no=+use_sidepath' --out " + out),
                 "keniki isochrone: --walk-tags: unknown key 'fot_no' (the keys are highway, foot_yes, foot_no)");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --walk-tags highway-steps --out " + out),
                 "keniki isochrone: --walk-tags: 'highway-steps' is not KEY=VALUES");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --walk-tags highway=-stairs --out " + out),
                 "keniki isochrone: --walk-tags: highway has no 'stairs' to remove");
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --mode drive --walk-tags highway=-steps --out " + out),
                 "--walk-tags is for --mode walk");
    std::ofstream(dir / "x.geojson") << "{}";
    expect_usage(test::run_keniki("isochrone --roads " + grid() + " --from 130.7,32.8 --minutes 5 --out " + out), "--overwrite");
}

}  // namespace
}  // namespace keniki
