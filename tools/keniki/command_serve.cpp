// keniki serve PLAN: the plan read and run once, kept in memory, and a local web page + JSON API
// where a planner moves, adds or removes hubs and sees every tier's figures change.

#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/core/error.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/serve/api.hpp"
#include "keniki/serve/model.hpp"
#include "keniki/serve/server.hpp"
#include "keniki/serve/tiles.hpp"

namespace keniki::cli {

namespace {

namespace fs = std::filesystem;

serve::Server* g_server = nullptr;

extern "C" void stop_serving(int) {
    if (g_server) g_server->stop();
}

/// The page: --web DIR, else web/ next to the binary's share directory, else the source tree's.
std::string find_web_dir(const std::optional<std::string>& given) {
    if (given) return *given;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& p : {exe.parent_path() / "web", exe.parent_path().parent_path() / "share" / "keniki" / "web"})
            if (fs::exists(p / "index.html")) return p.string();
    }
    return KENIKI_WEB_DIR;
}

int parse_port(const std::string& s) {
    std::size_t used = 0;
    int port = -1;
    try {
        port = std::stoi(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != s.size() || port < 0 || port > 65535) throw UsageError("keniki serve: --port must be a port number 0-65535, not '" + s + "'");
    return port;
}

int run_serve(const std::vector<std::string>& argv) {
    const Args args(argv, {"port", "host", "out", "web", "max-body", "tiles"}, {"quiet"}, "serve");
    args.expect_positionals(1, "one plan file: keniki serve PLAN [--port 8080] [--host 127.0.0.1] [--out DIR]");
    serve::ServerOptions options;
    options.host = args.value_or("host", "127.0.0.1");
    options.port = parse_port(args.value_or("port", "8080"));
    options.web_dir = find_web_dir(args.value("web"));
    if (const auto mb = args.value("max-body")) {
        std::size_t used = 0;
        long long bytes = -1;
        try {
            bytes = std::stoll(*mb, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != mb->size() || bytes < 1024 || bytes > (64LL << 20))
            throw UsageError("keniki serve: --max-body must be a number of bytes from 1024 to 67108864, not '" + *mb + "'");
        options.max_body = static_cast<std::size_t>(bytes);
    }
    serve::ApiOptions api_options;
    if (const auto out = args.value("out")) {
        if (!fs::is_directory(*out)) throw UsageError("keniki serve: --out " + *out + " is not a directory (create it first: saved scenarios go there)");
        api_options.out_dir = fs::absolute(*out).string();
    }
    const bool quiet = args.flag("quiet");
    std::unique_ptr<serve::TileSource> tiles;
    if (const auto t = args.value("tiles")) {
        tiles = serve::TileSource::open(*t);
        api_options.tiles = tiles->info();
        options.tiles = tiles.get();
    }

    const project::Plan plan = project::load_plan(args.positionals()[0]);
    if (!quiet) std::cerr << "keniki serve: reading and running " << plan.file.string() << " ...\n";
    const serve::Model model(plan);
    const serve::Api api(model, api_options);
    serve::Server server(api, options);
    const int port = server.bind();
    if (!serve::is_loopback(options.host)) {
        std::cerr << "\n"
                     "keniki serve: WARNING: listening on " << options.host << ":" << port << ", NOT loopback only.\n"
                     "keniki serve: WARNING: anyone who can reach this machine on the network can see the plan's figures\n"
                     "keniki serve: WARNING: and run scenarios" << (api_options.out_dir ? " and save them into " + *api_options.out_dir : std::string())
                  << ". There is no login. Use --host 127.0.0.1 unless you mean it.\n\n";
    }
    // Tests and scripts read the first line of stdout to learn the port.
    std::cout << "keniki serve: http://" << (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) << ":" << port
              << "/ (" << plan.study.name << ", " << plan.tiers.size() << " tiers; Ctrl-C stops)" << std::endl;
    g_server = &server;
    std::signal(SIGINT, stop_serving);
    std::signal(SIGTERM, stop_serving);
    server.listen();
    g_server = nullptr;
    if (!quiet) std::cerr << "keniki serve: stopped\n";
    return 0;
}

}  // namespace

Command make_serve_command() {
    return Command{"serve", "a local web page and JSON API: move, add or remove hubs and see every tier's figures change",
                   "usage: keniki serve PLAN [--port 8080] [--host 127.0.0.1] [--out DIR] [--tiles MBTILES|DIR] [--web DIR] [--max-body BYTES] [--quiet]\n\n"
                   "Reads and runs the plan once, keeps it in memory, and serves on http://HOST:PORT/ a map of the units\n"
                   "of every tier, shaded by a chosen figure, whose hubs can be dragged, added and removed; the figures\n"
                   "of every unit and tier follow at once, before and after. The JSON API (README: keniki serve):\n"
                   "  GET  /api/plan            GET /api/units/<tier>\n"
                   "  POST /api/scenario        POST /api/scenario/save (writes DIR/scenario_<id>.toml, a [[scenarios]] block)\n"
                   "Listens on loopback (127.0.0.1) unless --host says otherwise, and then warns loudly: there is no login.\n"
                   "Request bodies over 1 MiB (--max-body) are refused. Nothing a client sends is written anywhere but --out DIR.\n"
                   "--port 0 picks a free port; the first line on stdout names the address.\n"
                   "--tiles draws a local basemap under the units: an .mbtiles file of raster tiles or a folder of {z}/{x}/{y}.png\n"
                   "(no tile is fetched from the internet).\n",
                   run_serve};
}

}  // namespace keniki::cli
