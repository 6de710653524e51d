#include "keniki/network/graph.hpp"

#include <cmath>
#include <string>

#include "keniki/core/error.hpp"

namespace keniki::network {

Graph Graph::from_arcs(std::uint32_t node_count, std::span<const Arc> arcs) {
    if (arcs.size() >= k_no_arc) throw DataError("a road graph cannot hold " + std::to_string(arcs.size()) + " arcs");
    Graph g;
    g.first_out.assign(static_cast<std::size_t>(node_count) + 1, 0);
    for (const Arc& a : arcs) {
        if (a.tail >= node_count || a.head >= node_count)
            throw DataError("arc " + std::to_string(a.tail) + " -> " + std::to_string(a.head) + " names a node outside the graph (" +
                            std::to_string(node_count) + " nodes)");
        if (!(a.weight >= 0) || !std::isfinite(a.weight))
            throw DataError("arc " + std::to_string(a.tail) + " -> " + std::to_string(a.head) + " has weight " + std::to_string(a.weight) +
                            "; weights must be finite and >= 0");
        ++g.first_out[a.tail + 1];
    }
    for (std::size_t v = 0; v < node_count; ++v) g.first_out[v + 1] += g.first_out[v];
    g.head.resize(arcs.size());
    g.weight.resize(arcs.size());
    g.tag.resize(arcs.size());
    std::vector<ArcId> next(g.first_out.begin(), g.first_out.end() - 1);  // counting sort, stable
    for (const Arc& a : arcs) {
        const ArcId slot = next[a.tail]++;
        g.head[slot] = a.head;
        g.weight[slot] = a.weight;
        g.tag[slot] = a.tag;
    }
    return g;
}

std::vector<Arc> Graph::arcs() const {
    std::vector<Arc> out;
    out.reserve(head.size());
    for (NodeId v = 0; v < node_count(); ++v) {
        for (ArcId a = first_out[v]; a < first_out[v + 1]; ++a) out.push_back(Arc{v, head[a], weight[a], tag[a]});
    }
    return out;
}

Graph Graph::reversed() const {
    std::vector<Arc> all = arcs();
    for (Arc& a : all) std::swap(a.tail, a.head);
    return from_arcs(node_count(), all);
}

}  // namespace keniki::network
