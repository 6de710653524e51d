// keniki serve --tiles: a local basemap from an MBTiles file (written here with SQLite, the MBTiles
// 1.3 layout) or an XYZ folder. Rows of an MBTiles count from the south (TMS): XYZ tile z/x/y is row
// 2^z - 1 - y, worked by hand below. The server hands out the tile bytes under /tiles/{z}/{x}/{y}.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "keniki/core/error.hpp"
#include "keniki/serve/tiles.hpp"
#include "serve/serve_process.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;

/// A client of a ServeProcess (its url is http://127.0.0.1:PORT/).
httplib::Client client_of(const ServeProcess& s) {
    const auto colon = s.url.rfind(':');
    return httplib::Client("127.0.0.1", std::stoi(s.url.substr(colon + 1)));
}

/// An MBTiles file with the given format and, per (z, x, TMS row), the bytes "z/x/row".
fs::path write_mbtiles(const fs::path& dir, const std::string& format, bool with_tiles = true) {
    const fs::path p = dir / ("basemap_" + format + (with_tiles ? "" : "_empty") + ".mbtiles");
    fs::remove(p);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
    auto exec = [&](const std::string& sql) { EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(db); };
    exec("CREATE TABLE metadata (name TEXT, value TEXT)");
    exec("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
    exec("INSERT INTO metadata VALUES ('name', '架空市 basemap'), ('format', '" + format + "'), ('attribution', '© test tiles'), ('minzoom', '0'), ('maxzoom', '9')");
    if (with_tiles)
        for (int z = 0; z <= 1; ++z)
            for (int x = 0; x < (1 << z); ++x)
                for (int row = 0; row < (1 << z); ++row) {
                    const std::string bytes = std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(row);
                    exec("INSERT INTO tiles VALUES (" + std::to_string(z) + ", " + std::to_string(x) + ", " + std::to_string(row) + ", CAST('" + bytes + "' AS BLOB))");
                }
    sqlite3_close(db);
    return p;
}

std::string message_of(const std::string& path) {
    try {
        (void)serve::TileSource::open(path);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ServeTiles, MbTilesRowsCountFromTheSouth) {
    const fs::path dir = fresh_temp_dir("keniki-tiles");
    const auto tiles = serve::TileSource::open(write_mbtiles(dir, "png").string());
    EXPECT_EQ(tiles->info().format, "png");
    EXPECT_EQ(tiles->info().minzoom, 0);
    EXPECT_EQ(tiles->info().maxzoom, 1) << "the zooms the tiles table holds, not the metadata's 9";
    EXPECT_EQ(tiles->info().attribution, "© test tiles");
    // XYZ 1/0/0 is the north-west tile: TMS row 2^1 - 1 - 0 = 1.
    const auto nw = tiles->get(1, 0, 0);
    ASSERT_TRUE(nw);
    EXPECT_EQ(nw->bytes, "1/0/1");
    EXPECT_EQ(nw->content_type, "image/png");
    EXPECT_EQ(tiles->get(1, 1, 1)->bytes, "1/1/0") << "south-east: row 0";
    EXPECT_EQ(tiles->get(0, 0, 0)->bytes, "0/0/0");
    EXPECT_FALSE(tiles->get(2, 0, 0)) << "no zoom 2 in the file";
    EXPECT_FALSE(tiles->get(1, 2, 0)) << "x beyond 2^z - 1";
    EXPECT_FALSE(tiles->get(-1, 0, 0));
}

TEST(ServeTiles, WhatCannotBeABasemapIsRefusedNamingThePath) {
    const fs::path dir = fresh_temp_dir("keniki-tiles-bad");
    const fs::path vector = write_mbtiles(dir, "pbf");
    EXPECT_NE(message_of(vector.string()).find("holds vector tiles (format pbf)"), std::string::npos) << message_of(vector.string());
    const fs::path empty = write_mbtiles(dir, "png", false);
    EXPECT_NE(message_of(empty.string()).find(empty.string() + ": it holds no tile"), std::string::npos) << message_of(empty.string());
    std::ofstream(dir / "not.mbtiles") << "this is not SQLite";
    EXPECT_NE(message_of((dir / "not.mbtiles").string()).find((dir / "not.mbtiles").string()), std::string::npos);
    EXPECT_NE(message_of((dir / "missing.mbtiles").string()).find("no such file or folder"), std::string::npos);
    fs::create_directories(dir / "empty_folder");
    EXPECT_NE(message_of((dir / "empty_folder").string()).find("no {z}/{x}/{y}.png"), std::string::npos);
}

TEST(ServeTiles, AnXyzFolderIsReadByItsNumbers) {
    const fs::path dir = fresh_temp_dir("keniki-tiles-xyz");
    fs::create_directories(dir / "3" / "6");
    std::ofstream(dir / "3" / "6" / "2.jpg", std::ios::binary) << "jpeg bytes";
    const auto tiles = serve::TileSource::open(dir.string());
    EXPECT_EQ(tiles->info().format, "jpg");
    EXPECT_EQ(tiles->info().minzoom, 3);
    EXPECT_EQ(tiles->info().maxzoom, 3);
    const auto t = tiles->get(3, 6, 2);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->bytes, "jpeg bytes");
    EXPECT_EQ(t->content_type, "image/jpeg");
    EXPECT_FALSE(tiles->get(3, 6, 3));
}

TEST(ServeTiles, TheServerHandsOutTilesAndThePlanNamesThem) {
    const fs::path dir = fresh_temp_dir("keniki-tiles-serve");
    const fs::path mb = write_mbtiles(dir, "png");
    ServeProcess serve("--tiles " + shell_quote(mb.string()));
    ASSERT_FALSE(serve.url.empty()) << "keniki serve printed no address";
    httplib::Client c = client_of(serve);
    const auto plan = c.Get("/api/plan");
    ASSERT_TRUE(plan);
    const auto j = nlohmann::json::parse(plan->body);
    EXPECT_EQ(j["tiles"]["url"], "/tiles/{z}/{x}/{y}.png");
    EXPECT_EQ(j["tiles"]["maxzoom"], 1);
    EXPECT_EQ(j["tiles"]["attribution"], "© test tiles");
    const auto tile = c.Get("/tiles/1/0/0.png");
    ASSERT_TRUE(tile);
    EXPECT_EQ(tile->status, 200);
    EXPECT_EQ(tile->body, "1/0/1");
    EXPECT_EQ(tile->get_header_value("Content-Type"), "image/png");
    EXPECT_EQ(c.Get("/tiles/1/0/0")->body, "1/0/1") << "without an extension too";
    EXPECT_EQ(c.Get("/tiles/5/0/0.png")->status, 404) << "zoom 5: beyond the file's zooms 0-1";
    // XYZ folder: 3/6/3 is missing but within its zoom: a transparent tile, said in a header.
    const fs::path xyz = dir / "xyz";
    fs::create_directories(xyz / "3" / "6");
    std::ofstream(xyz / "3" / "6" / "2.png", std::ios::binary) << "png bytes";
    ServeProcess folder("--tiles " + shell_quote(xyz.string()));
    httplib::Client f = client_of(folder);
    EXPECT_EQ(f.Get("/tiles/3/6/2.png")->body, "png bytes");
    const auto blank = f.Get("/tiles/3/6/3.png");
    ASSERT_TRUE(blank);
    EXPECT_EQ(blank->status, 200);
    EXPECT_EQ(blank->get_header_value("X-Keniki-Tile"), "empty");
    EXPECT_EQ(blank->body.substr(1, 3), "PNG");
    EXPECT_EQ(f.Get("/tiles/4/6/3.png")->status, 404);
    EXPECT_EQ(c.Get("/tiles/../../etc/passwd")->status, 404);
    EXPECT_EQ(c.Get("/tiles/1/0/0.png/../x")->status, 404);
    // Without --tiles the plan says so and no tile path exists.
    ServeProcess plain("");
    httplib::Client p = client_of(plain);
    EXPECT_TRUE(nlohmann::json::parse(p.Get("/api/plan")->body)["tiles"].is_null());
    EXPECT_EQ(p.Get("/tiles/0/0/0.png")->status, 404);
}

}  // namespace
}  // namespace keniki::test
