#pragma once
// Reading any vector source a planner has into the engine's feature model, through GDAL/OGR:
// GeoPackage, Shapefile (Shift-JIS attribute tables as e-Stat and MLIT publish them), GeoJSON,
// FlatGeobuf, OSM PBF/XML, PostGIS ("PG:" strings), CSV with coordinate columns, GTFS feeds (stops).

#include <cstdint>
#include <string>
#include <vector>

#include "keniki/core/layer.hpp"

namespace keniki::io {

struct ReadOptions {
    /// Layer to read; empty = the dataset's only layer (a dataset with several layers needs a name).
    std::string layer;
    /// OGR attribute filter, SQL WHERE syntax: "kind = 'salon'".
    std::string where;
    /// Text encoding of the source's attributes: "" or "auto" = detect (BOM, valid UTF-8, else CP932;
    /// shapefiles: .cpg / DBF language id first), or "UTF-8", "CP932" (aliases: "SJIS", "Shift_JIS").
    std::string encoding;
    /// CSV: coordinate columns; empty = detect lon/lat, longitude/latitude, lng/lat, x/y, 経度/緯度,
    /// stop_lon/stop_lat (case-insensitive).
    std::string x_field;
    std::string y_field;
    /// CSV: CRS of the coordinate columns (default "EPSG:4326", lon/lat; range-checked then).
    std::string csv_crs;
    /// When true, a source without geometry (e.g. a CSV with no coordinate columns) is a DataError.
    bool require_geometry = false;
};

/// What reading found besides the features: for `keniki info` and for run summaries.
struct ReadReport {
    std::string driver;               ///< GDAL driver, or "CSV", "GTFS (stops.txt)"
    std::string declared_geometry;    ///< the layer's declared type ("Polygon", "Point", "None", ...)
    std::string encoding;             ///< "UTF-8", "CP932", "ASCII" ...
    std::string encoding_source;      ///< how the encoding was decided ("DBF language id", "detected", "--encoding")
    std::int64_t features_read = 0;   ///< features that passed the filter
    std::vector<std::int64_t> empty_geometry_ids;  ///< features without or with empty geometry
    std::string x_field, y_field;     ///< CSV: the coordinate columns used
    std::vector<std::string> notes;   ///< anything else worth telling (Z dropped, curves linearised, ...)
};

/// Names of the layers in a dataset (a GTFS feed has "stops"; a CSV one layer named after the file).
/// Throws UsageError for a missing path, DataError for an unreadable or non-vector one.
std::vector<std::string> list_layers(const std::string& path);

/// Reads one layer. Throws UsageError (missing path, unknown layer, bad filter, several layers and
/// none named) or DataError (no coordinates when required, coordinates out of range, undecodable
/// text), naming the file, layer, feature and field.
Layer read_layer(const std::string& path, const ReadOptions& options = {}, ReadReport* report = nullptr);

}  // namespace keniki::io
