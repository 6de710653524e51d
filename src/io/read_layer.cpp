#include "keniki/io/read_layer.hpp"

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

Layer read_ogr_layer(const Source& src, const ReadOptions& options, ReadReport& report) {
    GDALDatasetUniquePtr ds = open_ogr(src, options.encoding);
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
    ogr_layer->ResetReading();
    for (auto& feature : *ogr_layer) {
        Feature f;
        f.id = feature->GetFID();
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
    if (CPLGetLastErrorType() == CE_Failure)
        throw DataError("reading failed: " + QuietGdalErrors::last_message(), where);
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
