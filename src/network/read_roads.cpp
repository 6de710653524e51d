#include <algorithm>
#include <cctype>
#include <filesystem>

#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/core/text.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/crs/working_crs.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/network/road_data.hpp"
#include "network/reader_detail.hpp"

namespace keniki::network {

namespace detail {

namespace {

/// Transforms the ways [b, e) in place with a transformer of this thread's own.
void transform_ways(std::vector<RoadWay>& ways, const std::string& from, const std::string& to) {
    parallel_chunks(
        ways.size(),
        [&](std::size_t b, std::size_t e) {
            const crs::Transformer t(from, to);
            for (std::size_t i = b; i < e; ++i) t.forward(std::span<Point>(ways[i].line.data(), ways[i].line.size()));
        },
        2048);
}

}  // namespace

void to_working_crs(RoadData& data, const std::string& source_crs, const RoadReadOptions& options) {
    std::string target = options.crs;
    if (target.empty() || target == "auto") {
        Box box = empty_box();
        if (crs::is_geographic(source_crs)) {
            for (const auto& w : data.ways) expand_box(box, bounds_of(w.line));
        } else {
            const crs::Transformer to_lonlat(source_crs, "EPSG:4326");
            for (const auto& w : data.ways) {
                for (const auto& p : w.line) expand_box(box, to_lonlat.forward(p));
            }
        }
        if (!is_valid_box(box)) throw DataError("no road to place", Where(data.path));
        const crs::WorkingCrs working = crs::choose_working_crs(
            crs::StudyArea{box.min_corner().x(), box.min_corner().y(), box.max_corner().x(), box.max_corner().y(), {}, {}});
        target = working.definition();
        data.crs_reason = working.name + ": " + working.reason;
    } else {
        if (crs::is_geographic(target)) throw UsageError("the working CRS must be projected in metres, not " + target);
        data.crs_reason = "given";
    }
    if (crs::epsg_code(source_crs) != crs::epsg_code(target) || !crs::epsg_code(target)) transform_ways(data.ways, source_crs, target);
    data.crs = target;
}

}  // namespace detail

bool is_osm_path(const std::string& path) {
    const std::string p = text::ascii_lower(path);
    for (const char* ext : {".pbf", ".osm", ".osm.bz2", ".osm.gz", ".osc", ".osc.gz", ".osc.bz2", ".o5m", ".opl"}) {
        const std::string e(ext);
        if (p.size() >= e.size() && p.compare(p.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
}

RoadData read_roads(const std::string& path, const RoadReadOptions& options) {
    if (is_osm_path(path)) return read_osm(path, options);
    io::ReadOptions read;
    read.layer = options.layer;
    read.where = options.where;
    read.encoding = options.encoding;
    read.require_geometry = true;
    return roads_from_layer(io::read_layer(path, read), options, path);
}

std::vector<std::string> unused_speed_classes(const RoadData& roads, const SpeedTable& table) {
    std::vector<bool> used(table.size(), false);
    for (const RoadWay& w : roads.ways) {
        if (!w.attributes.drive) continue;
        if (const auto it = table.find(w.attributes.highway); it != table.end())
            used[static_cast<std::size_t>(std::distance(table.begin(), it))] = true;
    }
    std::vector<std::string> out;
    std::size_t k = 0;
    for (const auto& [klass, kmh] : table)
        if (!used[k++]) out.push_back(klass);
    return out;
}

}  // namespace keniki::network
