// pgRouting's own documented results, checked row by row: the sample network of the pgRouting 3.4
// documentation (sampledata.examples.txt: 18 edges with cost / reverse_cost, 17 vertices) and every
// documented pgr_dijkstra and pgr_drivingDistance query with its expected rows
// (../shared/data/pgrouting, CC BY-SA 3.0). The files are parsed here, so every row is checked:
//   pgr_dijkstra: each row's node lies on a path from start to end along the documented edges with
//     the documented costs, its agg_cost is our shortest cost to that node, and the documented path
//     is our path whenever the shortest path is unique (where several paths tie, any of them is
//     right and pgRouting's choice depends on its table's storage order). The (start, end) pairs
//     listed are exactly the reachable ones.
//   pgr_drivingDistance: the nodes listed are exactly those within the distance, with our costs;
//     each row's edge is a last edge of a shortest path to the node (the same when unique); with
//     equicost each node is listed under its nearest start only (our multi-source labels).
//   pgr_withPointsDD with driving_side => 'b' (points reachable from both directions, as keniki
//     places residents and hubs on edges): every node and point within the distance, with its cost.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "keniki/network/dijkstra.hpp"
#include "keniki/network/graph.hpp"
#include "keniki/network/search.hpp"
#include "support/test_paths.hpp"

namespace keniki::network {
namespace {

struct PgEdge {
    std::int64_t id, source, target;
    double cost, reverse_cost;
};

struct Sample {
    std::vector<PgEdge> edges;
    std::vector<std::pair<std::int64_t, std::int64_t>> combinations;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    return s.substr(b);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(trim(cur));
    return out;
}

Sample parse_sample(const std::string& text) {
    Sample s;
    // INSERT INTO edges (cost, reverse_cost, capacity, reverse_capacity, geom): ids 1.. in order.
    const std::regex insert_row(R"(^\(\s*(-?[\d.]+),\s*(-?[\d.]+),\s*(-?\d+),\s*(-?\d+),\s*ST_MakeLine)");
    std::vector<std::pair<double, double>> costs;
    const auto all = lines_of(text);
    for (const auto& line : all) {
        std::smatch m;
        if (std::regex_search(line, m, insert_row)) costs.emplace_back(std::stod(m[1]), std::stod(m[2]));
    }
    // The documented "SELECT id, source, target FROM edges ORDER BY id" table.
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].rfind("SELECT id, source, target", 0) != 0) continue;
        for (std::size_t k = i + 1; k < all.size() && all[k].find("rows)") == std::string::npos; ++k) {
            const auto cells = split(all[k], '|');
            if (cells.size() != 3 || cells[0].empty() || !std::isdigit(static_cast<unsigned char>(cells[0][0]))) continue;
            const std::int64_t id = std::stoll(cells[0]);
            s.edges.push_back(PgEdge{id, std::stoll(cells[1]), std::stoll(cells[2]), costs.at(static_cast<std::size_t>(id - 1)).first,
                                     costs.at(static_cast<std::size_t>(id - 1)).second});
        }
        break;
    }
    // INSERT INTO combinations (source, target) VALUES (5, 6), ...
    const auto at = text.find("INSERT INTO combinations");
    const auto end = text.find(';', at);
    const std::string block = text.substr(at, end - at);
    const std::regex pair_re(R"(\(\s*(\d+),\s*(\d+)\))");
    for (auto it = std::sregex_iterator(block.begin(), block.end(), pair_re); it != std::sregex_iterator(); ++it)
        s.combinations.emplace_back(std::stoll((*it)[1]), std::stoll((*it)[2]));
    return s;
}

struct Query {
    std::string sql;
    std::string function;  // "dijkstra" or "drivingdistance"
    bool reverse_cost = false;
    bool directed = true;
    bool equicost = false;
    double distance = 0;
    std::vector<std::int64_t> starts, ends;
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs;  // combinations
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
    std::size_t documented_rows = 0;
};

/// Top-level arguments of the call: commas outside quotes, brackets and parentheses.
std::vector<std::string> call_arguments(const std::string& sql, std::size_t open) {
    std::vector<std::string> args;
    std::string cur;
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = open + 1; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'') quoted = !quoted;
        if (!quoted) {
            if (c == '(' || c == '[') ++depth;
            if (c == ')' || c == ']') {
                if (depth == 0) break;
                --depth;
            }
            if (c == ',' && depth == 0) {
                args.push_back(trim(cur));
                cur.clear();
                continue;
            }
        }
        cur += c;
    }
    args.push_back(trim(cur));
    return args;
}

std::vector<std::int64_t> vids(const std::string& arg) {
    std::vector<std::int64_t> out;
    const std::regex num(R"(\d+)");
    for (auto it = std::sregex_iterator(arg.begin(), arg.end(), num); it != std::sregex_iterator(); ++it) out.push_back(std::stoll(it->str()));
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<Query> parse_queries(const std::string& text, const Sample& sample) {
    std::vector<Query> out;
    const auto all = lines_of(text);
    std::size_t i = 0;
    while (i < all.size()) {
        // SQL up to the header line.
        std::string sql;
        while (i < all.size() && all[i].find(" seq ") == std::string::npos) {
            if (all[i] != "-----") sql += all[i] + "\n";
            ++i;
        }
        if (i >= all.size()) break;
        Query q;
        q.sql = trim(sql);
        q.columns = split(all[i], '|');
        i += 2;  // header, dashes
        for (; i < all.size() && all[i].find(" rows)") == std::string::npos && all[i].find("(1 row)") == std::string::npos; ++i) {
            std::vector<double> row;
            for (const auto& cell : split(all[i], '|')) row.push_back(std::stod(cell));
            q.rows.push_back(row);
        }
        const std::regex count_re(R"(\((\d+) rows?\))");
        std::smatch m;
        if (i < all.size() && std::regex_search(all[i], m, count_re)) q.documented_rows = std::stoul(m[1]);
        ++i;

        const std::string l = lower(q.sql);
        const auto dij = l.find("pgr_dijkstra("), dd = l.find("pgr_drivingdistance(");
        const std::size_t open = dij != std::string::npos ? dij + 12 : dd + 19;
        q.function = dij != std::string::npos ? "dijkstra" : "drivingdistance";
        const auto args = call_arguments(q.sql, open);
        q.reverse_cost = lower(args[0]).find("reverse_cost") != std::string::npos;
        std::size_t next = 1;
        if (q.function == "dijkstra") {
            if (args[1].front() == '\'') {
                if (lower(args[1]).find("values") != std::string::npos) {
                    const std::regex pair_re(R"(\(\s*(\d+),\s*(\d+)\))");
                    for (auto it = std::sregex_iterator(args[1].begin(), args[1].end(), pair_re); it != std::sregex_iterator(); ++it)
                        q.pairs.emplace_back(std::stoll((*it)[1]), std::stoll((*it)[2]));
                } else {
                    q.pairs = sample.combinations;
                }
                next = 2;
            } else {
                q.starts = vids(args[1]);
                q.ends = vids(args[2]);
                next = 3;
            }
        } else {
            q.starts = vids(args[1]);
            q.distance = std::stod(args[2]);
            next = 3;
        }
        for (; next < args.size(); ++next) {
            const std::string a = lower(args[next]);
            if (a == "false" || a.find("directed => false") != std::string::npos) q.directed = false;
            if (a.find("equicost => true") != std::string::npos) q.equicost = true;
        }
        out.push_back(std::move(q));
    }
    return out;
}

/// The graph pgRouting builds: directed, arcs for cost >= 0 (source->target) and reverse_cost >= 0
/// (target->source); undirected, each of those both ways. Node ids are the vertex ids; tags the edge ids.
Graph pg_graph(const Sample& s, bool reverse_cost, bool directed) {
    std::set<std::tuple<NodeId, NodeId, std::uint32_t, double>> arcs;
    NodeId n = 0;
    auto add = [&](std::int64_t a, std::int64_t b, double w, std::int64_t id) {
        arcs.emplace(static_cast<NodeId>(a), static_cast<NodeId>(b), static_cast<std::uint32_t>(id), w);
        if (!directed) arcs.emplace(static_cast<NodeId>(b), static_cast<NodeId>(a), static_cast<std::uint32_t>(id), w);
    };
    for (const auto& e : s.edges) {
        n = std::max<NodeId>(n, static_cast<NodeId>(std::max(e.source, e.target)) + 1);
        if (e.cost >= 0) add(e.source, e.target, e.cost, e.id);
        if (reverse_cost && e.reverse_cost >= 0) add(e.target, e.source, e.reverse_cost, e.id);
    }
    std::vector<Arc> list;
    for (const auto& [a, b, id, w] : arcs) list.push_back(Arc{a, b, w, id});
    return Graph::from_arcs(n, list);
}

/// Number of distinct shortest paths (as node/edge-id sequences) from the search's source to each node.
std::vector<double> shortest_path_counts(const Graph& g, const Dijkstra& d) {
    std::vector<double> count(g.node_count(), 0);
    for (NodeId v : d.settled_nodes()) {
        if (d.parent_arc(v) == k_no_arc) count[v] = 1;
    }
    for (NodeId u : d.settled_nodes()) {
        for (ArcId a = g.first_out[u]; a < g.first_out[u + 1]; ++a) {
            const NodeId v = g.head[a];
            if (d.settled(v) && d.parent_arc(v) != k_no_arc && d.cost(u) + g.weight[a] == d.cost(v)) count[v] += count[u];
        }
    }
    return count;
}

std::optional<double> arc_weight(const Graph& g, NodeId from, NodeId to, std::uint32_t tag) {
    for (ArcId a = g.first_out[from]; a < g.first_out[from + 1]; ++a) {
        if (g.head[a] == to && g.tag[a] == tag) return g.weight[a];
    }
    return std::nullopt;
}

class PgRouting : public ::testing::Test {
protected:
    void SetUp() override {
        KENIKI_REQUIRE_SHARED("pgrouting/sampledata.examples.txt");
        const auto dir = test::shared_data() / "pgrouting";
        sample = parse_sample(slurp(dir / "sampledata.examples.txt"));
        ASSERT_EQ(sample.edges.size(), 18u) << "the documented sample network has 18 edges";
        ASSERT_EQ(sample.combinations.size(), 5u);
    }
    std::vector<Query> load(const char* file) {
        auto qs = parse_queries(slurp(test::shared_data() / "pgrouting" / file), sample);
        for (const auto& q : qs) EXPECT_EQ(q.rows.size(), q.documented_rows) << q.sql;
        return qs;
    }
    Sample sample;
};

TEST_F(PgRouting, SampleNetworkAsDocumented) {
    // Spot checks against the documentation's own tables: edge 1 is 5 -> 6 with cost 1 / reverse 1,
    // edge 2 is 6 -> 10 with cost -1 (one-way against its drawing), edge 17 is 2 -> 4.
    EXPECT_EQ(sample.edges[0].source, 5);
    EXPECT_EQ(sample.edges[0].target, 6);
    EXPECT_EQ(sample.edges[1].cost, -1);
    EXPECT_EQ(sample.edges[1].reverse_cost, 1);
    EXPECT_EQ(sample.edges[16].source, 2);
    EXPECT_EQ(sample.edges[16].target, 4);
}

TEST_F(PgRouting, EveryDocumentedDijkstraRow) {
    const auto queries = load("pgr_dijkstra.examples.txt");
    ASSERT_GE(queries.size(), 30u);
    std::size_t rows_checked = 0, paths = 0, unique_paths = 0, same_as_ours = 0;
    for (const Query& q : queries) {
        SCOPED_TRACE(q.sql);
        ASSERT_EQ(q.function, "dijkstra");
        const Graph g = pg_graph(sample, q.reverse_cost, q.directed);
        auto col = [&](const char* name) -> std::optional<std::size_t> {
            const auto it = std::find(q.columns.begin(), q.columns.end(), name);
            if (it == q.columns.end()) return std::nullopt;
            return static_cast<std::size_t>(it - q.columns.begin());
        };
        const auto c_start = col("start_vid"), c_end = col("end_vid"), c_node = col("node"), c_edge = col("edge"), c_cost = col("cost"),
                   c_agg = col("agg_cost"), c_pseq = col("path_seq");
        ASSERT_TRUE(c_node && c_edge && c_cost && c_agg && c_pseq);

        // The (start, end) pairs asked for.
        std::set<std::pair<std::int64_t, std::int64_t>> asked;
        if (!q.pairs.empty()) asked.insert(q.pairs.begin(), q.pairs.end());
        for (auto s : q.starts)
            for (auto e : q.ends) asked.emplace(s, e);

        // Documented rows grouped into paths.
        std::map<std::pair<std::int64_t, std::int64_t>, std::vector<const std::vector<double>*>> documented;
        for (const auto& row : q.rows) {
            const std::int64_t s = c_start ? static_cast<std::int64_t>(row[*c_start]) : q.starts.at(0);
            const std::int64_t e = c_end ? static_cast<std::int64_t>(row[*c_end]) : q.ends.at(0);
            documented[{s, e}].push_back(&row);
        }

        Dijkstra d(g);
        for (const auto& [s, e] : asked) {
            d.clear();
            d.add_source(static_cast<NodeId>(s));
            d.run();
            const bool reachable = s != e && d.settled(static_cast<NodeId>(e));
            const auto it = documented.find({s, e});
            EXPECT_EQ(it != documented.end(), reachable) << "pair " << s << " -> " << e;
            if (it == documented.end()) continue;
            const auto& rows = it->second;
            ++paths;
            ASSERT_EQ(static_cast<std::int64_t>((*rows.front())[*c_node]), s);
            ASSERT_EQ(static_cast<std::int64_t>((*rows.back())[*c_node]), e);
            std::vector<NodeId> doc_path;
            for (std::size_t k = 0; k < rows.size(); ++k) {
                const auto& row = *rows[k];
                const auto node = static_cast<NodeId>(row[*c_node]);
                doc_path.push_back(node);
                EXPECT_EQ(row[*c_pseq], static_cast<double>(k + 1));
                EXPECT_EQ(row[*c_agg], d.cost(node)) << "agg_cost of node " << node << " on " << s << " -> " << e;
                if (k + 1 < rows.size()) {
                    const auto next = static_cast<NodeId>((*rows[k + 1])[*c_node]);
                    const auto w = arc_weight(g, node, next, static_cast<std::uint32_t>(row[*c_edge]));
                    ASSERT_TRUE(w.has_value()) << "edge " << row[*c_edge] << " does not lead from " << node << " to " << next;
                    EXPECT_EQ(row[*c_cost], *w);
                } else {
                    EXPECT_EQ(row[*c_edge], -1);
                    EXPECT_EQ(row[*c_cost], 0);
                }
                ++rows_checked;
            }
            const auto counts = shortest_path_counts(g, d);
            const std::vector<NodeId> ours = d.path_to(static_cast<NodeId>(e));
            if (ours == doc_path) ++same_as_ours;
            if (counts[static_cast<NodeId>(e)] == 1) {
                ++unique_paths;
                EXPECT_EQ(ours, doc_path) << "the only shortest path " << s << " -> " << e;
            }
        }
        for (const auto& [pair, rows] : documented) EXPECT_TRUE(asked.count(pair)) << "documented pair not asked for";
    }
    std::size_t total = 0;
    for (const auto& q : queries) total += q.rows.size();
    EXPECT_EQ(rows_checked, total);
    std::printf("pgr_dijkstra: %zu queries, %zu rows, %zu paths checked (%zu unique shortest paths, all equal to ours; %zu of %zu "
                "paths equal to ours)\n",
                queries.size(), rows_checked, paths, unique_paths, same_as_ours, paths);
}

TEST_F(PgRouting, EveryDocumentedDrivingDistanceRow) {
    const auto queries = load("pgr_drivingDistance.examples.txt");
    ASSERT_EQ(queries.size(), 3u);
    std::size_t rows_checked = 0;
    for (const Query& q : queries) {
        SCOPED_TRACE(q.sql);
        ASSERT_EQ(q.function, "drivingdistance");
        const Graph g = pg_graph(sample, q.reverse_cost, q.directed);
        auto col = [&](const char* name) -> std::optional<std::size_t> {
            const auto it = std::find(q.columns.begin(), q.columns.end(), name);
            if (it == q.columns.end()) return std::nullopt;
            return static_cast<std::size_t>(it - q.columns.begin());
        };
        const auto c_from = col("from_v"), c_node = col("node"), c_edge = col("edge"), c_cost = col("cost"), c_agg = col("agg_cost");
        std::vector<std::int64_t> starts = q.starts;
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

        // Expected: per start, the settled nodes within the distance (equicost: one multi-source search).
        std::map<std::int64_t, std::map<NodeId, double>> expected;  // from_v -> node -> cost
        Dijkstra d(g);
        if (q.equicost) {
            d.clear();
            for (std::size_t k = 0; k < starts.size(); ++k) d.add_source(static_cast<NodeId>(starts[k]), 0, static_cast<std::uint32_t>(k));
            d.run(q.distance);
            for (NodeId v : d.settled_nodes()) expected[starts[d.label(v)]][v] = d.cost(v);
        } else {
            for (auto s : starts) {
                d.clear();
                d.add_source(static_cast<NodeId>(s));
                d.run(q.distance);
                for (NodeId v : d.settled_nodes()) expected[s][v] = d.cost(v);
            }
        }
        std::map<std::int64_t, std::map<NodeId, double>> listed;
        for (const auto& row : q.rows) {
            const std::int64_t from = c_from ? static_cast<std::int64_t>(row[*c_from]) : starts.at(0);
            const auto node = static_cast<NodeId>(row[*c_node]);
            listed[from][node] = row[*c_agg];
            // The row's edge is the last edge of a shortest path to the node, from that start alone
            // (equicost too: the node's nearest start).
            d.clear();
            d.add_source(static_cast<NodeId>(from));
            d.run();
            if (row[*c_edge] == -1) {
                EXPECT_EQ(node, static_cast<NodeId>(from));
                EXPECT_EQ(row[*c_cost], 0);
            } else {
                bool tight = false;
                for (NodeId u = 0; u < g.node_count() && !tight; ++u) {
                    const auto w = arc_weight(g, u, node, static_cast<std::uint32_t>(row[*c_edge]));
                    if (w && d.cost(u) + *w == d.cost(node) && *w == row[*c_cost]) tight = true;
                }
                EXPECT_TRUE(tight) << "edge " << row[*c_edge] << " is no last edge of a shortest path to " << node;
                const auto counts = shortest_path_counts(g, d);
                if (counts[node] == 1) {
                    EXPECT_EQ(g.tag[d.parent_arc(node)], static_cast<std::uint32_t>(row[*c_edge]));
                }
            }
            ++rows_checked;
        }
        EXPECT_EQ(listed, expected);
    }
    std::printf("pgr_drivingDistance: %zu queries, %zu rows checked\n", queries.size(), rows_checked);
}


/// The documented pointsOfInterest: pid -> (edge id, fraction).
std::map<std::int64_t, std::pair<std::int64_t, double>> parse_points(const std::string& text) {
    std::map<std::int64_t, std::pair<std::int64_t, double>> out;
    const std::regex row(R"(^\s*(\d+)\s*\|\s*(\d+)\s*\|\s*[lrb]\s*\|\s*([\d.]+)\s*\|\s*POINT)");
    for (const auto& line : lines_of(text)) {
        std::smatch m;
        if (std::regex_search(line, m, row)) out[std::stoll(m[1])] = {std::stoll(m[2]), std::stod(m[3])};
    }
    return out;
}

/// The documented vertices table: id -> (x, y).
std::map<std::int64_t, Point> parse_vertices(const std::string& text) {
    std::map<std::int64_t, Point> out;
    for (const auto& line : lines_of(text)) {
        const auto cells = split(line, '|');
        if (cells.size() != 6 || cells[5].rfind("0101", 0) != 0) continue;
        out[std::stoll(cells[0])] = Point{std::stod(cells[3]), std::stod(cells[4])};
    }
    return out;
}

TEST_F(PgRouting, WithPointsDrivingDistanceBothSides) {
    KENIKI_REQUIRE_SHARED("pgrouting/pgr_withPointsDD.examples.txt");
    const std::string sample_text = slurp(test::shared_data() / "pgrouting" / "sampledata.examples.txt");
    const auto points = parse_points(sample_text);
    const auto vertices = parse_vertices(sample_text);
    ASSERT_EQ(points.size(), 6u);
    ASSERT_EQ(vertices.size(), 17u);

    // The documented query with driving_side => 'b', and its rows (node -> agg_cost; points negative).
    const std::string text = slurp(test::shared_data() / "pgrouting" / "pgr_withPointsDD.examples.txt");
    const auto at = text.find("driving_side => 'b'");
    ASSERT_NE(at, std::string::npos);
    const std::string block = text.substr(at, text.find("rows)", at) - at);
    const std::regex start_re(R"(\s(-?\d+),\s*([\d.]+),\s*\n\s*driving_side => 'b')");
    std::smatch sm;
    const std::string query = text.substr(text.rfind("pgr_withPointsDD(", at), at - text.rfind("pgr_withPointsDD(", at) + 20);
    ASSERT_TRUE(std::regex_search(query, sm, start_re)) << query;
    const std::int64_t start = std::stoll(sm[1]);
    const double distance = std::stod(sm[2]);
    std::map<std::int64_t, double> documented;
    for (const auto& line : lines_of(block)) {
        const auto cells = split(line, '|');
        if (cells.size() != 5 || cells[0].empty() || !std::isdigit(static_cast<unsigned char>(cells[0][0]))) continue;
        documented[std::stoll(cells[1])] = std::stod(cells[4]);
    }
    ASSERT_EQ(start, -1);
    ASSERT_EQ(documented.size(), 10u);

    // The sample network as a road network: straight edges, travel times = pgRouting costs.
    std::vector<Point> node_point(18, Point{0, 0});
    for (const auto& [id, p] : vertices) node_point[static_cast<std::size_t>(id)] = p;
    std::vector<EdgeSpec> edges;
    for (const auto& e : sample.edges) {
        EdgeSpec spec;
        spec.u = static_cast<NodeId>(e.source);
        spec.v = static_cast<NodeId>(e.target);
        spec.forward_s = e.cost >= 0 ? e.cost : k_closed;
        spec.backward_s = e.reverse_cost >= 0 ? e.reverse_cost : k_closed;
        spec.way = e.id;
        edges.push_back(spec);
    }
    const RoadNetwork net = assemble_network(node_point, {}, edges, "EPSG:3857", TravelOptions{}, BuildOptions{false});
    ASSERT_EQ(net.edge_count(), 18u);
    auto place = [&](std::int64_t pid) {
        const auto [edge_id, fraction] = points.at(pid);
        Snap s;
        s.edge = static_cast<EdgeId>(edge_id - 1);
        s.offset_m = fraction * net.edge_length_m[s.edge];
        s.access_m = 0;
        return s;
    };
    const PlacedSource source{place(-start), 0, 0};
    Dijkstra search(net.forward);
    add_source(search, net, source, Direction::outbound);
    const double cutoff = distance + 1e-9;  // 2.6 + 0.7 is 3.3000000000000003 in floating point
    search.run(cutoff);
    std::map<std::int64_t, double> ours;
    for (NodeId v : search.settled_nodes()) ours[v] = search.cost(v);
    for (const auto& [pid, where] : points) {
        const Snap p = place(pid);
        const double c = std::min(cost_through_ends(search, net, p, Direction::outbound), cost_along_edge(net, source.snap, p));
        if (c <= cutoff) ours[-pid] = c;
    }
    ASSERT_EQ(ours.size(), documented.size());
    for (const auto& [node, cost] : documented) {
        ASSERT_TRUE(ours.count(node)) << "node " << node << " is documented within " << distance;
        EXPECT_NEAR(ours[node], cost, 1e-9) << "node " << node;
    }
    std::printf("pgr_withPointsDD (driving_side b): %zu rows checked\n", documented.size());
}

}  // namespace
}  // namespace keniki::network
