// bench_network [--pbf PATH] [--residents N] [--hubs N] [--repeat K] [--pg-residents N] [--with-pgrouting] [--work DIR]
//
// The road-network performance target (issue 5): Liechtenstein drive graph, 50 hubs, 1,000,000
// resident points: graph build from the PBF, snapping, multi-source Dijkstra and per-resident results
// in under 1 s on 2 cores (graph build reported separately); one 30-minute drive isochrone polygon in
// under 50 ms; pgRouting's pgr_drivingDistance on the same graph in the same run, with the ratio.
//
// 1. Builds the drive network from the Liechtenstein extract as `keniki run` does (network::read_roads
//    with the automatic working CRS, EPSG:32632 here; network::build_network, largest component).
// 2. Generates deterministic inputs on it (fixed seeds, own random numbers): 50 hubs on road
//    junctions whose roads are all two-way (so that a hub is exactly a graph node for pgRouting too),
//    most in the Rhine-valley towns, a few on the hills; N residents, 85 % around road nodes of the
//    towns (normal offsets of ~120 m), 15 % around any road node of the extract (~250 m, hills
//    included), plus a handful more than 1 km from every road (the "not placed" report).
// 3. Times, median of K runs: the per-resident job of a drive tier exactly as `keniki run` does it
//    (analysis::NetworkCost built on the network, then NetworkCost::nearest()), and its parts
//    through the public network API (Snapper, snap_all, multi-source Dijkstra, the per-resident loop
//    of network::nearest_hubs), checked to give the same result bit for bit; one 30-minute drive
//    isochrone from Vaduz (network::isochrones).
// 4. pgRouting: with --with-pgrouting (as root) installs postgresql-15-pgrouting (and PostGIS) with
//    apt-get when missing, starts the local cluster (stopped again at the end), loads the same edges
//    (id, source, target, cost, reverse_cost in seconds, -1 for a closed direction, and the edge
//    lines) with COPY and times (a) pgr_drivingDistance from the hubs' nodes, 30 min, equicost,
//    against keniki's multi-source Dijkstra, node costs compared; (b) the reference job, the
//    nearest hub of a sample of residents (KNN snap to the nearest edge with `<->` + one
//    pgr_drivingDistance from all hubs + the costs along the snapped edge and the access leg, the
//    same rules as keniki), against NetworkCost on the same sample, costs compared per resident.
//    Without the flag a server is used only when plain `psql` reaches one with pgRouting.
//
// See tools/bench/README.md for the figures of the last full run.

#include <algorithm>
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

#include "keniki/analysis/network_cost.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/network/dijkstra.hpp"
#include "keniki/network/graph.hpp"
#include "keniki/network/isochrone.hpp"
#include "keniki/network/road_data.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/search.hpp"
#include "keniki/network/snap.hpp"

#include "bench_support.hpp"

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;
namespace bg = boost::geometry;

constexpr const char* pg_database = "keniki_bench_network";
constexpr double k_inf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    std::string pbf;                      ///< empty: ../shared/data/osm/liechtenstein-latest.osm.pbf beside the project root
    std::size_t residents = 1'000'000;
    std::size_t hubs = 50;
    int repeat = 3;
    double minutes = 30;                  ///< the isochrone's and pgr_drivingDistance's threshold
    std::size_t pg_residents = 200'000;   ///< residents in pgRouting's per-resident job (the issue's reference size)
    bool with_pgrouting = false;
    std::string work;                     ///< where the SQL scripts go; empty = a temporary directory, removed at the end
};

constexpr const char* k_usage =
    "usage: bench_network [--pbf PATH] [--residents N] [--hubs N] [--repeat K] [--minutes M] [--pg-residents N]\n"
    "                     [--with-pgrouting] [--work DIR]\n"
    "Builds the drive network of PATH (default: the Liechtenstein extract in ../shared/data/osm), places N\n"
    "residents (default 1000000) and N hubs (default 50) on it, times the per-resident job of a drive tier\n"
    "(analysis::NetworkCost::nearest) and its parts, and one M-minute isochrone (default 30) from Vaduz: median\n"
    "of K runs (default 3), as markdown tables. --with-pgrouting (root): install PostgreSQL + PostGIS +\n"
    "pgRouting with apt-get if missing, start the local cluster, and time pgr_drivingDistance and a\n"
    "per-resident job for --pg-residents residents (default 200000) on the same graph, with the ratio.\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_network", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--pbf") o.pbf = cl.value();
        else if (a == "--residents") o.residents = cl.count(1000);
        else if (a == "--hubs") o.hubs = cl.count(1);
        else if (a == "--repeat") o.repeat = static_cast<int>(cl.count(1));
        else if (a == "--minutes") o.minutes = cl.positive();
        else if (a == "--pg-residents") o.pg_residents = cl.count(1);
        else if (a == "--with-pgrouting") o.with_pgrouting = true;
        else if (a == "--work") o.work = cl.value();
        else cl.unknown();
    }
    return o;
}

std::string g17(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

// ---------------------------------------------------------------------------------------------
// The inputs

/// The municipalities of Liechtenstein (and two hamlets up the valley), weights roughly their
/// populations; `hill` for the villages on the slopes.
struct Town {
    const char* name;
    double lon, lat;
    double weight;
    double radius_m;  ///< road nodes within this distance of the centre belong to the town
    bool hill;
};

constexpr Town k_towns[] = {
    {"Schaan", 9.5095, 47.1650, 6100, 1300, false},      {"Vaduz", 9.5209, 47.1410, 5700, 1300, false},
    {"Triesen", 9.5280, 47.1080, 5200, 1200, false},     {"Balzers", 9.4960, 47.0667, 4700, 1200, false},
    {"Eschen", 9.5220, 47.2110, 4500, 1100, false},      {"Mauren", 9.5440, 47.2190, 4400, 1100, false},
    {"Triesenberg", 9.5420, 47.1180, 2600, 1000, true},  {"Ruggell", 9.5250, 47.2380, 2300, 1000, false},
    {"Gamprin", 9.5090, 47.2200, 1700, 900, false},      {"Schellenberg", 9.5460, 47.2310, 1100, 800, true},
    {"Planken", 9.5440, 47.1850, 480, 600, true},        {"Malbun", 9.6097, 47.1014, 200, 600, true},
    {"Steg", 9.5730, 47.1140, 100, 500, true},
};

struct Inputs {
    std::vector<Point> residents;
    std::vector<Point> hubs;
    std::vector<network::NodeId> hub_nodes;  ///< the graph node each hub stands on
    std::size_t in_towns = 0, anywhere = 0, far = 0;
    std::vector<std::string> notes;
};

Inputs make_inputs(const network::RoadNetwork& net, const Options& o) {
    Inputs in;
    const crs::Transformer to_working("EPSG:4326", net.crs);
    const std::size_t n_towns = std::size(k_towns);
    std::vector<Point> centre(n_towns);
    std::vector<std::vector<network::NodeId>> town_nodes(n_towns);
    for (std::size_t t = 0; t < n_towns; ++t) centre[t] = to_working.forward(Point{k_towns[t].lon, k_towns[t].lat});
    for (network::NodeId v = 0; v < net.node_count(); ++v) {
        for (std::size_t t = 0; t < n_towns; ++t) {
            if (bg::distance(net.node_point[v], centre[t]) <= k_towns[t].radius_m) {
                town_nodes[t].push_back(v);
                break;
            }
        }
    }
    double total_weight = 0;
    for (std::size_t t = 0; t < n_towns; ++t) {
        if (town_nodes[t].empty()) throw DataError(std::string("no road node near ") + k_towns[t].name + ": is this the Liechtenstein extract?");
        total_weight += k_towns[t].weight;
    }

    // Hubs: on junctions whose every road is open both ways, so that standing at the node means the
    // same in keniki (snapped to one of its edges at an end) and in pgRouting (a start vertex).
    std::vector<char> two_way(net.node_count(), 1);
    std::vector<int> degree(net.node_count(), 0);
    for (network::EdgeId e = 0; e < net.edge_count(); ++e) {
        const bool both = net.edge_forward_s[e] != network::k_closed && net.edge_backward_s[e] != network::k_closed;
        for (const network::NodeId v : {net.edge_u[e], net.edge_v[e]}) {
            ++degree[v];
            if (!both) two_way[v] = 0;
        }
    }
    auto hub_ok = [&](network::NodeId v) {
        return two_way[v] && degree[v] >= 2 && std::find(in.hub_nodes.begin(), in.hub_nodes.end(), v) == in.hub_nodes.end();
    };
    Random place(20251105);
    const std::size_t in_town_hubs = o.hubs - o.hubs / 6;  // 50 -> 42 in the towns, 8 anywhere (hills included)
    for (std::size_t h = 0, guard = 0; in.hub_nodes.size() < in_town_hubs && guard < 1000000; ++guard) {
        // Every town gets one in turn, the rest by weight.
        std::size_t t = h < n_towns ? h : 0;
        if (h >= n_towns) {
            double pick = place.uniform(0, total_weight);
            while (t + 1 < n_towns && pick > k_towns[t].weight) pick -= k_towns[t++].weight;
        }
        const network::NodeId v = town_nodes[t][place.index(town_nodes[t].size())];
        if (!hub_ok(v)) continue;
        in.hub_nodes.push_back(v);
        ++h;
    }
    for (std::size_t guard = 0; in.hub_nodes.size() < o.hubs && guard < 1000000; ++guard) {
        const auto v = static_cast<network::NodeId>(place.index(net.node_count()));
        if (hub_ok(v)) in.hub_nodes.push_back(v);
    }
    if (in.hub_nodes.size() < o.hubs) throw DataError("could not place " + std::to_string(o.hubs) + " hubs on two-way junctions");
    for (const network::NodeId v : in.hub_nodes) in.hubs.push_back(net.node_point[v]);

    // Residents, in random order (as a file would list them, not sorted by place).
    const network::Snapper probe(net);
    const Box box = bounds_of(MultiPoint(net.node_point.begin(), net.node_point.end()));
    const std::size_t far_wanted = std::min<std::size_t>(50, o.residents / 1000);
    std::vector<Point> far;
    Random remote(20251106);
    for (std::size_t guard = 0; far.size() < far_wanted && guard < 1000000; ++guard) {
        const Point p{remote.uniform(box.min_corner().x(), box.max_corner().x()), remote.uniform(box.min_corner().y(), box.max_corner().y())};
        if (!probe.snap(p, 1000).ok()) far.push_back(p);
    }
    Random people(20251107);
    const std::size_t n = o.residents;
    in.residents.reserve(n);
    const std::size_t far_every = far.empty() ? 0 : n / far.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (far_every && i % far_every == far_every / 2 && in.far < far.size()) {
            in.residents.push_back(far[in.far++]);
            continue;
        }
        if (people.uniform() < 0.85) {
            double pick = people.uniform(0, total_weight);
            std::size_t t = 0;
            while (t + 1 < n_towns && pick > k_towns[t].weight) pick -= k_towns[t++].weight;
            const Point& at = net.node_point[town_nodes[t][people.index(town_nodes[t].size())]];
            in.residents.emplace_back(people.normal(at.x(), 120), people.normal(at.y(), 120));
            ++in.in_towns;
        } else {
            const Point& at = net.node_point[people.index(net.node_count())];
            in.residents.emplace_back(people.normal(at.x(), 250), people.normal(at.y(), 250));
            ++in.anywhere;
        }
    }
    std::size_t hill_hubs = 0;
    for (const network::NodeId v : in.hub_nodes) {
        for (std::size_t t = 0; t < n_towns; ++t) {
            if (k_towns[t].hill && std::find(town_nodes[t].begin(), town_nodes[t].end(), v) != town_nodes[t].end()) ++hill_hubs;
        }
    }
    std::ostringstream d;
    d << in.hubs.size() << " hubs on two-way junctions (" << in_town_hubs << " in the " << n_towns << " towns, at least one each, "
      << hill_hubs << " of them in the hill villages; " << in.hubs.size() - in_town_hubs << " anywhere); " << n << " residents: " << in.in_towns
      << " around road nodes of the towns (σ = 120 m), " << in.anywhere << " around any road node of the extract (σ = 250 m), " << in.far
      << " more than 1 km from every road";
    in.notes.push_back(d.str());
    return in;
}

// ---------------------------------------------------------------------------------------------
// The per-resident job through the public network API, step by step (as network::nearest_hubs does it)

struct Steps {
    std::vector<network::Snap> origin_snaps, hub_snaps;
    std::optional<network::Dijkstra> search;
    std::vector<std::pair<network::EdgeId, std::uint32_t>> on_edge;
    std::vector<std::int32_t> hub;
    std::vector<double> cost_min;
};

void search_from_hubs(Steps& s, const network::RoadNetwork& net) {
    s.search.emplace(network::search_graph(net, network::Direction::inbound));
    s.on_edge.clear();
    for (std::size_t j = 0; j < s.hub_snaps.size(); ++j) {
        const network::Snap& h = s.hub_snaps[j];
        if (!h.ok()) continue;
        network::add_source(*s.search, net, network::PlacedSource{h, network::access_seconds(net, h.access_m), static_cast<std::uint32_t>(j)},
                            network::Direction::inbound);
        s.on_edge.emplace_back(h.edge, static_cast<std::uint32_t>(j));
    }
    std::sort(s.on_edge.begin(), s.on_edge.end());
    s.search->run();
}

void per_resident(Steps& s, const network::RoadNetwork& net) {
    const std::size_t n = s.origin_snaps.size();
    s.hub.assign(n, -1);
    s.cost_min.assign(n, k_inf);
    parallel_chunks(n, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const network::Snap& p = s.origin_snaps[i];
            if (!p.ok()) continue;
            std::uint32_t label = 0;
            double best = network::cost_through_ends(*s.search, net, p, network::Direction::inbound, &label);
            auto it = std::lower_bound(s.on_edge.begin(), s.on_edge.end(), std::pair<network::EdgeId, std::uint32_t>{p.edge, 0});
            for (; it != s.on_edge.end() && it->first == p.edge; ++it) {
                const network::Snap& h = s.hub_snaps[it->second];
                const double c = network::access_seconds(net, h.access_m) + network::cost_along_edge(net, p, h);
                if (c < best || (c == best && it->second < label)) {
                    best = c;
                    label = it->second;
                }
            }
            if (best == k_inf) continue;
            s.hub[i] = static_cast<std::int32_t>(label);
            s.cost_min[i] = (best + network::access_seconds(net, p.access_m)) / 60.0;
        }
    });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL + PostGIS + pgRouting

const PgWanted k_pgrouting{"bench_network",
                            "--with-pgrouting",
                            "PostGIS and pgRouting",
                            "SELECT pgr_version(), postgis_lib_version()",
                            {"postgresql", "postgresql-15-postgis-3", "postgresql-15-pgrouting"},
                            {"postgis", "pgrouting"},
                            pg_database};

struct PgRun {
    bool ok = false;
    std::string problem;
    std::string version;
    Stats load, dd_equicost, dd_per_source, snap, job;
    std::map<network::NodeId, double> equicost_cost;    ///< node -> agg_cost, pgr_drivingDistance with equicost
    std::map<network::NodeId, double> per_source_cost;  ///< node -> the smallest agg_cost over the per-source rows
    std::vector<double> job_cost_s;                     ///< per sampled resident: seconds, infinity when not placed / reached
    std::size_t job_rows = 0;
};

/// Runs the pgRouting script: loads the network's edges and the sampled residents, then K runs of
/// each timed statement (psql \timing: wall time as the client sees it). A superuser session also
/// reads the server's CPU time around each statement: the backend's own (/proc/self/stat) plus what
/// the postmaster reaped meanwhile (its cutime + cstime: the parallel workers), and the machine's
/// busy time (/proc/stat), for the same CPU and others'-load columns as keniki's rows.
PgRun run_pgrouting(const PgServer& pg, const network::RoadNetwork& net, const Inputs& in, const std::vector<std::size_t>& sample, double minutes,
                    const fs::path& dir, int k) {
    PgRun r;
    const fs::path script = dir / "pgrouting.sql";
    std::string hub_array = "ARRAY[";
    for (std::size_t j = 0; j < in.hub_nodes.size(); ++j) hub_array += (j ? "," : "") + std::to_string(in.hub_nodes[j] + 1);
    hub_array += "]::bigint[]";
    // keniki's residents travel to the hubs (inbound): pgRouting searches from the hubs on the
    // reversed graph, i.e. with cost and reverse_cost swapped.
    const std::string edges_sql = "'SELECT id, source, target, reverse_cost AS cost, cost AS reverse_cost FROM kn_edges'";
    auto dd_call = [&](const std::string& limit, bool equicost) {
        return "pgr_drivingDistance(" + edges_sql + ", " + hub_array + ", " + limit + "::float8, directed => true, equicost => " +
               (equicost ? "true" : "false") + ")";
    };
    const std::string limit = g17(minutes * 60);
    // Each node's cost from its nearest hub: the smallest over the per-source rows. (equicost => true
    // should give the same, but in pgRouting 3.4 it does not always: see the checks.)
    const std::string per_source = "SELECT node, min(agg_cost) AS agg_cost FROM " + dd_call(limit, false) + " GROUP BY node";
    // The nearest edge by the GiST index (KNN); of the 8 nearest, the one keniki takes on a tie (the
    // smaller id). `ORDER BY geom <-> r.geom, id` directly would make PostgreSQL sort every edge.
    const std::string knn =
        "SELECT r.id, e.id AS edge, e.source, e.target, e.cost, e.reverse_cost, ST_LineLocatePoint(e.geom, r.geom) AS f, e.d "
        "FROM kn_res r CROSS JOIN LATERAL (SELECT * FROM (SELECT id, source, target, cost, reverse_cost, geom, geom <-> r.geom AS d FROM kn_edges "
        "ORDER BY geom <-> r.geom LIMIT 8) c ORDER BY d, id LIMIT 1) e";
    // keniki's rules: a closed direction is unusable, but a point standing on an end of its edge
    // (f = 0 or 1) is at that node whichever way the edge runs (network/search.cpp).
    const std::string foot = g17(net.foot_speed_ms());
    const std::string job =
        "CREATE TEMP TABLE kn_out AS WITH dd AS (SELECT node, min(agg_cost) AS agg_cost FROM " + dd_call("1e12", false) +
        " GROUP BY node), snap AS (" + knn +
        ") SELECT s.id, LEAST(du.agg_cost + CASE WHEN s.f = 0 THEN 0 WHEN s.reverse_cost >= 0 THEN s.reverse_cost * s.f END, "
        "dv.agg_cost + CASE WHEN s.f = 1 THEN 0 WHEN s.cost >= 0 THEN s.cost * (1 - s.f) END) + s.d / " + foot + "::float8 AS cost_s "
        "FROM snap s LEFT JOIN dd du ON du.node = s.source LEFT JOIN dd dv ON dv.node = s.target WHERE s.d <= 500;";
    const char* names[] = {"DDEQ", "DDPS", "SNAP", "JOB"};
    constexpr int n_statements = 4;
    const std::string statements[] = {"SELECT 'DDSUM|' || count(*) || '|' || sum(agg_cost) FROM " + dd_call(limit, true) + ";",
                                       "SELECT 'DDSUM|' || count(*) || '|' || sum(agg_cost) FROM (" + per_source + ") d;",
                                       "SELECT 'SNAPSUM|' || count(*) || '|' || sum(d) FROM (" + knn + ") s WHERE d <= 500;", job};
    {
        std::ofstream s(script);
        s << "\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\nSET extra_float_digits = 3;\n"
             "SELECT 'VERSION|PostgreSQL ' || split_part(version(), ' ', 2) || ' / PostGIS ' || postgis_lib_version() || ' / pgRouting ' || pgr_version();\n";
        PsqlTimings::write_setup(s, pg.superuser);
        // Loading, timed once.
        PsqlTimings::write_probe(s, pg.superuser, "PRE", "LOAD");
        s << "\\timing on\n"
             "DROP TABLE IF EXISTS kn_edges, kn_res;\n"
             "CREATE TABLE kn_edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL, cost float8 NOT NULL, "
             "reverse_cost float8 NOT NULL, wkt text);\n"
             "COPY kn_edges FROM STDIN WITH (FORMAT csv);\n";
        for (network::EdgeId e = 0; e < net.edge_count(); ++e) {
            s << e + 1 << ',' << net.edge_u[e] + 1 << ',' << net.edge_v[e] + 1 << ','
              << (net.edge_forward_s[e] == network::k_closed ? std::string("-1") : g17(net.edge_forward_s[e])) << ','
              << (net.edge_backward_s[e] == network::k_closed ? std::string("-1") : g17(net.edge_backward_s[e])) << ",\"LINESTRING(";
            const auto line = net.edge_line(e);
            for (std::size_t i = 0; i < line.size(); ++i) s << (i ? "," : "") << g17(line[i].x()) << ' ' << g17(line[i].y());
            s << ")\"\n";
        }
        const auto epsg = crs::epsg_code(net.crs);
        const std::string srid = std::to_string(epsg ? *epsg : 0);
        s << "\\.\n"
             "ALTER TABLE kn_edges ADD COLUMN geom geometry(LineString, " << srid << ");\n"
             "UPDATE kn_edges SET geom = ST_GeomFromText(wkt, " << srid << ");\n"
             "ALTER TABLE kn_edges DROP COLUMN wkt;\n"
             "CREATE INDEX kn_edges_geom ON kn_edges USING gist (geom);\n"
             "CREATE TABLE kn_res (id bigint PRIMARY KEY, x float8, y float8);\n"
             "COPY kn_res FROM STDIN WITH (FORMAT csv);\n";
        for (const std::size_t i : sample) s << i << ',' << g17(in.residents[i].x()) << ',' << g17(in.residents[i].y()) << '\n';
        s << "\\.\n"
             "ALTER TABLE kn_res ADD COLUMN geom geometry(Point, " << srid << ");\n"
             "UPDATE kn_res SET geom = ST_SetSRID(ST_MakePoint(x, y), " << srid << ");\n"
             "VACUUM ANALYZE kn_edges;\nVACUUM ANALYZE kn_res;\n"
             "\\timing off\n";
        PsqlTimings::write_probe(s, pg.superuser, "POST", "LOAD");
        s << "EXPLAIN " << knn << ";\n";  // the plan goes to stderr: the KNN must use the GiST index
        for (int run = 0; run < k; ++run) {
            for (int st = 0; st < n_statements; ++st) PsqlTimings::write_timed(s, pg.superuser, names[st], statements[st]);
            if (run + 1 < k) s << "DROP TABLE kn_out;\n";
        }
        s << "SELECT 'R|' || id || '|' || COALESCE(cost_s::text, 'inf') FROM kn_out;\n"
             "SELECT 'N|' || node || '|' || agg_cost FROM " << dd_call(limit, true) << ";\n"
             "SELECT 'M|' || node || '|' || agg_cost FROM (" << per_source << ") d;\n";
    }
    const auto [rc, out] = shell(pg.psql + " < " + quoted(script.string()));

    PsqlTimings timings;
    std::istringstream lines(out);
    r.job_cost_s.assign(sample.size(), k_inf);
    std::map<std::size_t, std::size_t> sample_pos;
    for (std::size_t j = 0; j < sample.size(); ++j) sample_pos[sample[j]] = j;
    for (std::string l; std::getline(lines, l);) {
        if (timings.read(l)) continue;
        if (l.rfind("R|", 0) == 0) {
            const auto bar = l.find('|', 2);
            const std::size_t id = std::strtoull(l.c_str() + 2, nullptr, 10);
            const std::string v = l.substr(bar + 1);
            if (const auto it = sample_pos.find(id); it != sample_pos.end()) r.job_cost_s[it->second] = v == "inf" || v.empty() ? k_inf : std::atof(v.c_str());
            ++r.job_rows;
        } else if (l.rfind("N|", 0) == 0 || l.rfind("M|", 0) == 0) {
            const auto bar = l.find('|', 2);
            const auto node = static_cast<network::NodeId>(std::strtoull(l.c_str() + 2, nullptr, 10) - 1);
            (l[0] == 'N' ? r.equicost_cost : r.per_source_cost)[node] = std::atof(l.c_str() + bar + 1);
        } else if (l.rfind("VERSION|", 0) == 0) {
            r.version = l.substr(8);
        } else if (l.find("Index Scan") != std::string::npos || l.find("Sort") != std::string::npos) {
            std::cerr << "bench_network: pgRouting plan: " << l << "\n";
        }
    }
    if (rc != 0 || !timings.timed(names, k)) {
        r.problem = "psql failed (exit " + std::to_string(rc) + "): " + first_line(out);
        std::istringstream all(out);
        for (std::string l; std::getline(all, l);) {
            if (l.find("ERROR") != std::string::npos) r.problem += " — " + l;
        }
        return r;
    }
    r.load = timings.total("LOAD");  // loading is several statements: their times add up to one run
    r.dd_equicost = timings.stats("DDEQ");
    r.dd_per_source = timings.stats("DDPS");
    r.snap = timings.stats("SNAP");
    r.job = timings.stats("JOB");
    r.ok = true;
    return r;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

struct Report {
    std::string graph;
    std::vector<std::string> input_notes;
    std::vector<TableRow> rows;
    std::vector<TableRow> pg_rows;
    std::vector<std::string> checks;
    std::vector<std::string> pg_lines;
};

int run(const Options& opt) {
    const int k = opt.repeat;
    const fs::path pbf = opt.pbf.empty() ? shared_data_dir() / "osm" / "liechtenstein-latest.osm.pbf" : fs::path(opt.pbf);
    if (!fs::exists(pbf)) throw UsageError("no OSM file at " + pbf.string() + " (see --pbf)");
    // psql reads its script through the calling shell's redirection: no access needed for postgres.
    const WorkDir work(opt.work, "keniki-bench-network");
    const fs::path& dir = work.path();
    Report rep;
    auto& rows = rep.rows;

    // 1. The graph, as `keniki run` builds it for a drive tier.
    std::cerr << "bench_network: graph build\n";
    network::RoadReadOptions read;  // crs = auto
    network::TravelOptions drive;
    drive.mode = network::Mode::drive;
    std::optional<network::RoadData> roads;
    const Stats read_s = time_runs(k, [&] { roads = network::read_roads(pbf.string(), read); }, [&] { roads.reset(); });
    std::shared_ptr<const network::RoadNetwork> net;
    const Stats build_s = time_runs(k, [&] { net = std::make_shared<const network::RoadNetwork>(network::build_network(*roads, drive)); }, [&] { net.reset(); });
    const Stats graph_s = time_runs(
        k,
        [&] {
            const network::RoadData r = network::read_roads(pbf.string(), read);
            net = std::make_shared<const network::RoadNetwork>(network::build_network(r, drive));
        },
        [&] { net.reset(); });
    {
        const auto& b = net->report;
        std::ostringstream g;
        g << pbf.filename().string() << " (" << fs::file_size(pbf) / 1024 << " KiB): " << roads->ways.size() << " road ways read, working CRS "
          << roads->crs << " (" << roads->crs_reason << "); drive graph " << b.nodes << " nodes, " << b.edges << " edges, " << b.arcs << " arcs, "
          << fixed(b.length_m / 1000, 1) << " km (" << b.components.dropped << " of " << b.components.count << " components dropped: "
          << b.components.dropped_nodes << " nodes, " << fixed(b.components.dropped_length_m / 1000, 1) << " km)";
        rep.graph = g.str();
    }

    // 2. The inputs.
    std::cerr << "bench_network: inputs\n";
    const Inputs in = make_inputs(*net, opt);
    rep.input_notes = in.notes;
    const std::size_t n = in.residents.size();
    const std::string ns = std::to_string(n), nh = std::to_string(in.hubs.size());

    // 3. The per-resident job, as `keniki run` does it for a drive tier.
    std::cerr << "bench_network: per-resident job\n";
    analysis::NetworkCostOptions cost_options;  // max_snap_m 500, as a plan's [network] by default
    std::unique_ptr<analysis::NetworkCost> cost;
    std::vector<std::int32_t> hub;
    std::vector<double> minutes;
    const Stats job = time_runs(
        k,
        [&] {
            cost = std::make_unique<analysis::NetworkCost>(net, cost_options);
            cost->nearest(in.residents, in.hubs, hub, minutes);
        },
        [&] {
            cost.reset();
            hub = {};
            minutes = {};
        });
    const analysis::NetworkCostReport cost_report = cost->last_report();
    const Stats ctor = time_runs(k, [&] { cost = std::make_unique<analysis::NetworkCost>(net, cost_options); }, [&] { cost.reset(); });
    const Stats near = time_runs(k, [&] { cost->nearest(in.residents, in.hubs, hub, minutes); }, [&] {
        hub = {};
        minutes = {};
    });
    const Stats whole = time_runs(
        k,
        [&] {
            const network::RoadData r = network::read_roads(pbf.string(), read);
            auto g = std::make_shared<const network::RoadNetwork>(network::build_network(r, drive));
            const analysis::NetworkCost c(g, cost_options);
            c.nearest(in.residents, in.hubs, hub, minutes);
        },
        [&] {
            hub = {};
            minutes = {};
        });
    cost->nearest(in.residents, in.hubs, hub, minutes);  // the result compared below

    // Its parts through the public network API.
    std::optional<network::Snapper> snapper;
    const Stats s_index = time_runs(k, [&] { snapper.emplace(*net); }, [&] { snapper.reset(); });
    Steps st;
    const Stats s_snap = time_runs(k, [&] { st.origin_snaps = snapper->snap_all(in.residents, cost_options.snap.max_snap_m); }, [&] { st.origin_snaps = {}; });
    const Stats s_hubs = time_runs(k, [&] { st.hub_snaps = snapper->snap_all(in.hubs, cost_options.snap.max_snap_m); });
    const Stats s_search = time_runs(k, [&] { search_from_hubs(st, *net); }, [&] { st.search.reset(); });
    const Stats s_loop = time_runs(k, [&] { per_resident(st, *net); }, [&] {
        st.hub = {};
        st.cost_min = {};
    });

    // Shares of a step in CPU time where both are measurable (the machine is shared: wall times of
    // separately timed steps move with the others' load), else in wall time.
    auto share = [](const Stats& part, const Stats& whole, const std::string& of) {
        if (part.cpu_per_run >= 0 && whole.cpu_per_run >= 0.01) return percent_of(part.cpu_per_run, whole.cpu_per_run) + " of " + of + "'s CPU";
        return percent_of(part.median, whole.median) + " of " + of;
    };
    rows.push_back({"graph: network::read_roads (PBF → ways in " + roads->crs + ")", read_s, "", {}, ""});
    rows.push_back({"graph: network::build_network (drive)", build_s, "", {}, ""});
    rows.push_back({"**graph build from the PBF** (read_roads + build_network)", graph_s, "", {}, "reported separately (issue 5)"});
    rows.push_back(row_with_target("**per-resident job**: analysis::NetworkCost built on the graph + NetworkCost::nearest(" + ns + " residents, " + nh +
                                       " hubs)",
                                   job, 1.0, "snapping + multi-source Dijkstra + per-resident results, as `keniki run` does a drive tier"));
    rows.push_back({"  a. NetworkCost construction (network::Snapper: grid of the edge segments)", ctor, "", {}, share(ctor, job, "the job")});
    rows.push_back({"  b. NetworkCost::nearest()", near, "", {}, share(near, job, "the job")});
    rows.push_back({"    b1. Snapper::snap_all, " + ns + " residents", s_snap, "", {}, share(s_snap, near, "b")});
    rows.push_back({"    b2. Snapper::snap_all, " + nh + " hubs", s_hubs, "", {}, share(s_hubs, near, "b")});
    rows.push_back({"    b3. multi-source Dijkstra from the hubs (inbound, no cut-off: " + std::to_string(st.search->settled_nodes().size()) + " nodes settled)",
                    s_search, "", {}, share(s_search, near, "b")});
    rows.push_back({"    b4. per-resident cost and hub (cost_through_ends + hubs on the same edge + access legs)", s_loop, "", {},
                    share(s_loop, near, "b")});
    rows.push_back({"    (Snapper construction alone, = a)", s_index, "", {}, ""});
    rows.push_back(row_with_target("**all of it**: read_roads + build_network + NetworkCost + nearest()", whole, 1.0,
                                   "the strict reading: graph build included"));

    // 4. One isochrone from Vaduz.
    std::cerr << "bench_network: isochrone\n";
    const crs::Transformer to_working("EPSG:4326", net->crs);
    const std::vector<Point> vaduz = {to_working.forward(Point{9.5209, 47.1410})};
    const std::vector<double> thresholds = {opt.minutes};
    std::vector<network::Isochrone> iso;
    const int k_iso = std::max(k, 5);
    const Stats iso_s = time_runs(k_iso, [&] { iso = network::isochrones(*snapper, vaduz, thresholds); });
    network::IsochroneOptions exact_options;
    exact_options.area.shape.method = geom::LineBuffer::exact;
    std::vector<network::Isochrone> iso_exact;
    const Stats iso_exact_s = time_runs(k, [&] { iso_exact = network::isochrones(*snapper, vaduz, thresholds, exact_options); });
    std::vector<network::Stretch> stretches;
    std::vector<LineString> lines;
    const Stats iso_search = time_runs(k_iso, [&] {
        const network::Snap s = snapper->snap(vaduz[0], 500);
        network::Dijkstra d(net->forward);
        const network::PlacedSource src{s, network::access_seconds(*net, s.access_m), 0};
        network::add_source(d, *net, src, network::Direction::outbound);
        d.run(opt.minutes * 60);
        stretches = network::reached_stretches(*net, d, std::span<const network::PlacedSource>(&src, 1), network::Direction::outbound, opt.minutes * 60);
        lines = network::stretch_lines(*net, stretches);
    });
    {
        const std::string mins = fixed(opt.minutes, 0);
        const auto& r = iso.at(0);
        std::size_t vertices = bg::num_points(r.area);
        rows.push_back(row_with_target("**" + mins + "-minute drive isochrone from Vaduz**: network::isochrones (one origin, default options)", iso_s, 0.05,
                                       fixed(geom::area(r.area) / 1e6, 2) + " km², " + std::to_string(r.area.size()) + " polygons, " + std::to_string(vertices) +
                                           " vertices; " + fixed(r.road_m / 1000, 1) + " km of road; median of " + std::to_string(k_iso) + " runs"));
        rows.push_back({"  its search part: snap + Dijkstra to " + mins + " min + reached_stretches + stretch_lines", iso_search, "", {},
                        percent_of(iso_search.median, iso_s.median) + "; the rest is the buffer and union of " + std::to_string(lines.size()) +
                            " stretches (traced outline of their distance field, 10 m cells)"});
        const auto& e = iso_exact.at(0);
        rows.push_back({"  the same polygon with buffer = exact: GEOS buffers of every stretch, unioned (the former default)", iso_exact_s, "", {},
                        fixed(geom::area(e.area) / 1e6, 2) + " km², " + std::to_string(bg::num_points(e.area)) + " vertices; " +
                            fixed(iso_exact_s.median / iso_s.median, 1) + "× the outline's time"});
    }

    // Checks.
    {
        bool same = hub == st.hub && minutes.size() == st.cost_min.size();
        std::size_t differ = 0;
        for (std::size_t i = 0; same && i < n; ++i) {
            const bool a = std::isinf(minutes[i]), b = std::isinf(st.cost_min[i]);
            if (a != b || (!a && minutes[i] != st.cost_min[i])) ++differ;
        }
        same = same && differ == 0;
        rep.checks.push_back(std::string("steps b1–b4 give NetworkCost::nearest()'s hub and cost for every resident, bit for bit: ") + (same ? "yes" : "**NO**"));
        std::size_t unsnapped = 0, unreachable = 0;
        double sum = 0, worst = 0;
        std::size_t placed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!st.origin_snaps[i].ok()) ++unsnapped;
            else if (hub[i] < 0) ++unreachable;
            else {
                sum += minutes[i];
                worst = std::max(worst, minutes[i]);
                ++placed;
            }
        }
        std::size_t far_unsnapped = 0;
        for (const std::size_t i : cost_report.unsnapped_origins) far_unsnapped += i < n && !snapper->snap(in.residents[i], 1000).ok();
        std::ostringstream c;
        c << "residents: " << placed << " with a hub (mean " << fixed(placed ? sum / static_cast<double>(placed) : 0, 2) << " min, max " << fixed(worst, 1)
          << " min), " << cost_report.unsnapped_origins.size() << " not placed (> " << fixed(cost_options.snap.max_snap_m, 0) << " m from every road; "
          << far_unsnapped << " of them the generated far points, all " << in.far << " of which are reported: "
          << (far_unsnapped == in.far ? "yes" : "**NO**") << "), " << cost_report.unreachable_origins.size()
          << " placed but unreachable; unsnapped hubs: " << cost_report.unsnapped_hubs.size();
        rep.checks.push_back(c.str());
        if (unsnapped != cost_report.unsnapped_origins.size() || unreachable != cost_report.unreachable_origins.size())
            rep.checks.push_back("**the step-by-step counts differ from NetworkCost's report**");
        const auto& r = iso.at(0);
        rep.checks.push_back("isochrone: snapped " + std::string(r.snapped ? "yes" : "**no**") + ", access leg " + fixed(r.access_m, 1) + " m, valid polygon: " +
                             (bg::is_valid(r.area) ? "yes" : "**no**") + "; reached road " + fixed(r.road_m / 1000, 1) + " km = " +
                             fixed(100 * r.road_m / net->report.length_m, 0) + " % of the graph; search part's stretches " +
                             fixed(network::total_length(stretches) / 1000, 1) + " km");
        const auto& e = iso_exact.at(0);
        const double ae = geom::area(e.area), ao = geom::area(r.area);
        const double sym = geom::area(geom::difference(r.area, e.area)) + geom::area(geom::difference(e.area, r.area));
        rep.checks.push_back("isochrone outline against the exact GEOS union: area " + fixed(ao / 1e6, 4) + " vs " + fixed(ae / 1e6, 4) + " km² (" +
                             fixed(100 * (ao / ae - 1), 3) + " %), symmetric difference " + fixed(100 * sym / ae, 3) + " % of the exact area");
    }

    // 5. pgRouting.
    PgServer pg = prepare_postgres(k_pgrouting, opt.with_pgrouting);
    try {
        if (pg.ok) {
            std::cerr << "bench_network: pgRouting\n";
            const std::size_t m = std::min(opt.pg_residents, n);
            std::vector<std::size_t> sample;
            for (std::size_t j = 0; j < m; ++j) sample.push_back(j * n / m);
            std::vector<Point> sample_points;
            for (const std::size_t i : sample) sample_points.push_back(in.residents[i]);

            // keniki's counterparts. The search alone takes about 0.1 ms: timed 100 times per run.
            const double cutoff = opt.minutes * 60;
            std::optional<network::Dijkstra> dd;
            constexpr int dd_reps = 100;
            Stats k_dd = time_runs(k, [&] {
                for (int rep_i = 0; rep_i < dd_reps; ++rep_i) {
                    dd.emplace(net->backward);
                    for (std::size_t j = 0; j < in.hub_nodes.size(); ++j) dd->add_source(in.hub_nodes[j], 0, static_cast<std::uint32_t>(j));
                    dd->run(cutoff);
                }
            });
            for (double* v : {&k_dd.median, &k_dd.min, &k_dd.max, &k_dd.cpu_per_run}) *v /= dd_reps;
            // pgRouting builds its graph from the edges on every call: the same with keniki's CSR graph.
            const std::vector<network::Arc> arcs = net->backward.arcs();
            Stats k_dd_build = time_runs(k, [&] {
                for (int rep_i = 0; rep_i < dd_reps; ++rep_i) {
                    const network::Graph g = network::Graph::from_arcs(net->node_count(), arcs);
                    network::Dijkstra d(g);
                    for (std::size_t j = 0; j < in.hub_nodes.size(); ++j) d.add_source(in.hub_nodes[j], 0, static_cast<std::uint32_t>(j));
                    d.run(cutoff);
                }
            });
            for (double* v : {&k_dd_build.median, &k_dd_build.min, &k_dd_build.max, &k_dd_build.cpu_per_run}) *v /= dd_reps;
            std::vector<std::int32_t> s_hub;
            std::vector<double> s_min;
            const Stats k_job = time_runs(k, [&] {
                const analysis::NetworkCost c(net, cost_options);
                c.nearest(sample_points, in.hubs, s_hub, s_min);
            });

            const PgRun p = run_pgrouting(pg, *net, in, sample, opt.minutes, dir, k);
            if (!p.ok) {
                rep.pg_lines.push_back("pgRouting: " + p.problem);
            } else {
                const std::string mins = fixed(opt.minutes, 0), ms = std::to_string(m);
                auto ratio = [](double a, double b) { return b > 0 ? (a / b >= 10 ? fixed(a / b, 0) : fixed(a / b, 1)) + "×" : std::string("—"); };
                auto& pr = rep.pg_rows;
                pr.push_back({"pgRouting set-up (once): COPY " + std::to_string(net->edge_count()) + " edges + " + ms +
                                  " residents, geometry columns, GiST index, VACUUM ANALYZE",
                              p.load, "", {}, "not compared"});
                pr.push_back({"**keniki**: one multi-source Dijkstra from the " + nh + " hubs' nodes to " + mins + " min (inbound; Dijkstra built + run)", k_dd, "",
                              {}, std::to_string(dd->settled_nodes().size()) + " nodes; per call, the mean of " + std::to_string(dd_reps) + " calls per run"});
                pr.push_back({"**keniki**: the same, the CSR graph built from the " + std::to_string(arcs.size()) + " arcs first (Graph::from_arcs), as pgRouting builds its graph on every call",
                              k_dd_build, "", {}, "per call, likewise"});
                pr.push_back({"**pgRouting**: pgr_drivingDistance(" + nh + " hub nodes, " + mins + " min, directed, equicost => true), reversed costs",
                              p.dd_equicost, "", {}, ratio(p.dd_equicost.median, k_dd.median) + " keniki; " + std::to_string(p.equicost_cost.size()) + " nodes; see the checks"});
                pr.push_back({"**pgRouting**: pgr_drivingDistance(..., equicost => false) + min(agg_cost) GROUP BY node", p.dd_per_source, "", {},
                              ratio(p.dd_per_source.median, k_dd.median) + " keniki; " + std::to_string(p.per_source_cost.size()) + " nodes"});
                pr.push_back({"**keniki**: per-resident job for " + ms + " residents (NetworkCost built + nearest())", k_job, "", {}, ""});
                pr.push_back({"**pgRouting**: the same job in one statement (KNN snap to the nearest edge + pgr_drivingDistance per hub, min per node + "
                              "costs along the snapped edge + access leg)",
                              p.job, "", {}, ratio(p.job.median, k_job.median) + " keniki"});
                pr.push_back({"  pgRouting: the KNN snap alone (`ORDER BY geom <-> point LIMIT 8`, then the nearest by (distance, id))", p.snap, "", {},
                              percent_of(p.snap.median, p.job.median) + " of the job"});

                // Node costs: keniki's multi-source Dijkstra against each of pgRouting's answers.
                auto compare_nodes = [&](const std::map<network::NodeId, double>& pg_cost, const std::string& what) {
                    std::size_t both = 0, only_pg = 0, only_keniki = 0, off = 0, higher = 0;
                    double max_diff = 0;
                    for (const network::NodeId v : dd->settled_nodes()) {
                        const auto it = pg_cost.find(v);
                        if (it == pg_cost.end()) {
                            ++only_keniki;
                            continue;
                        }
                        ++both;
                        const double d = std::abs(it->second - dd->cost(v));
                        max_diff = std::max(max_diff, d);
                        if (d > 1e-6) {
                            ++off;
                            higher += it->second > dd->cost(v);
                        }
                    }
                    for (const auto& [v, c] : pg_cost) only_pg += !dd->settled(v);
                    const bool agree = only_pg == 0 && only_keniki == 0 && off == 0;
                    std::ostringstream o;
                    o << what << " vs keniki's multi-source Dijkstra, " << mins << " min from " << nh << " hub nodes: " << both << " nodes in both, " << only_pg
                      << " only in pgRouting, " << only_keniki << " only in keniki; costs differing by more than 1e-6 s: " << off;
                    if (off) o << " (" << higher << " of them higher in pgRouting)";
                    o << ", largest difference " << g17(max_diff) << " s → " << (agree ? "**agree**" : "**DISAGREE**");
                    rep.checks.push_back(o.str());
                };
                compare_nodes(p.per_source_cost, "pgr_drivingDistance per source (equicost => false), smallest agg_cost per node");
                compare_nodes(p.equicost_cost, "pgr_drivingDistance with equicost => true");

                // Per-resident costs.
                std::size_t diff_placed = 0, within = 0, differ = 0, placed = 0;
                double worst = 0;
                for (std::size_t j = 0; j < m; ++j) {
                    const double ks = std::isinf(s_min[j]) ? k_inf : s_min[j] * 60.0;
                    const double ps = p.job_cost_s[j];
                    if (std::isinf(ks) != std::isinf(ps)) {
                        ++diff_placed;
                        continue;
                    }
                    if (std::isinf(ks)) continue;
                    ++placed;
                    const double d = std::abs(ks - ps);
                    if (d <= 1e-6) {
                        ++within;
                    } else {
                        ++differ;
                        worst = std::max(worst, d);
                    }
                }
                std::ostringstream c;
                c << "per-resident job, " << ms << " residents (every " << n / m << "th): " << placed << " placed and reached by both, "
                  << m - placed - diff_placed << " by neither (> " << fixed(cost_options.snap.max_snap_m, 0) << " m from every road), " << diff_placed
                  << " by only one; costs within 1e-6 s of keniki's: " << within << ", differing: " << differ;
                if (differ) c << " (largest " << g17(worst) << " s)";
                c << " → " << (diff_placed == 0 && differ == 0 ? "**agree**" : "**DISAGREE**");
                rep.checks.push_back(c.str());
                std::ostringstream l;
                l << "**" << p.version << "**. One multi-source search to " << mins << " min: pgr_drivingDistance / keniki = **"
                  << ratio(p.dd_per_source.median, k_dd.median) << "** (per source + min; " << ratio(p.dd_equicost.median, k_dd.median)
                  << " with equicost, which is wrong on some nodes), " << ratio(p.dd_per_source.median, k_dd_build.median)
                  << " against keniki building its graph first. The issue's reference job, the nearest hub of " << ms
                  << " residents: pgRouting / keniki = **" << ratio(p.job.median, k_job.median) << "** wall";
                if (p.job.cpu_per_run > 0 && k_job.cpu_per_run > 0)
                    l << ", " << ratio(p.job.cpu_per_run, k_job.cpu_per_run) << " CPU (" << fixed(p.job.cpu_per_run, 2) << " s vs " << fixed(k_job.cpu_per_run, 2)
                      << " s)";
                l << "; pgRouting's time is " << percent_of(p.snap.median, p.job.median) << " KNN snapping.";
                rep.pg_lines.push_back(l.str());
            }
        } else {
            rep.pg_lines.push_back("pgRouting: skipped — " + pg.why_not);
        }
    } catch (...) {
        finish_postgres(pg, "bench_network");
        throw;
    }
    finish_postgres(pg, "bench_network");

    // Output.
    std::cout << "\n## bench_network: Liechtenstein drive graph, " << nh << " hubs, " << ns << " residents\n\n"
              << "Machine: " << machine_description() << ". Median/min/max of " << k << " runs each (the isochrone " << k_iso
              << "), steady_clock.\n\n"
              << "Graph: " << rep.graph << ".\n\n";
    for (const auto& note : rep.input_notes) std::cout << "Inputs: " << note << ".\n\n";
    print_rows(std::cout, rows);
    if (!rep.pg_rows.empty()) {
        std::cout << "\n### pgRouting on the same graph\n\n";
        print_rows(std::cout, rep.pg_rows);
    }
    print_list(std::cout, "Checks:", rep.checks);
    print_list(std::cout, "pgRouting:", rep.pg_lines);
    print_list(std::cout, "Set-up by this run:", pg.log);
    return all_passed(rows) ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    const auto options = keniki::bench::parse_options(argc, argv);
    return keniki::bench::report_errors("bench_network", [&] { return keniki::bench::run(options); });
}
