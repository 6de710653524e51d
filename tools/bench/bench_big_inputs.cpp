// bench_big_inputs [--vertices N] [--hubs N] [--residents N] [--work DIR] [--keniki PATH] [--only CASE]
//
// Big inputs as a planner meets them (issue 16 point 5, issue 14 point 4): a welfare unit whose
// outline has millions of vertices (a prefectural border digitised at centimetre spacing), the same
// unit as an 80 MB GeoJSON, and hundreds of thousands of hubs. Generates the inputs in DIR, runs the
// whole `keniki run` on each plan as a subprocess and prints one table row per case: wall time, peak
// RSS (VmHWM, polled), exit code, and the first line of stderr when the run refused.
//
// Cases (all in JGD2011 / Japan Plane Rectangular CS III, EPSG:6671, around Mine, Yamaguchi):
//   unit     a 20 km square city, tier `welfare` with two units: W01 a wavy circle of N vertices
//            (default 2,000,000; radius 8 km), W02 the rest of the square (its hole is the same ring);
//            residents uniform over the square; one welfare centre per unit. FlatGeobuf inputs.
//   geojson  the same plan with the unit layer as GeoJSON (EPSG:4326), read with GDAL's default
//            object size limit: expected to be refused with a message that says why and how.
//   hubs     the same city, tier `salon` over four square units with N hubs (default 200,000) spread
//            over the city, reach 500 m straight.
//
// Benchmarks are not tests: nothing is checked here beyond the exit code being reported.

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/write_layer.hpp"

#include "bench_support.hpp"

extern char** environ;

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;

struct Options {
    std::size_t vertices = 2'000'000;
    std::size_t hubs = 200'000;
    std::size_t residents = 200'000;
    std::string work;
    std::string keniki;
    std::string only;  ///< one case ("unit", "geojson", "hubs"); empty = all
    bool generate_only = false;
};

constexpr const char* k_usage =
    "usage: bench_big_inputs [--vertices N] [--hubs N] [--residents N] [--work DIR] [--keniki PATH] [--only unit|geojson|hubs] [--generate-only]\n"
    "Generates big inputs (a welfare unit of N vertices, default 2000000; N hubs, default 200000) in DIR and\n"
    "times the whole `keniki run` on each (wall, peak RSS). --generate-only: write the inputs and plans, run nothing.\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_big_inputs", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--vertices") o.vertices = cl.count(16);
        else if (a == "--hubs") o.hubs = cl.count(1);
        else if (a == "--residents") o.residents = cl.count(1);
        else if (a == "--work") o.work = cl.value();
        else if (a == "--keniki") o.keniki = cl.value();
        else if (a == "--only") o.only = cl.value();
        else if (a == "--generate-only") o.generate_only = true;
        else cl.unknown();
    }
    return o;
}

constexpr const char* working_crs = "EPSG:6671";
constexpr double cx = -90000, cy = -190000, half = 10000, radius = 8000;

Polygon square(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    return p;
}

/// A wavy circle of n vertices, counter-clockwise, closed: radius 8 km +- 20 m in 997 waves.
std::vector<Point> wavy_ring(std::size_t n) {
    std::vector<Point> r;
    r.reserve(n + 1);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
        const double rr = radius + 20 * std::sin(997 * t);
        r.emplace_back(cx + rr * std::cos(t), cy + rr * std::sin(t));
    }
    r.push_back(r.front());
    return r;
}

void write_common(const fs::path& dir, std::size_t n_residents) {
    io::WriteOptions w;
    w.overwrite = true;
    Layer city = new_layer("city", working_crs, {{"name", FieldType::text}});
    add_feature(city, square(cx - half, cy - half, cx + half, cy + half), {std::string("big city (synthetic)")});
    io::write_layer((dir / "city.fgb").string(), city, w);

    Random rnd(20261203);
    Layer res = new_layer("residents", working_crs, {{"is_65plus", FieldType::integer}, {"is_75plus", FieldType::integer}});
    res.features.reserve(n_residents);
    for (std::size_t i = 0; i < n_residents; ++i) {
        const double age = rnd.uniform();
        add_feature(res, Point{rnd.uniform(cx - half, cx + half), rnd.uniform(cy - half, cy + half)},
                    {std::int64_t{age < 0.40}, std::int64_t{age < 0.22}});
    }
    io::write_layer((dir / "residents.fgb").string(), res, w);
}

Layer big_units(std::size_t n_vertices) {
    Layer units = new_layer("welfare_units", working_crs, {{"welfare_id", FieldType::text}, {"name", FieldType::text}});
    const std::vector<Point> ring = wavy_ring(n_vertices);
    Polygon inner;
    inner.outer().assign(ring.begin(), ring.end());
    add_feature(units, inner, {std::string("W01"), std::string("circle of " + std::to_string(n_vertices) + " vertices")});
    Polygon outer = square(cx - half, cy - half, cx + half, cy + half);
    outer.inners().emplace_back(ring.rbegin(), ring.rend());  // holes clockwise
    add_feature(units, outer, {std::string("W02"), std::string("the rest of the city")});
    return units;
}

void write_hubs(const fs::path& file, std::size_t n_salons) {
    io::WriteOptions w;
    w.overwrite = true;
    Layer hubs = new_layer("hubs", working_crs, {{"hub_id", FieldType::text}, {"kind", FieldType::text}, {"name", FieldType::text}});
    add_feature(hubs, Point{cx, cy}, {std::string("C1"), std::string("consultation_center"), std::string("consultation centre")});
    add_feature(hubs, Point{cx + 1000, cy}, {std::string("WC1"), std::string("welfare_center"), std::string("welfare centre, circle")});
    add_feature(hubs, Point{cx + 9000, cy + 9000}, {std::string("WC2"), std::string("welfare_center"), std::string("welfare centre, rest")});
    Random rnd(20261204);
    hubs.features.reserve(n_salons + 3);
    for (std::size_t i = 0; i < n_salons; ++i)
        add_feature(hubs, Point{rnd.uniform(cx - half, cx + half), rnd.uniform(cy - half, cy + half)},
                    {"S" + std::to_string(i), std::string("salon"), "salon " + std::to_string(i)});
    io::write_layer(file.string(), hubs, w);
}

std::string plan_head(const std::string& hubs) {
    return "# Written by bench_big_inputs (tools/bench/bench_big_inputs.cpp). Paths are relative to this file.\n"
           "[study]\nname = \"big inputs (synthetic)\"\nboundary = { path = \"city.fgb\" }\nworking_crs = \"EPSG:6671\"\n\n"
           "[residents]\nsource = { path = \"residents.fgb\" }\nkind = \"points\"\npopulation_field = \"\"\n"
           "age65_field = \"is_65plus\"\nage75_field = \"is_75plus\"\n\n"
           "[[facilities]]\nid = \"hubs\"\nsource = { path = \"" +
           hubs +
           "\" }\nkind_field = \"kind\"\nname_field = \"name\"\nid_field = \"hub_id\"\n\n"
           "[[tiers]]\nid = \"city\"\nname = \"市圏域\"\nunits = { from = \"boundary\" }\nhub_kinds = [\"consultation_center\"]\n"
           "reach = { mode = \"straight\", metres = 20000 }\n\n";
}

const char* plan_tail =
    "[output]\ngeojson = true\ngeopackage = true\ncsv = true\nresidents = false\n\n"
    "[analysis]\nnesting_tolerance = 0.01\nbuffer_segments = 16\n";

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
    if (!out) throw DataError("cannot write", Where{file.string()});
}

std::string welfare_tier(const std::string& units) {
    return "[[tiers]]\nid = \"welfare\"\nname = \"福祉圏域\"\nunits = { from = \"layer\", source = { path = \"" + units +
           "\" }, id_field = \"welfare_id\", name_field = \"name\" }\nhub_kinds = [\"welfare_center\"]\n"
           "reach = { mode = \"straight\", metres = 6000 }\n\n";
}

struct ProcessRun {
    int exit_code = -1;
    double wall_s = 0;
    long peak_rss_mb = 0;
    double cpu_s = 0;  ///< user + system CPU of the child (wait4)
    std::string first_error;
};

long vm_hwm_kb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string l; std::getline(in, l);) {
        if (l.rfind("VmHWM:", 0) == 0) return std::atol(l.c_str() + 6);
    }
    return 0;
}

/// Runs args (no shell), stderr to `err_file`; wall time and peak RSS polled from /proc every 10 ms.
ProcessRun run_process(const std::vector<std::string>& args, const fs::path& err_file) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ProcessRun r;
    const auto t0 = Clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (spawned != 0) return r;
    std::atomic<bool> done{false};
    long hwm_kb = 0;
    std::thread poll([&] {
        while (!done.load()) {
            hwm_kb = std::max(hwm_kb, vm_hwm_kb(pid));
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    int status = 0;
    rusage usage{};
    const pid_t reaped = wait4(pid, &status, 0, &usage);
    r.wall_s = seconds_since(t0);
    done = true;
    poll.join();
    if (reaped != pid) return r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    r.peak_rss_mb = hwm_kb / 1024;
    r.cpu_s = tv_seconds(usage.ru_utime) + tv_seconds(usage.ru_stime);
    std::ifstream err(err_file);
    for (std::string l; std::getline(err, l);) {
        if (l.find("keniki:") != std::string::npos || l.find("rror") != std::string::npos) {
            r.first_error = l.substr(0, 300);
            break;
        }
    }
    return r;
}

int run(const Options& opt) {
    const WorkDir work(opt.work, "keniki-bench-big");
    const fs::path& dir = work.path();
    const std::string keniki = opt.keniki.empty() ? built_keniki() : opt.keniki;
    auto wanted = [&](const char* c) { return opt.only.empty() || opt.only == c; };
    io::WriteOptions w;
    w.overwrite = true;

    std::cerr << "bench_big_inputs: generating in " << dir.string() << "\n";
    auto t0 = Clock::now();
    write_common(dir, opt.residents);
    if (wanted("unit") || wanted("geojson")) {
        Layer units = big_units(opt.vertices);
        if (wanted("unit")) io::write_layer((dir / "welfare_big.fgb").string(), units, w);
        if (wanted("geojson")) {
            const crs::Transformer to_lonlat(working_crs, "EPSG:4326");
            for (auto& f : units.features) crs::transform(f.geometry, to_lonlat);
            units.crs = "EPSG:4326";
            io::write_layer((dir / "welfare_big.geojson").string(), units, w);
        }
    }
    write_hubs(dir / "hubs_few.fgb", 0);
    if (wanted("hubs")) {
        write_hubs(dir / "hubs_many.fgb", opt.hubs);
        Layer quads = new_layer("salon_units", working_crs, {{"welfare_id", FieldType::text}, {"name", FieldType::text}});
        for (int j = 0; j < 2; ++j)
            for (int i = 0; i < 2; ++i)
                add_feature(quads, square(cx - half + i * half, cy - half + j * half, cx + i * half, cy + j * half),
                            {"Q" + std::to_string(j * 2 + i), "quarter " + std::to_string(j * 2 + i)});
        io::write_layer((dir / "quarters.fgb").string(), quads, w);
    }
    write_text(dir / "plan_unit.toml", plan_head("hubs_few.fgb") + welfare_tier("welfare_big.fgb") + plan_tail);
    write_text(dir / "plan_geojson.toml", plan_head("hubs_few.fgb") + welfare_tier("welfare_big.geojson") + plan_tail);
    write_text(dir / "plan_hubs.toml",
               plan_head("hubs_many.fgb") + welfare_tier("quarters.fgb") +
                   "[[tiers]]\nid = \"salon\"\nname = \"住民主体地域活動圏域\"\nunits = { from = \"layer\", source = { path = \"quarters.fgb\" }, "
                   "id_field = \"welfare_id\", name_field = \"name\" }\nhub_kinds = [\"salon\"]\nreach = { mode = \"straight\", metres = 500 }\n\n" +
                   plan_tail);
    sync();
    const double gen_s = seconds_since(t0);
    std::cerr << "bench_big_inputs: generated in " << fixed(gen_s, 1) << " s\n";
    if (opt.generate_only) {
        std::cout << "inputs and plans in " << dir.string() << " (plan_unit.toml, plan_geojson.toml, plan_hubs.toml)\n";
        return 0;
    }

    std::cout << "#### bench_big_inputs: whole `keniki run`, " << machine_description() << "\n\n"
              << "Inputs in " << dir.string() << " (generated in " << fixed(gen_s, 1) << " s): " << opt.residents << " residents; "
              << "unit W01 of " << opt.vertices << " vertices; " << opt.hubs << " hubs.\n\n"
              << "| case | plan | wall s | CPU s | peak RSS MB | exit | first line of stderr |\n|---|---|---:|---:|---:|---:|---|\n";
    auto row = [&](const char* name, const char* plan) {
        const ProcessRun r = run_process({keniki, "run", (dir / plan).string(), "--out", (dir / (std::string("out_") + name)).string(), "--overwrite", "--quiet"},
                                         dir / (std::string("stderr_") + name + ".txt"));
        std::cout << "| " << name << " | " << plan << " | " << fixed(r.wall_s, 2) << " | " << fixed(r.cpu_s, 2) << " | " << r.peak_rss_mb << " | " << r.exit_code << " | "
                  << r.first_error << " |\n"
                  << std::flush;
    };
    if (wanted("unit")) row("unit", "plan_unit.toml");
    if (wanted("geojson")) row("geojson", "plan_geojson.toml");
    if (wanted("hubs")) row("hubs", "plan_hubs.toml");
    return 0;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    return keniki::bench::report_errors("bench_big_inputs", [&] { return keniki::bench::run(keniki::bench::parse_options(argc, argv)); });
}
