// bench_tier_model [--residents N] [--work DIR] [--keniki PATH] [--repeat K]
//
// The tier-model performance target (issue): on a generated city of 1,000,000 resident points, 100
// neighbourhood units in 10 welfare units and 200 hubs, the whole `keniki run` from input files to
// all outputs in under 2 s on 2 cores, the straight-line analysis core in under 0.3 s.
//
// 1. Generates a synthetic city (fixed seed, byte-identical every time) in DIR, in JGD2011 / Japan
//    Plane Rectangular CS III (EPSG:6671) metres around (-90000, -190000), near Mine, Yamaguchi, so
//    that keniki's automatic working CRS is EPSG:6671 again: a 40 km x 30 km boundary, 100
//    neighbourhoods cut from one shared jittered 11 x 11 grid of vertices (so they tile the city
//    exactly), 10 welfare units (2 x 5 blocks of neighbourhoods, drawn through the same vertices),
//    N residents clustered in six towns, 200 hubs; plus plan.toml (residents = false) and
//    plan_residents.toml (residents = true). Everything is written with keniki::io::write_layer.
// 2. Times each step as the median of K runs (steady_clock): reading the inputs, the analysis core
//    (analysis::run_model on a ModelInput built in memory), the index micro-steps, and the whole
//    `keniki run` as a subprocess; then, in process, where the time of a run goes.
// 3. Prints markdown tables, and the peers (PostGIS, GeoPandas) when they are there to be asked.
//
// See tools/bench/README.md for the figures of the last full-size run.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <iostream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/geometry/io/wkt/write.hpp>
#include <nlohmann/json.hpp>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/circle.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/index/nearest_point.hpp"
#include "keniki/index/polygon_index.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/io/write_layer.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/pipeline/write_outputs.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/output_layers.hpp"

#include "bench_support.hpp"

extern char** environ;

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    std::size_t residents = 1'000'000;  ///< resident points
    std::string work;                   ///< working directory; empty = a fresh temporary one, removed at the end
    std::string keniki;                 ///< keniki binary; empty = <build>/keniki next to this program's build dir
    int repeat = 3;                     ///< timed runs per step (the median is reported)
    bool core_only = false;             ///< only the analysis core, nothing written (for perf record)
};

constexpr const char* k_usage =
    "usage: bench_tier_model [--residents N] [--work DIR] [--keniki PATH] [--repeat K] [--core-only]\n"
    "Generates a synthetic city (N residents, default 1000000; 100 neighbourhoods, 10 welfare units,\n"
    "200 hubs) in DIR, times reading, the analysis core and the whole `keniki run` (median of K runs,\n"
    "default 3) and prints the figures as markdown tables. --core-only: generate in memory and time\n"
    "analysis::run_model only (writes nothing; for perf record).\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_tier_model", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--residents") o.residents = cl.count(1000);
        else if (a == "--work") o.work = cl.value();
        else if (a == "--keniki") o.keniki = cl.value();
        else if (a == "--repeat") o.repeat = static_cast<int>(cl.count(1));
        else if (a == "--core-only") o.core_only = true;
        else cl.unknown();
    }
    return o;
}

// ---------------------------------------------------------------------------------------------
// The synthetic city

constexpr const char* working_crs = "EPSG:6671";  // JGD2011 / Japan Plane Rectangular CS III
constexpr double centre_x = -90000, centre_y = -190000;
constexpr double city_width = 40000, city_height = 30000;
constexpr int grid = 10;  // neighbourhoods per side
constexpr double cell_w = city_width / grid, cell_h = city_height / grid;
constexpr double x_min = centre_x - city_width / 2, y_min = centre_y - city_height / 2;
constexpr int block_cols = 5, block_rows = 2;  // neighbourhoods per welfare unit: 2 x 5 blocks of them

struct Hub {
    std::string id, kind, name;
    Point at;
};

struct Town {
    double x, y, sd, share;  ///< offset from the centre (m), spread (m), share of the residents
};

// Six towns (the rest of the people, 35 %, live scattered over the whole city).
constexpr Town towns[] = {{-3000, 2000, 1800, 0.30}, {11000, -8000, 1200, 0.10}, {-14000, -9000, 1000, 0.08},
                          {13000, 9000, 900, 0.07},  {-12000, 10000, 800, 0.05}, {3000, -11000, 700, 0.05}};

struct City {
    std::vector<Point> vertices;  ///< (grid+1) x (grid+1), row-major from the south-west corner
    Polygon boundary;
    std::vector<Polygon> hoods;         ///< index j*grid+i
    std::vector<int> hood_welfare;      ///< welfare unit of each neighbourhood
    std::vector<Polygon> welfare;       ///< index bj*(grid/block_cols)+bi
    std::vector<Point> residents;
    std::vector<std::uint8_t> is65, is75;
    std::vector<Hub> hubs;

    const Point& vertex(int i, int j) const { return vertices[static_cast<std::size_t>(j * (grid + 1) + i)]; }

    /// The ring through every grid vertex on the border of cells [i0, i1) x [j0, j1), counter-clockwise.
    Polygon block(int i0, int j0, int i1, int j1) const {
        Polygon p;
        auto& r = p.outer();
        for (int i = i0; i < i1; ++i) r.push_back(vertex(i, j0));
        for (int j = j0; j < j1; ++j) r.push_back(vertex(i1, j));
        for (int i = i1; i > i0; --i) r.push_back(vertex(i, j1));
        for (int j = j1; j > j0; --j) r.push_back(vertex(i0, j));
        r.push_back(vertex(i0, j0));
        return p;
    }
};

City make_city(std::size_t n_residents) {
    City c;
    // Shared vertices: interior ones jittered by up to 10 % of a cell both ways, border ones only along
    // the border, corners fixed. The cells stay convex and tile the 40 x 30 km rectangle exactly.
    Random shape(20250101);
    for (int j = 0; j <= grid; ++j) {
        for (int i = 0; i <= grid; ++i) {
            double x = x_min + i * cell_w, y = y_min + j * cell_h;
            if (i > 0 && i < grid) x += shape.uniform(-0.1, 0.1) * cell_w;
            if (j > 0 && j < grid) y += shape.uniform(-0.1, 0.1) * cell_h;
            c.vertices.emplace_back(x, y);
        }
    }
    c.boundary = c.block(0, 0, grid, grid);
    for (int j = 0; j < grid; ++j) {
        for (int i = 0; i < grid; ++i) {
            c.hoods.push_back(c.block(i, j, i + 1, j + 1));
            c.hood_welfare.push_back((j / block_rows) * (grid / block_cols) + i / block_cols);
        }
    }
    for (int bj = 0; bj < grid / block_rows; ++bj) {
        for (int bi = 0; bi < grid / block_cols; ++bi)
            c.welfare.push_back(c.block(bi * block_cols, bj * block_rows, (bi + 1) * block_cols, (bj + 1) * block_rows));
    }

    // Residents: towns as normal clusters, the rest uniform; 40 % aged 65+, 22 % aged 75+.
    Random people(20250102);
    c.residents.reserve(n_residents);
    c.is65.reserve(n_residents);
    c.is75.reserve(n_residents);
    while (c.residents.size() < n_residents) {
        double pick = people.uniform(), x = 0, y = 0;
        const Town* town = nullptr;
        for (const Town& t : towns) {
            if (pick < t.share) {
                town = &t;
                break;
            }
            pick -= t.share;
        }
        do {
            if (town) {
                x = people.normal(centre_x + town->x, town->sd);
                y = people.normal(centre_y + town->y, town->sd);
            } else {
                x = people.uniform(x_min, x_min + city_width);
                y = people.uniform(y_min, y_min + city_height);
            }
        } while (!(x > x_min && x < x_min + city_width && y > y_min && y < y_min + city_height));
        c.residents.emplace_back(x, y);
        const double age = people.uniform();
        c.is75.push_back(age < 0.22);
        c.is65.push_back(age < 0.40);
    }

    // Hubs: 1 consultation centre in the main town, 10 welfare centres (one per welfare unit, in its
    // middle), 100 community halls (one per neighbourhood), 89 salons where people live.
    Random hubs(20250103);
    char id[16];
    auto add = [&](const std::string& kind, const std::string& name, const Point& at) {
        std::snprintf(id, sizeof id, "H%03zu", c.hubs.size());
        c.hubs.push_back(Hub{id, kind, name, at});
    };
    add("consultation_center", "consultation centre", Point{centre_x + towns[0].x, centre_y + towns[0].y});
    auto cell_centre = [&](int i, int j) {
        const Point &a = c.vertex(i, j), &b = c.vertex(i + 1, j), &d = c.vertex(i + 1, j + 1), &e = c.vertex(i, j + 1);
        return Point{(a.x() + b.x() + d.x() + e.x()) / 4, (a.y() + b.y() + d.y() + e.y()) / 4};
    };
    for (std::size_t w = 0; w < c.welfare.size(); ++w) {
        const int bi = static_cast<int>(w) % (grid / block_cols), bj = static_cast<int>(w) / (grid / block_cols);
        add("welfare_center", "welfare centre W" + std::to_string(w), cell_centre(bi * block_cols + block_cols / 2, bj * block_rows));
    }
    for (int j = 0; j < grid; ++j) {
        for (int i = 0; i < grid; ++i) {
            const Point m = cell_centre(i, j);
            add("community_hall", "community hall N" + std::to_string(j * grid + i),
                Point{m.x() + hubs.uniform(-0.1, 0.1) * cell_w, m.y() + hubs.uniform(-0.1, 0.1) * cell_h});
        }
    }
    while (c.hubs.size() < 200) {
        const Point& home = c.residents[hubs.index(c.residents.size())];
        add("salon", "salon " + std::to_string(c.hubs.size()), Point{home.x() + hubs.uniform(-50, 50), home.y() + hubs.uniform(-50, 50)});
    }
    return c;
}

std::string two_digits(std::size_t n) {
    char s[8];
    std::snprintf(s, sizeof s, "%02zu", n);
    return s;
}

std::string hood_id(std::size_t k) { return "N" + two_digits(k); }
std::string welfare_id(std::size_t w) { return "W" + two_digits(w); }

/// Writes the city's input files into dir: city.gpkg, welfare_units.gpkg, neighbourhoods.gpkg,
/// hubs.gpkg, residents.gpkg (what the plan reads), and residents.fgb / residents.csv (lon/lat, EPSG:4326)
/// for the format comparison.
/// Measured 2026-11-23 (1 M points, io::read_layer, CPU): .gpkg 0.44-0.52 s (38 MiB), .fgb 0.37-0.42 s
/// (124 MiB), .csv 1.23-1.36 s (25 MiB) + 0.18 s lon/lat -> EPSG:6671. Recommend GeoPackage; see README.md.
void write_city(const City& c, const fs::path& dir) {
    constexpr FieldType text = FieldType::text, integer = FieldType::integer, real = FieldType::real;
    io::WriteOptions w;
    w.overwrite = true;

    Layer city = new_layer("city", working_crs, {{"name", text}});
    add_feature(city, c.boundary, {std::string("bench city (synthetic)")});
    io::write_layer((dir / "city.gpkg").string(), city, w);

    Layer welfare = new_layer("welfare_units", working_crs, {{"welfare_id", text}, {"name", text}});
    for (std::size_t k = 0; k < c.welfare.size(); ++k) add_feature(welfare, c.welfare[k], {welfare_id(k), "welfare unit " + welfare_id(k)});
    io::write_layer((dir / "welfare_units.gpkg").string(), welfare, w);

    Layer hoods = new_layer("neighbourhoods", working_crs, {{"unit_id", text}, {"name", text}, {"welfare_id", text}});
    for (std::size_t k = 0; k < c.hoods.size(); ++k)
        add_feature(hoods, c.hoods[k], {hood_id(k), "neighbourhood " + hood_id(k), welfare_id(static_cast<std::size_t>(c.hood_welfare[k]))});
    io::write_layer((dir / "neighbourhoods.gpkg").string(), hoods, w);

    Layer hubs = new_layer("hubs", working_crs, {{"hub_id", text}, {"kind", text}, {"name", text}});
    for (const Hub& h : c.hubs) add_feature(hubs, h.at, {h.id, h.kind, h.name});
    io::write_layer((dir / "hubs.gpkg").string(), hubs, w);

    Layer residents = new_layer("residents", working_crs, {{"is_65plus", integer}, {"is_75plus", integer}});
    residents.features.reserve(c.residents.size());
    for (std::size_t i = 0; i < c.residents.size(); ++i)
        add_feature(residents, c.residents[i], {std::int64_t{c.is65[i]}, std::int64_t{c.is75[i]}});
    io::write_layer((dir / "residents.gpkg").string(), residents, w);  // no R-tree above 250,000 points (writer default)
    io::write_layer((dir / "residents.fgb").string(), residents, w);   // FlatGeobuf always gets its packed R-tree

    // CSV as planners get it: lon/lat columns (7 decimals, about 1 cm), no geometry column.
    std::vector<Point> lonlat = c.residents;
    crs::Transformer(working_crs, "EPSG:4326").forward(lonlat);
    Layer csv = new_layer("residents", "EPSG:4326", {{"lon", real}, {"lat", real}, {"is_65plus", integer}, {"is_75plus", integer}});
    csv.features.reserve(lonlat.size());
    for (std::size_t i = 0; i < lonlat.size(); ++i) {
        const double lon = std::round(lonlat[i].x() * 1e7) / 1e7, lat = std::round(lonlat[i].y() * 1e7) / 1e7;
        add_feature(csv, Point{lon, lat}, {lon, lat, std::int64_t{c.is65[i]}, std::int64_t{c.is75[i]}});
    }
    io::WriteOptions wc = w;
    wc.csv_geometry = false;
    wc.csv_encoding = "UTF-8";
    io::write_layer((dir / "residents.csv").string(), csv, wc);
}

void write_plan(const fs::path& file, bool residents_output) {
    std::ofstream out(file);
    out << "# Written by bench_tier_model: a synthetic city (see tools/bench/README.md). Paths are relative to this file.\n"
           "[study]\n"
           "name = \"bench city (synthetic)\"\n"
           "boundary = { path = \"city.gpkg\" }\n"
           "working_crs = \"auto\"\n\n"
           "[residents]\n"
           "source = { path = \"residents.gpkg\" }\n"
           "kind = \"points\"\n"
           "population_field = \"\"\n"
           "age65_field = \"is_65plus\"\n"
           "age75_field = \"is_75plus\"\n\n"
           "[[facilities]]\n"
           "id = \"hubs\"\n"
           "source = { path = \"hubs.gpkg\" }\n"
           "kind_field = \"kind\"\n"
           "name_field = \"name\"\n"
           "id_field = \"hub_id\"\n\n"
           "[[tiers]]\n"
           "id = \"city\"\n"
           "name = \"市圏域\"\n"
           "name_en = \"City\"\n"
           "units = { from = \"boundary\" }\n"
           "hub_kinds = [\"consultation_center\"]\n"
           "reach = { mode = \"straight\", metres = 20000 }\n\n"
           "[[tiers]]\n"
           "id = \"welfare\"\n"
           "name = \"福祉圏域\"\n"
           "name_en = \"Welfare area\"\n"
           "units = { from = \"layer\", source = { path = \"welfare_units.gpkg\" }, id_field = \"welfare_id\", name_field = \"name\" }\n"
           "hub_kinds = [\"welfare_center\"]\n"
           "reach = { mode = \"straight\", metres = 6000 }\n\n"
           "[[tiers]]\n"
           "id = \"neighbourhood\"\n"
           "name = \"住民主体地域活動圏域\"\n"
           "name_en = \"Neighbourhood\"\n"
           "units = { from = \"layer\", source = { path = \"neighbourhoods.gpkg\" }, id_field = \"unit_id\", name_field = \"name\" }\n"
           "hub_kinds = [\"community_hall\", \"salon\"]\n"
           "reach = { mode = \"straight\", metres = 1000 }\n\n"
           "[output]\n"
           "geojson = true\n"
           "geopackage = true\n"
           "csv = true\n"
        << "residents = " << (residents_output ? "true" : "false") << "\n"
        << "csv_encoding = \"utf-8-bom\"\n\n"
           "[analysis]\n"
           "nesting_tolerance = 0.01\n"
        << "buffer_segments = " << geom::k_circle_segments << "\n";
    if (!out) throw DataError("cannot write the plan", Where{file.string()});
}

// ---------------------------------------------------------------------------------------------
// The model input, built from the generated geometry (no reading)

struct ModelSetup {
    analysis::ModelInput input;
    std::vector<std::unique_ptr<analysis::CostModel>> costs;
};

std::unique_ptr<ModelSetup> make_model(const City& c) {
    auto m = std::make_unique<ModelSetup>();
    analysis::ModelInput& in = m->input;
    in.study_area = MultiPolygon{c.boundary};
    const std::size_t n = c.residents.size();
    in.residents.points = c.residents;
    in.residents.population.assign(n, 1.0);
    in.residents.age65.resize(n);
    in.residents.age75.resize(n);
    in.residents.source_id.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        in.residents.age65[i] = c.is65[i];
        in.residents.age75[i] = c.is75[i];
        in.residents.source_id[i] = static_cast<std::int64_t>(i) + 1;
    }
    for (const Hub& h : c.hubs) in.facilities.push_back(analysis::Facility{h.id, h.name, h.kind, "hubs", h.at});
    auto hubs_of = [&](std::initializer_list<const char*> kinds) {
        std::vector<std::int32_t> out;
        for (std::size_t i = 0; i < c.hubs.size(); ++i) {
            for (const char* k : kinds) {
                if (c.hubs[i].kind == k) out.push_back(static_cast<std::int32_t>(i));
            }
        }
        return out;
    };
    // A tier with the hubs of the given kinds and its own straight-line cost, reach in metres.
    auto tier = [&](const char* id, const char* name, const char* name_en, std::vector<analysis::Unit> units,
                    std::initializer_list<const char*> hub_kinds, double reach) {
        analysis::TierInput t;
        t.id = id;
        t.name = name;
        t.name_en = name_en;
        t.units = std::move(units);
        t.hubs = hubs_of(hub_kinds);
        m->costs.push_back(analysis::make_straight_line_cost());  // the plan's default, as in plan.toml
        t.cost = m->costs.back().get();
        t.reach = reach;
        return t;
    };
    std::vector<analysis::Unit> welfare_units, hood_units;
    for (std::size_t k = 0; k < c.welfare.size(); ++k)
        welfare_units.push_back(analysis::Unit{welfare_id(k), "welfare unit " + welfare_id(k), MultiPolygon{c.welfare[k]}});
    for (std::size_t k = 0; k < c.hoods.size(); ++k) hood_units.push_back(analysis::Unit{hood_id(k), "neighbourhood " + hood_id(k), MultiPolygon{c.hoods[k]}});

    in.tiers.push_back(tier("city", "市圏域", "City", {analysis::Unit{"city", "bench city (synthetic)", in.study_area}}, {"consultation_center"}, 20000));
    in.tiers.push_back(tier("welfare", "福祉圏域", "Welfare area", std::move(welfare_units), {"welfare_center"}, 6000));
    in.tiers.push_back(tier("neighbourhood", "住民主体地域活動圏域", "Neighbourhood", std::move(hood_units), {"community_hall", "salon"}, 1000));
    in.options.nesting_tolerance = 0.01;
    return m;
}

// ---------------------------------------------------------------------------------------------
// Timing

/// For steps that write files: the dirty pages of earlier steps are flushed first (untimed), so that
/// the kernel's write throttling for them does not land on this step.
void flush_to_disk() { sync(); }

// ---------------------------------------------------------------------------------------------
// Subprocesses

struct ProcessRun {
    int exit_code = -1;
    double wall_s = 0;
    long peak_rss_mb = 0;
};

long vm_hwm_kb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string l; std::getline(in, l);) {
        if (l.rfind("VmHWM:", 0) == 0) return std::atol(l.c_str() + 6);
    }
    return 0;
}

/// Runs argv[0] (not through a shell) and waits: wall time and peak RSS. The peak is polled from
/// /proc/PID/status (VmHWM) every 10 ms, because wait4's ru_maxrss counts the parent's memory too
/// when the child was spawned from it.
ProcessRun run_process(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ProcessRun r;
    const auto t0 = Clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return r;
    std::atomic<bool> done{false};
    long hwm_kb = 0;
    std::thread poll([&] {
        while (!done.load()) {
            hwm_kb = std::max(hwm_kb, vm_hwm_kb(pid));
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    int status = 0;
    const pid_t reaped = waitpid(pid, &status, 0);
    r.wall_s = seconds_since(t0);
    done = true;
    poll.join();
    if (reaped != pid) return r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    r.peak_rss_mb = hwm_kb / 1024;
    return r;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

int run(const Options& opt) {
    const int k = opt.repeat;
    const std::size_t n = opt.residents;

    if (opt.core_only) {
        const City city = make_city(n);
        const auto model = make_model(city);
        analysis::ModelResult result;
        const Stats core = time_runs(k, [&] { result = analysis::run_model(model->input); });
        std::cout << "analysis::run_model, " << n << " residents, " << static_cast<unsigned>(core_count()) << " cores: median " << fixed(core.median) << " s, min " << fixed(core.min)
                  << " s, max " << fixed(core.max) << " s, CPU " << fixed(core.cpu_per_run, 2) << " s per run, others' load "
                  << (core.others >= 0 ? fixed(100 * core.others, 0) + " %" : "unknown") << " (" << k << " runs)\n";
        return 0;
    }
    const WorkDir work(opt.work, "keniki-bench-tier");
    const fs::path& dir = work.path();
    const std::string keniki = opt.keniki.empty() ? built_keniki() : opt.keniki;
    std::cerr << "bench_tier_model: generating " << n << " residents in " << dir.string() << "\n";
    auto t0 = Clock::now();
    const City city = make_city(n);
    const double generate_s = seconds_since(t0);
    t0 = Clock::now();
    write_city(city, dir);
    write_plan(dir / "plan.toml", false);
    write_plan(dir / "plan_residents.toml", true);
    sync();  // the inputs are on disk before anything is timed
    const double write_s = seconds_since(t0);

    std::vector<TableRow> rows, split, formats;

    // a. Reading the inputs (as the plan names them), in process.
    std::cerr << "bench_tier_model: reading inputs\n";
    const std::vector<std::string> inputs = {"city.gpkg", "welfare_units.gpkg", "neighbourhoods.gpkg", "hubs.gpkg", "residents.gpkg"};
    // Each read goes into a layer emptied beforehand (untimed), so that freeing the previous run's
    // million features is not counted as reading.
    std::size_t features = 0;
    std::vector<Layer> loaded;
    const Stats read_all = time_runs(
        k, [&] {
            for (const auto& f : inputs) loaded.push_back(io::read_layer((dir / f).string()));
        },
        [&] { loaded.clear(); });
    for (const auto& l : loaded) features += l.features.size();
    loaded.clear();
    rows.push_back({"a. read inputs: 5 layers (residents .gpkg), io::read_layer", read_all, "", {}, std::to_string(features) + " features"});

    // Reading 1M residents: GeoPackage vs FlatGeobuf vs CSV.
    Layer residents_layer, fgb_layer, csv_layer;
    auto mib = [&](const char* file) { return std::to_string(fs::file_size(dir / file) >> 20) + " MiB"; };
    const Stats read_gpkg = time_runs(k, [&] { residents_layer = io::read_layer((dir / "residents.gpkg").string()); }, [&] { residents_layer = Layer{}; });
    formats.push_back({"residents.gpkg (" + mib("residents.gpkg") + "), read_layer", read_gpkg, "", {}, "what the plan reads"});
    const Stats read_fgb = time_runs(k, [&] { fgb_layer = io::read_layer((dir / "residents.fgb").string()); }, [&] { fgb_layer = Layer{}; });
    formats.push_back({"residents.fgb (" + mib("residents.fgb") + "), read_layer", read_fgb, "", {}, ""});
    fgb_layer = Layer{};
    const Stats read_csv = time_runs(k, [&] { csv_layer = io::read_layer((dir / "residents.csv").string()); }, [&] { csv_layer = Layer{}; });
    formats.push_back({"residents.csv (" + mib("residents.csv") + ", lon/lat), read_layer", read_csv, "", {}, csv_layer.crs});
    Layer copy;
    const Stats csv_transform = time_runs(
        k, [&] {
            const crs::Transformer t(copy.crs, working_crs);
            for (auto& f : copy.features) crs::transform(f.geometry, t);
        },
        [&] { copy = csv_layer; });  // keniki run transforms the layer it read in place: a fresh copy each time, untimed
    copy = Layer{};
    formats.push_back({"+ CSV only: lon/lat -> EPSG:6671 feature by feature (as `keniki run` does)", csv_transform, "", {}, ""});
    csv_layer = Layer{};

    // b. The analysis core on the in-memory input.
    std::cerr << "bench_tier_model: analysis core\n";
    const auto model = make_model(city);
    analysis::ModelResult result;
    const Stats core = time_runs(k, [&] { result = analysis::run_model(model->input); });
    rows.push_back(row_with_target("b. analysis core: analysis::run_model, 3 tiers, straight line", core, 0.3));

    // Micro-split of the core.
    std::vector<MultiPolygon> hood_polys;
    for (const auto& u : model->input.tiers[2].units) hood_polys.push_back(u.geometry);
    std::vector<Point> hub_points;
    for (const Hub& h : city.hubs) hub_points.push_back(h.at);
    std::vector<std::int32_t> located;
    std::optional<index::PolygonIndex> pindex;
    const Stats pbuild = time_runs(k, [&] { pindex.emplace(hood_polys); });
    const Stats locate = time_runs(k, [&] { located = pindex->locate_all(city.residents); });
    const auto outside = static_cast<std::size_t>(std::count(located.begin(), located.end(), index::PolygonIndex::none));
    rows.push_back({"b1. index::PolygonIndex build, 100 units (256-cell grid)", pbuild, "", {}, ""});
    rows.push_back({"b2. PolygonIndex::locate_all, " + std::to_string(n) + " points / 100 units", locate, "", {},
                    std::to_string(outside) + " outside all units"});
    std::vector<std::int32_t> nearest;
    std::vector<double> distance;
    std::optional<index::NearestPoint> nindex;
    const Stats nbuild = time_runs(k, [&] { nindex.emplace(hub_points); });
    const Stats near = time_runs(k, [&] { nindex->nearest_all(city.residents, nearest, distance); });
    rows.push_back({"b3. index::NearestPoint build, 200 hubs", nbuild, "", {}, ""});
    rows.push_back({"b4. NearestPoint::nearest_all, " + std::to_string(n) + " points / 200 hubs", near, "", {}, ""});

    // c, d. The whole command, as a subprocess.
    std::cerr << "bench_tier_model: keniki run (" << keniki << ")\n";
    // limit > 0: the target (seconds).
    auto time_run = [&](const std::string& plan, const std::string& out, const std::string& step, double limit) {
        std::vector<double> wall;
        long rss = 0;
        int failed = 0;
        CpuTotals cpu;
        for (int r = 0; r < k; ++r) {
            flush_to_disk();  // the previous run's outputs are on disk before the next starts (not timed)
            const CpuSample c0 = cpu_sample();
            const ProcessRun p = run_process({keniki, "run", (dir / plan).string(), "--out", (dir / out).string(), "--overwrite", "--quiet"});
            cpu.add(c0, cpu_sample());
            if (p.exit_code != 0) failed = p.exit_code ? p.exit_code : -1;
            wall.push_back(p.wall_s);
            rss = std::max(rss, p.peak_rss_mb);
        }
        const Stats s = cpu.stats(std::move(wall));
        TableRow row = limit > 0 ? row_with_target(step, s, limit) : TableRow{step, s, "", {}, ""};
        if (row.pass) row.pass = *row.pass && failed == 0;
        row.note = failed ? "**keniki exited " + std::to_string(failed) + "**" : "peak RSS " + std::to_string(rss) + " MB";
        rows.push_back(row);
        return failed == 0;
    };
    const bool run_ok = time_run("plan.toml", "out", "c. `keniki run plan.toml` (residents = false¹), subprocess", 2.0);
    const bool run_res_ok = time_run("plan_residents.toml", "out_residents", "d. `keniki run plan_residents.toml` (residents = true), subprocess", 0);

    // e. The same run in process, through the library's pipeline: the three calls `keniki run` makes.
    {
        std::cerr << "bench_tier_model: the pipeline in process\n";
        const project::Plan plan = project::load_plan(dir / "plan.toml");
        pipeline::OutputOptions po = pipeline::output_options(plan);
        po.overwrite = true;
        const Stats whole = time_runs(
            k, [&] {
                pipeline::ModelInputs in = pipeline::load_inputs(plan);
                const pipeline::Results res = pipeline::run(plan, in);
                (void)pipeline::write(plan, in, res, (dir / "out_pipeline").string(), po);
            },
            flush_to_disk);
        rows.push_back({"e. pipeline::load_inputs + run + write (plan.toml, as c), in process", whole, "", {}, ""});
        fs::remove_all(dir / "out_pipeline");
    }

    // Cross-check: what keniki wrote against the in-process result.
    std::vector<std::string> checks;
    if (run_ok) {
        std::ifstream in(dir / "out" / "summary.json");
        const auto doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded()) {
            checks.push_back("summary.json could not be parsed");
        } else {
            checks.push_back("working CRS chosen by `keniki run`: " + doc["working_crs"]["definition"].get<std::string>() + " (" +
                             doc["working_crs"]["reason"].get<std::string>() + ")");
            for (std::size_t t = 0; t < result.tiers.size() && t < doc["tiers"].size(); ++t) {
                const auto& jt = doc["tiers"][t];
                analysis::PeopleCount beyond;
                for (const auto& u : result.tiers[t].units) beyond += u.beyond_reach;
                const double cli = jt["beyond_reach"]["pop_total"].get<double>();
                checks.push_back("tier " + result.tiers[t].id + ": beyond reach " + fixed(beyond.total, 0) + " in process, " + fixed(cli, 0) +
                                 " by keniki run" + (cli == beyond.total ? "" : " **MISMATCH**") + "; gap " + fixed(jt["gap_m2"].get<double>(), 1) +
                                 " m², overlap " + fixed(jt["overlap_m2"].get<double>(), 1) + " m², nesting problems " +
                                 std::to_string(jt["nesting_problems"].size()));
            }
        }
    }

    // Where the time of a run goes, in process: what `keniki run` does besides reading and the core.
    std::cerr << "bench_tier_model: split of a run\n";
    split.push_back({"read residents.gpkg (io::read_layer)", read_gpkg, "", {}, ""});
    const Stats valid = time_runs(k, [&] { (void)geom::find_invalid(residents_layer); });
    split.push_back({"geom::find_invalid on the residents layer (keniki run checks every input)", valid, "", {}, ""});
    split.push_back({"analysis core (b)", core, "", {}, ""});
    {
        // Core pieces per tier, as run_model calls them.
        const auto& tiers = model->input.tiers;
        for (const auto& tier : tiers) {
            std::vector<MultiPolygon> polys;
            for (const auto& u : tier.units) polys.push_back(u.geometry);
            std::vector<Point> hubs;
            for (const auto h : tier.hubs) hubs.push_back(model->input.facilities[static_cast<std::size_t>(h)].location);
            const Stats l = time_runs(k, [&] { located = index::PolygonIndex(polys).locate_all(city.residents); });
            const Stats nn = time_runs(k, [&] { tier.cost->nearest(city.residents, hubs, nearest, distance); });
            MultiPolygon area;
            const Stats b = time_runs(k, [&] { area = tier.cost->service_area(hubs, tier.reach); });
            const Stats g = time_runs(k, [&] {
                for (const auto& u : tier.units) (void)geom::area(geom::difference(u.geometry, area));
            });
            const std::string label = "tier " + tier.id + " (" + std::to_string(tier.units.size()) + " units, " + std::to_string(hubs.size()) + " hubs): ";
            split.push_back({"  " + label + "locate_all incl. build", l, "", {}, ""});
            split.push_back({"  " + label + "cost->nearest (NearestPoint build + nearest_all)", nn, "", {}, ""});
            split.push_back({"  " + label + "service area (GEOS buffer of the hubs)", b, "", {}, ""});
            split.push_back({"  " + label + "gaps (GEOS difference per unit, serial here)", g, "", {}, ""});
            // The per-unit cost statistics: run_model hands every unit's (cost, weight) pairs to
            // weighted_cost_stats (selection; a big unit bracketed from a sample first), one unit per task.
            std::vector<std::vector<std::pair<double, double>>> pairs(tier.units.size());
            for (std::size_t i = 0; i < located.size(); ++i) {
                if (located[i] >= 0) pairs[static_cast<std::size_t>(located[i])].emplace_back(distance[i], 1.0);
            }
            const Stats cs = time_runs(k, [&] {
                for (const auto& p : pairs) (void)analysis::weighted_cost_stats(p);
            });
            split.push_back({"  " + label + "analysis::weighted_cost_stats per unit (copy + selection), serial here", cs, "", {}, ""});
        }
    }
    {
        // What-ifs and references (not what keniki does): a finer PolygonIndex grid, and the plainest nearest-hub loop.
        std::optional<index::PolygonIndex> fine;
        const Stats fb = time_runs(k, [&] { fine.emplace(hood_polys, 1024); });
        const Stats fl = time_runs(k, [&] { located = fine->locate_all(city.residents); });
        split.push_back({"what-if: PolygonIndex with a 1024-cell grid (public parameter), 100 units: build", fb, "", {}, ""});
        split.push_back({"what-if: ... locate_all " + std::to_string(n) + " points (compare b2)", fl, "", {}, ""});
        const Stats brute = time_runs(k, [&] {
            nearest.assign(city.residents.size(), -1);
            distance.assign(city.residents.size(), 0);
            parallel_chunks(city.residents.size(), [&](std::size_t b, std::size_t e) {
                for (std::size_t i = b; i < e; ++i) {
                    const Point& q = city.residents[i];
                    double best = std::numeric_limits<double>::infinity();
                    std::int32_t arg = -1;
                    for (std::size_t h = 0; h < hub_points.size(); ++h) {
                        const double dx = hub_points[h].x() - q.x(), dy = hub_points[h].y() - q.y(), d2 = dx * dx + dy * dy;
                        if (d2 < best) {
                            best = d2;
                            arg = static_cast<std::int32_t>(h);
                        }
                    }
                    nearest[i] = arg;
                    distance[i] = std::sqrt(best);
                }
            });
        });
        split.push_back({"reference, not keniki: brute-force nearest of 200 hubs, plain loop on all cores (compare b4)", brute, "", {}, ""});
    }

    // The in-process output phase, as pipeline::write writes it (the same
    // OutputLayers::all() and tables(): GeoJSON in lon/lat, one GeoPackage with every layer, the unit
    // and hub tables as CSV) — to see where the time of a run goes.
    for (const bool with_residents : {false, true}) {
        report::LayerOptions lo;
        lo.residents = with_residents;
        report::OutputLayers layers;
        const std::string tag = with_residents ? " (residents = true)" : " (residents = false)";
        const Stats build = time_runs(k, [&] { layers = report::build_output_layers(model->input, result, working_crs, lo); });
        split.push_back({"report::build_output_layers" + tag, build, "", {}, ""});
        const fs::path out = dir / "split_out";
        fs::remove_all(out);
        fs::create_directories(out);
        const auto all = layers.all();
        io::WriteOptions ow;
        ow.overwrite = true;
        const Stats gj = time_runs(
            k, [&] {
                for (const Layer* l : all) io::write_layer((out / (l->name + ".geojson")).string(), crs::reprojected(*l, "EPSG:4326"), ow);
            },
            flush_to_disk);
        split.push_back({"GeoJSON: to lon/lat + write, " + std::to_string(all.size()) + " layers" + tag, gj, "", {}, ""});
        // A fresh file each time, as `keniki run` writes it: updating an existing GeoPackage is another
        // path in io::write_gpkg (copy, then SQLite commits with fdatasync).
        const Stats gp = time_runs(k, [&] { io::write_geopackage((out / "keniki.gpkg").string(), all, ow); },
                                 [&] {
                                     fs::remove(out / "keniki.gpkg");
                                     flush_to_disk();
                                 });
        split.push_back({"GeoPackage: one file, " + std::to_string(all.size()) + " layers" + tag, gp, "", {}, ""});
        if (!with_residents) {
            io::WriteOptions cw = ow;
            cw.csv_geometry = false;
            const Stats cs = time_runs(
                k, [&] {
                    for (const Layer* l : layers.tables()) io::write_layer((out / (l->name + ".csv")).string(), *l, cw);
                },
                flush_to_disk);
            split.push_back({"CSV: unit and hub tables" + tag, cs, "", {}, ""});
        }
        if (with_residents) {
            for (const auto& l : layers.residents) {
                const Stats one = time_runs(k, [&] { io::write_layer((out / "residents_only.geojson").string(), crs::reprojected(l, "EPSG:4326"), ow); }, flush_to_disk);
                split.push_back({"  of which the residents layer as GeoJSON alone", one, "", {}, ""});
            }
        }
        fs::remove_all(out);
    }
    residents_layer = Layer{};

    // Peers.
    std::vector<std::string> peers;
    {
        const auto [which_rc, which_out] = shell("command -v psql");
        if (which_rc != 0) {
            peers.push_back("PostGIS: skipped — `psql` is not installed (the benchmark installs nothing; with a PostgreSQL + PostGIS server "
                            "reachable through the usual PG* variables it times the same join).");
        } else {
            const auto [rc, out] = shell("psql -XAtqw -c 'SELECT postgis_lib_version()'");
            if (rc != 0) {
                peers.push_back("PostGIS: skipped — `psql` is there but no server answered: " + first_line(out) +
                                " (the benchmark starts and installs nothing; point the PG* variables at a server with PostGIS to compare).");
            } else {
                // Same residents and neighbourhoods, loaded into temporary tables, GiST-indexed; the join is timed by psql.
                {
                    std::ofstream r(dir / "pg_residents.csv");
                    r.precision(10);
                    r << "x,y\n";
                    for (const Point& p : city.residents) r << p.x() << ',' << p.y() << '\n';
                    std::ofstream h(dir / "pg_hoods.csv");
                    h << "id,wkt\n";
                    for (std::size_t i = 0; i < city.hoods.size(); ++i) h << i << ",\"" << boost::geometry::wkt(city.hoods[i]) << "\"\n";
                    std::ofstream s(dir / "pg_join.sql");
                    s << "\\set ON_ERROR_STOP on\n"
                         "CREATE TEMP TABLE kb_res (x float8, y float8);\n"
                         "\\copy kb_res FROM '" << (dir / "pg_residents.csv").string() << "' CSV HEADER\n"
                         "CREATE TEMP TABLE kb_hood (id int, wkt text);\n"
                         "\\copy kb_hood FROM '" << (dir / "pg_hoods.csv").string() << "' CSV HEADER\n"
                         "CREATE TEMP TABLE r AS SELECT ST_SetSRID(ST_MakePoint(x, y), 6671) AS geom FROM kb_res;\n"
                         "CREATE TEMP TABLE h AS SELECT id, ST_GeomFromText(wkt, 6671) AS geom FROM kb_hood;\n"
                         "CREATE INDEX ON r USING gist (geom);\nCREATE INDEX ON h USING gist (geom);\nANALYZE r;\nANALYZE h;\n"
                         "\\timing on\n";
                    for (int r2 = 0; r2 < k; ++r2) s << "SELECT count(*) FROM r JOIN h ON ST_Contains(h.geom, r.geom);\n";
                }
                const auto [prc, pout] = shell("psql -XAtqw -f " + quoted((dir / "pg_join.sql").string()));
                std::vector<double> ms;
                std::istringstream lines(pout);
                for (std::string l; std::getline(lines, l);) {
                    if (l.rfind("Time: ", 0) == 0) ms.push_back(std::atof(l.c_str() + 6) / 1000.0);
                }
                if (prc != 0 || ms.size() < static_cast<std::size_t>(k)) {
                    peers.push_back("PostGIS: the join failed: " + first_line(pout));
                } else {
                    const std::vector<double> joins(ms.end() - k, ms.end());
                    const Stats pg = stats_of(joins);
                    peers.push_back("PostGIS ST_Contains join, " + std::to_string(n) + " points / 100 units (GiST on both): median " + fixed(pg.median) +
                                    " s = " + fixed(pg.median / locate.median, 1) + "× keniki's locate_all (b2)");
                }
            }
        }
    }
    {
        const auto [rc, out] = shell("/usr/bin/python3 -c 'import geopandas'");
        if (rc != 0) {
            peers.push_back("GeoPandas: skipped — /usr/bin/python3 has no geopandas (" + last_line(out) +
                            "); enable with `apt-get install python3-geopandas` and run again.");
        } else {
            std::ofstream py(dir / "gpd_sjoin.py");
            py << "import json, sys, time\n"
                  "import geopandas as gpd\n"
                  "t0 = time.perf_counter()\n"
                  "res = gpd.read_file(sys.argv[1])\n"
                  "hoods = gpd.read_file(sys.argv[2])\n"
                  "read_s = time.perf_counter() - t0\n"
                  "times = []\n"
                  "for _ in range(int(sys.argv[3])):\n"
                  "    t = time.perf_counter()\n"
                  "    j = gpd.sjoin(res, hoods, how='left', predicate='within')\n"
                  "    times.append(time.perf_counter() - t)\n"
                  "times.sort()\n"
                  "print(json.dumps({'read_s': read_s, 'sjoin_median_s': times[len(times) // 2], 'rows': len(j), 'version': gpd.__version__}))\n";
            py.close();
            const auto [prc, pout] = shell("/usr/bin/python3 " + quoted((dir / "gpd_sjoin.py").string()) + " " + quoted((dir / "residents.gpkg").string()) +
                                           " " + quoted((dir / "neighbourhoods.gpkg").string()) + " " + std::to_string(k));
            const auto last = pout.substr(pout.rfind('{') == std::string::npos ? 0 : pout.rfind('{'));
            const auto doc = nlohmann::json::parse(last, nullptr, false);
            if (prc != 0 || doc.is_discarded()) {
                peers.push_back("GeoPandas: the sjoin failed: " + first_line(pout));
            } else {
                const double sj = doc["sjoin_median_s"].get<double>(), rd = doc["read_s"].get<double>();
                peers.push_back("GeoPandas " + doc["version"].get<std::string>() + " sjoin(within), " + std::to_string(n) + " points / 100 units: median " +
                                fixed(sj) + " s = " + fixed(sj / locate.median, 1) + "× keniki's locate_all (b2); its read_file of residents.gpkg " +
                                fixed(rd) + " s = " + fixed(rd / read_gpkg.median, 1) + "× io::read_layer");
            }
        }
    }

    // Report.
    std::cout << "\n## bench_tier_model: " << n << " residents, 100 neighbourhoods in 10 welfare units, 200 hubs\n\n"
              << "Machine: " << machine_description() << ". N = " << n << ". Median/min/max of " << k
              << " runs each, steady_clock. Inputs in " << dir.string() << " (page cache warm).\n"
              << "Generating the city took " << fixed(generate_s, 2) << " s, writing its files " << fixed(write_s, 2) << " s (not timed below).\n\n";
    print_rows(std::cout, rows);
    std::cout << "\n¹ residents = false: the full-size run writes every unit, service-area, gap and hub layer as GeoJSON, GeoPackage and "
                 "CSV plus summary.json, but not the per-resident layer — a million residents as GeoJSON is not part of the \"all "
    "outputs\" we can afford in 2 s; row d is that run with residents = true, timed separately.\n";
    if (!run_ok || !run_res_ok) std::cout << "\n**keniki run failed**: run it by hand to see why: " << keniki << " run " << (dir / "plan.toml").string() << " --out /tmp/x\n";
    print_list(std::cout, "Checks:", checks);
    std::cout << "\n### Reading the residents: which input format to recommend\n\n";
    print_rows(std::cout, formats);
    std::cout << "\n### Where the time of a run goes (in process)\n\n";
    print_rows(std::cout, split);
    std::cout << "\n### Peers\n\n"
              << "For scale (issue): PostGIS takes about 0.2 s for the point-in-polygon join of 200,000 points alone, GeoPandas about 3 s; "
              << "keniki's locate_all (b2) did " << n << " points in " << fixed(locate.median) << " s (" << fixed(locate.median * 200000.0 / static_cast<double>(n))
              << " s per 200,000).\n\n";
    for (const auto& p : peers) std::cout << "- " << p << "\n";
    return (run_ok && run_res_ok) ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    const auto options = keniki::bench::parse_options(argc, argv);
    return keniki::bench::report_errors("bench_tier_model", [&] { return keniki::bench::run(options); });
}
