#include "keniki/io/read_schema.hpp"

#include <atomic>
#include <filesystem>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/csv_reader.hpp"
#include "io/gdal_session.hpp"
#include "io/ogr_geometry.hpp"
#include "io/ogr_source.hpp"
#include "io/source_kind.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"

namespace keniki::io {

namespace {

using detail::QuietGdalErrors;
using detail::Source;
using detail::SourceKind;
using detail::crs_string;
using detail::field_type;

constexpr std::size_t k_sample_bytes = 64 * 1024;
constexpr std::size_t k_max_header_bytes = 16 * 1024 * 1024;  // a header line longer than this is not a CSV header

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

GeometryClass classify(OGRwkbGeometryType type) {
    const OGRwkbGeometryType flat = wkbFlatten(type);
    switch (flat) {
        case wkbNone: return GeometryClass::none;
        case wkbPoint:
        case wkbMultiPoint: return GeometryClass::points;
        case wkbLineString:
        case wkbMultiLineString:
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbMultiCurve: return GeometryClass::lines;
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface:
        case wkbTriangle:
        case wkbTIN:
        case wkbPolyhedralSurface: return GeometryClass::polygons;
        default: return GeometryClass::unknown;
    }
}



LayerSchema read_ogr_schema(const Source& src, const ReadOptions& options) {
    GDALDatasetUniquePtr ds = detail::open_ogr(src, options.encoding);
    QuietGdalErrors quiet;

    LayerSchema schema;
    schema.path = src.path;
    schema.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    for (auto* l : ds->GetLayers()) schema.layers.emplace_back(l->GetName());
    OGRLayer* ogr_layer = nullptr;
    if (options.layer.empty()) {
        if (ds->GetLayerCount() > 1)
            throw UsageError("the dataset has " + std::to_string(schema.layers.size()) + " layers; name one with --layer: " +
                                 join(schema.layers),
                             Where{src.path});
        ogr_layer = ds->GetLayer(0);
    } else {
        ogr_layer = ds->GetLayerByName(options.layer.c_str());
        if (ogr_layer == nullptr)
            throw UsageError("no layer named '" + options.layer + "'; the dataset has: " + join(schema.layers), Where{src.path});
    }
    schema.layer = ogr_layer->GetName();
    const Where where{src.path, schema.layer};
    if (!options.where.empty() && ogr_layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE)
        throw UsageError("bad attribute filter '" + options.where + "': " + QuietGdalErrors::last_message(), where);

    const OGRwkbGeometryType type = ogr_layer->GetGeomType();
    schema.geometry_type = detail::geometry_type_name(type);
    schema.geometry = classify(type);
    schema.crs = crs_string(ogr_layer->GetSpatialRef());
    OGRFeatureDefn* defn = ogr_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        schema.fields.push_back(Field{fd->GetNameRef(), field_type(fd->GetType())});
    }
    if (defn->GetGeomFieldCount() == 0 && options.require_geometry) throw DataError("the layer has no geometry", where);
    return schema;
}

/// The first 64 KB of a text file, cut after the last complete record (quotes respected), and at
/// least the whole first record (the header).
std::string read_sample(const std::string& open_path, const std::string& display_path) {
    VSILFILE* fp = VSIFOpenL(open_path.c_str(), "rb");
    if (!fp) throw DataError("cannot open for reading", Where{display_path});
    std::string bytes;
    std::size_t record_end = std::string::npos;  // just past the last newline outside quotes
    bool in_quotes = false;
    bool at_eof = false;
    char buf[1 << 14];
    while (!at_eof && (bytes.size() < k_sample_bytes || record_end == std::string::npos) && bytes.size() < k_max_header_bytes) {
        const std::size_t n = VSIFReadL(buf, 1, sizeof buf, fp);
        if (n < sizeof buf) at_eof = true;
        const std::size_t start = bytes.size();
        bytes.append(buf, n);
        for (std::size_t i = start; i < bytes.size(); ++i) {
            if (bytes[i] == '"') in_quotes = !in_quotes;
            else if (bytes[i] == '\n' && !in_quotes) record_end = i + 1;
        }
    }
    VSIFCloseL(fp);
    if (!at_eof && record_end != std::string::npos) bytes.resize(record_end);
    return bytes;
}

LayerSchema read_text_schema(const Source& src, const std::string& display_path, const std::string& layer_name,
                             const ReadOptions& options) {
    detail::ensure_gdal();
    std::string sample = read_sample(src.open_path, display_path);
    static std::atomic<int> counter{0};
    const std::string mem_path = "/vsimem/keniki_schema_" + std::to_string(counter++) + ".csv";
    VSILFILE* mem = VSIFileFromMemBuffer(mem_path.c_str(), reinterpret_cast<GByte*>(sample.data()),
                                         static_cast<vsi_l_offset>(sample.size()), FALSE);
    if (!mem) throw DataError("cannot stage the text for reading", Where{display_path});
    VSIFCloseL(mem);
    struct Unlink {
        std::string path;
        ~Unlink() { VSIUnlink(path.c_str()); }
    } unlink{mem_path};

    // The CSV reader itself, on the sample: the same decoding, coordinate detection, type inference
    // and messages as a full read.
    ReadReport report;
    const Layer layer = detail::read_csv_layer(mem_path, display_path, layer_name, options, report);
    LayerSchema schema;
    schema.path = src.path;
    schema.driver = report.driver;
    schema.layer = layer.name;
    schema.layers = {layer.name};
    schema.geometry_type = report.declared_geometry;
    schema.geometry = report.x_field.empty() ? GeometryClass::none : GeometryClass::points;
    schema.crs = layer.crs;
    schema.fields = layer.fields;
    schema.x_field = report.x_field;
    schema.y_field = report.y_field;
    schema.types_from_sample = true;
    return schema;
}

}  // namespace

std::string_view to_string(GeometryClass g) {
    switch (g) {
        case GeometryClass::none: return "none";
        case GeometryClass::points: return "points";
        case GeometryClass::lines: return "lines";
        case GeometryClass::polygons: return "polygons";
        case GeometryClass::unknown: return "unknown";
    }
    return "unknown";
}

std::optional<std::size_t> LayerSchema::field_index(std::string_view name) const {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) return i;
    }
    return std::nullopt;
}

std::vector<std::string> LayerSchema::field_names() const {
    std::vector<std::string> names;
    names.reserve(fields.size());
    for (const auto& f : fields) names.push_back(f.name);
    return names;
}

LayerSchema read_schema(const std::string& path, const ReadOptions& options) {
    const Source src = detail::classify_source(path);
    switch (src.kind) {
        case SourceKind::gtfs: {
            if (!options.layer.empty() && options.layer != "stops")
                throw UsageError("a GTFS feed is read as its layer 'stops'; no layer named '" + options.layer + "'", Where{path});
            ReadOptions csv_options = options;
            if (csv_options.x_field.empty()) {  // as read_layer does
                csv_options.x_field = "stop_lon";
                csv_options.y_field = "stop_lat";
            }
            LayerSchema schema = read_text_schema(src, path + " (stops.txt)", "stops", csv_options);
            schema.driver = "GTFS (stops.txt)";
            return schema;
        }
        case SourceKind::csv: {
            const std::string name = std::filesystem::path(path).stem().string();
            if (!options.layer.empty() && options.layer != name)
                throw UsageError("a CSV file has one layer, '" + name + "'; no layer named '" + options.layer + "'", Where{path});
            return read_text_schema(src, path, name, options);
        }
        case SourceKind::ogr: return read_ogr_schema(src, options);
    }
    return {};
}

}  // namespace keniki::io
