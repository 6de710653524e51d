#include "keniki/network/dijkstra.hpp"

#include <algorithm>

namespace keniki::network {

namespace {
constexpr std::uint32_t k_arity = 4;
}

Dijkstra::Dijkstra(const Graph& graph) : m_graph(&graph), m_state(graph.node_count()) {
    m_heap.reserve(graph.node_count());
    m_settled.reserve(graph.node_count());
}

void Dijkstra::clear() {
    m_heap.clear();
    m_settled.clear();
    if (m_round >= std::numeric_limits<std::uint32_t>::max() - 3) {
        for (auto& s : m_state) s.stamp = 0;
        m_round = 1;
    } else {
        m_round += 2;
    }
}

void Dijkstra::add_source(NodeId node, double cost, std::uint32_t label) {
    NodeState& s = m_state[node];
    if (s.stamp == m_round) {
        if (cost < s.cost) {
            s.cost = cost;
            s.label = label;
            heap_decrease(s.heap_pos, cost);
        } else if (cost == s.cost && label < s.label) {
            s.label = label;
        }
        s.parent_arc = k_no_arc;
        s.parent = k_no_node;
        return;
    }
    if (s.stamp == m_round + 1) return;  // already settled: sources come first
    s.stamp = m_round;
    s.cost = cost;
    s.label = label;
    s.parent_arc = k_no_arc;
    s.parent = k_no_node;
    heap_push(node, cost);
}

NodeId Dijkstra::settle_next(double cutoff) {
    if (m_heap.empty() || !(m_heap.front().key <= cutoff)) return k_no_node;
    const NodeId u = m_heap.front().node;
    const HeapItem last = m_heap.back();
    m_heap.pop_back();
    if (!m_heap.empty()) sift_down(0, last);

    const std::uint32_t touched = m_round, done = m_round + 1;
    NodeState& su = m_state[u];
    su.stamp = done;
    m_settled.push_back(u);
    const double du = su.cost;
    const std::uint32_t lu = su.label;

    const Graph& g = *m_graph;
    const ArcId end = g.first_out[u + 1];
    for (ArcId a = g.first_out[u]; a < end; ++a) {
        const NodeId v = g.head[a];
        NodeState& sv = m_state[v];
        const double nd = du + g.weight[a];
        if (sv.stamp == touched) {
            if (nd < sv.cost) {
                sv.cost = nd;
                sv.label = lu;
                sv.parent_arc = a;
                sv.parent = u;
                heap_decrease(sv.heap_pos, nd);
            } else if (nd == sv.cost && lu < sv.label) {
                sv.label = lu;
                sv.parent_arc = a;
                sv.parent = u;
            }
        } else if (sv.stamp != done) {
            sv.stamp = touched;
            sv.cost = nd;
            sv.label = lu;
            sv.parent_arc = a;
            sv.parent = u;
            heap_push(v, nd);
        }
    }
    return u;
}

std::size_t Dijkstra::run(double cutoff) {
    std::size_t n = 0;
    while (settle_next(cutoff) != k_no_node) ++n;
    return n;
}

std::vector<NodeId> Dijkstra::path_to(NodeId target) const {
    std::vector<NodeId> path;
    if (!settled(target)) return path;
    for (NodeId v = target; v != k_no_node; v = m_state[v].parent) path.push_back(v);
    std::reverse(path.begin(), path.end());
    return path;
}

void Dijkstra::heap_push(NodeId v, double key) {
    m_heap.push_back(HeapItem{key, v});
    sift_up(static_cast<std::uint32_t>(m_heap.size() - 1), HeapItem{key, v});
}

void Dijkstra::heap_decrease(std::uint32_t pos, double key) {
    HeapItem item = m_heap[pos];
    item.key = key;
    sift_up(pos, item);
}

void Dijkstra::sift_up(std::uint32_t pos, HeapItem item) {
    while (pos > 0) {
        const std::uint32_t parent = (pos - 1) / k_arity;
        if (!(item.key < m_heap[parent].key)) break;
        m_heap[pos] = m_heap[parent];
        m_state[m_heap[pos].node].heap_pos = pos;
        pos = parent;
    }
    m_heap[pos] = item;
    m_state[item.node].heap_pos = pos;
}

void Dijkstra::sift_down(std::uint32_t pos, HeapItem item) {
    const auto size = static_cast<std::uint32_t>(m_heap.size());
    for (;;) {
        const std::uint32_t first = pos * k_arity + 1;
        if (first >= size) break;
        const std::uint32_t last = std::min(first + k_arity, size);
        std::uint32_t best = first;
        for (std::uint32_t c = first + 1; c < last; ++c) {
            if (m_heap[c].key < m_heap[best].key) best = c;
        }
        if (!(m_heap[best].key < item.key)) break;
        m_heap[pos] = m_heap[best];
        m_state[m_heap[pos].node].heap_pos = pos;
        pos = best;
    }
    m_heap[pos] = item;
    m_state[item.node].heap_pos = pos;
}

}  // namespace keniki::network
