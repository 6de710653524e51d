#include "io/csv_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <optional>

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/gdal_session.hpp"
#include "io/ogr_geometry.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::io::detail {

namespace {

const auto lower = text::ascii_lower;
using text::trim;

/// Line (1-based) of the first byte that is not valid UTF-8, for messages.
std::int64_t line_of_first_invalid_utf8(std::string_view text) {
    std::int64_t line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n') {
            if (!is_valid_utf8(text.substr(start, i - start))) return line;
            ++line;
            start = i + 1;
        }
    }
    return line;
}

/// GDAL's CSV driver guesses the separator from the header line (CSVDetectSeperator): the first of
/// ',', ';' or tab outside quotes (',' when they are mixed), else a space when there is one, else ','.
char detect_separator(std::string_view header) {
    bool in_quotes = false;
    char sep = '\0';
    bool space = false;
    for (std::size_t i = 0; i < header.size() && header[i] != '\n'; ++i) {
        const char c = header[i];
        if (c == '"') {
            if (in_quotes && i + 1 < header.size() && header[i + 1] == '"') ++i;
            else in_quotes = !in_quotes;
        } else if (!in_quotes && (c == ',' || c == ';' || c == '\t')) {
            if (sep == '\0') sep = c;
            else if (sep != c) return ',';
        } else if (!in_quotes && c == ' ') {
            space = true;
        }
    }
    if (sep != '\0') return sep;
    return space ? ' ' : ',';
}

/// One record as GDAL's CSV reader will see it: the line it starts on and its number of fields.
struct RecordShape {
    std::int64_t line = 1;
    std::size_t fields = 1;
};

/// The records of the text (record 0 is the header), quotes respected as GDAL respects them: a
/// quote toggles quoting wherever it stands, and a newline inside quotes continues the record.
/// Lines holding only spaces are skipped, as GDAL skips them (without numbering them).
/// A quote still open at the end of the text is a DataError naming the line of its record.
std::vector<RecordShape> record_shapes(std::string_view text, const Where& where) {
    std::vector<RecordShape> records;
    const char sep = detect_separator(text);
    std::int64_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        // Skip blank lines between records.
        std::size_t end = text.find('\n', i);
        const std::string_view first = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
        if (first.find_first_not_of(" \t\r") == std::string_view::npos) {
            if (end == std::string_view::npos) break;
            ++line;
            i = end + 1;
            continue;
        }
        RecordShape r{line, 1};
        bool in_quotes = false;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '"') in_quotes = !in_quotes;
            else if (c == '\n') {
                ++line;
                if (!in_quotes) {
                    ++i;
                    break;
                }
            } else if (c == sep && !in_quotes) {
                ++r.fields;
            }
        }
        if (in_quotes) {
            Where at = where;
            at.line = r.line;
            if (!records.empty()) at.feature = static_cast<std::int64_t>(records.size());
            throw DataError("a quoted field is not closed (missing '\"'): the rest of the file would be read as one value", at);
        }
        records.push_back(r);
    }
    if (records.empty()) records.push_back(RecordShape{});
    return records;
}

/// Every record must have as many fields as the header: a short row would read its missing
/// coordinates as "not a number" and its missing figures as nothing, a long one would lose values.
void check_record_lengths(const std::vector<RecordShape>& records, const Where& where) {
    const std::size_t want = records.front().fields;
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].fields == want) continue;
        Where at = where;
        at.line = records[r].line;
        at.feature = static_cast<std::int64_t>(r);
        const bool is_short = records[r].fields < want;
        throw DataError(std::string(is_short ? "the row is short" : "the row is long") + ": it has " + std::to_string(records[r].fields) +
                            (records[r].fields == 1 ? " field" : " fields") + ", the header (line " + std::to_string(records.front().line) +
                            ") has " + std::to_string(want) +
                            (is_short ? "" : " (a separator inside a value that is not quoted?)"),
                        at);
    }
}

struct CoordinateColumns {
    int x = -1;
    int y = -1;
};

/// Finds the coordinate columns: explicit names first, else the common pairs.
CoordinateColumns find_coordinate_columns(const std::vector<std::string>& names, const ReadOptions& options,
                                          const Where& where) {
    auto find = [&](const std::string& wanted) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (lower(trim(names[i])) == lower(wanted)) return static_cast<int>(i);
        }
        return -1;
    };
    CoordinateColumns cols;
    if (!options.x_field.empty() || !options.y_field.empty()) {
        if (options.x_field.empty() || options.y_field.empty())
            throw UsageError("give both the x (longitude) and y (latitude) column, not only one", where);
        cols.x = find(options.x_field);
        cols.y = find(options.y_field);
        if (cols.x < 0) throw UsageError("no column named '" + options.x_field + "'", Where{where.file, where.layer, {}, options.x_field});
        if (cols.y < 0) throw UsageError("no column named '" + options.y_field + "'", Where{where.file, where.layer, {}, options.y_field});
        return cols;
    }
    static const std::pair<const char*, const char*> pairs[] = {
        {"lon", "lat"},       {"longitude", "latitude"}, {"lng", "lat"},     {"long", "lat"},
        {"経度", "緯度"},     {"stop_lon", "stop_lat"},  {"x", "y"},         {"X座標", "Y座標"},
        {"lon_deg", "lat_deg"}};
    for (const auto& [x, y] : pairs) {
        cols.x = find(x);
        cols.y = find(y);
        if (cols.x >= 0 && cols.y >= 0) return cols;
    }
    return CoordinateColumns{};
}

/// Integer when every non-empty value is a plain integer without leading zeros (codes such as
/// "0010" stay text), real when every value is a number, else text.
FieldType infer_type(const std::vector<std::optional<std::string>>& column) {
    bool all_integer = true, all_number = true, any = false;
    for (const auto& v : column) {
        if (!v || v->empty()) continue;
        any = true;
        const std::string& s = *v;
        std::size_t i = (s[0] == '-') ? 1 : 0;
        const bool digits = i < s.size() && std::all_of(s.begin() + static_cast<long>(i), s.end(), [](unsigned char c) { return std::isdigit(c); });
        const bool leading_zero = digits && s.size() - i > 1 && s[i] == '0';
        if (!digits || leading_zero || s.size() - i > 18) all_integer = false;
        // "065004" is a code, not the number 65004: a leading zero before a digit keeps the column text.
        const bool code_like = s.size() - i > 1 && s[i] == '0' && std::isdigit(static_cast<unsigned char>(s[i + 1]));
        if (code_like || (!all_integer && !as_number(Value{s}))) {
            all_number = false;
            break;
        }
    }
    if (!any) return FieldType::text;
    if (all_integer) return FieldType::integer;
    return all_number ? FieldType::real : FieldType::text;
}

}  // namespace

DecodedText read_decoded_text(const std::string& open_path, const std::string& display_path, const std::string& encoding) {
    VSILFILE* fp = VSIFOpenL(open_path.c_str(), "rb");
    if (!fp) throw DataError("cannot open for reading", Where{display_path});
    std::string bytes;
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = VSIFReadL(buf, 1, sizeof buf, fp)) > 0) bytes.append(buf, n);
    VSIFCloseL(fp);

    DecodedText out;
    Encoding wanted{};
    const bool forced = parse_encoding(encoding, wanted);
    out.encoding_source = forced ? "--encoding" : "detected";
    if (has_utf8_bom(bytes)) {
        bytes.erase(0, 3);
        if (forced && wanted == Encoding::cp932)
            throw UsageError("the file starts with a UTF-8 byte-order mark but --encoding cp932 was given", Where{display_path});
        out.encoding = "UTF-8 with BOM";
        out.encoding_source = "byte-order mark";
        wanted = Encoding::utf8;
    } else if (!forced) {
        wanted = detect(bytes);
        out.encoding = is_ascii(bytes) ? "ASCII" : std::string(name(wanted));
    } else {
        out.encoding = std::string(name(wanted));
    }
    if (wanted == Encoding::utf8) {
        if (!is_valid_utf8(bytes)) {
            Where where{display_path};
            where.line = line_of_first_invalid_utf8(bytes);
            throw DataError("text is not valid UTF-8 (it looks like CP932 / Shift-JIS: try --encoding cp932)", where);
        }
        out.text = std::move(bytes);
    } else {
        if (is_valid_utf8(bytes) && !is_ascii(bytes) && forced) {
            // Valid UTF-8 read as CP932 would turn every Japanese character into mojibake.
            throw DataError("--encoding cp932 was given but the text is valid UTF-8 (drop --encoding or use utf-8)",
                            Where{display_path});
        }
        out.text = cp932_to_utf8(bytes);
    }
    return out;
}

namespace {

/// types_only: read every record as text to learn the column types; no coordinates are checked.
Layer read_csv_records(const std::string& open_path, const std::string& display_path, const std::string& layer_name,
                       const ReadOptions& options, ReadReport& report, bool types_only) {
    ensure_gdal();
    const Where where{display_path, layer_name};
    DecodedText decoded = read_decoded_text(open_path, display_path, options.encoding);
    report.encoding = decoded.encoding;
    report.encoding_source = decoded.encoding_source;
    if (trim(decoded.text).empty()) throw DataError("the file is empty", where);
    const auto records = record_shapes(decoded.text, where);
    check_record_lengths(records, where);

    // GDAL's CSV driver parses the UTF-8 text from memory: quoting, fields spanning lines, the separator.
    static std::atomic<int> counter{0};
    const std::string mem_path = "/vsimem/keniki_csv_" + std::to_string(counter++) + ".csv";
    VSILFILE* mem = VSIFileFromMemBuffer(mem_path.c_str(), reinterpret_cast<GByte*>(decoded.text.data()),
                                         static_cast<vsi_l_offset>(decoded.text.size()), FALSE);
    if (!mem) throw DataError("cannot stage the decoded text for parsing", where);
    VSIFCloseL(mem);
    struct Unlink {
        std::string path;
        ~Unlink() { VSIUnlink(path.c_str()); }
    } unlink{mem_path};

    // An attribute filter must compare numbers as numbers: GDAL learns the column types (inferred
    // from every record in a first pass without the filter) from a .csvt beside the staged text.
    std::vector<FieldType> forced_types;
    std::string csvt_path;
    if (!options.where.empty()) {
        ReadOptions unfiltered = options;
        unfiltered.where.clear();
        unfiltered.require_geometry = false;
        ReadReport ignored;
        const Layer all = read_csv_records(open_path, display_path, layer_name, unfiltered, ignored, true);
        std::string csvt;
        for (const auto& f : all.fields) {
            forced_types.push_back(f.type);
            csvt += (csvt.empty() ? "" : ",") + std::string(f.type == FieldType::integer ? "Integer64" : f.type == FieldType::real ? "Real" : "String");
        }
        csvt_path = mem_path.substr(0, mem_path.size() - 4) + ".csvt";
        VSILFILE* t = VSIFOpenL(csvt_path.c_str(), "wb");
        if (t) {
            VSIFWriteL(csvt.data(), 1, csvt.size(), t);
            VSIFCloseL(t);
        }
    }
    struct UnlinkCsvt {
        std::string path;
        ~UnlinkCsvt() {
            if (!path.empty()) VSIUnlink(path.c_str());
        }
    } unlink_csvt{csvt_path};

    QuietGdalErrors quiet;
    const char* open_options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "KEEP_GEOM_COLUMNS=YES",
                                  nullptr};
    const char* drivers[] = {"CSV", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(mem_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, open_options, nullptr));
    if (!ds || ds->GetLayerCount() < 1) throw DataError("not a readable delimited text file: " + QuietGdalErrors::last_message(), where);
    OGRLayer* ogr_layer = ds->GetLayer(0);
    if (!options.where.empty() && ogr_layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE)
        throw UsageError("bad attribute filter '" + options.where + "': " + QuietGdalErrors::last_message(), where);

    OGRFeatureDefn* defn = ogr_layer->GetLayerDefn();
    std::vector<std::string> names;
    for (int i = 0; i < defn->GetFieldCount(); ++i) names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    const CoordinateColumns coords = types_only ? CoordinateColumns{} : find_coordinate_columns(names, options, where);
    const bool has_coords = coords.x >= 0;
    if (!has_coords && options.require_geometry) {
        throw DataError("no coordinate columns: looked for lon/lat, longitude/latitude, lng/lat, 経度/緯度, stop_lon/stop_lat, "
                        "x/y (name them with --x-field and --y-field)",
                        where);
    }
    const std::string csv_crs = options.csv_crs.empty() ? "EPSG:4326" : options.csv_crs;
    const bool check_lonlat = options.csv_crs.empty() || csv_crs == "EPSG:4326" || csv_crs == "EPSG:6668" || csv_crs == "OGC:CRS84";

    Layer layer;
    layer.name = layer_name;
    report.driver = "CSV";
    report.declared_geometry = has_coords ? "Point" : "None";
    if (has_coords) {
        layer.crs = csv_crs;
        report.x_field = names[static_cast<std::size_t>(coords.x)];
        report.y_field = names[static_cast<std::size_t>(coords.y)];
    }

    std::vector<std::vector<std::optional<std::string>>> columns(names.size());
    std::vector<std::int64_t> ids;
    std::vector<Geometry> geometries;
    for (auto& feature : *ogr_layer) {
        const std::int64_t record = feature->GetFID();  // 1 = first data record
        ids.push_back(record);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const int idx = static_cast<int>(i);
            if (feature->IsFieldSetAndNotNull(idx)) columns[i].emplace_back(feature->GetFieldAsString(idx));
            else columns[i].emplace_back(std::nullopt);
        }
        if (!has_coords) {
            geometries.emplace_back(Empty{});
            continue;
        }
        Where at{display_path, layer_name, record};
        if (record >= 0 && static_cast<std::size_t>(record) < records.size()) at.line = records[static_cast<std::size_t>(record)].line;
        const auto& xs = columns[static_cast<std::size_t>(coords.x)].back();
        const auto& ys = columns[static_cast<std::size_t>(coords.y)].back();
        const bool x_blank = !xs || trim(*xs).empty(), y_blank = !ys || trim(*ys).empty();
        if (x_blank && y_blank) {  // no position: kept, reported as an empty geometry
            geometries.emplace_back(Empty{});
            report.empty_geometry_ids.push_back(record);
            continue;
        }
        const auto parse = [&](const std::optional<std::string>& text, int column) {
            at.field = names[static_cast<std::size_t>(column)];
            const auto v = text ? as_number(Value{*text}) : std::nullopt;
            if (!v) throw DataError("not a number: '" + (text ? *text : std::string()) + "'", at);
            return *v;
        };
        const double x = parse(xs, coords.x);
        const double y = parse(ys, coords.y);
        if (check_lonlat) {
            if (x < -180 || x > 180) {
                at.field = names[static_cast<std::size_t>(coords.x)];
                throw DataError("longitude " + as_text(Value{x}) + " is out of range [-180, 180] (are the columns swapped, or "
                                "projected? then give the CRS with --csv-crs)", at);
            }
            if (y < -90 || y > 90) {
                at.field = names[static_cast<std::size_t>(coords.y)];
                throw DataError("latitude " + as_text(Value{y}) + " is out of range [-90, 90] (are the columns swapped, or "
                                "projected? then give the CRS with --csv-crs)", at);
            }
        }
        if (const auto why = absurd_coordinate(Geometry{Point{x, y}})) {
            at.field = names[static_cast<std::size_t>(std::abs(x) > k_absurd_coordinate ? coords.x : coords.y)];
            throw DataError(*why, at);
        }
        geometries.emplace_back(Point{x, y});
    }
    // Schema after the fact: column types come from the values.
    for (std::size_t i = 0; i < names.size(); ++i)
        layer.fields.push_back(Field{names[i], i < forced_types.size() ? forced_types[i] : infer_type(columns[i])});
    layer.features.resize(ids.size());
    for (std::size_t r = 0; r < ids.size(); ++r) {
        Feature& f = layer.features[r];
        f.id = ids[r];
        f.geometry = std::move(geometries[r]);
        f.values.resize(names.size());
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto& text = columns[i][r];
            if (!text || text->empty()) continue;
            switch (layer.fields[i].type) {
                case FieldType::integer: f.values[i] = static_cast<std::int64_t>(std::stoll(*text)); break;
                case FieldType::real: f.values[i] = *as_number(Value{*text}); break;
                case FieldType::text: f.values[i] = *text; break;
            }
        }
    }
    report.features_read = static_cast<std::int64_t>(layer.features.size());
    return layer;
}

}  // namespace

Layer read_csv_layer(const std::string& open_path, const std::string& display_path, const std::string& layer_name,
                     const ReadOptions& options, ReadReport& report) {
    return read_csv_records(open_path, display_path, layer_name, options, report, false);
}

}  // namespace keniki::io::detail
