// keniki convert IN OUT: any input a planner has -> GeoJSON (RFC 7946) / GeoPackage / CSV in the
// working CRS, with invalid geometries refused, or repaired with GEOS MakeValid when asked.

#include <filesystem>
#include <iostream>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/output_path.hpp"
#include "keniki/crs/study_area_hint.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/crs/working_crs.hpp"
#include "keniki/geom/validity.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/io/write_layer.hpp"

namespace keniki::cli {

namespace {

int run_convert(const std::vector<std::string>& argv) {
    const Args args(argv, {"layer", "where", "encoding", "x-field", "y-field", "csv-crs", "to-crs", "csv-encoding"},
                    {"make-valid", "overwrite", "quiet"}, "convert");
    args.expect_positionals(2, "an input and an output path: keniki convert IN OUT");
    const std::string in = args.positionals()[0], out = args.positionals()[1];
    const std::string ext = lower_extension(out);
    const bool geojson = ext == ".geojson" || ext == ".json";
    if (!geojson && ext != ".gpkg" && ext != ".csv" && ext != ".fgb")
        throw UsageError("keniki convert: the output must end in .geojson, .gpkg, .fgb or .csv: " + out);
    const std::string to_crs = args.value_or("to-crs", geojson ? "EPSG:4326" : "auto");
    if (geojson && to_crs != "EPSG:4326")
        throw UsageError("keniki convert: GeoJSON is written as RFC 7946, in EPSG:4326 longitude/latitude; --to-crs does not apply");
    check_output_file(out, args.flag("overwrite"), "keniki convert");

    io::ReadOptions options;
    options.layer = args.value_or("layer", "");
    options.where = args.value_or("where", "");
    options.encoding = args.value_or("encoding", "");
    options.x_field = args.value_or("x-field", "");
    options.y_field = args.value_or("y-field", "");
    options.csv_crs = args.value_or("csv-crs", "");
    options.require_geometry = true;
    io::ReadReport report;
    Layer layer = io::read_layer(in, options, &report);
    if (layer.features.empty())
        throw DataError(std::string("the layer has no features") + (options.where.empty() ? "" : " matching --where '" + options.where + "'") +
                            "; nothing to convert",
                        Where{in, layer.name});
    if (layer.crs.empty()) throw DataError("the layer declares no CRS; keniki cannot place it", Where{in, layer.name});

    const auto invalid = geom::find_invalid(layer);
    if (!invalid.empty()) {
        if (!args.flag("make-valid")) {
            std::string ids;
            for (std::size_t i = 0; i < invalid.size() && i < 10; ++i)
                ids += (i ? ", " : "") + std::to_string(invalid[i].id) + " (" + invalid[i].reason + ")";
            throw DataError(std::to_string(invalid.size()) + " invalid geometries: features " + ids +
                                (invalid.size() > 10 ? ", ..." : "") + "; repair them with --make-valid (GEOS MakeValid)",
                            Where{in, layer.name});
        }
        const auto repaired = geom::repair_invalid(layer);
        if (!args.flag("quiet")) std::cerr << "keniki convert: repaired " << repaired << " invalid geometries with GEOS MakeValid\n";
    }
    std::string target = to_crs;
    if (to_crs == "auto") {
        const auto working = crs::working_crs_for(layer);
        target = working.definition();
        if (!args.flag("quiet")) std::cerr << "keniki convert: working CRS " << target << " " << working.name << " (" << working.reason << ")\n";
    }
    if (target != "keep" && target != layer.crs) {
        crs::Transformer t(layer.crs, target);
        for (auto& f : layer.features) crs::transform(f.geometry, t);
        layer.crs = target;
    }
    io::WriteOptions write;
    write.overwrite = args.flag("overwrite");
    if (auto enc = args.value("csv-encoding")) write.csv_encoding = *enc;
    io::write_layer(out, layer, write);
    if (!args.flag("quiet"))
        std::cerr << "keniki convert: wrote " << layer.features.size() << " features of layer " << layer.name << " to " << out << "\n";
    return 0;
}

}  // namespace

Command make_convert_command() {
    return Command{"convert",
                   "convert a layer to GeoJSON (RFC 7946), GeoPackage, FlatGeobuf or CSV in the working CRS",
                   "usage: keniki convert IN OUT [--layer NAME] [--where EXPR] [--to-crs auto|keep|EPSG:n]\n"
                   "                      [--make-valid] [--overwrite] [--csv-encoding utf-8-bom|utf-8|cp932]\n"
                   "                      [--encoding auto|utf-8|cp932] [--x-field F --y-field F] [--csv-crs CRS] [--quiet]\n\n"
                   "Reads one layer of IN (any input `keniki info` reads) and writes it to OUT, chosen by extension:\n"
                   ".geojson (RFC 7946: WGS84 lon/lat, counter-clockwise rings, 7 decimals), .gpkg, .fgb, .csv.\n"
                   "Non-GeoJSON outputs are in the working CRS keniki chooses (--to-crs auto, the default), the\n"
                   "source CRS (--to-crs keep) or any CRS PROJ knows. Invalid geometries stop the conversion (exit 1,\n"
                   "their ids listed) unless --make-valid repairs them with GEOS MakeValid. Nothing is written on error.\n",
                   run_convert};
}

}  // namespace keniki::cli
