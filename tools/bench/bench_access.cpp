// bench_access [--pbf PATH] [--residents N] [--hubs N] [--minutes M] [--repeat K]
//
// The access-index target (issue 12): 1,000,000 resident points, 200 hubs, walk-network catchments:
// 2SFCA for every resident in under 1 s on 2 cores. On the walking network of Kumamoto's Chuo ward
// (../shared/data/osm/kumamoto/kumamoto_chuo_all.osm.pbf, as `keniki run` builds it), N residents
// around random road nodes (normal offsets of 60 m, fixed seed), H hubs at random nodes with a
// supply of 1-5, catchment M minutes of walking (default 10). Times, median of K runs:
//   catchment  NetworkCost::within: snapping every resident and hub, one cut-off search per hub
//   scores     analysis::access_scores on that table (2SFCA and E2SFCA with three bands)
// and checks the supply is conserved (Σ score x demand = supply of the hubs that reach anyone).
// Then the siting target (issue 12): MCLP with 2,000 candidates at random road nodes, K = 10, the 200
// hubs fixed, the same 1,000,000 residents counted in cells of 100 m (as `keniki site --demand-cell
// 100` does), 1,000 m straight line: aggregation, the pair table and the heuristic, timed apart.

#include <cstdio>
#include <memory>

#include "keniki/analysis/access.hpp"
#include "keniki/analysis/network_cost.hpp"
#include "keniki/network/road_data.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/siting/siting.hpp"

#include <map>

#include "bench_support.hpp"

namespace keniki::bench {
namespace {

struct Options {
    std::string pbf = (shared_data_dir() / "osm/kumamoto/kumamoto_chuo_all.osm.pbf").string();
    std::size_t residents = 1'000'000, hubs = 200, repeat = 3;
    double minutes = 10;
};

int run(int argc, char** argv) {
    Options o;
    CommandLine cl(argc, argv, "bench_access",
                   "usage: bench_access [--pbf PATH] [--residents N] [--hubs N] [--minutes M] [--repeat K]\n"
                   "Times the catchment table and the 2SFCA / E2SFCA scores of N residents (default 1000000) and H hubs\n"
                   "(default 200) on a walking network (default Kumamoto Chuo ward), M minutes (default 10).\n");
    while (cl.next()) {
        if (cl.option() == "--pbf") o.pbf = cl.value();
        else if (cl.option() == "--residents") o.residents = cl.count(1000);
        else if (cl.option() == "--hubs") o.hubs = cl.count(1);
        else if (cl.option() == "--minutes") o.minutes = cl.positive();
        else if (cl.option() == "--repeat") o.repeat = cl.count(1);
        else cl.unknown();
    }
    if (!std::filesystem::exists(o.pbf)) {
        std::cerr << "bench_access: " << o.pbf << " is not there (../shared/data beside the project): nothing to time\n";
        return 1;
    }
    const auto t0 = Clock::now();
    network::RoadReadOptions read;
    read.crs = "auto";
    const network::RoadData roads = network::read_roads(o.pbf, read);
    auto net = std::make_shared<const network::RoadNetwork>(network::build_network(roads, network::TravelOptions{}));
    const double build_s = seconds_since(t0);
    Random random(12);
    std::vector<Point> residents(o.residents), hubs(o.hubs);
    std::vector<double> demand(o.residents), supply(o.hubs);
    for (std::size_t i = 0; i < o.residents; ++i) {
        const Point& at = net->node_point[random.index(net->node_count())];
        residents[i] = Point{random.normal(at.x(), 60), random.normal(at.y(), 60)};
        demand[i] = random.uniform() < 0.4 ? 1.0 : 0.0;  // the people aged 65+, one in each 0/1
    }
    for (std::size_t j = 0; j < o.hubs; ++j) {
        hubs[j] = net->node_point[random.index(net->node_count())];
        supply[j] = static_cast<double>(1 + random.index(5));
    }
    const analysis::NetworkCost cost(net);
    std::vector<double> table_s, two_s, e2_s;
    analysis::CostTable table;
    analysis::AccessResult two, e2;
    for (std::size_t k = 0; k < o.repeat; ++k) {
        auto t = Clock::now();
        table = cost.within(residents, hubs, o.minutes);
        table_s.push_back(seconds_since(t));
        analysis::AccessOptions a;
        a.catchment = o.minutes;
        t = Clock::now();
        two = analysis::access_scores(table, demand, supply, a);
        two_s.push_back(seconds_since(t));
        a.method = analysis::AccessMethod::enhanced;
        a.decay.kind = analysis::Decay::Kind::bands;
        a.decay.bands = {{o.minutes / 3, 1.0}, {2 * o.minutes / 3, 0.68}, {o.minutes, 0.22}};
        t = Clock::now();
        e2 = analysis::access_scores(table, demand, supply, a);
        e2_s.push_back(seconds_since(t));
    }
    double conserved = 0;
    for (std::size_t i = 0; i < o.residents; ++i) conserved += two.score[i] * demand[i];
    const Stats tt = stats_of(table_s), ts = stats_of(two_s), te = stats_of(e2_s);
    std::printf("walking network: %u nodes, %u edges (%.1f km) in %s, built in %.2f s (not counted)\n", net->node_count(), net->edge_count(),
                net->report.length_m / 1000, net->crs.c_str(), build_s);
    std::printf("%zu residents, %zu hubs, %g min walk: %zu pairs within the catchment, %zu residents not placed\n", o.residents, o.hubs, o.minutes,
                table.pairs(), cost.last_report().unsnapped_origins.size());
    std::printf("supply conserved: sum of score x demand %.6f = supply reaching anyone %.6f\n\n", conserved, two.supply_reached);
    std::printf("| step (%.0f cores) | median s | min s | max s |\n|---|---|---|---|\n", core_count());
    std::printf("| catchment table (snap + %zu searches) | %s | %s | %s |\n", o.hubs, fixed(tt.median).c_str(), fixed(tt.min).c_str(), fixed(tt.max).c_str());
    std::printf("| 2SFCA scores | %s | %s | %s |\n", fixed(ts.median).c_str(), fixed(ts.min).c_str(), fixed(ts.max).c_str());
    std::printf("| E2SFCA scores (3 bands) | %s | %s | %s |\n", fixed(te.median).c_str(), fixed(te.min).c_str(), fixed(te.max).c_str());
    std::printf("| **2SFCA total** | **%s** | | |\n", fixed(tt.median + ts.median).c_str());

    // Siting: MCLP, 2,000 candidates, K = 10, residents in 100 m cells.
    std::vector<Point> candidates(2000);
    for (auto& c : candidates) c = net->node_point[random.index(net->node_count())];
    std::vector<double> agg_s, pair_s, solve_s;
    siting::Solution sol;
    std::size_t cells = 0, pairs = 0;
    const auto line = analysis::make_straight_line_cost();
    for (std::size_t k = 0; k < o.repeat; ++k) {
        auto t = Clock::now();
        std::map<std::pair<long long, long long>, std::size_t> cell_of;
        std::vector<double> sx, sy, sw;
        for (std::size_t i = 0; i < o.residents; ++i) {
            const auto key = std::make_pair(static_cast<long long>(std::floor(residents[i].x() / 100)), static_cast<long long>(std::floor(residents[i].y() / 100)));
            auto [it, fresh] = cell_of.emplace(key, sw.size());
            if (fresh) {
                sx.push_back(0);
                sy.push_back(0);
                sw.push_back(0);
            }
            sx[it->second] += residents[i].x();
            sy[it->second] += residents[i].y();
            sw[it->second] += 1;
        }
        std::vector<Point> points(sw.size());
        std::vector<double> weight(sw.size());
        for (std::size_t c = 0; c < sw.size(); ++c) {
            points[c] = Point{sx[c] / sw[c], sy[c] / sw[c]};
            weight[c] = sw[c];
        }
        agg_s.push_back(seconds_since(t));
        t = Clock::now();
        std::vector<Point> sites = candidates;
        sites.insert(sites.end(), hubs.begin(), hubs.end());
        const analysis::CostTable st = line->within(points, sites, 1000);
        pair_s.push_back(seconds_since(t));
        t = Clock::now();
        siting::Problem pr;
        pr.demand = weight;
        pr.candidates = candidates.size();
        pr.fixed = hubs.size();
        pr.first = st.first;
        pr.site = st.hub;
        pr.cost = st.cost;
        pr.reach = 1000;
        siting::Options so;
        so.add = 10;
        so.method = siting::Method::heuristic;
        sol = siting::solve(pr, so);
        solve_s.push_back(seconds_since(t));
        cells = points.size();
        pairs = st.pairs();
    }
    const Stats sa = stats_of(agg_s), sp = stats_of(pair_s), sv = stats_of(solve_s);
    std::printf("\nMCLP: %zu residents in %zu cells of 100 m, 2000 candidates + %zu fixed hubs, 1000 m straight line, %zu pairs, K = 10\n",
                o.residents, cells, o.hubs, pairs);
    std::printf("%s; covered %.0f -> %.0f people\n\n", sol.method.c_str(), sol.covered_before, sol.covered_after);
    std::printf("| step | median s | min s | max s |\n|---|---|---|---|\n");
    std::printf("| residents into 100 m cells | %s | %s | %s |\n", fixed(sa.median).c_str(), fixed(sa.min).c_str(), fixed(sa.max).c_str());
    std::printf("| pairs within 1000 m | %s | %s | %s |\n", fixed(sp.median).c_str(), fixed(sp.min).c_str(), fixed(sp.max).c_str());
    std::printf("| greedy + Teitz-Bart, K = 10 | %s | %s | %s |\n", fixed(sv.median).c_str(), fixed(sv.min).c_str(), fixed(sv.max).c_str());
    std::printf("| **MCLP total** | **%s** | | |\n", fixed(sa.median + sp.median + sv.median).c_str());
    return 0;
}

}  // namespace
}  // namespace keniki::bench

int main(int argc, char** argv) {
    return keniki::bench::report_errors("bench_access", [&] { return keniki::bench::run(argc, argv); });
}
