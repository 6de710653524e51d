#include "keniki/network/components.hpp"

#include <algorithm>
#include <limits>

namespace keniki::network {

std::uint32_t Components::largest() const {
    if (size.empty()) return 0;
    return static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
}

Components strongly_connected_components(const Graph& g) {
    constexpr std::uint32_t unvisited = std::numeric_limits<std::uint32_t>::max();
    const std::uint32_t n = g.node_count();
    Components out;
    out.of_node.assign(n, unvisited);
    std::vector<std::uint32_t> index(n, unvisited), low(n, 0);
    std::vector<char> on_stack(n, 0);
    std::vector<NodeId> stack;
    struct Frame {
        NodeId v;
        ArcId next;
    };
    std::vector<Frame> calls;
    std::uint32_t counter = 0;
    for (NodeId s = 0; s < n; ++s) {
        if (index[s] != unvisited) continue;
        index[s] = low[s] = counter++;
        stack.push_back(s);
        on_stack[s] = 1;
        calls.push_back(Frame{s, g.first_out[s]});
        while (!calls.empty()) {
            Frame& f = calls.back();
            const NodeId v = f.v;
            if (f.next < g.first_out[v + 1]) {
                const NodeId w = g.head[f.next++];
                if (index[w] == unvisited) {
                    index[w] = low[w] = counter++;
                    stack.push_back(w);
                    on_stack[w] = 1;
                    calls.push_back(Frame{w, g.first_out[w]});  // invalidates f
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            calls.pop_back();
            if (low[v] == index[v]) {
                const auto id = static_cast<std::uint32_t>(out.size.size());
                std::uint32_t members = 0;
                NodeId w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    out.of_node[w] = id;
                    ++members;
                } while (w != v);
                out.size.push_back(members);
            }
            if (!calls.empty()) {
                const NodeId u = calls.back().v;
                low[u] = std::min(low[u], low[v]);
            }
        }
    }
    return out;
}

}  // namespace keniki::network
