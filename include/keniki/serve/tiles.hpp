#pragma once
// A local basemap for `keniki serve --tiles PATH`: raster tiles from an MBTiles file (SQLite, the
// MBTiles 1.3 layout QGIS's "Generate XYZ tiles (MBTiles)" and gdal_translate -of MBTILES write) or
// from a folder of XYZ tiles (PATH/{z}/{x}/{y}.png|jpg|webp). No tile is fetched from the internet;
// a meeting room without a network still sees roads and place names under the units.

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace keniki::serve {

struct TileInfo {
    std::string path;         ///< as given
    std::string format;       ///< "png", "jpg", "webp"
    int minzoom = 0, maxzoom = 18;
    std::string attribution;  ///< the MBTiles metadata's, or "" (say where the tiles came from)
    std::string name;
    std::optional<std::array<double, 4>> bounds;  ///< the MBTiles metadata's west, south, east, north (WGS84)
};

struct Tile {
    std::string content_type;
    std::string bytes;
};

class TileSource {
public:
    /// Opens PATH (an .mbtiles file or an XYZ folder). Throws UsageError naming the path when it is
    /// neither, holds vector tiles (pbf: Leaflet draws raster tiles only) or no tile at all.
    static std::unique_ptr<TileSource> open(const std::string& path);
    virtual ~TileSource() = default;
    const TileInfo& info() const { return m_info; }
    /// The tile at z/x/y (XYZ numbering, y down from the north as Leaflet asks); nullopt when absent.
    /// Safe to call from several threads at once.
    virtual std::optional<Tile> get(int z, int x, int y) const = 0;
    /// Whether z/x/y is a tile of the source's zoom range (a missing one there is just empty: tile
    /// makers skip blank tiles, and the server answers with a transparent tile instead of a 404).
    bool covers(int z, int x, int y) const;
    /// A transparent 1 x 1 PNG.
    static const Tile& empty();

protected:
    TileInfo m_info;
};

}  // namespace keniki::serve
