// keniki_make_demo OUT_DIR: writes the synthetic demo town (架空市, "Kaku city", fictional) that
// ships in data/demo/. Everything is made up here from a fixed seed; running it twice gives
// byte-identical files. The town is built in metres in JGD2011 / Japan Plane Rectangular CS III
// (EPSG:6671) around a point near Mine, Yamaguchi, so that keniki's automatic working CRS picks
// zone III for it, and written in JGD2011 longitude/latitude (EPSG:6668).

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "hubs.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/write_layer.hpp"
#include "network.hpp"
#include "random.hpp"
#include "residents.hpp"
#include "settlements.hpp"
#include "town_shape.hpp"

namespace keniki::demo {
namespace {

constexpr double centre_lon = 131.20, centre_lat = 34.17;  // near Mine city hall's valley
const char* const projected_crs = "EPSG:6671";
const char* const geographic_crs = "EPSG:6668";

/// Local metres -> lon/lat rounded to 7 decimals (about 1 cm), as the files carry them.
class Georeference {
public:
    Georeference() : m_transformer(projected_crs, geographic_crs) { m_origin = m_transformer.inverse(Point{centre_lon, centre_lat}); }

    Point lonlat(const Point& local) const {
        const Point p = m_transformer.forward(Point{m_origin.x() + local.x(), m_origin.y() + local.y()});
        return Point{round7(p.x()), round7(p.y())};
    }
    LineString lonlat(const LineString& line) const {
        LineString out;
        for (const Point& p : line) out.push_back(lonlat(p));
        return out;
    }
    Polygon lonlat(const Polygon& polygon) const {
        Polygon out;
        for (const Point& p : polygon.outer()) out.outer().push_back(lonlat(p));
        return out;
    }

private:
    static double round7(double v) { return std::round(v * 1e7) / 1e7; }
    crs::Transformer m_transformer;
    Point m_origin;
};

Layer make_layer(const std::string& name, std::vector<Field> fields) {
    Layer l;
    l.name = name;
    l.crs = geographic_crs;
    l.fields = std::move(fields);
    return l;
}

void add(Layer& layer, Geometry g, std::vector<Value> values) {
    Feature f;
    f.id = static_cast<std::int64_t>(layer.features.size()) + 1;
    f.geometry = std::move(g);
    f.values = std::move(values);
    layer.features.push_back(std::move(f));
}

constexpr FieldType text = FieldType::text, integer = FieldType::integer, real = FieldType::real;

void write(const std::filesystem::path& dir, const std::string& file, const Layer& layer, const std::string& what,
           const std::string& extra = {}) {
    io::WriteOptions options;
    options.overwrite = true;
    options.csv_encoding = "UTF-8";
    options.csv_geometry = false;  // residents.csv carries lon/lat columns of its own
    io::write_layer((dir / file).string(), layer, options);
    std::cout << file << ": " << layer.features.size() << ' ' << what << extra << '\n';
}

int run(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const Georeference geo;

    // Separate random streams, so that changing one part leaves the others as they were.
    Random shape_random(20240601), road_random(20240602), people_random(20240603), hub_random(20240604);
    const TownShape shape(shape_random);
    const std::vector<Settlement> settlements = make_settlements(shape);
    Network net;
    make_roads(net, shape, settlements, road_random);
    make_rail(net, shape, settlements);
    make_buses(net, settlements);
    const std::vector<Resident> residents = make_residents(shape, settlements, net, people_random);
    const std::vector<Hub> hubs = make_hubs(shape, settlements, hub_random);

    Layer city = make_layer("city", {{"name", text}, {"name_en", text}});
    add(city, geo.lonlat(shape.city()), {std::string("架空市"), std::string("Kaku City (fictional)")});
    write(dir, "city.geojson", city, "boundary");

    Layer welfare = make_layer("welfare_areas", {{"area_id", text}, {"name", text}, {"name_en", text}});
    for (const Area& a : shape.welfare_areas()) add(welfare, geo.lonlat(a.polygon), {a.id, a.name, a.name_en});
    write(dir, "welfare_areas.geojson", welfare, "welfare areas");

    Layer hoods = make_layer("neighbourhoods", {{"area_id", text}, {"name", text}, {"name_en", text}, {"welfare_area_id", text}});
    for (const Area& a : shape.neighbourhoods()) add(hoods, geo.lonlat(a.polygon), {a.id, a.name, a.name_en, a.parent_id});
    write(dir, "neighbourhoods.geojson", hoods, "neighbourhoods");

    Layer people = make_layer("residents", {{"resident_id", integer}, {"lon", real}, {"lat", real}, {"age", integer},
                                            {"age_band", text}, {"is_65plus", integer}, {"is_75plus", integer},
                                            {"household_id", integer}});
    std::size_t old = 0, very_old = 0;
    for (const Resident& r : residents) {
        const Point p = geo.lonlat(r.at);
        old += r.age >= 65;
        very_old += r.age >= 75;
        add(people, p, {r.id, p.x(), p.y(), std::int64_t{r.age}, age_band(r.age), std::int64_t{r.age >= 65},
                        std::int64_t{r.age >= 75}, r.household});
    }
    char shares[96];
    std::snprintf(shares, sizeof shares, " (65+ %.1f%%, 75+ %.1f%%, %lld households)", 100.0 * old / residents.size(),
                  100.0 * very_old / residents.size(), static_cast<long long>(residents.back().household));
    write(dir, "residents.csv", people, "residents", shares);

    Layer hub_layer = make_layer("hubs", {{"hub_id", text}, {"kind", text}, {"name", text}, {"name_en", text}, {"staff", FieldType::integer}});
    for (const Hub& h : hubs) add(hub_layer, geo.lonlat(h.at), {h.id, h.kind, h.name, h.name_en, static_cast<std::int64_t>(h.staff)});
    write(dir, "hubs.geojson", hub_layer, "hubs");

    Layer rail = make_layer("rail", {{"line_id", text}, {"name", text}, {"name_en", text}});
    add(rail, geo.lonlat(net.rail), {std::string("L1"), net.rail_name, net.rail_name_en});
    write(dir, "rail.geojson", rail, "railway line");

    Layer stations = make_layer("stations", {{"station_id", text}, {"name", text}, {"name_en", text}});
    for (const Station& s : net.stations) add(stations, geo.lonlat(s.at), {s.id, s.name, s.name_en});
    write(dir, "stations.geojson", stations, "stations");

    Layer stops = make_layer("bus_stops", {{"stop_id", text}, {"name", text}, {"name_en", text}, {"routes", text},
                                           {"departures_per_day", integer}});
    for (const BusStop& s : net.stops) {
        std::string routes;
        for (int r : s.routes) routes += (routes.empty() ? "" : ";") + std::to_string(r);
        add(stops, geo.lonlat(s.at), {s.id, s.name, s.name_en, routes, std::int64_t{s.departures_per_day}});
    }
    write(dir, "bus_stops.geojson", stops, "bus stops", " on " + std::to_string(net.routes.size()) + " routes");

    Layer roads = make_layer("roads", {{"road_id", integer}, {"highway", text}, {"maxspeed_kmh", integer}, {"oneway", integer},
                                       {"name", text}, {"name_en", text}});
    double length = 0;
    for (std::size_t i = 0; i < net.roads.size(); ++i) {
        const Road& r = net.roads[i];
        length += r.length_m;
        add(roads, geo.lonlat(r.line), {static_cast<std::int64_t>(i + 1), r.highway, std::int64_t{r.maxspeed_kmh},
                                        std::int64_t{r.oneway}, r.name, r.name_en});
    }
    char km[64];
    std::snprintf(km, sizeof km, " (%.1f km, %zu junctions)", length / 1000.0, net.nodes.size());
    write(dir, "roads.geojson", roads, "roads", km);

    std::cout << "gtfs/: " << write_gtfs((dir / "gtfs").string(), net, [&](const Point& p) { return geo.lonlat(p); }) << '\n';
    return 0;
}

}  // namespace
}  // namespace keniki::demo

int main(int argc, char** argv) {
    if (argc != 2 || std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help") {
        std::cerr << "usage: keniki_make_demo OUT_DIR\n"
                     "Writes the synthetic demo town (fictional) into OUT_DIR, replacing its own files.\n";
        return 2;
    }
    try {
        return keniki::demo::run(argv[1]);
    } catch (const keniki::UsageError& e) {
        std::cerr << "keniki_make_demo: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "keniki_make_demo: " << e.what() << '\n';
        return 1;
    }
}
