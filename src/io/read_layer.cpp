#include "keniki/io/read_layer.hpp"

#include <cctype>
#include <cstdint>
#include <filesystem>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/csv_reader.hpp"
#include "io/gdal_session.hpp"
#include "io/ogr_geometry.hpp"
#include "io/ogr_source.hpp"
#include "io/source_kind.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/memory_budget.hpp"

namespace keniki::io {

namespace {

using detail::QuietGdalErrors;
using detail::Source;
using detail::SourceKind;
using detail::crs_string;
using detail::field_type;
using detail::open_ogr;

std::string stem_of(const std::string& path) { return std::filesystem::path(path).stem().string(); }

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Big inputs

/// Vertices of an OGR geometry (all rings and parts), as the engine will hold them.
std::uint64_t ogr_vertices(const OGRGeometry* g) {
    if (g == nullptr) return 0;
    if (const auto* c = dynamic_cast<const OGRSimpleCurve*>(g)) return static_cast<std::uint64_t>(c->getNumPoints());
    if (const auto* p = dynamic_cast<const OGRCurvePolygon*>(g)) {
        std::uint64_t n = 0;
        for (const auto* ring : *p) n += ogr_vertices(ring);
        return n;
    }
    if (const auto* cc = dynamic_cast<const OGRCompoundCurve*>(g)) {
        std::uint64_t n = 0;
        for (const auto* part : *cc) n += ogr_vertices(part);
        return n;
    }
    if (const auto* gc = dynamic_cast<const OGRGeometryCollection*>(g)) {
        std::uint64_t n = 0;
        for (const auto* part : *gc) n += ogr_vertices(part);
        return n;
    }
    return 1;  // a point
}

/// The memory a layer of this size will take in a run (memory_budget.hpp), checked as it grows:
/// before reading when the driver knows the feature count cheaply, then every 65,536 features and
/// every million vertices, so that a 20M-vertex outline or ten million points are refused while
/// only a part of them is held.
class LayerBudget {
public:
    explicit LayerBudget(Where where) : m_where(std::move(where)) {}

    void expect_features(std::int64_t n) {
        if (n > 0) check(static_cast<std::uint64_t>(n), 0, " (as the driver counts them, before reading)");
    }
    void add(std::uint64_t vertices) {
        ++m_features;
        m_vertices += vertices;
        if (m_features % 65536 == 0 || m_vertices >= m_next_vertex_check) {
            check(m_features, m_vertices, " (read so far)");
            m_next_vertex_check = m_vertices + 1'000'000;
        }
    }
    /// The layer is read: checked once more in full and counted as held for later checks.
    void done() {
        check(m_features, m_vertices, "");
        reserve_memory(bytes(m_features, m_vertices));
    }

private:
    static std::uint64_t bytes(std::uint64_t features, std::uint64_t vertices) {
        return features * memory_cost::per_feature + vertices * memory_cost::per_vertex;
    }
    void check(std::uint64_t features, std::uint64_t vertices, const char* when) const {
        const std::uint64_t estimate = bytes(features, vertices);
        const std::string what = "the layer's " + std::to_string(features) + " features" +
                                 (vertices > features ? " of " + std::to_string(vertices) + " vertices" : std::string()) + when;
        const std::string change =
            vertices > features
                ? "Simplify the outlines first (e.g. ogr2ogr -simplify 1 out.gpkg in.gpkg: 1 m tolerance), or split the layer"
                : "Use fewer features (an attribute filter, `where` in the plan, or a smaller area)";
        check_memory(estimate, what, change, m_where);
    }

    Where m_where;
    std::uint64_t m_features = 0, m_vertices = 0;
    std::uint64_t m_next_vertex_check = 1'000'000;
};

void CPL_STDCALL collect_gdal_message(CPLErr, CPLErrorNum, const char* msg) {
    auto* out = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
    if (out && msg) out->emplace_back(msg);
}

bool is_geojson_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".geojson" || ext == ".json" || ext == ".geojsonl" || ext == ".geojsons";
}

/// GDAL's GeoJSON driver refuses a feature bigger than its object size limit with "GeoJSON object
/// too complex/large ..." and then the bare "Failed to read GeoJSON data", which is the only message
/// open_ogr keeps. The file is opened once more (with the same limit, so no more memory) with every
/// message collected, to tell that case from a broken file.
bool geojson_object_too_large(const std::string& open_path) {
    std::vector<std::string> messages;
    CPLPushErrorHandlerEx(collect_gdal_message, &messages);
    const char* const drivers[] = {"GeoJSON", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (ds) {
        for (auto* l : ds->GetLayers()) {
            for (auto& f : *l) (void)f;
        }
    }
    CPLPopErrorHandler();
    for (const auto& m : messages) {
        if (m.find("too complex") != std::string::npos || m.find("OGR_GEOJSON_MAX_OBJ_SIZE") != std::string::npos) return true;
    }
    return false;
}

[[noreturn]] void throw_geojson_too_large(const std::string& path, const std::string& gdal_message) {
    const char* limit = CPLGetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", nullptr);
    const std::string now = limit ? std::string("OGR_GEOJSON_MAX_OBJ_SIZE=") + limit + " MB is set" : "200 MB by default";
    const std::string stem = std::filesystem::path(path).stem().string();
    throw DataError("GDAL could not read this GeoJSON (\"" + gdal_message +
                        "\"): a feature in it is bigger than GDAL's GeoJSON object size limit (" + now +
                        "; a feature takes several times its size in the file once parsed). Set OGR_GEOJSON_MAX_OBJ_SIZE=0 (no limit) or a "
                        "larger value in MB in the environment, e.g. OGR_GEOJSON_MAX_OBJ_SIZE=0 keniki run ..., or convert the file to "
                        "GeoPackage or FlatGeobuf, which have no such limit and read faster (ogr2ogr -f GPKG " +
                        stem + ".gpkg " + std::filesystem::path(path).filename().string() + ") and name that file in the plan",
                    Where{path});
}

/// Text values must be UTF-8 inside the engine. A source whose driver did not recode them (a
/// shapefile without .cpg or language id) is decoded as CP932 when that was asked or detected.
void decode_text_values(Layer& layer, const ReadOptions& options, ReadReport& report, const std::string& path) {
    detail::Encoding wanted{};
    const bool forced = detail::parse_encoding(options.encoding, wanted);
    bool any_invalid = false;
    for (const auto& f : layer.features) {
        for (const auto& v : f.values) {
            if (const auto* s = std::get_if<std::string>(&v); s && !detail::is_valid_utf8(*s)) {
                any_invalid = true;
                break;
            }
        }
        if (any_invalid) break;
    }
    if (!any_invalid) return;
    if (forced && wanted == detail::Encoding::utf8) {
        for (const auto& f : layer.features) {
            for (std::size_t i = 0; i < f.values.size(); ++i) {
                if (const auto* s = std::get_if<std::string>(&f.values[i]); s && !detail::is_valid_utf8(*s))
                    throw DataError("text is not valid UTF-8 (it looks like CP932 / Shift-JIS: try --encoding cp932)",
                                    Where{path, layer.name, f.id, layer.fields[i].name});
            }
        }
    }
    for (auto& f : layer.features) {
        for (auto& v : f.values) {
            if (auto* s = std::get_if<std::string>(&v); s && !detail::is_valid_utf8(*s)) *s = detail::cp932_to_utf8(*s);
        }
    }
    report.encoding = "CP932";
    report.encoding_source = forced ? "--encoding" : "detected (text was not valid UTF-8)";
}

GDALDatasetUniquePtr open_source(const Source& src, const std::string& encoding) {
    try {
        return open_ogr(src, encoding);
    } catch (const DataError& e) {
        if (is_geojson_path(src.open_path) && geojson_object_too_large(src.open_path)) throw_geojson_too_large(src.path, QuietGdalErrors::last_message());
        throw;
    }
}

Layer read_ogr_layer(const Source& src, const ReadOptions& options, ReadReport& report) {
    GDALDatasetUniquePtr ds = open_source(src, options.encoding);
    OGRLayer* ogr_layer = nullptr;
    if (options.layer.empty()) {
        if (ds->GetLayerCount() > 1) {
            std::vector<std::string> names;
            for (auto* l : ds->GetLayers()) names.emplace_back(l->GetName());
            throw UsageError("the dataset has " + std::to_string(names.size()) + " layers; name one with --layer: " + join(names),
                             Where{src.path});
        }
        ogr_layer = ds->GetLayer(0);
    } else {
        ogr_layer = ds->GetLayerByName(options.layer.c_str());
        if (ogr_layer == nullptr) {
            std::vector<std::string> names;
            for (auto* l : ds->GetLayers()) names.emplace_back(l->GetName());
            throw UsageError("no layer named '" + options.layer + "'; the dataset has: " + join(names), Where{src.path});
        }
    }
    Layer layer;
    layer.name = ogr_layer->GetName();
    const Where where{src.path, layer.name};
    QuietGdalErrors quiet;
    if (!options.where.empty() && ogr_layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE)
        throw UsageError("bad attribute filter '" + options.where + "': " + QuietGdalErrors::last_message(), where);

    report.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    report.declared_geometry = detail::geometry_type_name(ogr_layer->GetGeomType());
    layer.crs = crs_string(ogr_layer->GetSpatialRef());
    if (const char* enc = ogr_layer->GetMetadataItem("SOURCE_ENCODING", "SHAPEFILE"); enc && *enc) {
        report.encoding = enc;
        detail::Encoding ignored{};
        report.encoding_source = detail::parse_encoding(options.encoding, ignored) ? "--encoding" : ".cpg / DBF language id";
    } else {
        report.encoding = "UTF-8";
        report.encoding_source = "driver";
    }

    OGRFeatureDefn* defn = ogr_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        layer.fields.push_back(Field{fd->GetNameRef(), field_type(fd->GetType())});
    }
    detail::ConversionNotes notes;
    LayerBudget budget(where);
    if (ogr_layer->TestCapability(OLCFastFeatureCount)) budget.expect_features(ogr_layer->GetFeatureCount(FALSE));
    ogr_layer->ResetReading();
    for (auto& feature : *ogr_layer) {
        Feature f;
        f.id = feature->GetFID();
        budget.add(ogr_vertices(feature->GetGeometryRef()));  // before the engine's copy is made
        f.geometry = detail::from_ogr(feature->GetGeometryRef(), &notes);
        if (const auto why = detail::absurd_coordinate(f.geometry)) throw DataError(*why, Where{src.path, layer.name, f.id});
        if (is_empty(f.geometry) && defn->GetGeomFieldCount() > 0) report.empty_geometry_ids.push_back(f.id);
        f.values.resize(layer.fields.size());
        for (std::size_t i = 0; i < layer.fields.size(); ++i) {
            const int idx = static_cast<int>(i);
            if (!feature->IsFieldSetAndNotNull(idx)) continue;
            switch (layer.fields[i].type) {
                case FieldType::integer: f.values[i] = static_cast<std::int64_t>(feature->GetFieldAsInteger64(idx)); break;
                case FieldType::real: f.values[i] = feature->GetFieldAsDouble(idx); break;
                case FieldType::text: f.values[i] = std::string(feature->GetFieldAsString(idx)); break;
            }
        }
        layer.features.push_back(std::move(f));
    }
    if (CPLGetLastErrorType() == CE_Failure) {
        const std::string why = QuietGdalErrors::last_message();
        if (is_geojson_path(src.open_path) && geojson_object_too_large(src.open_path)) throw_geojson_too_large(src.path, why);
        throw DataError("reading failed: " + why, where);
    }
    budget.done();
    if (notes.dropped_z) report.notes.push_back("Z/M coordinates dropped (the engine works in 2D)");
    if (notes.linearised_curves) report.notes.push_back("curved geometries approximated by line segments");
    if (notes.flattened_collection) report.notes.push_back("geometry collections reduced to their highest-dimension parts");
    if (defn->GetGeomFieldCount() == 0 && options.require_geometry)
        throw DataError("the layer has no geometry", where);
    decode_text_values(layer, options, report, src.path);
    report.features_read = static_cast<std::int64_t>(layer.features.size());
    return layer;
}

}  // namespace

std::vector<std::string> list_layers(const std::string& path) {
    const Source src = detail::classify_source(path);
    switch (src.kind) {
        case SourceKind::gtfs: return {"stops"};
        case SourceKind::csv: return {stem_of(path)};
        case SourceKind::ogr: break;
    }
    GDALDatasetUniquePtr ds = open_ogr(src, "");
    std::vector<std::string> names;
    for (auto* l : ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

Layer read_layer(const std::string& path, const ReadOptions& options, ReadReport* report) {
    ReadReport local;
    ReadReport& rep = report ? *report : local;
    rep = ReadReport{};
    const Source src = detail::classify_source(path);
    switch (src.kind) {
        case SourceKind::gtfs: {
            if (!options.layer.empty() && options.layer != "stops")
                throw UsageError("a GTFS feed is read as its layer 'stops'; no layer named '" + options.layer + "'", Where{path});
            ReadOptions csv_options = options;
            if (csv_options.x_field.empty()) {
                csv_options.x_field = "stop_lon";
                csv_options.y_field = "stop_lat";
            }
            Layer layer = detail::read_csv_layer(src.open_path, path + " (stops.txt)", "stops", csv_options, rep);
            rep.driver = "GTFS (stops.txt)";
            return layer;
        }
        case SourceKind::csv: {
            const std::string name = stem_of(path);
            if (!options.layer.empty() && options.layer != name)
                throw UsageError("a CSV file has one layer, '" + name + "'; no layer named '" + options.layer + "'", Where{path});
            return detail::read_csv_layer(src.open_path, path, name, options, rep);
        }
        case SourceKind::ogr: return read_ogr_layer(src, options, rep);
    }
    return {};
}

}  // namespace keniki::io
