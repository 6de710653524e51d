// keniki serve's page in a real browser: `keniki serve` on the demo (a subprocess, a free loopback
// port), headless Chromium driven by playwright-core from npm (pinned in tests/serve/browser/
// package-lock.json, installed with `npm ci`, no browser download) through tests/serve/browser/
// drag_hub.mjs. Skips, saying why, when node/npm or /usr/bin/chromium are absent.

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "serve/serve_process.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_chromium = "/usr/bin/chromium";

/// Runs one of tests/serve/browser's scripts (in `dir`, where playwright-core is installed) and reads
/// the JSON line it prints; a script that fails or prints nothing fails the test, with its output.
nlohmann::json run_script(const fs::path& dir, const std::string& script, const std::string& args) {
    const auto r = run_command("cd " + shell_quote(dir.string()) + " && timeout 120 node " + script + " " + args + " " + k_chromium);
    EXPECT_EQ(r.exit_code, 0) << script << ": " << r.out << r.err;
    if (r.out.empty()) {
        ADD_FAILURE() << script << " printed nothing: " << r.err;
        return nlohmann::json{{"problems", {"no output"}}};
    }
    return nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
}

bool have(const std::string& program) { return run_command("command -v " + program + " >/dev/null 2>&1").exit_code == 0; }

TEST(ServeBrowser, PageLoadsAHubIsDraggedAndTheTableShowsTheApisNumbers) {
    if (!have("node") || !have("npm")) GTEST_SKIP() << "node and npm are not installed: the browser test of keniki serve needs them (playwright-core)";
    if (!fs::exists(k_chromium)) GTEST_SKIP() << k_chromium << " is absent: the browser test of keniki serve needs Debian's chromium";

    // playwright-core as the lock file pins it, installed once into the build tree.
    const fs::path src = source_dir() / "tests" / "serve" / "browser";
    const fs::path dir = cli_path().parent_path() / "serve-browser";  // the build tree
    fs::create_directories(dir);
    for (const char* f : {"package.json", "package-lock.json", "drag_hub.mjs", "routes_off.mjs", "access.mjs", "tiles.mjs", "page.mjs"}) fs::copy_file(src / f, dir / f, fs::copy_options::overwrite_existing);
    if (!fs::exists(dir / "node_modules" / "playwright-core" / "package.json") || read_file(dir / "package-lock.json") != read_file(dir / ".installed-lock")) {
        const auto npm = run_command("cd " + shell_quote(dir.string()) + " && npm ci --no-audit --no-fund --loglevel=error 2>&1");
        ASSERT_EQ(npm.exit_code, 0) << "npm ci of tests/serve/browser failed (the npm registry must be reachable once):\n" << npm.out << npm.err;
        fs::copy_file(dir / "package-lock.json", dir / ".installed-lock", fs::copy_options::overwrite_existing);
    }

    const fs::path out_dir = fresh_temp_dir("keniki-serve-browser");
    ServeProcess serve("--out " + shell_quote(out_dir.string()) + " --web " + shell_quote((source_dir() / "web").string()));
    ASSERT_FALSE(serve.url.empty()) << "keniki serve printed no address";
    const fs::path shot = out_dir / "after_drag.png";
    const auto seen = run_script(dir, "drag_hub.mjs", shell_quote(serve.url) + " " + shell_quote(shot.string()));
    EXPECT_TRUE(seen["problems"].empty()) << seen.dump(2);
    EXPECT_EQ(seen["rows"], 8) << "the demo's 8 neighbourhoods";
    EXPECT_GE(seen["changed"].get<int>(), 1);
    ASSERT_TRUE(fs::exists(shot));
    EXPECT_GT(fs::file_size(shot), 20000u) << "a screenshot of the map and table";
    // The page's "save as scenario" wrote one [[scenarios]] block into --out, and nothing else.
    std::size_t saved = 0;
    for (const auto& e : fs::directory_iterator(out_dir)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("scenario_serve_", 0) == 0 && e.path().extension() == ".toml") {
            ++saved;
            EXPECT_NE(read_file(e.path()).find("move_hubs = ["), std::string::npos);
        } else {
            EXPECT_EQ(name, "after_drag.png") << "only the saved scenario (and the test's screenshot) in --out";
        }
    }
    EXPECT_EQ(saved, 1u);
    std::cout << "screenshot: " << shot.string() << "\n";

    // The timetable demo: the railway switched off with its route checkbox.
    ServeProcess timetable("", source_dir() / "data" / "demo" / "plan_transit.toml");
    ASSERT_FALSE(timetable.url.empty()) << "keniki serve printed no address for plan_transit.toml";
    const auto rail = run_script(dir, "routes_off.mjs", shell_quote(timetable.url));
    EXPECT_TRUE(rail["problems"].empty()) << rail.dump(2);
    EXPECT_GT(rail["blank_after"].get<double>(), rail["blank_before"].get<double>()) << "without trains some people are left with no stop in reach";

    // The access score as the shading: the demo's CSW index on the welfare tier.
    const fs::path access_shot = out_dir / "access.png";
    const auto access = run_script(dir, "access.mjs", shell_quote(serve.url) + " " + shell_quote(access_shot.string()));
    EXPECT_TRUE(access["problems"].empty()) << access.dump(2);
    EXPECT_EQ(access["units"], 3) << "the demo's 3 welfare areas";
    EXPECT_GE(access["changed"].get<int>(), 1);
    EXPECT_EQ(access["added_supply"], 3);
    EXPECT_GT(fs::file_size(access_shot), 20000u);
    std::cout << "screenshot: " << access_shot.string() << "\n";

    // A local basemap (--tiles): the demo's roads rasterised and cut into MBTiles by GDAL's own tools.
    if (!have("gdal_rasterize") || !have("gdal_translate")) {
        std::cout << "basemap check skipped: gdal_rasterize / gdal_translate (gdal-bin) are absent\n";
        return;
    }
    const fs::path tif = out_dir / "roads.tif", mbtiles = out_dir / "roads.mbtiles";
    const auto made = run_command("gdal_rasterize -q -burn 80 -burn 80 -burn 80 -init 245 -ot Byte -tr 0.0002 0.0002 -te 131.08 34.08 131.34 34.26 -a_srs EPSG:4326 " +
                                  shell_quote((source_dir() / "data" / "demo" / "roads.geojson").string()) + " " + shell_quote(tif.string()) +
                                  " && gdal_translate -q -of MBTILES " + shell_quote(tif.string()) + " " + shell_quote(mbtiles.string()) +
                                  " && gdaladdo -q -r average " + shell_quote(mbtiles.string()) + " 2 4 8");
    ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
    ServeProcess basemap("--tiles " + shell_quote(mbtiles.string()));
    ASSERT_FALSE(basemap.url.empty()) << "keniki serve --tiles printed no address";
    const fs::path tiles_shot = out_dir / "basemap.png";
    const auto tiles = run_script(dir, "tiles.mjs", shell_quote(basemap.url) + " " + shell_quote(tiles_shot.string()));
    EXPECT_TRUE(tiles["problems"].empty()) << tiles.dump(2);
    EXPECT_GE(tiles["tiles"].get<int>(), 4);
    std::cout << "screenshot: " << tiles_shot.string() << "\n";
}

}  // namespace
}  // namespace keniki::test
