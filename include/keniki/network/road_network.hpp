#pragma once
// A road network for one travel mode: the road pieces between junctions (edges, with their lines,
// lengths and travel times in each direction) and the CSR graphs searches run on. Ways are split
// at every node two ways share (and at their ends); by default only the largest (strongly)
// connected component is kept and the rest is reported.

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/network/graph.hpp"
#include "keniki/network/road_data.hpp"
#include "keniki/network/travel_mode.hpp"

namespace keniki::network {

inline constexpr double k_closed = std::numeric_limits<double>::infinity();  ///< travel time of a direction nobody may take

/// Arc tags in RoadNetwork::forward / backward: edge * 2, plus 1 when the arc runs v -> u.
inline constexpr std::uint32_t arc_tag(EdgeId edge, bool against) { return edge * 2u + (against ? 1u : 0u); }
inline constexpr EdgeId tag_edge(std::uint32_t tag) { return tag >> 1; }
inline constexpr bool tag_against(std::uint32_t tag) { return (tag & 1u) != 0; }

struct BuildOptions {
    /// Keep only the largest strongly connected component (the connected component when every way
    /// is two-way); the pieces dropped are counted in BuildReport::components.
    bool keep_largest_component = true;
};

struct ComponentReport {
    std::uint32_t count = 0;          ///< components found
    std::uint32_t dropped = 0;        ///< components dropped (all but the largest, when asked)
    std::size_t dropped_nodes = 0;
    std::size_t dropped_edges = 0;
    double dropped_length_m = 0;
};

struct BuildReport {
    std::size_t ways_used = 0;          ///< ways open to the mode
    std::size_t ways_closed = 0;        ///< ways read but closed to the mode
    std::size_t nodes_split = 0;        ///< graph nodes after splitting the ways, before the component filter
    std::size_t edges_split = 0;        ///< edges likewise (after merging edge-list pairs)
    std::size_t duplicates_merged = 0;  ///< edge-list features (v->u twins of u->v ones) merged into one edge
    ComponentReport components;
    std::size_t nodes = 0, edges = 0, arcs = 0;  ///< what the network holds
    double length_m = 0;                ///< total length of its edges
    double seconds = 0;                 ///< time taken by build_network
};

/// One edge for assemble_network.
struct EdgeSpec {
    NodeId u = 0, v = 0;
    LineString line;               ///< from u to v; empty = the straight segment between the nodes
    double length_m = -1;          ///< < 0: measured along the line
    double forward_s = k_closed;   ///< travel time u -> v (k_closed: not allowed)
    double backward_s = k_closed;  ///< travel time v -> u
    std::int64_t way = 0;          ///< source way / feature id
};

struct RoadNetwork {
    std::string crs;         ///< working CRS of every coordinate
    TravelOptions travel;    ///< the mode and speeds it was built for

    std::vector<Point> node_point;
    std::vector<std::int64_t> node_key;  ///< OSM node id, u/v id, or a generated (negative) key

    std::vector<NodeId> edge_u, edge_v;
    std::vector<double> edge_length_m;
    std::vector<double> edge_forward_s;   ///< seconds u -> v, k_closed when not allowed
    std::vector<double> edge_backward_s;  ///< seconds v -> u
    std::vector<std::int64_t> edge_way;
    /// Lines of the edges, u to v: edge e's points are [edge_first_point[e], edge_first_point[e + 1]).
    std::vector<std::uint32_t> edge_first_point;
    std::vector<Point> points;

    Graph forward;   ///< arcs as travelled; tags: arc_tag(edge, against)
    Graph backward;  ///< the same arcs reversed, for searches towards a destination
    BuildReport report;

    std::uint32_t node_count() const { return static_cast<std::uint32_t>(node_point.size()); }
    std::uint32_t edge_count() const { return static_cast<std::uint32_t>(edge_u.size()); }
    std::span<const Point> edge_line(EdgeId e) const {
        return {points.data() + edge_first_point[e], points.data() + edge_first_point[e + 1]};
    }
    /// Walking speed of access legs (and of walking), metres per second.
    double foot_speed_ms() const { return travel.foot_kmh() / 3.6; }
};

/// The network of one travel mode from the roads read: ways open to the mode, split at shared nodes,
/// travel times from the mode's speeds. Throws DataError when no road is open to the mode.
RoadNetwork build_network(const RoadData& roads, const TravelOptions& travel, const BuildOptions& options = {});

/// A network from explicit nodes and edges (hand-drawn test networks, other sources): the component
/// filter, then the graphs. node_key may be empty (keys become 0..n-1).
RoadNetwork assemble_network(std::vector<Point> node_point, std::vector<std::int64_t> node_key, std::vector<EdgeSpec> edges,
                             const std::string& crs, const TravelOptions& travel, const BuildOptions& options = {});

}  // namespace keniki::network
