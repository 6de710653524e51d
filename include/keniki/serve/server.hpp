#pragma once
// `keniki serve`'s HTTP server (cpp-httplib, Debian's libcpp-httplib-dev): the API (serve/api.hpp)
// under /api/, the page and Leaflet from memory (read once at start from the web and Leaflet
// directories; no path a client sends is looked up on disk), and with --tiles a local basemap under
// /tiles/{z}/{x}/{y} (three numbers, nothing else of the URL reaches the tile source).

#include <cstddef>
#include <memory>
#include <string>

#include "keniki/serve/api.hpp"
#include "keniki/serve/tiles.hpp"

namespace keniki::serve {

struct ServerOptions {
    std::string host = "127.0.0.1";                          ///< loopback unless asked otherwise
    int port = 8080;                                         ///< 0: any free port (tests, benchmarks)
    std::string web_dir;                                     ///< index.html, app.js, app.css
    std::string leaflet_dir = "/usr/share/javascript/leaflet";  ///< Debian's libjs-leaflet
    std::size_t max_body = 1 << 20;                          ///< larger request bodies get 413
    int threads = 64;                                        ///< worker threads (one per open connection)
    const TileSource* tiles = nullptr;                       ///< --tiles: served under /tiles/{z}/{x}/{y}
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

class Server {
public:
    /// Reads the page and Leaflet into memory. Throws UsageError when web_dir lacks index.html.
    Server(const Api& api, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds the socket; returns the port (the chosen one for port 0). Throws UsageError when it cannot.
    int bind();
    /// Serves until stop() (blocks).
    void listen();
    void stop();
    /// Waits until the server accepts connections (after bind, from another thread).
    void wait_until_ready() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace keniki::serve
