// The search engine against brute force: random graphs of up to 60 nodes, Floyd-Warshall as the
// reference, 1,000 random queries per kind (RoutingKit's habit); reach only grows as the cut-off
// grows; one multi-source search equals the minimum over single-source ones; strongly connected
// components against mutual reachability.

#include <algorithm>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "keniki/network/components.hpp"
#include "keniki/network/dijkstra.hpp"
#include "keniki/network/graph.hpp"

namespace keniki::network {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct RandomGraph {
    std::uint32_t n = 0;
    std::vector<Arc> arcs;
    Graph graph;
    std::vector<std::vector<double>> dist;  // Floyd-Warshall
};

/// n nodes, about density * n * n arcs (parallel arcs and loops included), integer weights in
/// [min_w, max_w] (exact in floating point) or real ones.
RandomGraph random_graph(std::mt19937_64& rng, std::uint32_t n, double density, int min_w, int max_w, bool integer) {
    RandomGraph g;
    g.n = n;
    std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
    std::uniform_int_distribution<int> wi(min_w, max_w);
    std::uniform_real_distribution<double> wr(min_w, max_w);
    const auto m = static_cast<std::size_t>(density * n * n);
    for (std::size_t i = 0; i < m; ++i) g.arcs.push_back(Arc{node(rng), node(rng), integer ? wi(rng) : wr(rng), static_cast<std::uint32_t>(i)});
    g.graph = Graph::from_arcs(n, g.arcs);
    g.dist.assign(n, std::vector<double>(n, inf));
    for (std::uint32_t v = 0; v < n; ++v) g.dist[v][v] = 0;
    for (const Arc& a : g.arcs) g.dist[a.tail][a.head] = std::min(g.dist[a.tail][a.head], a.weight);
    for (std::uint32_t k = 0; k < n; ++k)
        for (std::uint32_t i = 0; i < n; ++i)
            for (std::uint32_t j = 0; j < n; ++j) g.dist[i][j] = std::min(g.dist[i][j], g.dist[i][k] + g.dist[k][j]);
    return g;
}

void expect_near_or_inf(double got, double want, const char* what) {
    if (want == inf) {
        EXPECT_EQ(got, inf) << what;
    } else {
        EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, want)) << what;
    }
}

TEST(DijkstraProperties, MatchesFloydWarshallOnRandomGraphs) {
    std::mt19937_64 rng(20240611);
    std::size_t queries = 0;
    for (int round = 0; round < 40; ++round) {
        const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 59);
        const bool integer = round % 2 == 0;
        const RandomGraph g = random_graph(rng, n, round % 3 == 0 ? 0.02 : 0.08, round % 4 == 0 ? 0 : 1, 20, integer);
        Dijkstra d(g.graph);  // one search object, reset between queries
        for (int q = 0; q < 25; ++q, ++queries) {
            const NodeId s = static_cast<NodeId>(rng() % n);
            d.clear();
            d.add_source(s);
            d.run();
            for (NodeId t = 0; t < n; ++t) {
                if (integer) {
                    EXPECT_EQ(d.cost(t), g.dist[s][t]) << s << " -> " << t;
                } else {
                    expect_near_or_inf(d.cost(t), g.dist[s][t], "real weights");
                }
                if (!d.settled(t)) continue;
                // The path is real and costs what the search says.
                const auto path = d.path_to(t);
                ASSERT_FALSE(path.empty());
                EXPECT_EQ(path.front(), s);
                EXPECT_EQ(path.back(), t);
                double sum = 0;
                for (std::size_t k = 1; k < path.size(); ++k) {
                    const ArcId a = d.parent_arc(path[k]);
                    ASSERT_NE(a, k_no_arc);
                    EXPECT_EQ(g.graph.head[a], path[k]);
                    sum += g.graph.weight[a];
                }
                expect_near_or_inf(sum, d.cost(t), "path cost");
            }
            // Settled in order of cost.
            const auto settled = d.settled_nodes();
            for (std::size_t k = 1; k < settled.size(); ++k) EXPECT_LE(d.cost(settled[k - 1]), d.cost(settled[k]));
        }
    }
    EXPECT_GE(queries, 1000u);
}

TEST(DijkstraProperties, CutOffSettlesExactlyWhatIsWithinAndReachOnlyGrows) {
    std::mt19937_64 rng(7);
    std::size_t queries = 0;
    for (int round = 0; round < 40; ++round) {
        const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 59);
        const RandomGraph g = random_graph(rng, n, 0.06, 1, 10, true);
        Dijkstra d(g.graph);
        for (int q = 0; q < 25; ++q, ++queries) {
            const NodeId s = static_cast<NodeId>(rng() % n);
            std::vector<char> before(n, 0);
            for (double cutoff : {0.0, 3.0, 7.0, 7.5, 15.0, 40.0, inf}) {
                d.clear();
                d.add_source(s);
                d.run(cutoff);
                for (NodeId t = 0; t < n; ++t) {
                    EXPECT_EQ(d.settled(t), g.dist[s][t] < inf && g.dist[s][t] <= cutoff) << "cut-off " << cutoff;
                    if (before[t]) {
                        EXPECT_TRUE(d.settled(t)) << "reach shrank at cut-off " << cutoff;
                    }
                    before[t] = d.settled(t);
                }
            }
            // Stepping on with growing cut-offs gives the same as one run.
            d.clear();
            d.add_source(s);
            for (double cutoff : {2.0, 5.0, 9.0, inf}) {
                d.run(cutoff);
                EXPECT_TRUE(d.next_cost() > cutoff || d.next_cost() == inf);
            }
            for (NodeId t = 0; t < n; ++t) EXPECT_EQ(d.cost(t), g.dist[s][t]);
        }
    }
    EXPECT_GE(queries, 1000u);
}

TEST(DijkstraProperties, MultiSourceIsTheMinimumOverSingleSources) {
    std::mt19937_64 rng(99);
    std::size_t queries = 0;
    for (int round = 0; round < 50; ++round) {
        const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 59);
        const RandomGraph g = random_graph(rng, n, 0.05, 1, 9, true);  // positive weights: labels are exact
        Dijkstra multi(g.graph), single(g.graph);
        for (int q = 0; q < 20; ++q, ++queries) {
            const std::size_t k = 1 + rng() % 5;
            std::vector<NodeId> sources;
            std::vector<double> start;
            for (std::size_t i = 0; i < k; ++i) {
                sources.push_back(static_cast<NodeId>(rng() % n));
                start.push_back(static_cast<double>(rng() % 4));
            }
            const double cutoff = (q % 3 == 0) ? inf : static_cast<double>(rng() % 30);
            multi.clear();
            for (std::size_t i = 0; i < k; ++i) multi.add_source(sources[i], start[i], static_cast<std::uint32_t>(i));
            multi.run(cutoff);
            for (NodeId t = 0; t < n; ++t) {
                double best = inf;
                std::uint32_t best_label = 0;
                for (std::size_t i = 0; i < k; ++i) {
                    const double c = start[i] + g.dist[sources[i]][t];
                    if (c < best) {
                        best = c;
                        best_label = static_cast<std::uint32_t>(i);
                    }
                }
                if (best > cutoff) best = inf;
                EXPECT_EQ(multi.cost(t), best);
                if (best == inf) continue;
                EXPECT_EQ(multi.label(t), best_label) << "the nearest source, the smaller index on a tie";
                single.clear();
                single.add_source(sources[best_label], start[best_label]);
                single.run();
                EXPECT_EQ(single.cost(t), multi.cost(t));
            }
        }
    }
    EXPECT_GE(queries, 1000u);
}

TEST(DijkstraProperties, StronglyConnectedComponentsAreMutualReachability) {
    std::mt19937_64 rng(3);
    for (int round = 0; round < 100; ++round) {
        const std::uint32_t n = 1 + static_cast<std::uint32_t>(rng() % 60);
        const RandomGraph g = random_graph(rng, n, round % 2 ? 0.02 : 0.05, 1, 3, true);
        const Components c = strongly_connected_components(g.graph);
        std::uint32_t total = 0;
        for (auto s : c.size) total += s;
        EXPECT_EQ(total, n);
        for (NodeId a = 0; a < n; ++a)
            for (NodeId b = 0; b < n; ++b) {
                const bool mutual = g.dist[a][b] < inf && g.dist[b][a] < inf;
                EXPECT_EQ(c.of_node[a] == c.of_node[b], mutual) << a << " " << b;
            }
    }
}

TEST(Graph, CsrFromArcsAndReversed) {
    // a b c / d : 0->1 (2), 1->2 (3), 0->2 (9), 2->0 (1), 3 isolated.
    const std::vector<Arc> arcs = {{1, 2, 3, 11}, {0, 1, 2, 10}, {2, 0, 1, 13}, {0, 2, 9, 12}};
    const Graph g = Graph::from_arcs(4, arcs);
    EXPECT_EQ(g.first_out, (std::vector<ArcId>{0, 2, 3, 4, 4}));
    EXPECT_EQ(g.head, (std::vector<NodeId>{1, 2, 2, 0}));
    EXPECT_EQ(g.tag, (std::vector<std::uint32_t>{10, 12, 11, 13}));  // a tail's arcs keep their input order
    const Graph r = g.reversed();
    EXPECT_EQ(r.first_out, (std::vector<ArcId>{0, 1, 2, 4, 4}));
    EXPECT_EQ(r.head, (std::vector<NodeId>{2, 0, 0, 1}));  // 0<-2; 1<-0; 2<-0, 2<-1
    EXPECT_THROW(Graph::from_arcs(2, std::vector<Arc>{{0, 2, 1, 0}}), std::exception);
    EXPECT_THROW(Graph::from_arcs(2, std::vector<Arc>{{0, 1, -1, 0}}), std::exception);
    Dijkstra d(g);
    d.add_source(0);
    EXPECT_EQ(d.settle_next(), 0u);
    EXPECT_EQ(d.settle_next(), 1u);
    EXPECT_EQ(d.next_cost(), 5);  // 0 -> 1 -> 2 beats 0 -> 2 (9)
    EXPECT_EQ(d.settle_next(4.9), k_no_node);
    EXPECT_EQ(d.settle_next(5), 2u);
    EXPECT_EQ(d.path_to(2), (std::vector<NodeId>{0, 1, 2}));
    EXPECT_EQ(d.settle_next(), k_no_node);
    EXPECT_FALSE(d.settled(3));
}

}  // namespace
}  // namespace keniki::network
