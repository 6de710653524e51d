#include "io/ogr_source.hpp"

#include <filesystem>

#include <cpl_string.h>

#include "io/gdal_session.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"

namespace keniki::io::detail {

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// A shapefile is several files; GDAL opens a .shp without its .dbf as a layer without fields
/// (then every field looks "missing") and one without its .shx not at all. Say which file is gone.
void check_shapefile_parts(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path shp(path);
    if (lower_ascii(shp.extension().string()) != ".shp") return;
    std::error_code ec;
    if (!fs::is_regular_file(shp, ec)) return;
    const fs::path dir = shp.has_parent_path() ? shp.parent_path() : fs::path(".");
    const std::string stem = lower_ascii(shp.stem().string());
    auto has = [&](const char* ext) {
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            if (lower_ascii(e.path().stem().string()) == stem && lower_ascii(e.path().extension().string()) == ext) return true;
        }
        return false;
    };
    const std::string base = shp.stem().string();
    if (!has(".dbf"))
        throw DataError(base + ".dbf is missing beside the .shp: a shapefile's attributes (every field) are in its .dbf; copy all "
                        "the files of the shapefile (.shp, .shx, .dbf, .prj, .cpg) together",
                        Where{path});
    if (!has(".shx"))
        throw DataError(base + ".shx is missing beside the .shp: the .shx indexes the shapes; copy all the files of the shapefile "
                        "together (GDAL can rebuild a lost .shx: ogr2ogr --config SHAPE_RESTORE_SHX YES)",
                        Where{path});
}

}  // namespace

GDALDatasetUniquePtr open_ogr(const Source& src, const std::string& encoding) {
    ensure_gdal();
    check_shapefile_parts(src.open_path);
    QuietGdalErrors quiet;
    CPLStringList open_options;
    Encoding enc{};
    if (parse_encoding(encoding, enc)) {
        GDALDriverH drv = GDALIdentifyDriver(src.open_path.c_str(), nullptr);
        if (drv && std::string(GDALGetDriverShortName(drv)) == "ESRI Shapefile")
            open_options.SetNameValue("ENCODING", enc == Encoding::cp932 ? "CP932" : "UTF-8");
    }
    {
        std::error_code ec;
        if (std::filesystem::is_regular_file(src.open_path, ec) && std::filesystem::file_size(src.open_path, ec) == 0 && !ec)
            throw DataError("the file is empty (0 bytes)", Where{src.path});
    }
    GDALDatasetUniquePtr ds(GDALDataset::Open(src.open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                              nullptr, open_options.List(), nullptr));
    if (!ds) {
        // A folder where a file was meant is a usage error, like a missing file or a plan path that
        // is a folder (exit 2); a folder GDAL can read (shapefiles, a FileGDB) opened above.
        std::error_code ec;
        if (std::filesystem::is_directory(src.path, ec))
            throw UsageError("is a folder, and GDAL finds no vector dataset in it: give the data file itself (or a folder of shapefiles)", Where{src.path});
        std::string why = QuietGdalErrors::last_message();
        // GDAL's GeoJSON reader says only this when the JSON does not parse, or when one object of
        // the file is past its size limit (OGR_GEOJSON_MAX_OBJ_SIZE, in MB; 0 lifts it).
        if (why == "Failed to read GeoJSON data")
            why += " (the JSON is cut off or malformed — check the end of the file; or one of its objects is past GDAL's size limit: "
                   "set OGR_GEOJSON_MAX_OBJ_SIZE=0 in the environment, or convert the file to FlatGeobuf or GeoPackage)";
        throw DataError("not a vector dataset GDAL can read" + (why.empty() ? std::string() : ": " + why), Where{src.path});
    }
    if (ds->GetLayerCount() == 0) {
        std::error_code ec;
        if (std::filesystem::is_directory(src.path, ec))
            throw UsageError("is a folder with no vector layer in it: give the data file itself (or a folder of shapefiles)", Where{src.path});
        throw DataError("the dataset has no vector layer", Where{src.path});
    }
    return ds;
}

std::string crs_string(const OGRSpatialReference* srs) {
    if (srs == nullptr) return {};
    OGRSpatialReference copy(*srs);
    const char* auth = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    if (auth == nullptr || code == nullptr) {
        if (copy.AutoIdentifyEPSG() == OGRERR_NONE) {
            auth = copy.GetAuthorityName(nullptr);
            code = copy.GetAuthorityCode(nullptr);
        }
    }
    if (auth && code && std::string(auth) == "EPSG") return "EPSG:" + std::string(code);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    copy.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

FieldType field_type(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64: return FieldType::integer;
        case OFTReal: return FieldType::real;
        default: return FieldType::text;
    }
}

}  // namespace keniki::io::detail
