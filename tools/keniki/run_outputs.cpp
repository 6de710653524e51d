#include "run_outputs.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/io/write_layer.hpp"

namespace keniki::cli {

namespace fs = std::filesystem;

std::vector<std::string> write_run_outputs(const std::string& dir, const report::OutputLayers& layers, const nlohmann::ordered_json& summary,
                                           const OutputOptions& options) {
    const fs::path target(dir);
    if (fs::exists(target) && !options.overwrite) throw UsageError(dir + " exists; add --overwrite to replace it");
    const fs::path staging = target.string() + ".tmp-" + std::to_string(getpid());
    fs::remove_all(staging);
    fs::create_directories(staging);
    std::vector<std::string> written;
    try {
        const std::vector<const Layer*> all = layers.all();
        if (options.geojson) {
            for (const Layer* l : all) {
                const std::string name = l->name + ".geojson";
                io::write_layer((staging / name).string(), crs::reprojected(*l, "EPSG:4326"));
                written.push_back(name);
            }
        }
        if (options.geopackage) {
            io::write_geopackage((staging / "keniki.gpkg").string(), all);
            written.push_back("keniki.gpkg");
        }
        if (options.csv) {
            io::WriteOptions csv;
            csv.csv_encoding = options.csv_encoding;
            csv.csv_geometry = false;
            for (const Layer* l : layers.tables()) {
                const std::string name = l->name + ".csv";
                io::write_layer((staging / name).string(), *l, csv);
                written.push_back(name);
            }
        }
        std::ofstream out(staging / "summary.json");
        out << summary.dump(2) << "\n";
        if (!out) throw DataError("cannot write summary.json", Where{(staging / "summary.json").string()});
        written.push_back("summary.json");
        out.close();
        if (fs::exists(target)) fs::remove_all(target);
        fs::rename(staging, target);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(staging, ec);
        throw;
    }
    return written;
}

}  // namespace keniki::cli
