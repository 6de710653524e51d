#pragma once
// What the bad-input catalogue builds its inputs from: the square town of tests/fixtures/run, a
// two-stop GTFS feed placed in it, zips written byte by byte (so that they can be cut or damaged
// exactly), shapefiles made with ogr2ogr. Every input is made in a fresh temp dir by the row itself;
// nothing broken is checked in.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keniki::badinput {

namespace fs = std::filesystem;

/// Writes bytes to a file, making its folders.
void write_file(const fs::path& path, std::string_view bytes);
/// Replaces the first `from` in the file by `to`; throws std::runtime_error when `from` is absent
/// (a row whose premise no longer holds must fail, not test nothing).
void replace_once(const fs::path& file, const std::string& from, const std::string& to);
std::string q(const fs::path& path);  ///< shell-quoted

// --- zips ----------------------------------------------------------------------------------------

struct ZipEntry {
    std::string name;
    std::string data;          ///< stored as given
    std::uint16_t method = 0;  ///< 0 stored; 8 claims deflate (with `data` not deflated: a corrupt member)
};
struct Zip {
    std::string bytes;
    std::map<std::string, std::size_t> local_header_at;  ///< member name -> offset of its local header
};
/// A zip archive (no compression, correct CRCs, central directory and end record).
Zip make_zip(const std::vector<ZipEntry>& entries);

// --- the square town -----------------------------------------------------------------------------

/// 43 people in 5 points, 2 welfare units (w, e), 3 hubs, in EPSG:6670 metres (tests/fixtures/run).
void copy_town(const fs::path& dir);
/// `run PLAN --out OUT --quiet` for the town in `dir`.
std::string run_args(const fs::path& dir, const fs::path& out);
/// A GeoJSON FeatureCollection in EPSG:6670 holding the given features (comma-separated).
std::string collection(const std::string& features);
/// A unit feature of the town's areas layer.
std::string unit(const std::string& id, const std::string& name, const std::string& geometry);
std::string square(double x0, double y0, double x1, double y1);  ///< a Polygon geometry
extern const std::string k_west;  ///< the town's west unit as a feature
extern const std::string k_east;

// --- GTFS ----------------------------------------------------------------------------------------

using Files = std::vector<std::pair<std::string, std::string>>;
/// A valid feed: stops M1, M2 inside the town, one route, one trip every day of 2026.
Files good_feed();
void set_file(Files& files, const std::string& name, const std::string& text);
void drop_file(Files& files, const std::string& name);
std::vector<ZipEntry> entries(const Files& files);
/// Appends a [transport] section reading `gtfs` (relative to the plan) to the town's plan.
void add_transport(const fs::path& dir, const std::string& gtfs = "feed.zip");

// --- shapefiles ----------------------------------------------------------------------------------

bool have_ogr2ogr();
/// ogr2ogr GEOJSON -> SHP; false (and the reason in `why`) when it fails.
bool make_shapefile(const fs::path& geojson, const fs::path& shp, std::string& why);

}  // namespace keniki::badinput
