#pragma once
// A cheap look at a source before reading it: its layers, the chosen layer's fields and declared
// geometry, without reading every feature. For checking a plan's inputs (field names, layers) in
// milliseconds, before a run reads the data.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/core/layer.hpp"
#include "keniki/io/read_layer.hpp"

namespace keniki::io {

/// What kind of geometry a layer declares, coarsely.
enum class GeometryClass {
    none,     ///< no geometry column (a CSV without coordinate columns, an attribute table)
    points,   ///< Point / MultiPoint (also a CSV or GTFS stops with coordinate columns)
    lines,    ///< LineString / MultiLineString
    polygons, ///< Polygon / MultiPolygon
    unknown,  ///< mixed or undeclared ("Unknown (any)", GeometryCollection): known only by reading
};

std::string_view to_string(GeometryClass g);

struct LayerSchema {
    std::string path;                 ///< as given
    std::string driver;               ///< GDAL driver, or "CSV", "GTFS (stops.txt)"
    std::string layer;                ///< the layer described (chosen as read_layer would choose it)
    std::vector<std::string> layers;  ///< every layer of the dataset
    std::string geometry_type;        ///< declared type as OGR names it: "Polygon", "Multi Polygon", "Point", "None"
    GeometryClass geometry = GeometryClass::unknown;
    std::string crs;                  ///< "EPSG:n" when known, else WKT; empty when none is declared
    std::vector<Field> fields;        ///< in schema order (CSV: coordinate columns included)
    std::string x_field, y_field;     ///< CSV / GTFS: the coordinate columns read_layer would use ("" = none found)
    /// CSV / GTFS: field types are inferred from the records in the first 64 KB only (read_layer
    /// infers them from every record, so a column can turn out text later).
    bool types_from_sample = false;

    /// Index of the field called `name` (exact match), if any.
    std::optional<std::size_t> field_index(std::string_view name) const;
    /// The field names, in schema order.
    std::vector<std::string> field_names() const;
};

/// Reads a source's schema. OGR sources: the layer definition (no feature is iterated; some drivers,
/// such as GeoJSON, still parse the file on opening). CSV and GTFS stops: the header and the records
/// in the first 64 KB (for the coordinate columns and field types).
/// Same options and errors as read_layer: UsageError for a missing path, an unknown layer, several
/// layers and none named, a bad attribute filter, a named coordinate column that is absent;
/// DataError for an unreadable source or undecodable text (CSV: also bad coordinates in the sample).
/// `options.require_geometry` is honoured as read_layer does.
LayerSchema read_schema(const std::string& path, const ReadOptions& options = {});

}  // namespace keniki::io
