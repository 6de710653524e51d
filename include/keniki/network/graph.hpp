#pragma once
// A directed graph as plain CSR arrays (first_out, head, weight), the shape every search runs on:
// the arcs leaving node v are [first_out[v], first_out[v + 1]). Built once, never changed.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace keniki::network {

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;
using EdgeId = std::uint32_t;

inline constexpr NodeId k_no_node = std::numeric_limits<NodeId>::max();
inline constexpr ArcId k_no_arc = std::numeric_limits<ArcId>::max();
inline constexpr EdgeId k_no_edge = std::numeric_limits<EdgeId>::max();

/// One arc as given to Graph::from_arcs: tail -> head at `weight` (>= 0), and `tag`, what the arc
/// stands for in the caller's terms (a road edge and its direction, a pgRouting edge id ...).
struct Arc {
    NodeId tail = 0;
    NodeId head = 0;
    double weight = 0;
    std::uint32_t tag = 0;
};

struct Graph {
    std::vector<ArcId> first_out;   ///< node_count() + 1 entries, first_out[0] == 0
    std::vector<NodeId> head;       ///< per arc
    std::vector<double> weight;     ///< per arc, finite and >= 0
    std::vector<std::uint32_t> tag; ///< per arc, the caller's tag

    std::uint32_t node_count() const { return first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1); }
    std::uint32_t arc_count() const { return static_cast<std::uint32_t>(head.size()); }

    /// Arcs in any order; the arcs of one tail keep their input order. Throws DataError for a node out
    /// of range or a weight that is negative, infinite or NaN.
    static Graph from_arcs(std::uint32_t node_count, std::span<const Arc> arcs);
    /// The same arcs head -> tail, with the same weights and tags: searches towards a target run on it.
    Graph reversed() const;
    /// Every arc again as an Arc (tail recovered from first_out), in CSR order.
    std::vector<Arc> arcs() const;
};

}  // namespace keniki::network
