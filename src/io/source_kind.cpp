#include "io/source_kind.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <cpl_vsi.h>

#include "io/gdal_session.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::io::detail {

namespace {
std::string lower_extension(const std::string& path) {
    return text::ascii_lower(std::filesystem::path(path).extension().string());
}

bool vsi_exists(const std::string& path) {
    VSIStatBufL stat;
    return VSIStatL(path.c_str(), &stat) == 0;
}
}  // namespace

Source classify_source(const std::string& path) {
    Source src{SourceKind::ogr, path, path};
    if (path.rfind("PG:", 0) == 0 || path.rfind("/vsi", 0) == 0) return src;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw UsageError("no such file or directory", Where{path});
    ensure_gdal();
    const std::string ext = lower_extension(path);
    if (std::filesystem::is_directory(path, ec)) {
        if (std::filesystem::exists(std::filesystem::path(path) / "stops.txt", ec)) {
            src.kind = SourceKind::gtfs;
            src.open_path = (std::filesystem::path(path) / "stops.txt").string();
        }
        return src;  // a folder of shapefiles, a FileGDB, ...: OGR decides
    }
    if (ext == ".zip") {
        const std::string inner = "/vsizip/" + path + "/stops.txt";
        if (vsi_exists(inner)) {
            src.kind = SourceKind::gtfs;
            src.open_path = inner;
            return src;
        }
        src.open_path = "/vsizip/" + path;  // e.g. a zipped shapefile
        return src;
    }
    if (ext == ".csv" || ext == ".txt" || ext == ".tsv") src.kind = SourceKind::csv;
    return src;
}

}  // namespace keniki::io::detail
