#pragma once
// Strongly connected components of a Graph (iterative Tarjan, O(nodes + arcs)). On a graph whose arcs
// all come in both directions (walking) they are the connected components.

#include <cstdint>
#include <vector>

#include "keniki/network/graph.hpp"

namespace keniki::network {

struct Components {
    std::vector<std::uint32_t> of_node;  ///< component of each node, 0 .. count-1
    std::vector<std::uint32_t> size;     ///< nodes per component
    std::uint32_t count() const { return static_cast<std::uint32_t>(size.size()); }
    /// The component with the most nodes (the first such one); 0 for an empty graph.
    std::uint32_t largest() const;
};

Components strongly_connected_components(const Graph& graph);

}  // namespace keniki::network
