// bench_transport [--residents N] [--bus-stops N] [--stations N] [--repeat K] [--work DIR] [--with-postgis] [--real-stops]
//
// The transport-poor-zone performance target (issue): on a prefecture-sized input (>= 5,000 stops,
// >= 1,000,000 resident points) the classification of every resident (便利 / 不便 / 空白) in under
// 1 s on 2 cores; and the exact zone polygons (union of the stops' buffers, minus / clipped to the
// boundary) timed against PostGIS's ST_Union(ST_Buffer(...)) + ST_Difference on the same input, in
// the same run, with the ratio printed.
//
// 1. Generates a synthetic prefecture (fixed seeds, the same every time) in JGD2011 / Japan Plane
//    Rectangular CS III (EPSG:6671) metres: a ~100 km x 60 km irregular boundary of 360 vertices,
//    24 towns joined by meandering roads, 200 stations along four rail lines and in the towns,
//    5,500 bus stops along the roads and in the towns, 1,000,000 residents (70 % in the towns, 20 %
//    along the roads, 10 % anywhere). Every stop serves (no timetable), preset mlit-rural: stations
//    1000 m, bus stops 500 m.
// 2. Builds a minimal ModelInput (the study area as the only tier, one hub, straight-line cost),
//    runs analysis::run_model once (untimed setup), then times as the median of K runs (steady_clock):
//    the whole analysis::classify_transport; (a) the per-resident classification alone, as
//    transport.cpp does it (three nearest queries per resident through index::NearestPoint); (b) the
//    zone polygons step by step (geom::buffer_points: the stations' area, and every stop's circle
//    with its own radius in one union = the served area; intersection / difference with the study
//    area); the rest of the call; and, as a what-if, the served area built the old way (per radius).
// 3. With --with-postgis (as root): installs PostgreSQL + PostGIS with apt-get when they are missing,
//    starts the local cluster when it is down (and stops it again at the end), loads the same stops
//    and boundary into a scratch database over the unix socket (as the postgres user) and times
//    ST_Difference(boundary, ST_Union(ST_Buffer(stop, r, 16))) = the same 空白 zone; compares its area
//    with keniki's and prints the ratio. Without the flag it uses a server only when plain `psql`
//    (PG* variables) already reaches one with PostGIS.
// 4. --real-stops: the same steps again on real stops: Mine city's outline (N03), the 280 P11 bus stops
//    of Mine and just across its border, and the stations of the 2018 station list near it; the
//    residents there are synthetic (clustered around the real stops).
//
// See tools/bench/README.md for the figures of the last full-size run.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <boost/geometry.hpp>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/analysis/transport.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/nearest_point.hpp"
#include "keniki/index/polygon_index.hpp"
#include "keniki/io/read_layer.hpp"

#include "bench_support.hpp"

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;
namespace bg = boost::geometry;

constexpr const char* working_crs = "EPSG:6671";  // JGD2011 / Japan Plane Rectangular CS III (Yamaguchi)
constexpr const char* pg_database = "keniki_bench_transport";

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    std::size_t residents = 1'000'000;
    std::size_t bus_stops = 5'500;
    std::size_t stations = 200;
    int repeat = 3;
    std::string work;  ///< scratch directory for the PostGIS script; empty = a temporary one, removed at the end
    bool with_postgis = false;
    bool real_stops = false;
    std::string data_dir;  ///< ../shared/data by default
};

constexpr const char* k_usage =
    "usage: bench_transport [--residents N] [--bus-stops N] [--stations N] [--repeat K] [--work DIR]\n"
    "                       [--with-postgis] [--real-stops] [--data DIR]\n"
    "Generates a synthetic prefecture (N residents, default 1000000; 5500 bus stops, 200 stations), times\n"
    "analysis::classify_transport and its parts (median of K runs, default 3) and prints markdown tables.\n"
    "--with-postgis: install PostgreSQL + PostGIS with apt-get if missing, start the local cluster, and time\n"
    "ST_Difference(boundary, ST_Union(ST_Buffer(...))) on the same input (needs root; stops the cluster again\n"
    "if it started it). --real-stops: also run on Mine's real bus stops and stations (from --data, default\n"
    "../shared/data beside the project root).\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_transport", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--residents") o.residents = cl.count(1000);
        else if (a == "--bus-stops") o.bus_stops = cl.count(10);
        else if (a == "--stations") o.stations = cl.count(24);
        else if (a == "--repeat") o.repeat = static_cast<int>(cl.count(1));
        else if (a == "--work") o.work = cl.value();
        else if (a == "--data") o.data_dir = cl.value();
        else if (a == "--with-postgis") o.with_postgis = true;
        else if (a == "--real-stops") o.real_stops = true;
        else cl.unknown();
    }
    return o;
}

// ---------------------------------------------------------------------------------------------
// The inputs

struct Input {
    std::string name;         ///< for the tables
    std::string description;  ///< what it is, in words
    MultiPolygon study;
    std::vector<Point> residents;
    std::vector<analysis::Stop> stops;
    std::size_t boundary_vertices = 0;
};

/// Keeps the points that fall inside the study area (PolygonIndex, on all cores).
void keep_inside(const index::PolygonIndex& inside, std::vector<Point>& candidates, std::vector<Point>& out, std::size_t limit) {
    const auto where = inside.locate_all(candidates);
    for (std::size_t i = 0; i < candidates.size() && out.size() < limit; ++i) {
        if (where[i] >= 0) out.push_back(candidates[i]);
    }
    candidates.clear();
}

/// Fills `out` up to n points drawn by `draw` (which returns a candidate anywhere), keeping those inside.
template <typename Draw>
void fill_inside(const index::PolygonIndex& inside, std::vector<Point>& out, std::size_t n, Draw&& draw) {
    std::vector<Point> candidates;
    while (out.size() < n) {
        const std::size_t batch = std::max<std::size_t>(1024, (n - out.size()) * 5 / 4);
        for (std::size_t i = 0; i < batch; ++i) candidates.push_back(draw());
        keep_inside(inside, candidates, out, n);
    }
}

std::size_t vertex_count(const MultiPolygon& g) { return bg::num_points(g); }

Input make_prefecture(const Options& o) {
    Input in;
    in.name = "synthetic prefecture";
    constexpr double cx = -70000, cy = -180000;  // inside CS III (Yamaguchi), so the coordinates look like EPSG:6671

    // Boundary: a star-shaped outline around (cx, cy), an ellipse of 50 x 30 km radii with three
    // harmonics and per-vertex jitter; 360 vertices, counter-clockwise.
    Random shape(20250301);
    const double p1 = shape.uniform(0, 2 * M_PI), p2 = shape.uniform(0, 2 * M_PI), p3 = shape.uniform(0, 2 * M_PI);
    Polygon boundary;
    constexpr int vertices = 360;
    for (int v = 0; v < vertices; ++v) {
        const double t = 2 * M_PI * v / vertices;
        const double ex = 50000 * std::cos(t), ey = 30000 * std::sin(t);
        const double f = 1 + 0.07 * std::sin(3 * t + p1) + 0.04 * std::sin(7 * t + p2) + 0.02 * std::sin(17 * t + p3) + shape.uniform(-0.008, 0.008);
        boundary.outer().emplace_back(std::round((cx + f * ex) * 100) / 100, std::round((cy + f * ey) * 100) / 100);
    }
    boundary.outer().push_back(boundary.outer().front());
    bg::correct(boundary);
    in.study = MultiPolygon{boundary};
    in.boundary_vertices = vertex_count(in.study);
    const std::vector<MultiPolygon> study_list{in.study};
    const index::PolygonIndex inside(study_list, 256);

    // Towns: 24, the first the prefectural capital; shares of the town population ~ 1/(k+1).
    struct Town {
        Point at;
        double sd, share;
    };
    std::vector<Town> towns;
    Random place(20250302);
    double total_share = 0;
    while (towns.size() < 24) {
        const double t = place.uniform(0, 2 * M_PI), r = std::sqrt(place.uniform()) * 0.8;
        const Point p{cx + r * 45000 * std::cos(t), cy + r * 27000 * std::sin(t)};
        bool crowded = false;
        for (const Town& other : towns) crowded = crowded || bg::distance(p, other.at) < 7000;
        if (crowded) continue;
        const double share = 1.0 / static_cast<double>(towns.size() + 1);
        towns.push_back(Town{p, 500 + 2500 * std::sqrt(share), share});
        total_share += share;
    }
    for (Town& t : towns) t.share /= total_share;

    // Roads: the minimum spanning tree of the towns (Prim) plus a second link from every fourth town,
    // drawn as polylines with a vertex every ~1 km, jittered sideways.
    std::vector<std::pair<std::size_t, std::size_t>> links;
    {
        std::vector<bool> in_tree(towns.size(), false);
        in_tree[0] = true;
        for (std::size_t added = 1; added < towns.size(); ++added) {
            double best = std::numeric_limits<double>::infinity();
            std::pair<std::size_t, std::size_t> edge{0, 0};
            for (std::size_t a = 0; a < towns.size(); ++a) {
                if (!in_tree[a]) continue;
                for (std::size_t b = 0; b < towns.size(); ++b) {
                    const double d = in_tree[b] ? best : bg::distance(towns[a].at, towns[b].at);
                    if (d < best) {
                        best = d;
                        edge = {a, b};
                    }
                }
            }
            in_tree[edge.second] = true;
            links.push_back(edge);
        }
        for (std::size_t a = 3; a < towns.size(); a += 4) {
            std::size_t second = a;
            double best = std::numeric_limits<double>::infinity();
            for (std::size_t b = 0; b < towns.size(); ++b) {
                const bool linked = std::any_of(links.begin(), links.end(), [&](const auto& l) {
                    return (l.first == a && l.second == b) || (l.first == b && l.second == a);
                });
                const double d = bg::distance(towns[a].at, towns[b].at);
                if (b != a && !linked && d < best) {
                    best = d;
                    second = b;
                }
            }
            if (second != a) links.emplace_back(a, second);
        }
    }
    Random road_shape(20250303);
    std::vector<LineString> roads;
    std::vector<double> road_length;
    for (const auto& [a, b] : links) {
        const Point &p = towns[a].at, &q = towns[b].at;
        const double len = bg::distance(p, q);
        const int steps = std::max(2, static_cast<int>(len / 1000));
        const double nx = -(q.y() - p.y()) / len, ny = (q.x() - p.x()) / len;
        LineString road;
        double offset = 0;
        for (int s = 0; s <= steps; ++s) {
            const double f = static_cast<double>(s) / steps;
            if (s > 0 && s < steps) offset = std::clamp(offset + road_shape.uniform(-250, 250), -1500.0, 1500.0);
            else offset = 0;
            road.emplace_back(p.x() + f * (q.x() - p.x()) + offset * nx, p.y() + f * (q.y() - p.y()) + offset * ny);
        }
        road_length.push_back(bg::length(road));
        roads.push_back(std::move(road));
    }
    const double total_road = std::accumulate(road_length.begin(), road_length.end(), 0.0);
    auto point_along = [&](std::size_t r, double at) {
        const LineString& road = roads[r];
        for (std::size_t s = 1; s < road.size(); ++s) {
            const double seg = bg::distance(road[s - 1], road[s]);
            if (at <= seg || s + 1 == road.size()) {
                const double f = seg > 0 ? std::min(1.0, at / seg) : 0;
                return Point{road[s - 1].x() + f * (road[s].x() - road[s - 1].x()), road[s - 1].y() + f * (road[s].y() - road[s - 1].y())};
            }
            at -= seg;
        }
        return road.back();
    };
    auto random_on_roads = [&](Random& rnd) {
        double at = rnd.uniform(0, total_road);
        std::size_t r = 0;
        while (r + 1 < roads.size() && at > road_length[r]) at -= road_length[r++];
        return point_along(r, at);
    };

    // Stations: 30 % at the towns (a station near each town centre, more in the big ones), the rest at
    // equal spacing along the four roads between the biggest towns' neighbours (the "rail lines").
    Random st(20250304);
    std::vector<Point> station_points;
    for (std::size_t t = 0; station_points.size() < o.stations * 3 / 10; t = (t + 1) % towns.size()) {
        station_points.emplace_back(st.normal(towns[t].at.x(), towns[t].sd * 0.5), st.normal(towns[t].at.y(), towns[t].sd * 0.5));
    }
    {
        std::vector<std::size_t> order(roads.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            const auto w = [&](std::size_t r) { return towns[links[r].first].share + towns[links[r].second].share; };
            return w(x) > w(y);
        });
        const std::size_t lines = std::min<std::size_t>(roads.size(), 8);
        double rail = 0;
        for (std::size_t l = 0; l < lines; ++l) rail += road_length[order[l]];
        const double spacing = rail / static_cast<double>(o.stations - station_points.size());
        for (std::size_t l = 0; l < lines && station_points.size() < o.stations; ++l) {
            for (double at = spacing / 2; at < road_length[order[l]] && station_points.size() < o.stations; at += spacing)
                station_points.push_back(point_along(order[l], at));
        }
        while (station_points.size() < o.stations) station_points.push_back(random_on_roads(st));
    }
    std::vector<Point> stations_inside;
    for (std::size_t pass = 0; stations_inside.size() < o.stations; ++pass) {
        std::vector<Point> c = station_points;
        keep_inside(inside, c, stations_inside, o.stations);
        if (stations_inside.size() < o.stations) {
            station_points.clear();
            for (std::size_t i = stations_inside.size(); i < o.stations; ++i) station_points.push_back(random_on_roads(st));
        }
    }

    // Bus stops: 45 % along the roads (every few hundred metres, a little to the side), 55 % in the towns.
    Random bus(20250305);
    std::vector<Point> bus_points;
    const std::size_t on_roads = o.bus_stops * 45 / 100;
    fill_inside(inside, bus_points, on_roads, [&] {
        const Point p = random_on_roads(bus);
        return Point{p.x() + bus.normal(0, 60), p.y() + bus.normal(0, 60)};
    });
    fill_inside(inside, bus_points, o.bus_stops, [&] {
        double pick = bus.uniform();
        std::size_t t = 0;
        while (t + 1 < towns.size() && pick > towns[t].share) pick -= towns[t++].share;
        return Point{bus.normal(towns[t].at.x(), towns[t].sd * 1.3), bus.normal(towns[t].at.y(), towns[t].sd * 1.3)};
    });

    char id[24];
    for (std::size_t i = 0; i < stations_inside.size(); ++i) {
        std::snprintf(id, sizeof id, "S%04zu", i);
        in.stops.push_back(analysis::Stop{id, std::string("station ") + id, analysis::Stop::Kind::station,
                                          Point{std::round(stations_inside[i].x() * 100) / 100, std::round(stations_inside[i].y() * 100) / 100},
                                          std::nullopt, "synthetic", ""});
    }
    for (std::size_t i = 0; i < bus_points.size(); ++i) {
        std::snprintf(id, sizeof id, "B%05zu", i);
        in.stops.push_back(analysis::Stop{id, std::string("bus stop ") + id, analysis::Stop::Kind::bus_stop,
                                          Point{std::round(bus_points[i].x() * 100) / 100, std::round(bus_points[i].y() * 100) / 100},
                                          std::nullopt, "synthetic", ""});
    }

    // Residents: 70 % in the towns, 20 % along the roads (within a few hundred metres), 10 % anywhere.
    Random people(20250306);
    in.residents.reserve(o.residents);
    const std::size_t in_towns = o.residents * 7 / 10, along_roads = o.residents * 9 / 10;
    fill_inside(inside, in.residents, in_towns, [&] {
        double pick = people.uniform();
        std::size_t t = 0;
        while (t + 1 < towns.size() && pick > towns[t].share) pick -= towns[t++].share;
        return Point{people.normal(towns[t].at.x(), towns[t].sd), people.normal(towns[t].at.y(), towns[t].sd)};
    });
    fill_inside(inside, in.residents, along_roads, [&] {
        const Point p = random_on_roads(people);
        return Point{p.x() + people.normal(0, 400), p.y() + people.normal(0, 400)};
    });
    const Box box = bounds_of(in.study);
    fill_inside(inside, in.residents, o.residents, [&] {
        return Point{people.uniform(box.min_corner().x(), box.max_corner().x()), people.uniform(box.min_corner().y(), box.max_corner().y())};
    });

    std::ostringstream d;
    d << "synthetic prefecture in EPSG:6671 metres: " << std::lround((box.max_corner().x() - box.min_corner().x()) / 1000) << " km x "
      << std::lround((box.max_corner().y() - box.min_corner().y()) / 1000) << " km, boundary of " << in.boundary_vertices << " vertices, "
      << std::lround(geom::area(in.study) / 1e6) << " km²; " << towns.size() << " towns, " << roads.size() << " roads (" << std::lround(total_road / 1000)
      << " km); " << stations_inside.size() << " stations + " << bus_points.size() << " bus stops = " << in.stops.size() << " stops; "
      << in.residents.size() << " residents (70 % in towns, 20 % along roads, 10 % anywhere)";
    in.description = d.str();
    return in;
}

/// Real stops: Mine city's outline, the P11 bus stops of Mine and just across its border, the stations
/// of the 2018 list within 3 km of Mine's box; N synthetic residents clustered around the real stops.
Input make_real_stops(const Options& o, const fs::path& data) {
    Input in;
    in.name = "Mine, real stops";
    const fs::path outline = data / "boundaries" / "35213.json";
    const fs::path bus_file = data / "mine" / "busstops_P11-22_Mine_bbox_incl_neighbours.geojson";
    const fs::path station_file = data / "stations" / "stations_pref35_40_43_2018.csv";
    for (const auto& f : {outline, bus_file, station_file}) {
        if (!fs::exists(f)) throw UsageError("--real-stops needs " + f.string() + " (see --data)");
    }
    auto to_working = [](Layer layer) {
        const crs::Transformer t(layer.crs.empty() ? "EPSG:4326" : layer.crs, working_crs);
        for (auto& f : layer.features) crs::transform(f.geometry, t);
        return layer;
    };
    const Layer boundary = to_working(io::read_layer(outline.string()));
    for (const auto& f : boundary.features) {
        for (const auto& p : geom::as_multi_polygon(f.geometry)) in.study.push_back(p);
    }
    in.boundary_vertices = vertex_count(in.study);
    const Box box = bounds_of(in.study);
    const Layer bus = to_working(io::read_layer(bus_file.string()));
    const auto name_field = bus.field_index("name");
    for (const auto& f : bus.features) {
        if (const auto* p = std::get_if<Point>(&f.geometry)) {
            std::string name = name_field ? std::get<std::string>(f.values[*name_field]) : "";
            in.stops.push_back(analysis::Stop{"P11-" + std::to_string(f.id), name, analysis::Stop::Kind::bus_stop, *p, std::nullopt, "P11-22", ""});
        }
    }
    const std::size_t n_bus = in.stops.size();
    const Layer stations = to_working(io::read_layer(station_file.string()));
    const auto station_name = stations.field_index("station_name");
    for (const auto& f : stations.features) {
        const auto* p = std::get_if<Point>(&f.geometry);
        if (!p || p->x() < box.min_corner().x() - 3000 || p->x() > box.max_corner().x() + 3000 || p->y() < box.min_corner().y() - 3000 ||
            p->y() > box.max_corner().y() + 3000)
            continue;
        std::string name;
        if (station_name && std::holds_alternative<std::string>(f.values[*station_name])) name = std::get<std::string>(f.values[*station_name]);
        in.stops.push_back(analysis::Stop{"station-" + std::to_string(f.id), name, analysis::Stop::Kind::station, *p, std::nullopt, "stations 2018", ""});
    }
    const std::size_t n_stations = in.stops.size() - n_bus;

    const std::vector<MultiPolygon> study_list{in.study};
    const index::PolygonIndex inside(study_list, 256);
    Random people(20250310);
    fill_inside(inside, in.residents, o.residents * 7 / 10, [&] {
        const Point& s = in.stops[people.index(in.stops.size())].location;
        return Point{people.normal(s.x(), 500), people.normal(s.y(), 500)};
    });
    fill_inside(inside, in.residents, o.residents, [&] {
        return Point{people.uniform(box.min_corner().x(), box.max_corner().x()), people.uniform(box.min_corner().y(), box.max_corner().y())};
    });
    std::ostringstream d;
    d << "Mine city outline (N03 2022, " << in.boundary_vertices << " vertices, " << std::lround(geom::area(in.study) / 1e6) << " km²) in EPSG:6671; "
      << n_bus << " real bus stops (P11-22, Mine and just across its border) + " << n_stations << " real stations (2018 list, within 3 km of Mine's box); "
      << in.residents.size() << " synthetic residents (70 % clustered around random stops, normal with σ = 500 m; 30 % anywhere in the city)";
    in.description = d.str();
    return in;
}

struct ModelSetup {
    analysis::ModelInput input;
    std::unique_ptr<analysis::CostModel> cost;
};

/// The study area as the only tier (one unit), one hub, straight-line cost.
std::unique_ptr<ModelSetup> make_model(const Input& in) {
    auto m = std::make_unique<ModelSetup>();
    analysis::ModelInput& mi = m->input;
    mi.study_area = in.study;
    const std::size_t n = in.residents.size();
    mi.residents.points = in.residents;
    mi.residents.population.assign(n, 1.0);
    mi.residents.age65.resize(n);
    mi.residents.age75.resize(n);
    mi.residents.source_id.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        mi.residents.age65[i] = i % 5 < 2 ? 1.0 : 0.0;  // 40 % aged 65+, 20 % aged 75+
        mi.residents.age75[i] = i % 5 < 1 ? 1.0 : 0.0;
        mi.residents.source_id[i] = static_cast<std::int64_t>(i) + 1;
    }
    mi.facilities.push_back(analysis::Facility{"H0", "prefectural office", "office", "bench", geom::interior_point(in.study)});
    m->cost = analysis::make_straight_line_cost();
    analysis::TierInput tier;
    tier.id = "study";
    tier.name = "全域";
    tier.name_en = "Study area";
    tier.units.push_back(analysis::Unit{"study", in.name, in.study});
    tier.hubs = {0};
    tier.cost = m->cost.get();
    tier.reach = 200000;
    mi.tiers.push_back(std::move(tier));
    return m;
}

// ---------------------------------------------------------------------------------------------
// PostGIS

const PgWanted k_postgis{"bench_transport",
                          "--with-postgis",
                          "PostGIS",
                          "SELECT postgis_lib_version()",
                          {"postgresql", "postgresql-15-postgis-3"},
                          {"postgis"},
                          pg_database};

std::string wkt_of(const MultiPolygon& g) {
    std::ostringstream s;
    s.precision(17);
    s << "MULTIPOLYGON(";
    for (std::size_t p = 0; p < g.size(); ++p) {
        s << (p ? ",(" : "(");
        auto ring = [&](const auto& r) {
            s << "(";
            for (std::size_t i = 0; i < r.size(); ++i) s << (i ? "," : "") << r[i].x() << ' ' << r[i].y();
            s << ")";
        };
        ring(g[p].outer());
        for (const auto& inner : g[p].inners()) {
            s << ",";
            ring(inner);
        }
        s << ")";
    }
    s << ")";
    return s.str();
}

struct PgResult {
    bool ok = false;
    std::string problem;
    Stats blank, buffer, unite, difference;
    double blank_area = 0;
    std::string version;
};

/// The same 空白 zone in PostGIS: K runs each of the whole statement, and of its parts, each timed by
/// psql with the server's CPU time where it can be read (PsqlTimings).
PgResult postgis_blank(const PgServer& pg, const Input& in, const analysis::TransportOptions& o, const fs::path& dir, int k) {
    PgResult r;
    const fs::path script = dir / "postgis_blank.sql";
    const char* names[] = {"BLANK", "BUFFER", "UNION", "DIFF"};
    {
        std::ofstream s(script);
        s.precision(17);
        s << "\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\n";
        PsqlTimings::write_setup(s, pg.superuser);
        s << "CREATE TEMP TABLE kt_stops_raw (kind text, x float8, y float8);\nCOPY kt_stops_raw FROM STDIN WITH (FORMAT csv);\n";
        for (const auto& stop : in.stops)
            s << (stop.kind == analysis::Stop::Kind::station ? "station" : "bus") << ',' << stop.location.x() << ',' << stop.location.y() << '\n';
        s << "\\.\nCREATE TEMP TABLE kt_study_raw (wkt text);\nCOPY kt_study_raw FROM STDIN WITH (FORMAT csv);\n\"" << wkt_of(in.study) << "\"\n\\.\n"
          << "CREATE TEMP TABLE s AS SELECT kind, ST_SetSRID(ST_MakePoint(x, y), 6671) AS geom FROM kt_stops_raw;\n"
             "CREATE TEMP TABLE b AS SELECT ST_GeomFromText(wkt, 6671) AS geom FROM kt_study_raw;\n"
             "ANALYZE s;\nANALYZE b;\n"
             "SELECT 'VERSION|' || split_part(version(), ' ', 2) || ' / PostGIS ' || postgis_lib_version() || ' / GEOS ' || postgis_geos_version();\n";
        const std::string radius = "CASE WHEN kind = 'station' THEN " + fixed(o.station_radius_m, 1) + " ELSE " + fixed(o.bus_stop_radius_m, 1) + " END";
        const std::string buffers = "ST_Buffer(geom, " + radius + ", " + std::to_string(o.quadrant_segments) + ")";
        const std::string statements[] = {
            "SELECT 'BLANK|' || ST_Area(ST_Difference(b.geom, u.geom)) FROM b, (SELECT ST_Union(" + buffers + ") AS geom FROM s) u;",
            "SELECT 'BUFFER|' || sum(ST_NPoints(" + buffers + ")) FROM s;",
            "CREATE TEMP TABLE u AS SELECT ST_Union(" + buffers + ") AS geom FROM s;",
            "SELECT 'DIFF|' || ST_Area(ST_Difference(b.geom, u.geom)) FROM b, u;"};
        for (int run = 0; run < k; ++run) {
            for (int st = 0; st < 4; ++st) PsqlTimings::write_timed(s, pg.superuser, names[st], statements[st]);
            s << "DROP TABLE u;\n";
        }
    }
    const auto [rc, out] = shell(pg.psql + " < " + quoted(script.string()));
    PsqlTimings timings;
    std::istringstream lines(out);
    for (std::string l; std::getline(lines, l);) {
        if (timings.read(l)) continue;
        if (l.rfind("BLANK|", 0) == 0) {
            r.blank_area = std::atof(l.c_str() + 6);
        } else if (l.rfind("VERSION|", 0) == 0) {
            r.version = "PostgreSQL " + l.substr(8);
        }
    }
    if (rc != 0 || !timings.timed(names, k)) {
        r.problem = "psql failed (exit " + std::to_string(rc) + "): " + first_line(out);
        return r;
    }
    r.blank = timings.stats("BLANK");
    r.buffer = timings.stats("BUFFER");
    r.unite = timings.stats("UNION");
    r.difference = timings.stats("DIFF");
    r.ok = true;
    return r;
}

// ---------------------------------------------------------------------------------------------
// The benchmark of one input

struct Report {
    std::vector<TableRow> rows;
    std::vector<std::string> checks;
    std::vector<std::string> postgis;
};

Report bench_input(const Input& in, const Options& opt, const PgServer* pg, const fs::path& dir) {
    const int k = opt.repeat;
    const std::size_t n = in.residents.size();
    Report rep;
    auto& rows = rep.rows;
    const std::string ns = std::to_string(n), nstops = std::to_string(in.stops.size());

    std::cerr << "bench_transport [" << in.name << "]: run_model (setup)\n";
    const auto setup = make_model(in);
    analysis::ModelResult model;
    const Stats model_s = time_runs(1, [&] { model = analysis::run_model(setup->input); });
    rows.push_back({"setup: analysis::run_model (1 tier = the study area, 1 hub), once", model_s, "", {}, "classify_transport needs its result; no target"});

    const analysis::TransportOptions o = analysis::transport_preset("mlit-rural");
    std::cerr << "bench_transport [" << in.name << "]: classify_transport\n";
    analysis::TransportResult result;
    const Stats whole = time_runs(k, [&] { result = analysis::classify_transport(setup->input, model, in.stops, o); }, [&] { result = {}; });
    rows.push_back(row_with_target("**analysis::classify_transport, whole call** (" + ns + " residents, " + nstops + " stops: zones + classes + unit figures)",
                                   whole, 1.0, "strict reading of the target: every resident classified *and* the zones built"));

    // (a) The per-resident classification alone, as transport.cpp's classify_points does it.
    std::vector<Point> stations, low_service, bus;
    for (const auto& s : in.stops) (s.kind == analysis::Stop::Kind::station ? stations : bus).push_back(s.location);
    const auto cost = analysis::make_straight_line_cost(o.quadrant_segments);
    std::vector<analysis::TransportClass> cls;
    auto classify = [&] {
        cls.assign(n, analysis::TransportClass::blank);
        std::vector<std::int32_t> which;
        std::vector<double> d;
        auto mark = [&](const std::vector<Point>& targets, double radius, analysis::TransportClass c) {
            if (targets.empty()) return;
            cost->nearest(in.residents, targets, which, d);
            for (std::size_t i = 0; i < n; ++i) {
                if (d[i] <= radius && static_cast<int>(c) < static_cast<int>(cls[i])) cls[i] = c;
            }
        };
        mark(stations, o.station_radius_m, analysis::TransportClass::convenient);
        mark(low_service, o.station_radius_m, analysis::TransportClass::inconvenient);
        mark(bus, o.bus_stop_radius_m, analysis::TransportClass::inconvenient);
    };
    const Stats a = time_runs(k, classify);
    rows.push_back(row_with_target("**a. per-resident classification alone** (classify_points: CostModel::nearest to " + std::to_string(stations.size()) +
                                       " stations, then to " + std::to_string(bus.size()) + " bus stops; thresholds)",
                                   a, 1.0, "the target as the issue words it"));
    {
        std::optional<index::NearestPoint> np_st, np_bus;
        const Stats b1 = time_runs(k, [&] { np_st.emplace(stations); });
        const Stats b2 = time_runs(k, [&] { np_bus.emplace(bus); });
        std::vector<std::int32_t> which;
        std::vector<double> d;
        const Stats q1 = time_runs(k, [&] { np_st->nearest_all(in.residents, which, d); });
        const Stats q2 = time_runs(k, [&] { np_bus->nearest_all(in.residents, which, d); });
        const Stats thr = time_runs(k, [&] {
            for (std::size_t i = 0; i < n; ++i) {
                if (d[i] <= o.bus_stop_radius_m && cls[i] == analysis::TransportClass::blank) cls[i] = analysis::TransportClass::inconvenient;
            }
        });
        rows.push_back({"  a1. index::NearestPoint build, " + std::to_string(stations.size()) + " stations", b1, "", {}, percent_of(b1.median, a.median) + " of a"});
        rows.push_back({"  a2. index::NearestPoint build, " + std::to_string(bus.size()) + " bus stops", b2, "", {}, percent_of(b2.median, a.median) + " of a"});
        rows.push_back({"  a3. nearest_all, " + ns + " residents → stations", q1, "", {}, percent_of(q1.median, a.median) + " of a"});
        rows.push_back({"  a4. nearest_all, " + ns + " residents → bus stops", q2, "", {}, percent_of(q2.median, a.median) + " of a"});
        rows.push_back({"  a5. threshold loop (one of the two, serial)", thr, "", {}, percent_of(thr.median, a.median) + " of a"});
    }
    classify();  // cls back to the real classes

    // (b) The zones, step by step, as classify_transport builds them.
    std::cerr << "bench_transport [" << in.name << "]: zones step by step\n";
    MultiPolygon conv, served, z0, study_served, z1, z2;
    std::vector<Point> every_stop(stations.begin(), stations.end());
    every_stop.insert(every_stop.end(), bus.begin(), bus.end());
    std::vector<double> radius(stations.size(), o.station_radius_m);
    radius.insert(radius.end(), bus.size(), o.bus_stop_radius_m);
    const Stats buf_st = time_runs(k, [&] { conv = geom::buffer_points(stations, o.station_radius_m, o.quadrant_segments); });
    const Stats buf_all = time_runs(k, [&] { served = geom::buffer_points(every_stop, radius, o.quadrant_segments); });
    const Stats i0 = time_runs(k, [&] { z0 = geom::intersection(in.study, conv); });
    const Stats iss = time_runs(k, [&] { study_served = geom::intersection(in.study, served); });
    const Stats d1 = time_runs(k, [&] { z1 = geom::difference(study_served, conv); });
    const Stats d2 = time_runs(k, [&] { z2 = geom::difference(in.study, served); });
    double areas[3] = {};
    const Stats ar = time_runs(k, [&] {
        areas[0] = geom::area(z0);
        areas[1] = geom::area(z1);
        areas[2] = geom::area(z2);
    });
    const std::vector<const Stats*> b_steps = {&buf_st, &buf_all, &i0, &iss, &d1, &d2, &ar};
    Stats zones_total;
    zones_total.min = zones_total.max = zones_total.cpu_per_run = 0;
    for (const Stats* st : b_steps) {
        zones_total.median += st->median;
        zones_total.min += st->min;
        zones_total.max += st->max;
        zones_total.cpu_per_run += st->cpu_per_run;
    }
    zones_total.runs = k;
    const double zones_sum = zones_total.median;
    rows.push_back({"**b. zone polygons** (sum of b1–b7: the 3 zones clipped to the study area)", zones_total, "", {},
                    "GEOS, one core; " + percent_of(zones_sum, whole.median) + " of the whole call"});
    auto vtx = [](const MultiPolygon& g) { return std::to_string(g.size()) + " polygons, " + std::to_string(vertex_count(g)) + " vertices"; };
    rows.push_back({"  b1. geom::buffer_points, " + std::to_string(stations.size()) + " stations × " + fixed(o.station_radius_m, 0) +
                        " m (buffer each + UnaryUnion) = stations' area",
                    buf_st, "", {}, percent_of(buf_st.median, zones_sum) + " of b; " + vtx(conv)});
    rows.push_back({"  b2. geom::buffer_points, all " + nstops + " stops with their radii, one UnaryUnion = served", buf_all, "", {},
                    percent_of(buf_all.median, zones_sum) + " of b; " + vtx(served)});
    rows.push_back({"  b3. intersection(study, stations' area) = 便利", i0, "", {}, percent_of(i0.median, zones_sum) + " of b"});
    rows.push_back({"  b4. intersection(study, served)", iss, "", {}, percent_of(iss.median, zones_sum) + " of b"});
    rows.push_back({"  b5. difference(b4, stations' area) = 不便", d1, "", {}, percent_of(d1.median, zones_sum) + " of b"});
    rows.push_back({"  b6. difference(study, served) = 空白", d2, "", {}, percent_of(d2.median, zones_sum) + " of b; " + vtx(z2)});
    rows.push_back({"  b7. geom::area × 3", ar, "", {}, percent_of(ar.median, zones_sum) + " of b"});

    // (c) The rest of the call: the per-unit areas (1 unit here) and the stops' units.
    const auto& units = setup->input.tiers[0].units;
    const Stats ua = time_runs(k, [&] {
        for (const auto& u : units) {
            for (std::size_t c = 0; c < 3; ++c) (void)geom::intersection_area(u.geometry, result.zones[c]);
        }
    });
    std::vector<Point> stop_points;
    for (const auto& s : in.stops) stop_points.push_back(s.location);
    const Stats su = time_runs(k, [&] {
        std::vector<MultiPolygon> g;
        for (const auto& u : units) g.push_back(u.geometry);
        (void)index::PolygonIndex(g, 0).locate_all(stop_points);
    });
    rows.push_back({"c1. per-unit zone areas: intersection_area(unit, zone) × 3 classes × " + std::to_string(units.size()) + " unit", ua, "", {},
                    percent_of(ua.median, whole.median) + " of the whole call"});
    rows.push_back({"c2. stops' units: PolygonIndex(units, 0).locate_all(" + nstops + " stops)", su, "", {}, percent_of(su.median, whole.median) + " of the whole call"});

    // The 空白 zone alone, as PostGIS is asked for it (b2 + b6), timed as one piece.
    MultiPolygon blank;
    const Stats blank_s = time_runs(k, [&] { blank = geom::difference(in.study, geom::buffer_points(every_stop, radius, o.quadrant_segments)); });
    rows.push_back({"**空白 zone alone** (buffer_points of every stop + difference(study, served)): what PostGIS is timed on", blank_s, "", {},
                    fixed(geom::area(blank) / 1e6, 2) + " km²"});

    // What-if, the way keniki built the served area before: one union per radius, then the union of
    // the two (it merges the same boundaries twice).
    {
        MultiPolygon by_radius;
        const Stats old_way = time_runs(k, [&] {
            std::vector<MultiPolygon> parts{geom::buffer_points(stations, o.station_radius_m, o.quadrant_segments),
                                            geom::buffer_points(bus, o.bus_stop_radius_m, o.quadrant_segments)};
            by_radius = geom::union_all(parts);
        });
        rows.push_back({"what-if: served as buffer_points per radius + union_all of the two (before 2026-11-23), instead of b2", old_way, "", {},
                        "b2 = " + fixed(buf_all.median) + " s; same area: " + (std::abs(geom::area(by_radius) - geom::area(served)) < 1 ? "yes" : "**no**")});
    }

    // Checks.
    std::cerr << "bench_transport [" << in.name << "]: checks\n";
    {
        std::array<double, 3> people{};
        for (std::size_t i = 0; i < n; ++i) people[static_cast<std::size_t>(result.model_resident_class[i])] += 1;
        std::ostringstream c;
        c << "classes (whole call): 便利 " << std::lround(people[0]) << ", 不便 " << std::lround(people[1]) << ", 空白 " << std::lround(people[2])
          << " residents; areas 便利 " << fixed(result.study.area_m2[0] / 1e6, 2) << " km², 不便 " << fixed(result.study.area_m2[1] / 1e6, 2) << " km², 空白 "
          << fixed(result.study.area_m2[2] / 1e6, 2) << " km² (sum " << fixed((result.study.area_m2[0] + result.study.area_m2[1] + result.study.area_m2[2]) / 1e6, 2)
          << " of the study area's " << fixed(geom::area(in.study) / 1e6, 2) << " km²)";
        rep.checks.push_back(c.str());
        bool same = cls.size() == result.model_resident_class.size();
        for (std::size_t i = 0; same && i < n; ++i) same = cls[i] == result.model_resident_class[i];
        rep.checks.push_back(std::string("step a gives the same class as the whole call for every resident: ") + (same ? "yes" : "**NO**"));
        rep.checks.push_back("step b's zone areas equal the whole call's: " +
                             std::string(std::abs(areas[0] - result.study.area_m2[0]) < 1 && std::abs(areas[1] - result.study.area_m2[1]) < 1 &&
                                                 std::abs(areas[2] - result.study.area_m2[2]) < 1
                                             ? "yes"
                                             : "**NO**") +
                             "; 空白 alone " + fixed(geom::area(blank) / 1e6, 4) + " km² vs " + fixed(result.study.area_m2[2] / 1e6, 4) + " km²");
        // Residents against the polygons: the circles are inscribed 4n-gons (n = 32: 128-gons), so only
        // residents within r(1 - cos(π/4n)) ≈ 0.15 m (bus) / 0.3 m (stations) of a circle can differ.
        // One index entry per polygon of each zone (a zone as one multipolygon of ~40,000 vertices makes
        // every point-in-polygon test walk all of them).
        std::vector<MultiPolygon> pieces;
        std::vector<std::size_t> piece_class;
        for (std::size_t c = 0; c < 3; ++c) {
            for (const auto& p : result.zones[c]) {
                pieces.push_back(MultiPolygon{p});
                piece_class.push_back(c);
            }
        }
        // A sample (every k-th resident): the big 空白 polygon with its hundreds of holes makes each test slow.
        const std::size_t stride = std::max<std::size_t>(1, n / 50000);
        std::vector<Point> sample;
        std::vector<std::size_t> sample_of;
        for (std::size_t i = 0; i < n; i += stride) {
            sample.push_back(in.residents[i]);
            sample_of.push_back(i);
        }
        const auto where = index::PolygonIndex(pieces, 1024).locate_all(sample);
        std::size_t differ = 0, nowhere = 0;
        for (std::size_t j = 0; j < sample.size(); ++j) {
            if (where[j] < 0) ++nowhere;
            else if (piece_class[static_cast<std::size_t>(where[j])] != static_cast<std::size_t>(result.model_resident_class[sample_of[j]])) ++differ;
        }
        rep.checks.push_back("residents whose zone polygon disagrees with their class (a sample of 1 in " + std::to_string(stride) + ", " +
                             std::to_string(sample.size()) + " residents): " + std::to_string(differ) + " (" +
                             fixed(100.0 * static_cast<double>(differ) / static_cast<double>(sample.size()), 4) +
                             " %; circles vs inscribed " + std::to_string(4 * o.quadrant_segments) + "-gons), in no zone: " + std::to_string(nowhere));
    }

    // PostGIS.
    if (pg && pg->ok) {
        std::cerr << "bench_transport [" << in.name << "]: PostGIS\n";
        const PgResult p = postgis_blank(*pg, in, o, dir, k);
        if (!p.ok) {
            rep.postgis.push_back("PostGIS: " + p.problem);
        } else {
            const double keniki_blank = result.study.area_m2[2];
            const double rel = keniki_blank > 0 ? std::abs(p.blank_area - keniki_blank) / keniki_blank : 0;
            TableRow pr{"PostGIS: ST_Difference(boundary, ST_Union(ST_Buffer(stop, r, 16))) = 空白, one statement", p.blank, "", {},
                   fixed(p.blank.median / blank_s.median, 2) + "× keniki's 空白 alone, " + fixed(p.blank.median / zones_sum, 2) + "× keniki's b (3 zones)"};
            rows.push_back(pr);
            rows.push_back({"  PostGIS: ST_Buffer alone (sum of ST_NPoints)", p.buffer, "", {}, percent_of(p.buffer.median, p.blank.median) + " of it"});
            rows.push_back({"  PostGIS: ST_Union(ST_Buffer(...)) into a temp table", p.unite, "", {}, percent_of(p.unite.median, p.blank.median) + " of it"});
            rows.push_back({"  PostGIS: ST_Difference(boundary, union)", p.difference, "", {}, percent_of(p.difference.median, p.blank.median) + " of it"});
            std::ostringstream l;
            l << "**PostGIS " << p.version << "**: 空白 in one statement median " << fixed(p.blank.median) << " s (min " << fixed(p.blank.min) << ", max "
              << fixed(p.blank.max) << "), keniki's 空白 alone " << fixed(blank_s.median) << " s → **ratio PostGIS / keniki = "
              << fixed(p.blank.median / blank_s.median, 2) << "×** (against keniki's three zones, b: " << fixed(p.blank.median / zones_sum, 2)
              << "×)";
            if (p.blank.cpu_per_run > 0 && blank_s.cpu_per_run > 0)
                l << "; in CPU time (the server process's own, against keniki's) " << fixed(p.blank.cpu_per_run, 2) << " s vs " << fixed(blank_s.cpu_per_run, 2)
                  << " s = " << fixed(p.blank.cpu_per_run / blank_s.cpu_per_run, 2) << "×";
            l << ". 空白 area: PostGIS " << fixed(p.blank_area / 1e6, 4) << " km², keniki " << fixed(keniki_blank / 1e6, 4) << " km², difference "
              << fixed(100 * rel, 5) << " % (" << (rel < 0.001 ? "within" : "**NOT within**") << " 0.1 %)";
            rep.postgis.push_back(l.str());
        }
    } else if (pg) {
        rep.postgis.push_back("PostGIS: skipped — " + pg->why_not);
    }
    return rep;
}

int run(const Options& opt) {
    const WorkDir work(opt.work, "keniki-bench-transport");

    std::vector<Input> inputs;
    std::cerr << "bench_transport: generating the synthetic prefecture\n";
    const auto t0 = Clock::now();
    inputs.push_back(make_prefecture(opt));
    const double generate_s = seconds_since(t0);
    if (opt.real_stops) inputs.push_back(make_real_stops(opt, opt.data_dir.empty() ? shared_data_dir() : fs::path(opt.data_dir)));

    PgServer pg = prepare_postgres(k_postgis, opt.with_postgis);
    std::vector<Report> reports;
    try {
        for (const auto& in : inputs) reports.push_back(bench_input(in, opt, &pg, work.path()));
    } catch (...) {
        finish_postgres(pg, "bench_transport");
        throw;
    }
    finish_postgres(pg, "bench_transport");

    bool all_pass = true;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const Input& in = inputs[i];
        const Report& r = reports[i];
        std::cout << "\n## bench_transport: " << in.name << "\n\n"
                  << "Input: " << in.description << ". Preset mlit-rural (stations 1000 m, bus stops 500 m, "
                  << analysis::transport_preset("mlit-rural").quadrant_segments << " segments per quarter circle); every stop serves.\n"
                  << "Machine: " << machine_description() << ". Median/min/max of " << opt.repeat << " runs each, steady_clock";
        if (i == 0) std::cout << "; generating the input took " << fixed(generate_s, 2) << " s (not timed below)";
        std::cout << ".\n\n";
        print_rows(std::cout, r.rows);
        print_list(std::cout, "Checks:", r.checks);
        print_list(std::cout, "PostGIS:", r.postgis);
        all_pass = all_pass && all_passed(r.rows);
    }
    print_list(std::cout, "PostGIS set-up by this run:", pg.log);
    return all_pass ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    const auto options = keniki::bench::parse_options(argc, argv);
    return keniki::bench::report_errors("bench_transport", [&] { return keniki::bench::run(options); });
}
