#include "io/ogr_source.hpp"

#include <filesystem>

#include <cpl_string.h>

#include "io/gdal_session.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"

namespace keniki::io::detail {

GDALDatasetUniquePtr open_ogr(const Source& src, const std::string& encoding) {
    ensure_gdal();
    QuietGdalErrors quiet;
    CPLStringList open_options;
    Encoding enc{};
    if (parse_encoding(encoding, enc)) {
        GDALDriverH drv = GDALIdentifyDriver(src.open_path.c_str(), nullptr);
        if (drv && std::string(GDALGetDriverShortName(drv)) == "ESRI Shapefile")
            open_options.SetNameValue("ENCODING", enc == Encoding::cp932 ? "CP932" : "UTF-8");
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
