#include "keniki/io/write_layer.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/remove_spikes.hpp>
#include <boost/geometry/algorithms/unique.hpp>
#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "io/gdal_session.hpp"
#include "io/ogr_geometry.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::io {

namespace {

namespace fs = std::filesystem;

std::string gdal_message() {
    const std::string msg = detail::QuietGdalErrors::last_message();
    return msg.empty() ? std::string("GDAL gave no message") : msg;
}

[[noreturn]] void gdal_failure(const std::string& what, const std::string& file, const std::string& layer,
                               std::optional<std::int64_t> feature = std::nullopt) {
    Where where;
    where.file = file;
    where.layer = layer;
    where.feature = feature;
    throw DataError(what + ": " + gdal_message(), std::move(where));
}

std::string lower(std::string s) {
    return text::ascii_lower(s);
}

OutputFormat format_of(const std::string& path, const WriteOptions& options) {
    if (options.format) return *options.format;
    const std::string ext = lower(fs::path(path).extension().string());
    if (ext == ".geojson" || ext == ".json") return OutputFormat::geojson;
    if (ext == ".gpkg") return OutputFormat::geopackage;
    if (ext == ".csv") return OutputFormat::csv;
    if (ext == ".fgb") return OutputFormat::flatgeobuf;
    throw UsageError("cannot tell the output format from the extension '" + ext +
                         "' (use .geojson, .json, .gpkg, .csv or .fgb, or set the format)",
                     Where{path, {}, {}, {}, {}});
}

const char* driver_name(OutputFormat f) {
    switch (f) {
        case OutputFormat::geojson: return "GeoJSON";
        case OutputFormat::geopackage: return "GPKG";
        case OutputFormat::csv: return "CSV";
        case OutputFormat::flatgeobuf: return "FlatGeobuf";
    }
    return "GeoJSON";
}

/// The extension the driver expects: the CSV driver makes a directory for a name not ending in
/// .csv, and the GeoPackage driver warns about other extensions, so temp names always carry it.
const char* driver_extension(OutputFormat f) {
    switch (f) {
        case OutputFormat::geojson: return ".geojson";
        case OutputFormat::geopackage: return ".gpkg";
        case OutputFormat::csv: return ".csv";
        case OutputFormat::flatgeobuf: return ".fgb";
    }
    return ".tmp";
}

GDALDriver& driver_for(OutputFormat f, const std::string& path) {
    detail::ensure_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(f));
    if (driver == nullptr)
        throw DataError(std::string("GDAL has no ") + driver_name(f) + " driver", Where{path, {}, {}, {}, {}});
    return *driver;
}

/// "<dir>/<stem>.tmp-<pid><ext>" next to the target, removed again unless committed.
class TempOutput {
public:
    TempOutput(const fs::path& target, OutputFormat format) : m_target(target) {
        const fs::path dir = target.parent_path();
        const std::string name = target.stem().string() + ".tmp-" + std::to_string(::getpid()) + driver_extension(format);
        m_path = dir.empty() ? fs::path(name) : dir / name;
        remove_all_traces();
    }
    ~TempOutput() {
        if (!m_committed) remove_all_traces();
    }
    TempOutput(const TempOutput&) = delete;
    TempOutput& operator=(const TempOutput&) = delete;

    const fs::path& path() const { return m_path; }

    void commit() {
        std::error_code ec;
        fs::rename(m_path, m_target, ec);
        if (ec)
            throw DataError("cannot move " + m_path.string() + " into place: " + ec.message(),
                            Where{m_target.string(), {}, {}, {}, {}});
        m_committed = true;
        remove_sidecars();
    }

private:
    void remove_sidecars() {
        std::error_code ec;
        for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(m_path.string() + suffix, ec);
    }
    void remove_all_traces() {
        std::error_code ec;
        fs::remove(m_path, ec);
        remove_sidecars();
    }

    fs::path m_target;
    fs::path m_path;
    bool m_committed = false;
};

void check_target(const std::string& path, bool must_not_exist) {
    const fs::path p(path);
    std::error_code ec;
    if (fs::is_directory(p, ec)) throw UsageError("the output is a directory, not a file", Where{path, {}, {}, {}, {}});
    const fs::path dir = p.parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec)) {
        // "notes.txt/out.geojson": say that a file stands where a folder is meant.
        for (fs::path up = dir; !up.empty() && up != up.parent_path(); up = up.parent_path()) {
            if (fs::exists(up, ec)) {
                if (!fs::is_directory(up, ec))
                    throw UsageError("cannot write the output there: " + up.string() + " is a file, not a folder", Where{path, {}, {}, {}, {}});
                break;
            }
        }
        throw UsageError("the output directory " + dir.string() + " does not exist", Where{path, {}, {}, {}, {}});
    }
    if (must_not_exist && fs::exists(p, ec))
        throw UsageError("the output file exists already (use overwrite to replace it)", Where{path, {}, {}, {}, {}});
    // Try the folder before any work is written into it (permissions, read-only or virtual file
    // systems such as /proc refuse even root).
    const fs::path probe = (dir.empty() ? fs::path(".") : dir) / (".keniki-probe-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        const std::string why = std::strerror(errno);
        throw UsageError("cannot create files in the folder " + (dir.empty() ? std::string(".") : dir.string()) + " (" + why + ")",
                         Where{path, {}, {}, {}, {}});
    }
    ::close(fd);
    fs::remove(probe, ec);
}

// ---------------------------------------------------------------------------------------------
// Geometry type of a layer

enum class Family { none, point, line, polygon, mixed };

Family family_of(GeometryKind k) {
    switch (k) {
        case GeometryKind::point:
        case GeometryKind::multi_point: return Family::point;
        case GeometryKind::line_string:
        case GeometryKind::multi_line_string: return Family::line;
        case GeometryKind::polygon:
        case GeometryKind::multi_polygon: return Family::polygon;
        case GeometryKind::empty: return Family::none;
    }
    return Family::none;
}

struct GeometryPlan {
    OGRwkbGeometryType type = wkbUnknown;
    bool spatial = true;           ///< false: an attribute table (no CRS, no geometry at all)
    bool promote_to_multi = false;  ///< single and multi parts of one family mixed: write all as multi
    bool all_points = false;        ///< every non-empty geometry is a single Point
};

GeometryPlan plan_geometry(const Layer& layer) {
    std::set<GeometryKind> kinds;
    for (const auto& f : layer.features) {
        if (!is_empty(f.geometry)) kinds.insert(kind_of(f.geometry));
    }
    GeometryPlan plan;
    if (kinds.empty()) {
        plan.spatial = !layer.crs.empty();
        plan.type = plan.spatial ? wkbUnknown : wkbNone;
        return plan;
    }
    plan.all_points = kinds.size() == 1 && *kinds.begin() == GeometryKind::point;
    Family family = family_of(*kinds.begin());
    for (auto k : kinds) {
        if (family_of(k) != family) family = Family::mixed;
    }
    if (kinds.size() == 1) {
        switch (*kinds.begin()) {
            case GeometryKind::point: plan.type = wkbPoint; break;
            case GeometryKind::multi_point: plan.type = wkbMultiPoint; break;
            case GeometryKind::line_string: plan.type = wkbLineString; break;
            case GeometryKind::multi_line_string: plan.type = wkbMultiLineString; break;
            case GeometryKind::polygon: plan.type = wkbPolygon; break;
            case GeometryKind::multi_polygon: plan.type = wkbMultiPolygon; break;
            case GeometryKind::empty: plan.type = wkbUnknown; break;
        }
    } else if (family == Family::point) {
        plan.type = wkbMultiPoint;
        plan.promote_to_multi = true;
    } else if (family == Family::line) {
        plan.type = wkbMultiLineString;
        plan.promote_to_multi = true;
    } else if (family == Family::polygon) {
        plan.type = wkbMultiPolygon;
        plan.promote_to_multi = true;
    } else {
        plan.type = wkbUnknown;
    }
    return plan;
}

/// GeoJSON coordinates are rounded to `decimals` by GDAL, after its RFC 7946 winding check. A thin
/// sliver can turn into a zero-width spike at that precision, and a spike at a ring's lowest vertex
/// fools GDAL's clockwise test into reversing a correct ring. So: round first, drop the spikes and
/// repeated points rounding made, orient the rings, and let GDAL see only clean rings.
Geometry rounded_for_geojson(const Geometry& g, int decimals) {
    const double scale = std::pow(10.0, decimals);
    auto round_ring = [scale](auto& ring) {
        for (auto& p : ring) p = Point{std::round(p.x() * scale) / scale, std::round(p.y() * scale) / scale};
    };
    auto clean = [&](Polygon& poly) {
        round_ring(poly.outer());
        for (auto& inner : poly.inners()) round_ring(inner);
        boost::geometry::unique(poly);
        boost::geometry::remove_spikes(poly);
        boost::geometry::correct(poly);
    };
    if (const auto* p = std::get_if<Polygon>(&g)) {
        Polygon out = *p;
        clean(out);
        return out;
    }
    if (const auto* mp = std::get_if<MultiPolygon>(&g)) {
        MultiPolygon out;
        for (Polygon poly : *mp) {
            clean(poly);
            if (poly.outer().size() >= 4) out.push_back(std::move(poly));
        }
        return out;
    }
    return g;
}

OGRGeometryUniquePtr geometry_for(const Geometry& g, bool promote_to_multi) {
    if (promote_to_multi) {
        if (const auto* p = std::get_if<Point>(&g)) return detail::to_ogr(MultiPoint{*p});
        if (const auto* l = std::get_if<LineString>(&g)) return detail::to_ogr(MultiLineString{*l});
        if (const auto* a = std::get_if<Polygon>(&g)) return detail::to_ogr(MultiPolygon{*a});
    }
    return detail::to_ogr(g);
}

// ---------------------------------------------------------------------------------------------
// CRS

OGRSpatialReference parse_crs(const std::string& crs, const std::string& file, const std::string& layer) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        gdal_failure("cannot understand the layer's CRS '" + crs.substr(0, 80) + "'", file, layer);
    return srs;
}

/// GeoJSON (RFC 7946) is WGS84 lon/lat. JGD2011 geographic (EPSG:6668) is accepted as well: it is
/// tied to ITRF94 and differs from WGS84 by a few centimetres at most, far below what mapping or
/// the analyses notice, so its coordinates are written unchanged and declared WGS84.
bool is_rfc7946_compatible(const std::string& crs, const std::string& file, const std::string& layer) {
    const std::string c = lower(crs);
    if (c == "epsg:4326" || c == "ogc:crs84" || c == "epsg:6668") return true;
    if (crs.empty()) return false;
    const OGRSpatialReference srs = parse_crs(crs, file, layer);
    if (!srs.IsGeographic()) return false;
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (authority != nullptr && code != nullptr && lower(authority) == "epsg") {
        const std::string n = code;
        if (n == "4326" || n == "6668") return true;
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    const char* criteria[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS",
                              nullptr};
    return srs.IsSame(&wgs84, criteria);
}

// ---------------------------------------------------------------------------------------------
// Text encoding (CSV in CP932)

std::size_t code_points(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// UTF-8 -> CP932. GDAL's iconv recoding silently drops characters CP932 lacks (and warns only
/// once per process), so the result is decoded again and its characters counted: one-to-one
/// mappings keep the count (including the one-way ones such as WAVE DASH -> 0x8160), a lost one
/// does not.
std::string to_cp932(const std::string& utf8, const Where& where) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
    if (ascii) return utf8;
    char* recoded = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP932");
    std::string out = recoded != nullptr ? recoded : "";
    CPLFree(recoded);
    char* back = CPLRecode(out.c_str(), "CP932", CPL_ENC_UTF8);
    const std::string round_trip = back != nullptr ? back : "";
    CPLFree(back);
    if (code_points(round_trip) != code_points(utf8))
        throw DataError("the text '" + utf8 + "' has characters that CP932 (Shift-JIS) cannot hold; write UTF-8 instead",
                        where);
    return out;
}

// ---------------------------------------------------------------------------------------------
// The write itself

enum class CsvEncoding { utf8_bom, utf8, cp932 };

CsvEncoding csv_encoding_of(const WriteOptions& options) {
    const std::string e = lower(options.csv_encoding);
    if (e == "utf-8-bom" || e == "utf8-bom" || e == "utf-8-sig") return CsvEncoding::utf8_bom;
    if (e == "utf-8" || e == "utf8") return CsvEncoding::utf8;
    if (e == "cp932" || e == "shift_jis" || e == "shift-jis" || e == "sjis" || e == "windows-31j") return CsvEncoding::cp932;
    throw UsageError("unknown CSV encoding '" + options.csv_encoding + "' (use UTF-8-BOM, UTF-8 or CP932)");
}

OGRFieldType ogr_type(FieldType t) {
    switch (t) {
        case FieldType::integer: return OFTInteger64;
        case FieldType::real: return OFTReal;
        case FieldType::text: return OFTString;
    }
    return OFTString;
}

bool has_field_named(const Layer& layer, std::string_view name) {
    return std::any_of(layer.fields.begin(), layer.fields.end(), [&](const Field& f) { return lower(f.name) == name; });
}

/// True when every value of the field prints the same as a Real ("%.15g": below 10^15).
bool integral_as_real(const Layer& layer, std::size_t field) {
    return std::all_of(layer.features.begin(), layer.features.end(), [&](const Feature& f) {
        if (field >= f.values.size()) return true;
        const auto* v = std::get_if<std::int64_t>(&f.values[field]);
        constexpr std::int64_t limit = 1'000'000'000'000'000;
        return v == nullptr || (*v > -limit && *v < limit);
    });
}

double round_to(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

/// Above this many features a GeoPackage layer gets no R-tree unless asked (see WriteOptions).
constexpr std::size_t gpkg_auto_index_limit = 250'000;

/// Creates `layer` in the open dataset `ds` and writes its features.
void write_into(GDALDataset& ds, const std::string& file, const Layer& layer, OutputFormat format,
                const WriteOptions& options) {
    const GeometryPlan plan = plan_geometry(layer);
    CPLStringList creation;
    OGRSpatialReference srs;
    bool have_srs = false;
    bool geographic = false;

    switch (format) {
        case OutputFormat::geojson: {
            if (!is_rfc7946_compatible(layer.crs, file, layer.name))
                throw DataError("GeoJSON is written as RFC 7946 (WGS84 longitude/latitude) but the layer is in '" +
                                    (layer.crs.empty() ? std::string("no declared CRS") : layer.crs.substr(0, 80)) +
                                    "'; transform it to EPSG:4326 first (crs::Transformer)",
                                Where{file, layer.name, {}, {}, {}});
            // No SRS handed to GDAL: it would write a "crs" member, which RFC 7946 removed (its
            // coordinates are WGS84 longitude/latitude by definition).
            have_srs = false;
            geographic = true;
            // RFC 7946 content, written without GDAL's RFC7946 mode: GDAL 3.6 reorients rings with a
            // lowest-vertex test that near-spikes fool (it reversed correct rings of transport zones),
            // so keniki orients them itself (rounded_for_geojson: shoelace area, boost correct) and
            // GDAL only writes them.
            creation.SetNameValue("COORDINATE_PRECISION", std::to_string(options.geojson_decimals).c_str());
            // The collection's "name" member is kept (WRITE_NAME default): a foreign member that
            // RFC 7946 allows, and it gives readers back the layer name instead of the file stem.
            creation.SetNameValue("WRITE_NAME", "YES");
            break;
        }
        case OutputFormat::geopackage:
        case OutputFormat::flatgeobuf:
        case OutputFormat::csv: {
            if (!layer.crs.empty()) {
                srs = parse_crs(layer.crs, file, layer.name);
                have_srs = true;
                geographic = srs.IsGeographic();
            }
            if (format == OutputFormat::geopackage) {
                creation.SetNameValue("OVERWRITE", "YES");  // only reached when replacing is allowed
                const bool index = options.spatial_index.value_or(layer.features.size() <= gpkg_auto_index_limit);
                creation.SetNameValue("SPATIAL_INDEX", index ? "YES" : "NO");
            } else if (format == OutputFormat::flatgeobuf) {
                creation.SetNameValue("SPATIAL_INDEX", options.spatial_index.value_or(true) ? "YES" : "NO");
            } else {
                creation.SetNameValue("WRITE_BOM", csv_encoding_of(options) == CsvEncoding::utf8_bom ? "YES" : "NO");
                creation.SetNameValue("LINEFORMAT", "LF");
                creation.SetNameValue("GEOMETRY", "NONE");  // geometry columns are written as fields below
                have_srs = false;
            }
            break;
        }
    }

    const bool is_csv = format == OutputFormat::csv;
    const bool cp932 = is_csv && csv_encoding_of(options) == CsvEncoding::cp932;
    auto encode = [&](const std::string& text, const Where& where) { return cp932 ? to_cp932(text, where) : text; };

    OGRLayer* out = ds.CreateLayer(layer.name.c_str(), have_srs ? &srs : nullptr, is_csv ? wkbNone : plan.type,
                                   creation.List());
    if (out == nullptr) gdal_failure("cannot create the layer", file, layer.name);

    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        const Field& field = layer.fields[i];
        OGRFieldType type = ogr_type(field.type);
        // GDAL 3.6's CSV writer leaves only Real values unquoted under STRING_QUOTING=IF_AMBIGUOUS
        // (integers come out as "1"), and a Real holding an integral value prints without
        // decimals, so CSV integer columns are declared Real when every value is exact as one.
        if (is_csv && type == OFTInteger64 && integral_as_real(layer, i)) type = OFTReal;
        OGRFieldDefn defn(encode(field.name, Where{file, layer.name, {}, field.name, {}}).c_str(), type);
        if (out->CreateField(&defn) != OGRERR_NONE)
            gdal_failure("cannot create the field '" + field.name + "'", file, layer.name);
    }

    // CSV geometry columns: "lon","lat" for point layers in a geographic CRS (rounded to
    // geojson_decimals), then "wkt"; each only when the layer has no field of that name already.
    int lon_index = -1, lat_index = -1, wkt_index = -1;
    if (is_csv && options.csv_geometry && plan.spatial) {
        int next = static_cast<int>(layer.fields.size());
        auto add = [&](const char* name, OGRFieldType type) {
            OGRFieldDefn defn(name, type);
            if (out->CreateField(&defn) != OGRERR_NONE)
                gdal_failure(std::string("cannot create the field '") + name + "'", file, layer.name);
            return next++;
        };
        if (geographic && plan.all_points && !has_field_named(layer, "lon") && !has_field_named(layer, "lat")) {
            lon_index = add("lon", OFTReal);
            lat_index = add("lat", OFTReal);
        }
        if (!has_field_named(layer, "wkt")) wkt_index = add("wkt", OFTString);
    }

    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(out->GetLayerDefn()));
    for (const auto& f : layer.features) {
        feature->SetFID(OGRNullFID);
        if (f.values.size() != layer.fields.size())
            throw DataError("the feature has " + std::to_string(f.values.size()) + " values for " +
                                std::to_string(layer.fields.size()) + " fields",
                            Where{file, layer.name, f.id, {}, {}});
        for (std::size_t i = 0; i < f.values.size(); ++i) {
            const int index = static_cast<int>(i);
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) {
                        feature->SetFieldNull(index);
                    } else if constexpr (std::is_same_v<T, std::int64_t>) {
                        feature->SetField(index, static_cast<GIntBig>(v));
                    } else if constexpr (std::is_same_v<T, double>) {
                        if (std::isfinite(v)) feature->SetField(index, v);
                        else feature->SetFieldNull(index);
                    } else {
                        feature->SetField(index, encode(v, Where{file, layer.name, f.id, layer.fields[i].name, {}}).c_str());
                    }
                },
                f.values[i]);
        }

        if (is_csv) {
            if (lon_index >= 0) {
                if (const auto* p = std::get_if<Point>(&f.geometry)) {
                    feature->SetField(lon_index, round_to(p->x(), options.geojson_decimals));
                    feature->SetField(lat_index, round_to(p->y(), options.geojson_decimals));
                } else {
                    feature->SetFieldNull(lon_index);
                    feature->SetFieldNull(lat_index);
                }
            }
            if (wkt_index >= 0) {
                OGRGeometryUniquePtr g = detail::to_ogr(f.geometry);
                if (g) {
                    char* wkt = nullptr;
                    g->exportToWkt(&wkt, wkbVariantIso);
                    feature->SetField(wkt_index, wkt != nullptr ? wkt : "");
                    CPLFree(wkt);
                } else {
                    feature->SetFieldNull(wkt_index);
                }
            }
        } else if (plan.type != wkbNone) {
            if (format == OutputFormat::geojson) {
                feature->SetGeometryDirectly(geometry_for(rounded_for_geojson(f.geometry, options.geojson_decimals), plan.promote_to_multi).release());
            } else {
                feature->SetGeometryDirectly(geometry_for(f.geometry, plan.promote_to_multi).release());
            }
        }

        if (out->CreateFeature(feature.get()) != OGRERR_NONE)
            gdal_failure("cannot write the feature", file, layer.name, f.id);
    }
}

void validate_options(const WriteOptions& options) {
    if (options.geojson_decimals < 0 || options.geojson_decimals > 15)
        throw UsageError("geojson_decimals must be between 0 and 15, not " + std::to_string(options.geojson_decimals));
    (void)csv_encoding_of(options);
}

/// Closes the dataset and reports an error GDAL raised while flushing (GDALClose returns nothing
/// in GDAL 3.6).
void close_checked(GDALDatasetUniquePtr& ds, const std::string& file, const std::string& layer) {
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal)
        gdal_failure("cannot finish writing", file, layer);
}

/// GeoPackage: the layers of `layers` go into a copy of the existing file (or a new one), then the
/// copy replaces the file. A layer that exists already needs options.overwrite.
void write_gpkg(const std::string& path, const std::vector<const Layer*>& layers, const WriteOptions& options) {
    check_target(path, false);
    std::set<std::string> names;
    for (const Layer* l : layers) {
        if (l == nullptr) throw UsageError("a null layer was given to write", Where{path, {}, {}, {}, {}});
        if (!names.insert(lower(l->name)).second)
            throw UsageError("the layer name is given twice", Where{path, l->name, {}, {}, {}});
        if (l->name.empty()) throw UsageError("a GeoPackage layer needs a name", Where{path, {}, {}, {}, {}});
    }

    GDALDriver& driver = driver_for(OutputFormat::geopackage, path);
    detail::QuietGdalErrors quiet;
    const bool exists = fs::exists(path);

    if (exists) {
        const char* allowed[] = {"GPKG", nullptr};
        GDALDatasetUniquePtr current(
            GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, nullptr, nullptr));
        if (!current) gdal_failure("the existing file is not a GeoPackage that GDAL can open", path, {});
        for (const Layer* l : layers) {
            if (current->GetLayerByName(l->name.c_str()) != nullptr && !options.overwrite)
                throw UsageError("the layer exists already in the GeoPackage (use overwrite to replace it)",
                                 Where{path, l->name, {}, {}, {}});
        }
    }

    TempOutput temp(fs::path(path), OutputFormat::geopackage);
    GDALDatasetUniquePtr ds;
    if (exists) {
        std::error_code ec;
        fs::copy_file(path, temp.path(), fs::copy_options::overwrite_existing, ec);
        if (ec) throw DataError("cannot copy the GeoPackage to " + temp.path().string() + ": " + ec.message(), Where{path, {}, {}, {}, {}});
        const char* allowed[] = {"GPKG", nullptr};
        ds.reset(GDALDataset::Open(temp.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, allowed, nullptr, nullptr));
    } else {
        ds.reset(driver.Create(temp.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    }
    if (!ds) gdal_failure("cannot create " + temp.path().string(), path, {});

    const bool transaction = ds->StartTransaction() == OGRERR_NONE;
    for (const Layer* l : layers) write_into(*ds, path, *l, OutputFormat::geopackage, options);
    if (transaction && ds->CommitTransaction() != OGRERR_NONE) gdal_failure("cannot commit the transaction", path, {});
    close_checked(ds, path, layers.size() == 1 ? layers.front()->name : std::string{});
    temp.commit();
}

}  // namespace

void write_layer(const std::string& path, const Layer& layer, const WriteOptions& options) {
    const OutputFormat format = format_of(path, options);
    validate_options(options);
    if (format == OutputFormat::geopackage) {
        write_gpkg(path, {&layer}, options);
        return;
    }
    check_target(path, !options.overwrite);
    GDALDriver& driver = driver_for(format, path);
    detail::QuietGdalErrors quiet;
    TempOutput temp(fs::path(path), format);
    GDALDatasetUniquePtr ds(driver.Create(temp.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) gdal_failure("cannot create " + temp.path().string(), path, layer.name);
    write_into(*ds, path, layer, format, options);
    close_checked(ds, path, layer.name);
    temp.commit();
}

void write_geopackage(const std::string& path, const std::vector<const Layer*>& layers, const WriteOptions& options) {
    if (options.format && *options.format != OutputFormat::geopackage)
        throw UsageError("write_geopackage writes GeoPackages only", Where{path, {}, {}, {}, {}});
    validate_options(options);
    write_gpkg(path, layers, options);
}

}  // namespace keniki::io
