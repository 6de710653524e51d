#include "keniki/serve/server.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <sys/socket.h>

#include <httplib.h>

#include "keniki/core/error.hpp"

namespace keniki::serve {

namespace fs = std::filesystem;

namespace {

struct Asset {
    std::string content_type;
    std::string body;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string content_type_of(const fs::path& p) {
    const std::string e = p.extension().string();
    if (e == ".html") return "text/html; charset=utf-8";
    if (e == ".js") return "text/javascript; charset=utf-8";
    if (e == ".css") return "text/css; charset=utf-8";
    if (e == ".png") return "image/png";
    if (e == ".svg") return "image/svg+xml";
    if (e == ".json") return "application/json; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

struct Server::Impl {
    const Api& api;
    ServerOptions options;
    httplib::Server http;
    std::map<std::string, Asset> assets;  ///< by URL path
    socket_t listen_socket = INVALID_SOCKET;
    Impl(const Api& a, ServerOptions o) : api(a), options(std::move(o)) {}
};

Server::Server(const Api& api, ServerOptions options) : m_impl(std::make_unique<Impl>(api, std::move(options))) {
    Impl& s = *m_impl;
    const fs::path web(s.options.web_dir);
    if (!fs::exists(web / "index.html")) throw UsageError("the page of keniki serve is not in " + web.string() + " (index.html missing): give --web DIR");
    for (const auto& e : fs::directory_iterator(web)) {
        if (!e.is_regular_file()) continue;
        const std::string name = e.path().filename().string();
        s.assets["/" + name] = Asset{content_type_of(e.path()), slurp(e.path())};
    }
    s.assets["/"] = s.assets["/index.html"];
    const fs::path leaflet(s.options.leaflet_dir);
    for (const char* f : {"leaflet.js", "leaflet.css"}) {
        if (!fs::exists(leaflet / f)) throw UsageError("Leaflet not found in " + leaflet.string() + " (Debian package libjs-leaflet)");
        s.assets[std::string("/lib/leaflet/") + f] = Asset{content_type_of(fs::path(f)), slurp(leaflet / f)};
    }
    if (fs::is_directory(leaflet / "images"))
        for (const auto& e : fs::directory_iterator(leaflet / "images"))
            if (e.is_regular_file()) s.assets["/lib/leaflet/images/" + e.path().filename().string()] = Asset{content_type_of(e.path()), slurp(e.path())};

    const int threads = s.options.threads;
    s.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    s.http.set_payload_max_length(s.options.max_body);
    // Keep a client's connection for many requests (cpp-httplib closes it after 5 by default, and every
    // reconnection goes through the listen backlog, see bind()).
    s.http.set_keep_alive_max_count(100000);
    s.http.set_keep_alive_timeout(30);
    // The listening socket, to widen its backlog after cpp-httplib's listen() (see bind()); the options
    // are cpp-httplib's defaults otherwise (SO_REUSEADDR).
    s.http.set_socket_options([this](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        m_impl->listen_socket = sock;
    });
    s.http.set_read_timeout(10);
    s.http.set_write_timeout(10);
    auto api_handler = [this](const httplib::Request& req, httplib::Response& res) {
        const Response r = m_impl->api.handle(req.method, req.path, req.body);
        res.status = r.status;
        res.set_content(r.body, r.content_type.c_str());
        res.set_header("Cache-Control", "no-store");
    };
    s.http.Get(R"(/api/.*)", api_handler);
    s.http.Post(R"(/api/.*)", api_handler);
    s.http.Put(R"(/api/.*)", api_handler);
    s.http.Delete(R"(/api/.*)", api_handler);
    if (s.options.tiles) {
        s.http.Get(R"(/tiles/(\d{1,2})/(\d{1,9})/(\d{1,9})(?:\.(?:png|jpg|jpeg|webp))?)", [this](const httplib::Request& req, httplib::Response& res) {
            const TileSource& src = *m_impl->options.tiles;
            const int z = std::stoi(req.matches[1]), x = std::stoi(req.matches[2]), y = std::stoi(req.matches[3]);
            auto tile = src.get(z, x, y);
            if (!tile && src.covers(z, x, y)) {
                tile = TileSource::empty();  // a blank tile the maker skipped: transparent, not an error
                res.set_header("X-Keniki-Tile", "empty");
            }
            if (!tile) {
                res.status = 404;
                res.set_content("no tile " + req.path + "\n", "text/plain; charset=utf-8");
                return;
            }
            res.set_content(tile->bytes, tile->content_type.c_str());
            res.set_header("Cache-Control", "max-age=3600");
        });
    }
    s.http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto it = m_impl->assets.find(req.path);
        if (it == m_impl->assets.end()) {
            res.status = 404;
            res.set_content("not found: " + req.path + "\n", "text/plain; charset=utf-8");
            return;
        }
        res.set_content(it->second.body, it->second.content_type.c_str());
    });
    s.http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        std::string message = "HTTP " + std::to_string(res.status);
        if (res.status == 413)
            message = "the request body is larger than the limit of " + std::to_string(m_impl->options.max_body) + " bytes";
        else if (res.status == 404)
            message = "not found: " + req.path;
        else if (res.status == 400)
            message = "the request is not valid HTTP";
        const Response r = error_response(res.status, message);
        res.set_content(r.body, r.content_type.c_str());
    });
}

Server::~Server() { stop(); }

int Server::bind() {
    Impl& s = *m_impl;
    if (s.options.port == 0) {
        const int port = s.http.bind_to_any_port(s.options.host.c_str());
        if (port <= 0) throw UsageError("keniki serve: cannot listen on " + s.options.host);
        s.options.port = port;
    } else if (!s.http.bind_to_port(s.options.host.c_str(), s.options.port)) {
        throw UsageError("keniki serve: cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) + " (in use? try --port)");
    }
    // Debian's libcpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into the
    // library): 50 clients connecting at once overflowed it and some connections were reset (bench_serve).
    // listen() again on the bound socket widens the backlog (Linux; capped by net.core.somaxconn).
    if (s.listen_socket != INVALID_SOCKET) ::listen(s.listen_socket, 1024);
    return s.options.port;
}

void Server::listen() { m_impl->http.listen_after_bind(); }

void Server::stop() {
    if (m_impl && m_impl->http.is_running()) m_impl->http.stop();
}

void Server::wait_until_ready() const {
    while (!m_impl->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace keniki::serve
