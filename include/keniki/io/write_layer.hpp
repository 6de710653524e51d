#pragma once
// Writing layers through GDAL/OGR: GeoJSON (RFC 7946), GeoPackage, CSV. The one output writer every
// later module hands its layers to.

#include <optional>
#include <string>
#include <vector>

#include "keniki/core/layer.hpp"

namespace keniki::io {

enum class OutputFormat { geojson, geopackage, csv, flatgeobuf };

struct WriteOptions {
    /// Chosen from the file extension (.geojson/.json, .gpkg, .csv, .fgb) when not set.
    std::optional<OutputFormat> format;
    /// GeoJSON: written as RFC 7946 (WGS84 lon/lat, CCW exterior rings); layers in another CRS are
    /// transformed by the caller beforehand (crs::Transformer) — the writer refuses anything else.
    int geojson_decimals = 7;
    /// CSV: "UTF-8-BOM" (default: Excel in Japan opens it), "UTF-8" or "CP932".
    std::string csv_encoding = "UTF-8-BOM";
    /// CSV: write the geometry as fields after the layer's own: for a layer of single points in a
    /// geographic CRS, "lon" and "lat" (rounded to geojson_decimals), then "wkt" (ISO WKT, empty for
    /// a feature without geometry). A generated column is left out when the layer has a field of
    /// that name already. Attribute tables (no CRS, no geometry) get no geometry columns.
    /// CP932 output recodes header and text values; text CP932 cannot hold is a DataError.
    bool csv_geometry = true;
    /// Replace an existing file (GeoJSON/CSV) or layer (GeoPackage); otherwise an existing one is an error.
    bool overwrite = false;
    /// GeoPackage/FlatGeobuf: build the layer's spatial index. Unset (default): always for
    /// FlatGeobuf; for GeoPackage only for layers of up to 250,000 features, because GDAL 3.6 fills
    /// the GeoPackage R-tree one feature at a time (about 10 s per million points, against 2 s for
    /// writing them). Set it to force either way. FlatGeobuf with its index stores the features in
    /// spatial order, not in the layer's order.
    std::optional<bool> spatial_index;
};

/// Writes one layer to `path`. GeoPackage: adds or replaces the layer `layer.name` in the file, so
/// several layers go to one .gpkg by calling this once per layer. Output is written to a temporary
/// name and renamed into place, so a failure never leaves a half-written file.
/// Throws UsageError (existing file without overwrite, unknown extension) or DataError.
void write_layer(const std::string& path, const Layer& layer, const WriteOptions& options = {});

/// Writes several layers into one GeoPackage (all or nothing).
void write_geopackage(const std::string& path, const std::vector<const Layer*>& layers, const WriteOptions& options = {});

}  // namespace keniki::io
