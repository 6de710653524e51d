#pragma once
// Roads as read, before any graph is built: ways with the keys of their vertices and what they
// allow, in the metric working CRS. From OpenStreetMap (.osm.pbf / .osm, through libosmium) or from
// any line layer (through io::read_layer) with optional speed, class, oneway, u/v and length fields.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/core/layer.hpp"
#include "keniki/network/travel_mode.hpp"

namespace keniki::network {

/// One way: an OSM way or a line feature. `nodes` has one key per vertex of `line`; vertices with
/// the same key are the same place (OSM node ids; a line layer's u/v fields; else keys shared by
/// vertices with identical coordinates).
struct RoadWay {
    std::int64_t id = 0;  ///< OSM way id or the feature id
    std::vector<std::int64_t> nodes;
    LineString line;      ///< in the working CRS
    WayAttributes attributes;
    std::optional<double> length_m;  ///< from a length field (spread over the pieces by measured length); else measured
};

struct RoadData {
    std::string path;    ///< what was read
    std::string crs;     ///< the working CRS of `ways` ("EPSG:6670")
    std::string crs_reason;
    std::vector<RoadWay> ways;
    /// True for edge lists (line layers with u/v fields) that list a two-way street once per
    /// direction (OSMnx): build_network merges such pairs into one edge.
    bool edge_list = false;
    std::int64_t features_read = 0;  ///< ways or features looked at
    std::int64_t not_roads = 0;      ///< skipped: no road class, areas, closed to everybody, not lines
    std::vector<std::string> notes;  ///< what else the reader had to do (ways cut at missing nodes ...)
    WalkRules walk;                  ///< the walk rules the ways' `walk` was decided by (RoadReadOptions::walk)
};

struct RoadReadOptions {
    /// Working CRS: "auto" chooses it from the data's extent (crs::choose_working_crs); else any
    /// definition PROJ accepts ("EPSG:6670").
    std::string crs = "auto";
    /// Line layers: layer name (empty: the only one), OGR filter, text encoding (see io::ReadOptions).
    std::string layer, where, encoding;
    /// Line layers: field names; empty = look for the usual names (case-insensitive), "-" = none.
    ///   speed  (km/h, cars): speed, speed_kmh, kph            maxspeed: maxspeed, max_speed
    ///   class  (highway values): highway, fclass, road_class, class
    ///   oneway: oneway, one_way (see parse_oneway)            length (m): length, length_m
    ///   u / v (node ids of the line's first and last vertex): u/v, source/target, from_node/to_node, fnode/tnode
    std::string speed_field, maxspeed_field, class_field, oneway_field, length_field, u_field, v_field;
    /// Who may walk where (highway classes; foot and access values): decides each way's `walk` as it
    /// is read, so every network built from the roads walks by the same rules. Line layers have no
    /// foot or access field: their class field alone decides (classes in no list: walkable and drivable).
    WalkRules walk;
};

/// Reads roads from an OSM file (.pbf, .osm, .osm.bz2, .osm.gz, .osc: by libosmium) or any line
/// layer. Throws UsageError (missing file, unknown layer or field) or DataError (unreadable file, no
/// line geometry, no CRS that can be placed, no roads at all).
RoadData read_roads(const std::string& path, const RoadReadOptions& options = {});

/// The classes of `table` (a drive speed table given by the user) that no way open to cars in
/// `roads` has: speeds that will never be used (a typo, or a class name from another data source).
std::vector<std::string> unused_speed_classes(const RoadData& roads, const SpeedTable& table);

/// True when `path` is read as OpenStreetMap data (by its extension).
bool is_osm_path(const std::string& path);

/// OpenStreetMap through libosmium: ways with a highway tag (see classify_way), node locations from
/// the same file. Ways that refer to nodes missing from the file (cut extracts) are cut there.
RoadData read_osm(const std::string& path, const RoadReadOptions& options = {});

/// A line layer already read (tests, or callers holding a layer) as roads. `layer.crs` must be set,
/// or the coordinates must be longitude/latitude.
RoadData roads_from_layer(const Layer& layer, const RoadReadOptions& options = {}, const std::string& path = {});

}  // namespace keniki::network
