// OpenStreetMap roads through libosmium: the only file that includes it. One pass over nodes and
// ways (node locations kept in memory, then attached to the ways that follow them).

#include <filesystem>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>

#include "keniki/core/error.hpp"
#include "keniki/network/road_data.hpp"
#include "network/reader_detail.hpp"

namespace keniki::network {

namespace {

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

class RoadCollector : public osmium::handler::Handler {
public:
    explicit RoadCollector(RoadData& data) : m_data(data) {}  // walks by data.walk

    void way(const osmium::Way& way) {
        ++m_data.features_read;
        const osmium::TagList& tags = way.tags();
        auto tag = [&tags](const char* key) -> std::string_view {
            const char* v = tags[key];
            return v ? std::string_view(v) : std::string_view();
        };
        WayTags t;
        t.highway = tag("highway");
        if (t.highway.empty()) {
            ++m_data.not_roads;
            return;
        }
        t.area = tag("area");
        t.access = tag("access");
        t.foot = tag("foot");
        t.vehicle = tag("vehicle");
        t.motor_vehicle = tag("motor_vehicle");
        t.motorcar = tag("motorcar");
        t.service = tag("service");
        t.oneway = tag("oneway");
        t.junction = tag("junction");
        t.maxspeed = tag("maxspeed");
        auto attributes = classify_way(t, m_data.walk);
        if (!attributes) {
            ++m_data.not_roads;
            return;
        }
        RoadWay current;
        current.id = way.id();
        current.attributes = *attributes;
        bool cut = false;
        auto flush = [&] {
            if (current.nodes.size() >= 2) {
                RoadWay piece;
                piece.id = current.id;
                piece.attributes = current.attributes;
                piece.nodes.swap(current.nodes);
                piece.line.swap(current.line);
                m_data.ways.push_back(std::move(piece));
            }
            current.nodes.clear();
            current.line.clear();
        };
        for (const osmium::NodeRef& ref : way.nodes()) {
            if (!ref.location().valid()) {
                cut = true;
                ++m_missing_nodes;
                flush();
                continue;
            }
            if (!current.nodes.empty() && current.nodes.back() == ref.ref()) continue;
            current.nodes.push_back(ref.ref());
            current.line.emplace_back(ref.location().lon(), ref.location().lat());
        }
        flush();
        if (cut) ++m_cut_ways;
    }

    std::int64_t cut_ways() const { return m_cut_ways; }
    std::int64_t missing_nodes() const { return m_missing_nodes; }

private:
    RoadData& m_data;
    std::int64_t m_cut_ways = 0;
    std::int64_t m_missing_nodes = 0;
};

}  // namespace

RoadData read_osm(const std::string& path, const RoadReadOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw UsageError("no such file", Where(path));
    if (std::filesystem::file_size(path, ec) == 0 && !ec) throw DataError("the file is empty (0 bytes): no OpenStreetMap data", Where(path));
    RoadData data;
    data.path = path;
    data.walk = options.walk;
    RoadCollector collector(data);
    try {
        LocationIndex positive, negative;
        osmium::handler::NodeLocationsForWays<LocationIndex, LocationIndex> locations(positive, negative);
        locations.ignore_errors();  // nodes missing from cut extracts: the ways are cut there
        osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
        osmium::apply(reader, locations, collector);
        reader.close();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw DataError(std::string("cannot read OpenStreetMap data: ") + e.what(), Where(path));
    }
    if (collector.cut_ways() > 0)
        data.notes.push_back(std::to_string(collector.cut_ways()) + " ways refer to " + std::to_string(collector.missing_nodes()) +
                             " nodes missing from the file: cut there");
    if (data.ways.empty() && collector.cut_ways() > 0)
        throw DataError("no roads left: " + std::to_string(collector.cut_ways()) + (collector.cut_ways() == 1 ? " way" : " ways") +
                            " with a highway tag refer to " + std::to_string(collector.missing_nodes()) +
                            (collector.missing_nodes() == 1 ? " node" : " nodes") +
                            " missing from the file, and no two known nodes in a row remain of them (an extract saved without the "
                            "nodes of its ways?); " + std::to_string(data.features_read) + " ways read",
                        Where(path));
    if (data.ways.empty())
        throw DataError("no roads (ways with a highway tag open to walkers or cars) among " + std::to_string(data.features_read) + " ways",
                        Where(path));
    detail::to_working_crs(data, "EPSG:4326", options);
    return data;
}

}  // namespace keniki::network
