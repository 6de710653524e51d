#pragma once
// Multi-source Dijkstra on a CSR Graph that can be stepped and stopped at a cut-off (RoutingKit's
// settle()), with O(1) reset between queries (timestamp flags) and no allocation once constructed:
// every array has one slot per node and the 4-ary heap holds each node at most once.
//
// Sources carry a label (e.g. a hub index); every settled node keeps the label of the source it is
// cheapest from, and on equal cost the smaller label (exact for positive weights), so one search
// from all hubs tells each node its nearest hub.
//
// Not thread-safe: one Dijkstra per thread, any number of them on one Graph.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "keniki/network/graph.hpp"

namespace keniki::network {

class Dijkstra {
public:
    static constexpr double k_unreached = std::numeric_limits<double>::infinity();

    /// Keeps a reference to `graph`, which must outlive the search.
    explicit Dijkstra(const Graph& graph);

    const Graph& graph() const { return *m_graph; }

    /// Forgets the previous search, in O(1).
    void clear();
    /// Starts the search at `node` with `cost` already spent. Call before settling; a node given twice
    /// keeps the cheaper start (on a tie, the smaller label).
    void add_source(NodeId node, double cost = 0, std::uint32_t label = 0);

    /// Settles the cheapest node not yet settled if its cost is <= cutoff and returns it; returns
    /// k_no_node when nothing is left within the cut-off (the search can then go on with a larger one).
    NodeId settle_next(double cutoff = k_unreached);
    /// Settles every node within the cut-off; returns how many this call settled.
    std::size_t run(double cutoff = k_unreached);
    /// Cost of the next node settle_next() would settle (infinity when the queue is empty).
    double next_cost() const { return m_heap.empty() ? k_unreached : m_heap.front().key; }

    bool settled(NodeId v) const { return m_state[v].stamp == m_round + 1; }
    /// Cost of a settled node, infinity otherwise.
    double cost(NodeId v) const { return settled(v) ? m_state[v].cost : k_unreached; }
    /// Label of the source a settled node was reached from.
    std::uint32_t label(NodeId v) const { return m_state[v].label; }
    /// Arc by which a settled node was reached (k_no_arc for a source).
    ArcId parent_arc(NodeId v) const { return m_state[v].parent_arc; }
    NodeId parent(NodeId v) const { return m_state[v].parent; }
    /// Nodes settled so far, in order of cost.
    std::span<const NodeId> settled_nodes() const { return m_settled; }
    /// The nodes from the source to `target` (empty when it is not settled).
    std::vector<NodeId> path_to(NodeId target) const;

private:
    struct NodeState {
        double cost = 0;
        std::uint32_t stamp = 0;  ///< m_round: in the queue; m_round + 1: settled; anything else: untouched
        std::uint32_t heap_pos = 0;
        std::uint32_t label = 0;
        ArcId parent_arc = k_no_arc;
        NodeId parent = k_no_node;
    };
    struct HeapItem {
        double key;
        NodeId node;
    };

    void heap_push(NodeId v, double key);
    void heap_decrease(std::uint32_t pos, double key);
    void sift_up(std::uint32_t pos, HeapItem item);
    void sift_down(std::uint32_t pos, HeapItem item);

    const Graph* m_graph;
    std::vector<NodeState> m_state;
    std::vector<HeapItem> m_heap;
    std::vector<NodeId> m_settled;
    std::uint32_t m_round = 1;
};

}  // namespace keniki::network
