// Transport-poor zones on a fixture worked out by hand: the 2000 m x 1000 m square town split into
// West [0,1000] and East [1000,2000]; station S at (500,500), bus stop B at (1700,500); custom radii
// station 300 m, bus stop 200 m. Residents: r0 (500,600) 100 m from S -> 便利; r1 (1700,650) 150 m
// from B -> 不便; r2 (1100,500) 600 m from both -> 空白.
// Zone areas with 16 segments per quarter circle (64-gons): area = 1/2 * 64 * r^2 * sin(2 pi / 64):
// r = 300 -> 282,289.3 m^2; r = 200 -> 125,461.9 m^2.

#include <cmath>

#include <gtest/gtest.h>

#include "keniki/analysis/transport.hpp"
#include "keniki/core/error.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::analysis {
namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    return MultiPolygon{p};
}

/// A stop's circle as the transport options draw it by default: 32 segments per quarter circle, the
/// inscribed 128-gon (0.040 % short of pi r^2).
double polygon_circle(double r) { return 0.5 * 128 * r * r * std::sin(2 * M_PI / 128); }

struct Town {
    std::unique_ptr<CostModel> cost = make_straight_line_cost(16);
    ModelInput input;
    std::vector<Stop> stops;
    TransportOptions options = transport_preset("custom");
    Town() {
        input.study_area = rect(0, 0, 2000, 1000);
        input.residents.points = {{500, 600}, {1700, 650}, {1100, 500}};
        input.residents.population = {10, 20, 30};
        input.residents.age65 = {1, 2, 3};
        input.residents.age75 = {0, 1, 1};
        input.residents.source_id = {1, 2, 3};
        input.facilities = {{"h", "hub", "hub", "f", Point{1000, 500}}};
        input.tiers.push_back(TierInput{"area", "圏域", "Area", {{"w", "West", rect(0, 0, 1000, 1000)}, {"e", "East", rect(1000, 0, 2000, 1000)}},
                                        {0}, cost.get(), 5000});
        stops = {{"S", "station", Stop::Kind::station, Point{500, 500}, std::nullopt, "rail", ""},
                 {"B", "bus", Stop::Kind::bus_stop, Point{1700, 500}, 8.0, "bus", ""}};
        options.station_radius_m = 300;
        options.bus_stop_radius_m = 200;
    }
};

TEST(Transport, PresetsFollowTheMlitHandbook) {
    EXPECT_EQ(transport_preset("mlit-urban").station_radius_m, 500);
    EXPECT_EQ(transport_preset("mlit-urban").bus_stop_radius_m, 300);
    EXPECT_EQ(transport_preset("mlit-rural").station_radius_m, 1000);
    EXPECT_EQ(transport_preset("mlit-rural").bus_stop_radius_m, 500);
    EXPECT_THROW(transport_preset("suburban"), UsageError);
}

TEST(Transport, ClassesZonesAndFiguresPerUnit) {
    Town town;
    const ModelResult model = run_model(town.input);
    const TransportResult r = classify_transport(town.input, model, town.stops, town.options);
    EXPECT_EQ(r.model_resident_class, (std::vector<TransportClass>{TransportClass::convenient, TransportClass::inconvenient, TransportClass::blank}));
    EXPECT_NEAR(r.study.area_m2[0], polygon_circle(300), 0.01);
    EXPECT_NEAR(r.study.area_m2[1], polygon_circle(200), 0.01);
    EXPECT_NEAR(r.study.area_m2[2], 2e6 - polygon_circle(300) - polygon_circle(200), 0.01);
    EXPECT_DOUBLE_EQ(r.study.people[0].total, 10);
    EXPECT_DOUBLE_EQ(r.study.people[1].total, 20);
    EXPECT_DOUBLE_EQ(r.study.people[2].age65, 3);
    const auto& west = r.units[0][0];
    const auto& east = r.units[0][1];
    EXPECT_NEAR(west.area_m2[0], polygon_circle(300), 0.01);
    EXPECT_NEAR(west.area_m2[1], 0, 1e-9);
    EXPECT_NEAR(west.area_m2[2], 1e6 - polygon_circle(300), 0.01);
    EXPECT_NEAR(east.area_m2[1], polygon_circle(200), 0.01);
    EXPECT_DOUBLE_EQ(west.people[0].total, 10);
    EXPECT_DOUBLE_EQ(east.people[1].total, 20);
    EXPECT_DOUBLE_EQ(east.people[2].total, 30);
    EXPECT_EQ(r.stop_unit[0], (std::vector<std::int32_t>{0, 1}));
}

TEST(Transport, StopsBelowTheMinimumDoNotServe) {
    Town town;
    town.stops[0].departures_per_day = 5;  // the station now has 5 departures a day
    town.options.min_departures_per_day = 10;
    const ModelResult model = run_model(town.input);
    const TransportResult r = classify_transport(town.input, model, town.stops, town.options);
    // r0 is near only a low-service station: 不便, and nothing is 便利 any more.
    EXPECT_EQ(r.model_resident_class[0], TransportClass::inconvenient);
    EXPECT_NEAR(r.study.area_m2[0], 0, 1e-9);
    EXPECT_NEAR(r.study.area_m2[1], polygon_circle(300) + polygon_circle(200), 0.01);
    EXPECT_EQ(r.stop_serves, (std::vector<bool>{false, false}));
}

// A stop with no departure on the day (a feed outside its calendar) covers nothing, even with no
// minimum set: the bus stop B with 0 departures leaves r1 空白 and its 200 m circle out of 不便.
TEST(Transport, StopsWithNoDepartureCoverNothing) {
    Town town;
    town.stops[1].departures_per_day = 0.0;
    town.options.min_departures_per_day = 0;
    const ModelResult model = run_model(town.input);
    const TransportResult r = classify_transport(town.input, model, town.stops, town.options);
    EXPECT_EQ(r.model_resident_class[1], TransportClass::blank);
    EXPECT_NEAR(r.study.area_m2[1], 0, 1e-9);
    EXPECT_NEAR(r.study.area_m2[2], 2e6 - polygon_circle(300), 0.01);
    EXPECT_EQ(r.stop_serves, (std::vector<bool>{true, false}));
    // The same for a station: S with 0 departures is not even 不便 within its radius.
    town.stops[0].departures_per_day = 0.0;
    const TransportResult none = classify_transport(town.input, model, town.stops, town.options);
    EXPECT_NEAR(none.study.area_m2[2], 2e6, 0.01);
    EXPECT_DOUBLE_EQ(none.study.people[2].total, 60);
}

TEST(Transport, ScenarioRemovingTheBusStop) {
    Town town;
    const ModelResult model = run_model(town.input);
    const TransportResult before = classify_transport(town.input, model, town.stops, town.options);
    auto fewer = town.stops;
    fewer.pop_back();
    const TransportResult after = classify_transport(town.input, model, fewer, town.options);
    const TransportChange ch = compare_transport(town.input, model, before, after);
    EXPECT_DOUBLE_EQ(ch.units[0][1].lost.total, 20);
    EXPECT_DOUBLE_EQ(ch.units[0][1].lost.age65, 2);
    EXPECT_DOUBLE_EQ(ch.units[0][0].lost.total, 0);
    EXPECT_DOUBLE_EQ(ch.study.lost.total, 20);
    EXPECT_DOUBLE_EQ(ch.study.gained.total, 0);
    EXPECT_NEAR(geom::area(ch.lost_coverage), polygon_circle(200), 0.01);
}

// Polygon residents in the square town: one census-like area P = [1500,1900] x [300,700] (160,000 m²)
// with 100 people (65+: 40), around the bus stop B (1700,500). B's 200 m circle (a 64-gon of
// 125,461.9 m², inside P) is 不便, the rest of P 空白. Counted at its interior point (1700,500) all 100
// are 不便; area-weighted, 100 x 125,461.9 / 160,000 = 78.41 are 不便 and 21.59 空白. Removing B makes
// the circle 空白: area-weighted, 78.41 people lose coverage (and 125,461.9 m² of East gets worse);
// at the interior point all 100 lose, while the people in the lost share are still 78.41.
struct PolygonTown : Town {
    explicit PolygonTown(bool area_weighted) {
        input.residents = {};
        input.residents.polygons = {rect(1500, 300, 1900, 700)};
        input.residents.points = {{1700, 500}};
        input.residents.population = {100};
        input.residents.age65 = {40};
        input.residents.age75 = {10};
        input.residents.source_id = {1};
        input.residents.area_weighted = area_weighted;
    }
};

TEST(Transport, AreaWeightedResidentsAreSharedOverTheClassesByArea) {
    const double inconvenient = 100 * polygon_circle(200) / 160000;  // 78.41
    for (const bool area_weighted : {true, false}) {
        SCOPED_TRACE(area_weighted ? "area_weighted" : "interior point");
        PolygonTown town(area_weighted);
        const ModelResult model = run_model(town.input);
        const TransportResult r = classify_transport(town.input, model, town.stops, town.options);
        const double expect = area_weighted ? inconvenient : 100;
        EXPECT_NEAR(r.study.people[1].total, expect, 1e-6);
        EXPECT_NEAR(r.study.people[2].total, 100 - expect, 1e-6);
        EXPECT_NEAR(r.study.people[1].age65, expect * 0.4, 1e-6);
        EXPECT_NEAR(r.units[0][1].people[1].total, expect, 1e-6);  // East
        EXPECT_NEAR(r.units[0][1].people[2].total, 100 - expect, 1e-6);
        EXPECT_NE(r.resident_method.find(area_weighted ? "area-weighted" : "interior point"), std::string::npos) << r.resident_method;

        auto fewer = town.stops;
        fewer.pop_back();
        const TransportResult after = classify_transport(town.input, model, fewer, town.options);
        const TransportChange ch = compare_transport(town.input, model, r, after);
        EXPECT_NEAR(ch.study.lost.total, expect, 1e-6);
        EXPECT_NEAR(ch.units[0][1].lost.total, expect, 1e-6);
        EXPECT_NEAR(ch.units[0][1].lost.age65, expect * 0.4, 1e-6);
        EXPECT_NEAR(ch.units[0][1].lost_by_area.total, inconvenient, 1e-6);
        EXPECT_NEAR(ch.study.lost_by_area.total, inconvenient, 1e-6);
        EXPECT_NEAR(ch.units[0][1].lost_area_m2, polygon_circle(200), 0.01);
        EXPECT_NEAR(ch.units[0][0].lost_area_m2, 0, 1e-9);
        EXPECT_NEAR(ch.study.lost_area_m2, polygon_circle(200), 0.01);
        EXPECT_DOUBLE_EQ(ch.study.gained.total, 0);
    }
}

TEST(Transport, ServiceAreaWithOneRadiusPerStop) {
    // The straight-line override draws every circle in one union; the default (one area per
    // distinct radius, unioned) must give the same polygon. Two apart: areas add up exactly.
    const auto straight = make_straight_line_cost();  // the default 32, as polygon_circle
    const std::vector<Point> apart = {{0, 0}, {5000, 0}};
    const std::vector<double> radii = {300, 200};
    EXPECT_NEAR(geom::area(straight->service_area_per_hub(apart, radii)), polygon_circle(300) + polygon_circle(200), 1e-3);
    // Overlapping, with a radius of 0 that draws nothing.
    const std::vector<Point> near = {{0, 0}, {400, 0}, {900, 0}, {-2000, 0}};
    const std::vector<double> near_radii = {300, 200, 300, 0};
    const MultiPolygon one_pass = straight->service_area_per_hub(near, near_radii);
    const MultiPolygon by_radius = straight->CostModel::service_area_per_hub(near, near_radii);
    EXPECT_NEAR(geom::area(one_pass), geom::area(by_radius), 1e-3);
    EXPECT_NEAR(geom::area(geom::difference(one_pass, by_radius)) + geom::area(geom::difference(by_radius, one_pass)), 0, 1e-3);
    EXPECT_LT(geom::area(one_pass), 2 * polygon_circle(300) + polygon_circle(200));
    EXPECT_THROW((void)straight->service_area_per_hub(near, radii), DataError);
}

}  // namespace
}  // namespace keniki::analysis
