#include "keniki/serve/tiles.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include <sqlite3.h>

#include "keniki/core/error.hpp"

namespace keniki::serve {

namespace {

namespace fs = std::filesystem;

std::string content_type(const std::string& format) {
    if (format == "png") return "image/png";
    if (format == "jpg" || format == "jpeg") return "image/jpeg";
    if (format == "webp") return "image/webp";
    return "application/octet-stream";
}

struct SqliteClose {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, SqliteClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

class MbTiles final : public TileSource {
public:
    explicit MbTiles(const std::string& path) {
        m_info.path = path;
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr);
        m_db.reset(raw);
        if (rc != SQLITE_OK) throw UsageError("keniki serve --tiles " + path + ": cannot open it as MBTiles (SQLite): " + sqlite3_errstr(rc));
        const auto fail = [&](const std::string& what) {
            throw UsageError("keniki serve --tiles " + path + ": " + what + " (an MBTiles file has tables metadata and tiles)");
        };
        // metadata: name/value pairs.
        Stmt meta = prepare("SELECT name, value FROM metadata", fail);
        while (sqlite3_step(meta.get()) == SQLITE_ROW) {
            const auto text = [&](int col) {
                const auto* t = sqlite3_column_text(meta.get(), col);
                return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
            };
            const std::string key = text(0), value = text(1);
            if (key == "format") m_info.format = value;
            else if (key == "attribution") m_info.attribution = value;
            else if (key == "name") m_info.name = value;
            else if (key == "minzoom") m_info.minzoom = std::atoi(value.c_str());
            else if (key == "maxzoom") m_info.maxzoom = std::atoi(value.c_str());
            else if (key == "bounds") {
                std::array<double, 4> b{};
                if (std::sscanf(value.c_str(), "%lf,%lf,%lf,%lf", &b[0], &b[1], &b[2], &b[3]) == 4 && b[0] < b[2] && b[1] < b[3]) m_info.bounds = b;
            }
        }
        if (m_info.format == "pbf" || m_info.format == "mvt")
            throw UsageError("keniki serve --tiles " + path + ": it holds vector tiles (format " + m_info.format +
                             "); the page draws raster tiles (png, jpg, webp): export raster tiles, e.g. with QGIS's \"Generate XYZ tiles (MBTiles)\"");
        if (m_info.format.empty()) m_info.format = "png";
        Stmt zooms = prepare("SELECT MIN(zoom_level), MAX(zoom_level), COUNT(*) FROM tiles", fail);
        if (sqlite3_step(zooms.get()) != SQLITE_ROW || sqlite3_column_int64(zooms.get(), 2) == 0) fail("it holds no tile");
        m_info.minzoom = sqlite3_column_int(zooms.get(), 0);
        m_info.maxzoom = sqlite3_column_int(zooms.get(), 1);
        m_type = content_type(m_info.format);
        m_select = prepare("SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3", fail);
    }

    std::optional<Tile> get(int z, int x, int y) const override {
        if (z < 0 || z > 30 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z)) return std::nullopt;
        const int tms_y = (1 << z) - 1 - y;  // MBTiles rows count from the south (TMS)
        const std::lock_guard<std::mutex> lock(m_mutex);
        sqlite3_stmt* s = m_select.get();
        sqlite3_reset(s);
        sqlite3_bind_int(s, 1, z);
        sqlite3_bind_int(s, 2, x);
        sqlite3_bind_int(s, 3, tms_y);
        if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
        const auto* data = static_cast<const char*>(sqlite3_column_blob(s, 0));
        const int n = sqlite3_column_bytes(s, 0);
        return Tile{m_type, std::string(data ? data : "", static_cast<std::size_t>(n))};
    }

private:
    template <typename Fail>
    Stmt prepare(const char* sql, Fail fail) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(m_db.get(), sql, -1, &raw, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(m_db.get()));
        return Stmt(raw);
    }

    Db m_db;
    Stmt m_select;
    std::string m_type;
    mutable std::mutex m_mutex;  // one prepared statement, one request at a time
};

class XyzFolder final : public TileSource {
public:
    explicit XyzFolder(const std::string& path) : m_root(path) {
        m_info.path = path;
        m_info.minzoom = 99;
        m_info.maxzoom = -1;
        // The zoom folders and the extension of the first tile found.
        for (const auto& z : fs::directory_iterator(m_root)) {
            if (!z.is_directory()) continue;
            const std::string name = z.path().filename().string();
            if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos || name.size() > 2) continue;
            const int zoom = std::stoi(name);
            m_info.minzoom = std::min(m_info.minzoom, zoom);
            m_info.maxzoom = std::max(m_info.maxzoom, zoom);
            if (m_info.format.empty())
                for (const auto& x : fs::directory_iterator(z.path()))
                    if (x.is_directory())
                        for (const auto& y : fs::directory_iterator(x.path())) {
                            const std::string ext = y.path().extension().string();
                            if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".webp") m_info.format = ext.substr(1);
                            if (!m_info.format.empty()) break;
                        }
        }
        if (m_info.maxzoom < 0 || m_info.format.empty())
            throw UsageError("keniki serve --tiles " + path + ": no {z}/{x}/{y}.png (or .jpg, .webp) tile in this folder");
        m_type = content_type(m_info.format);
    }

    std::optional<Tile> get(int z, int x, int y) const override {
        if (z < 0 || z > 30 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z)) return std::nullopt;
        // The path is made of the three numbers only: nothing a client sends names a file.
        const fs::path p = m_root / std::to_string(z) / std::to_string(x) / (std::to_string(y) + "." + m_info.format);
        std::ifstream in(p, std::ios::binary);
        if (!in) return std::nullopt;
        std::ostringstream s;
        s << in.rdbuf();
        return Tile{m_type, s.str()};
    }

private:
    fs::path m_root;
    std::string m_type;
};

}  // namespace

bool TileSource::covers(int z, int x, int y) const {
    return z >= m_info.minzoom && z <= m_info.maxzoom && z >= 0 && z <= 30 && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z);
}

const Tile& TileSource::empty() {
    // 68 bytes: 1 x 1 RGBA, alpha 0 (written by GDAL's PNG driver).
    static const unsigned char png[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
                                        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
                                        0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x08, 0x99, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00,
                                        0x01, 0x62, 0x55, 0x32, 0x88, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    static const Tile tile{"image/png", std::string(reinterpret_cast<const char*>(png), sizeof png)};
    return tile;
}

std::unique_ptr<TileSource> TileSource::open(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return std::make_unique<XyzFolder>(path);
    if (!fs::is_regular_file(path, ec)) throw UsageError("keniki serve --tiles " + path + ": no such file or folder (an .mbtiles file or a folder of {z}/{x}/{y} tiles)");
    return std::make_unique<MbTiles>(path);
}

}  // namespace keniki::serve
