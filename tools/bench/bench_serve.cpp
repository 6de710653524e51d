// bench_serve [--work DIR] [--keniki PATH] [--residents N] [--moves K] [--clients C] [--seconds S]
//
// keniki serve's targets (issue 13), measured against the running server over loopback, as a client
// would see them (request -> recomputed figures -> whole JSON response received):
//   1. demo town (data/demo/plan.toml): a hub move round trip, median under 20 ms;
//   2. a synthetic city of N residents (default 1,000,000), 200 hubs, 3 tiers (10 x 10 neighbourhoods,
//      10 welfare units, the city; an E2SFCA access index over the welfare centres' staff; generated
//      with a fixed seed into DIR): a hub move, median under
//      100 ms, p99 under 250 ms;
//   3. C concurrent clients (default 50) moving hubs for S seconds (default 30): no error.
// `keniki serve` runs as a subprocess (--port 0, loopback); the first line of its stdout names the port.
// Prints markdown tables. A benchmark, not a test: it asserts nothing, it reports.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "keniki/core/error.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/io/write_layer.hpp"

#include "bench_support.hpp"

extern char** environ;

namespace keniki::bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Ms = std::chrono::duration<double, std::milli>;

struct Options {
    std::string work;
    std::string keniki;
    std::size_t residents = 1'000'000;
    std::size_t moves = 200;
    std::size_t clients = 50;
    double seconds = 30;
};

constexpr const char* k_usage =
    "usage: bench_serve [--work DIR] [--keniki PATH] [--residents N] [--moves K] [--clients C] [--seconds S]\n"
    "Times keniki serve over loopback: hub-move round trips on the demo town and on a synthetic city of N\n"
    "residents (default 1000000, 200 hubs, 3 tiers; generated into DIR, default a temporary directory),\n"
    "K moves each (default 200), then C clients (default 50) moving hubs at once for S seconds (default 30).\n";

Options parse_options(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_serve", k_usage);
    while (cl.next()) {
        const std::string& a = cl.option();
        if (a == "--work") o.work = cl.value();
        else if (a == "--keniki") o.keniki = cl.value();
        else if (a == "--residents") o.residents = cl.count(1000);
        else if (a == "--moves") o.moves = cl.count(10);
        else if (a == "--clients") o.clients = cl.count(1);
        else if (a == "--seconds") o.seconds = cl.positive();
        else cl.unknown();
    }
    return o;
}

// ---------------------------------------------------------------------------------------------
// The synthetic city: 40 x 30 km in JGD2011 zone III (keniki's automatic CRS for it), 10 x 10 square
// neighbourhoods in 10 welfare units of 2 x 5, residents in six towns and scattered, 200 hubs.

constexpr const char* k_crs = "EPSG:6671";
constexpr double k_x0 = -110000, k_y0 = -205000, k_w = 40000, k_h = 30000;
constexpr int k_grid = 10;

Polygon rect(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {Point{x0, y0}, Point{x1, y0}, Point{x1, y1}, Point{x0, y1}, Point{x0, y0}};
    return p;
}

void write_city(const fs::path& dir, std::size_t n) {
    constexpr FieldType text = FieldType::text, integer = FieldType::integer;
    io::WriteOptions w;
    w.overwrite = true;
    const double cw = k_w / k_grid, ch = k_h / k_grid;
    Layer city = new_layer("city", k_crs, {{"name", text}});
    add_feature(city, rect(k_x0, k_y0, k_x0 + k_w, k_y0 + k_h), {std::string("serve bench city (synthetic)")});
    io::write_layer((dir / "city.gpkg").string(), city, w);
    Layer welfare = new_layer("welfare", k_crs, {{"welfare_id", text}, {"name", text}});
    for (int bj = 0; bj < 5; ++bj)
        for (int bi = 0; bi < 2; ++bi)
            add_feature(welfare, rect(k_x0 + bi * 5 * cw, k_y0 + bj * 2 * ch, k_x0 + (bi + 1) * 5 * cw, k_y0 + (bj + 1) * 2 * ch),
                        {"W" + std::to_string(bj * 2 + bi), "welfare unit " + std::to_string(bj * 2 + bi)});
    io::write_layer((dir / "welfare.gpkg").string(), welfare, w);
    Layer hoods = new_layer("hoods", k_crs, {{"unit_id", text}, {"name", text}});
    for (int j = 0; j < k_grid; ++j)
        for (int i = 0; i < k_grid; ++i)
            add_feature(hoods, rect(k_x0 + i * cw, k_y0 + j * ch, k_x0 + (i + 1) * cw, k_y0 + (j + 1) * ch),
                        {"N" + std::to_string(j * k_grid + i), "neighbourhood " + std::to_string(j * k_grid + i)});
    io::write_layer((dir / "hoods.gpkg").string(), hoods, w);

    Random rnd(20261204);
    struct Town {
        double x, y, sd, share;
    };
    const Town towns[] = {{17000, 17000, 1800, 0.30}, {31000, 7000, 1200, 0.10}, {6000, 6000, 1000, 0.08},
                          {33000, 24000, 900, 0.07},  {8000, 25000, 800, 0.05},  {23000, 4000, 700, 0.05}};
    Layer res = new_layer("residents", k_crs, {{"is_65plus", integer}, {"is_75plus", integer}});
    res.features.reserve(n);
    std::vector<Point> homes;
    homes.reserve(n);
    while (homes.size() < n) {
        double pick = rnd.uniform(), x = 0, y = 0;
        const Town* town = nullptr;
        for (const Town& t : towns) {
            if (pick < t.share) {
                town = &t;
                break;
            }
            pick -= t.share;
        }
        x = town ? rnd.normal(k_x0 + town->x, town->sd) : rnd.uniform(k_x0, k_x0 + k_w);
        y = town ? rnd.normal(k_y0 + town->y, town->sd) : rnd.uniform(k_y0, k_y0 + k_h);
        if (!(x > k_x0 && x < k_x0 + k_w && y > k_y0 && y < k_y0 + k_h)) continue;
        homes.emplace_back(x, y);
        const double age = rnd.uniform();
        add_feature(res, Point{x, y}, {std::int64_t{age < 0.40}, std::int64_t{age < 0.22}});
    }
    io::write_layer((dir / "residents.gpkg").string(), res, w);

    Layer hubs = new_layer("hubs", k_crs, {{"hub_id", text}, {"kind", text}, {"name", text}, {"staff", integer}});
    int k = 0;
    auto add = [&](const std::string& kind, const Point& at) {
        add_feature(hubs, at, {"H" + std::to_string(k), kind, kind + " " + std::to_string(k), std::int64_t{1 + k % 3}});
        ++k;
    };
    add("consultation_center", Point{k_x0 + towns[0].x, k_y0 + towns[0].y});
    for (int bj = 0; bj < 5; ++bj)
        for (int bi = 0; bi < 2; ++bi) add("welfare_center", Point{k_x0 + (bi * 5 + 2.5) * cw, k_y0 + (bj * 2 + 1) * ch});
    for (int j = 0; j < k_grid; ++j)
        for (int i = 0; i < k_grid; ++i) add("community_hall", Point{k_x0 + (i + rnd.uniform(0.3, 0.7)) * cw, k_y0 + (j + rnd.uniform(0.3, 0.7)) * ch});
    while (k < 200) {
        const Point& h = homes[rnd.index(homes.size())];
        add("salon", Point{h.x() + rnd.uniform(-50, 50), h.y() + rnd.uniform(-50, 50)});
    }
    io::write_layer((dir / "hubs.gpkg").string(), hubs, w);

    std::ofstream plan(dir / "plan.toml");
    plan << "# Written by bench_serve: a synthetic city. Paths are relative to this file.\n"
            "[study]\nname = \"serve bench city\"\nboundary = { path = \"city.gpkg\" }\n\n"
            "[residents]\nsource = { path = \"residents.gpkg\" }\nkind = \"points\"\nage65_field = \"is_65plus\"\nage75_field = \"is_75plus\"\n\n"
            "[[facilities]]\nid = \"hubs\"\nsource = { path = \"hubs.gpkg\" }\nkind_field = \"kind\"\nname_field = \"name\"\nid_field = \"hub_id\"\n\n"
            "[[tiers]]\nid = \"city\"\nname = \"市圏域\"\nunits = { from = \"boundary\" }\nhub_kinds = [\"consultation_center\"]\n"
            "reach = { mode = \"straight\", metres = 20000 }\n\n"
            "[[tiers]]\nid = \"welfare\"\nname = \"福祉圏域\"\nunits = { from = \"layer\", source = { path = \"welfare.gpkg\" }, id_field = \"welfare_id\", name_field = \"name\" }\n"
            "hub_kinds = [\"welfare_center\"]\nreach = { mode = \"straight\", metres = 6000 }\n\n"
            "[[tiers]]\nid = \"neighbourhood\"\nname = \"住民主体地域活動圏域\"\nunits = { from = \"layer\", source = { path = \"hoods.gpkg\" }, id_field = \"unit_id\", name_field = \"name\" }\n"
            "hub_kinds = [\"community_hall\", \"salon\"]\nreach = { mode = \"straight\", metres = 1000 }\n\n"
            "[[access]]\nid = \"csw\"\nname = \"CSW\"\ntier = \"welfare\"\nsupply_field = \"staff\"\ndemand = \"pop_65plus\"\nmethod = \"e2sfca\"\n"
            "catchment = { mode = \"straight\", metres = 6000 }\ndecay = { bands = [[2000, 1.0], [4000, 0.68], [6000, 0.22]] }\nthreshold_per_1000 = 3\n";
    if (!plan) throw DataError("cannot write the plan", Where{(dir / "plan.toml").string()});
}

// ---------------------------------------------------------------------------------------------
// keniki serve as a subprocess

class Served {
public:
    Served(const std::string& keniki, const fs::path& plan) {
        int fds[2];
        if (pipe(fds) != 0) throw DataError("pipe failed");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
        posix_spawn_file_actions_addclose(&fa, fds[0]);
        std::vector<std::string> args = {keniki, "serve", plan.string(), "--port", "0", "--quiet"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const auto start = Clock::now();
        if (posix_spawn(&m_pid, keniki.c_str(), &fa, nullptr, argv.data(), environ) != 0) throw DataError("cannot run " + keniki);
        posix_spawn_file_actions_destroy(&fa);
        close(fds[1]);
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
        close(fds[0]);
        startup_s = std::chrono::duration<double>(Clock::now() - start).count();
        const auto colon = line.find(':', line.find("127.0.0.1"));
        if (colon == std::string::npos) throw DataError("keniki serve " + plan.string() + " printed no address (\"" + line + "\")");
        port = std::stoi(line.substr(colon + 1));
    }
    ~Served() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int status = 0;
            waitpid(m_pid, &status, 0);
        }
    }
    int port = 0;
    double startup_s = 0;

private:
    pid_t m_pid = -1;
};

struct Hub {
    std::string id, tier;
    double lon, lat;
};

std::vector<Hub> hubs_of(httplib::Client& c) {
    const auto r = c.Get("/api/plan");
    if (!r || r->status != 200) throw DataError("GET /api/plan failed");
    const json plan = json::parse(r->body);
    std::vector<Hub> out;
    for (const auto& h : plan["hubs"]) out.push_back({h["id"], h["tiers"][0], h["lon"], h["lat"]});
    if (out.empty()) throw DataError("GET /api/plan lists no hubs");
    return out;
}

std::string move_body(const Hub& h, Random& rnd, double degrees) {
    return json{{"move_hubs", {{{"hub", h.id}, {"lon", h.lon + rnd.uniform(-degrees, degrees)}, {"lat", h.lat + rnd.uniform(-degrees, degrees)}}}}}.dump();
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return NAN;
    std::sort(v.begin(), v.end());
    const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - (q > 0 ? 1 : 0));
    return v[k];
}

struct Timing {
    std::vector<double> ms;
    std::size_t errors = 0;
    std::string last_error;
};

/// K sequential hub moves of hubs of `tier` ("" = any), each by up to `degrees`, on one keep-alive connection.
Timing time_moves(int port, const std::vector<Hub>& hubs, const std::string& tier, std::size_t k, double degrees, std::uint64_t seed) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60);
    std::vector<const Hub*> pool;
    for (const auto& h : hubs)
        if (tier.empty() || h.tier == tier) pool.push_back(&h);
    if (pool.empty()) throw DataError("no hub of tier '" + tier + "'");
    Random rnd(seed);
    Timing t;
    for (std::size_t i = 0; i < k + 5; ++i) {
        const std::string body = move_body(*pool[rnd.index(pool.size())], rnd, degrees);
        const auto start = Clock::now();
        const auto r = c.Post("/api/scenario", body, "application/json");
        const double ms = Ms(Clock::now() - start).count();
        if (!r || r->status != 200) {
            // A move outside the study area is refused (422): not a failure of the server, but not timed.
            if (r && r->status == 422) continue;
            ++t.errors;
            t.last_error = r ? r->body : httplib::to_string(r.error());
            continue;
        }
        if (i >= 5) t.ms.push_back(ms);  // the first few warm the connection
    }
    return t;
}

struct Load {
    std::size_t ok = 0, refused = 0, errors = 0;
    std::vector<double> ms;
    std::string last_error;
    double seconds = 0;
};

Load load(int port, const std::vector<Hub>& hubs, std::size_t clients, double seconds) {
    Load total;
    std::mutex m;
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (std::size_t k = 0; k < clients; ++k) {
        threads.emplace_back([&, k] {
            httplib::Client c("127.0.0.1", port);
            c.set_read_timeout(60);
            Random rnd(1000 + k);
            Load mine;
            while (Clock::now() < end) {
                const std::string body = move_body(hubs[rnd.index(hubs.size())], rnd, 0.005);
                const auto t0 = Clock::now();
                const auto r = c.Post("/api/scenario", body, "application/json");
                const double ms = Ms(Clock::now() - t0).count();
                if (r && r->status == 200) {
                    ++mine.ok;
                    mine.ms.push_back(ms);
                } else if (r && r->status == 422) {
                    ++mine.refused;
                } else {
                    ++mine.errors;
                    mine.last_error = r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error());
                }
            }
            const std::lock_guard<std::mutex> lock(m);
            total.ok += mine.ok;
            total.refused += mine.refused;
            total.errors += mine.errors;
            total.ms.insert(total.ms.end(), mine.ms.begin(), mine.ms.end());
            if (!mine.last_error.empty()) total.last_error = mine.last_error;
        });
    }
    for (auto& t : threads) t.join();
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return total;
}

std::string fixed(double v, int decimals = 1) {
    char s[32];
    std::snprintf(s, sizeof s, "%.*f", decimals, v);
    return s;
}

std::string verdict(double value, double target) { return value < target ? "yes" : "**no**"; }

int run(const Options& o) {
    const std::string keniki = o.keniki.empty() ? built_keniki() : o.keniki;
    const unsigned cores = std::thread::hardware_concurrency();
    std::cout << "## keniki serve (bench_serve, " << cores << " cores, loopback)\n\n";

    // 1. The demo town.
    // __FILE__ may be relative to the build directory (where keniki is).
    fs::path root = project_dir();
    if (root.is_relative()) root = fs::path(built_keniki()).parent_path() / root;
    Served demo(keniki, fs::weakly_canonical(root / "data" / "demo" / "plan.toml"));
    httplib::Client dc("127.0.0.1", demo.port);
    const auto demo_hubs = hubs_of(dc);
    const Timing d = time_moves(demo.port, demo_hubs, "", o.moves, 0.004, 1);

    // 2. The synthetic city.
    fs::path work = o.work.empty() ? fs::temp_directory_path() / ("keniki-bench-serve-access-" + std::to_string(o.residents)) : fs::path(o.work);
    fs::create_directories(work);
    double generate_s = 0;
    if (!fs::exists(work / "plan.toml")) {
        const auto t0 = Clock::now();
        write_city(work, o.residents);
        generate_s = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    Served big(keniki, work / "plan.toml");
    httplib::Client bc("127.0.0.1", big.port);
    const auto big_hubs = hubs_of(bc);
    const Timing hood = time_moves(big.port, big_hubs, "neighbourhood", o.moves, 0.006, 2);
    const Timing welfare = time_moves(big.port, big_hubs, "welfare", std::max<std::size_t>(o.moves / 4, 10), 0.02, 3);
    const Timing any = time_moves(big.port, big_hubs, "", o.moves, 0.006, 4);

    // 3. Concurrent clients on the synthetic city.
    const Load l = load(big.port, big_hubs, o.clients, o.seconds);

    std::cout << "| measurement | requests | median ms | p99 ms | max ms | target | met |\n|---|---:|---:|---:|---:|---|---|\n";
    auto row = [&](const std::string& what, const std::vector<double>& ms, const std::string& target, const std::string& met) {
        std::cout << "| " << what << " | " << ms.size() << " | " << fixed(percentile(ms, 0.5)) << " | " << fixed(percentile(ms, 0.99)) << " | "
                  << fixed(ms.empty() ? NAN : *std::max_element(ms.begin(), ms.end())) << " | " << target << " | " << met << " |\n";
    };
    row("demo town (" + std::to_string(demo_hubs.size()) + " hubs): hub move round trip", d.ms, "median < 20 ms", verdict(percentile(d.ms, 0.5), 20));
    const std::string big_name = std::to_string(o.residents) + " residents, " + std::to_string(big_hubs.size()) + " hubs, 3 tiers";
    const auto hub_move = [](const std::vector<double>& ms) { return percentile(ms, 0.5) < 100 && percentile(ms, 0.99) < 250 ? "yes" : "**no**"; };
    row(big_name + ": neighbourhood hub move", hood.ms, "median < 100, p99 < 250", hub_move(hood.ms));
    row(big_name + ": welfare-centre move (6 km reach, and the E2SFCA access index over them)", welfare.ms, "median < 100, p99 < 250", hub_move(welfare.ms));
    row(big_name + ": move of any hub", any.ms, "median < 100, p99 < 250", hub_move(any.ms));
    row(std::to_string(o.clients) + " concurrent clients for " + fixed(o.seconds, 0) + " s (latency under load)", l.ms,
        "no error", l.errors == 0 ? "yes" : "**no**");
    std::cout << "\n- concurrent: " << l.ok << " answered, " << l.refused << " refused as outside the study area (422, expected), " << l.errors
              << " errors, " << fixed(static_cast<double>(l.ok + l.refused) / l.seconds) << " requests/s"
              << (l.last_error.empty() ? "" : "; last error: " + l.last_error) << "\n";
    const std::size_t seq_errors = d.errors + hood.errors + welfare.errors + any.errors;
    std::cout << "- sequential errors: " << seq_errors << (seq_errors ? " (last: " + d.last_error + hood.last_error + any.last_error + ")" : "") << "\n";
    std::cout << "- keniki serve start-up (read + run + index the plan, until it listens): demo " << fixed(demo.startup_s, 2) << " s, synthetic "
              << fixed(big.startup_s, 1) << " s" << (generate_s > 0 ? "; generating the synthetic city " + fixed(generate_s, 1) + " s" : "") << "\n";
    std::cout << "- synthetic city in " << work.string() << " (kept; --work reuses it)\n";
    return seq_errors == 0 && l.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    const auto options = keniki::bench::parse_options(argc, argv);
    return keniki::bench::report_errors("bench_serve", [&] { return keniki::bench::run(options); });
}
