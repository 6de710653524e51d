#pragma once
// Searches between points placed on the network (Snap): sources and targets anywhere along an edge,
// not only at nodes; access legs walked at the mode's walking speed. Direction says which way people
// travel: outbound from the sources (an isochrone from a place), inbound towards them (how long a
// resident takes to reach a hub; it matters where one-way streets are).

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/network/network_options.hpp"
#include "keniki/network/dijkstra.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/snap.hpp"

namespace keniki::network {

enum class Direction {
    outbound,  ///< travel from the sources
    inbound,   ///< travel to the sources
};

/// The graph a search in this direction runs on: forward for outbound, backward for inbound.
inline const Graph& search_graph(const RoadNetwork& net, Direction d) { return d == Direction::outbound ? net.forward : net.backward; }

/// A source placed on the network: its snap, the cost already spent when it enters the road (its
/// access leg), and its label.
struct PlacedSource {
    Snap snap;
    double start_s = 0;
    std::uint32_t label = 0;
};

/// Seconds to walk `metres` of access leg.
inline double access_seconds(const RoadNetwork& net, double metres) { return metres / net.foot_speed_ms(); }

/// Starts a search (on search_graph(net, d)) at a placed source: at both ends of its edge, as far as
/// the edge may be travelled that way.
void add_source(Dijkstra& search, const RoadNetwork& net, const PlacedSource& source, Direction d);

/// Cost between the search's sources and a snapped point through the ends of its edge (access leg
/// not included), and the label it comes with; infinity when neither end is settled or open.
double cost_through_ends(const Dijkstra& search, const RoadNetwork& net, const Snap& point, Direction d, std::uint32_t* label = nullptr);

/// Cost of travelling along one edge from `from` to `to` (infinity when they are on different
/// edges, or that direction is closed).
double cost_along_edge(const RoadNetwork& net, const Snap& from, const Snap& to);

struct NearestOptions {
    SnapOptions snap;                      ///< farther than snap.max_snap_m from every road: not placed (reported)
    Direction direction = Direction::inbound;  ///< residents travel to the hubs
    double cutoff_s = std::numeric_limits<double>::infinity();  ///< stop searching beyond this
};

struct NearestResult {
    std::vector<std::int32_t> hub;   ///< per origin: the hub with the smallest cost (on a tie the smaller index), -1 for none
    std::vector<double> cost_s;      ///< per origin: seconds, access legs included; infinity for none
    std::vector<Snap> origin_snaps, hub_snaps;
    std::vector<std::size_t> unsnapped_origins;  ///< farther than max_snap_m from every road
    std::vector<std::size_t> unsnapped_hubs;
    std::vector<std::size_t> unreachable_origins;  ///< placed, but no hub within reach along the network
};

/// For every origin the nearest hub along the network: one multi-source search from all hubs.
NearestResult nearest_hubs(const Snapper& snapper, std::span<const Point> origins, std::span<const Point> hubs,
                           const NearestOptions& options = {});

/// Every (origin, hub) pair within the cut-off, by origin (CSR, hubs in increasing index), costs in
/// seconds with both access legs.
struct PairsResult {
    std::vector<std::uint32_t> first;  ///< origins + 1 entries
    std::vector<std::uint32_t> hub;
    std::vector<double> cost_s;
    std::vector<std::size_t> unsnapped_origins, unsnapped_hubs;
};

/// One search per hub, cut off at options.cutoff_s (run in parallel over the hubs); each search visits
/// only the origins on the edges of the nodes it settles.
PairsResult hubs_within(const Snapper& snapper, std::span<const Point> origins, std::span<const Point> hubs, const NearestOptions& options);

}  // namespace keniki::network
