// `keniki serve`'s [[access]] indices for a scenario, recomputed by columns (see AccessFigures in
// keniki/serve/model.hpp for the rule and why the figures equal a whole recomputation's).

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "keniki/core/parallel.hpp"
#include "keniki/serve/model.hpp"
#include "serve/grouping.hpp"

namespace keniki::serve {

namespace {

/// The residents of the grid cells within `reach` of any of the points: ascending, each once.
std::vector<std::int32_t> residents_near(const ResidentGrid& g, const std::vector<Point>& points, double reach) {
    std::vector<std::int32_t> near;
    if (g.nx == 0) return near;
    const auto cell = [&](double v, double v0, std::int32_t count) { return std::clamp(static_cast<std::int32_t>(std::floor((v - v0) / g.cell)), 0, count - 1); };
    for (const Point& p : points) {
        const std::int32_t x0 = cell(p.x() - reach, g.x0, g.nx), x1 = cell(p.x() + reach, g.x0, g.nx);
        const std::int32_t y0 = cell(p.y() - reach, g.y0, g.ny), y1 = cell(p.y() + reach, g.y0, g.ny);
        for (std::int32_t cy = y0; cy <= y1; ++cy)
            for (std::int32_t cx = x0; cx <= x1; ++cx) {
                const auto id = static_cast<std::size_t>(cy) * static_cast<std::size_t>(g.nx) + static_cast<std::size_t>(cx);
                near.insert(near.end(), g.members.begin() + g.first[id], g.members.begin() + g.first[id + 1]);
            }
    }
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    return near;
}

}  // namespace

AccessFigures Model::compute_access(std::size_t k, const analysis::HubSet& hubs, const analysis::HubEdits& edits) const {
    const pipeline::AccessInput& in = m_inputs.access[k];
    const Access& base = m_access[k];
    const report::AccessOutcome& before = *base.outcome;
    AccessFigures out;
    const pipeline::AccessHubs now = pipeline::access_hubs(in, m_inputs.input, hubs, edits);
    out.notes = now.notes;

    // Each hub of the scenario: the plan's column it keeps (same facility, same place), or a new one.
    std::unordered_map<std::int32_t, std::uint32_t> base_column;
    for (std::size_t j = 0; j < base.hubs.hubs.size(); ++j) base_column.emplace(base.hubs.hubs[j], static_cast<std::uint32_t>(j));
    constexpr std::int64_t gone = -1;
    std::vector<std::int64_t> new_of_base(base.hubs.hubs.size(), gone);
    std::vector<std::uint32_t> fresh;  // scenario columns searched again
    pipeline::AccessHubs fresh_hubs;
    bool same = now.hubs.size() == base.hubs.hubs.size();
    for (std::size_t j = 0; j < now.hubs.size(); ++j) {
        const auto it = base_column.find(now.hubs[j]);
        if (it != base_column.end() && detail::same_place(now.points[j], base.hubs.points[it->second])) {
            new_of_base[it->second] = static_cast<std::int64_t>(j);  // costs depend on places only
            same = same && it->second == j && now.supply[j] == base.hubs.supply[it->second];
        } else {
            fresh.push_back(static_cast<std::uint32_t>(j));
            fresh_hubs.points.push_back(now.points[j]);
            same = false;
        }
    }
    if (same) {
        out.outcome = base.outcome;
        out.study = base.study;
        out.recompute = "unchanged";
        return out;
    }
    analysis::check_supply(now.supply);

    // The new columns' pairs, among `rows` (ascending residents; sub's origin r is resident rows[r]).
    const auto& residents = m_inputs.input.residents;
    const std::size_t n = residents.size();
    std::vector<std::int32_t> rows;
    analysis::CostTable sub;
    if (!fresh.empty()) {
        if (base.straight) {
            rows = residents_near(base.grid, fresh_hubs.points, in.catchment);
        } else {
            rows.resize(n);
            std::iota(rows.begin(), rows.end(), 0);
        }
        std::vector<Point> points;
        points.reserve(rows.size());
        for (const auto i : rows) points.push_back(residents.points[static_cast<std::size_t>(i)]);
        const std::lock_guard<std::mutex> lock(*base.mutex);
        sub = pipeline::access_table(in, points, fresh_hubs);
        out.searched = rows.size();
    }
    if (sub.first.empty()) sub.first.assign(1, 0);

    analysis::AccessOptions options = pipeline::access_options(*in.spec);
    options.catchment = in.catchment;
    const analysis::Decay decay = analysis::effective_decay(options);
    const std::string& group = in.spec->demand;
    const std::vector<double>& demand = group == "pop_65plus" ? residents.age65 : group == "pop_75plus" ? residents.age75 : residents.population;

    // The plan's outcome (its scores are the starting point), changed below by what the scenario changes.
    auto outcome = std::make_shared<report::AccessOutcome>(before);
    outcome->hubs = now.hubs;
    outcome->supply_values = now.supply;
    analysis::AccessResult& r = outcome->result;

    // Step 1: a kept column's demand is the plan's; a new column's is summed over its pairs in
    // resident order, as access_scores sums it.
    const std::size_t columns = now.hubs.size();
    r.hub_demand.assign(columns, 0.0);
    r.supply_reached = 0;
    for (std::size_t jb = 0; jb < new_of_base.size(); ++jb)
        if (new_of_base[jb] != gone) r.hub_demand[static_cast<std::size_t>(new_of_base[jb])] = before.result.hub_demand[jb];
    for (std::size_t s = 0; s + 1 < sub.first.size(); ++s)
        for (std::uint32_t p = sub.first[s]; p < sub.first[s + 1]; ++p)
            r.hub_demand[fresh[sub.hub[p]]] += demand[static_cast<std::size_t>(rows[s])] * decay.weight(sub.cost[p], options.catchment);
    r.hub_ratio.assign(columns, 0.0);
    for (std::size_t j = 0; j < columns; ++j) {
        if (r.hub_demand[j] > 0) {
            r.hub_ratio[j] = now.supply[j] / r.hub_demand[j];
            r.supply_reached += now.supply[j];
        }
    }

    // Step 2 for the residents with a pair to a changed column. Kept columns whose order among
    // themselves changed would change every sum's order: then everyone is summed again.
    bool ordered = true;
    std::int64_t last = -1;
    for (const auto j : new_of_base) {
        if (j == gone) continue;
        ordered = ordered && j > last;
        last = j;
    }
    std::vector<std::uint8_t> touched(n, ordered ? 0 : 1);
    std::size_t gone_pairs = 0;
    for (std::size_t jb = 0; jb < new_of_base.size(); ++jb) {
        const std::uint32_t b = base.column_first[jb], e = base.column_first[jb + 1];
        if (new_of_base[jb] == gone) gone_pairs += e - b;
        if (new_of_base[jb] != gone && now.supply[static_cast<std::size_t>(new_of_base[jb])] == base.hubs.supply[jb]) continue;
        for (std::uint32_t m = b; m < e; ++m) touched[static_cast<std::size_t>(base.column_residents[m])] = 1;
    }
    for (std::size_t s = 0; s + 1 < sub.first.size(); ++s)
        if (sub.first[s + 1] > sub.first[s]) touched[static_cast<std::size_t>(rows[s])] = 1;
    std::vector<std::int32_t> again;
    for (std::size_t i = 0; i < n; ++i)
        if (touched[i]) again.push_back(static_cast<std::int32_t>(i));

    parallel_chunks(again.size(), [&](std::size_t b, std::size_t e) {
        std::vector<std::pair<std::uint32_t, double>> row;  // (scenario column, weight), by column
        for (std::size_t a = b; a < e; ++a) {
            const auto i = static_cast<std::size_t>(again[a]);
            row.clear();
            for (std::uint32_t p = base.table.first[i]; p < base.table.first[i + 1]; ++p) {
                const auto j = new_of_base[base.table.hub[p]];
                if (j != gone) row.emplace_back(static_cast<std::uint32_t>(j), decay.weight(base.table.cost[p], options.catchment));
            }
            const auto at = std::lower_bound(rows.begin(), rows.end(), again[a]);
            if (at != rows.end() && *at == again[a]) {
                const auto s = static_cast<std::size_t>(at - rows.begin());
                for (std::uint32_t p = sub.first[s]; p < sub.first[s + 1]; ++p) row.emplace_back(fresh[sub.hub[p]], decay.weight(sub.cost[p], options.catchment));
            }
            std::sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
            double score = 0;
            for (const auto& [j, w] : row) score += r.hub_ratio[j] * w;
            r.score[i] = score;
        }
    }, 4096);
    out.rescored = again.size();

    // The unit means of the units with a rescored resident, summed over their pieces in order as
    // analysis::unit_access sums them; the others are the plan's.
    std::vector<std::vector<analysis::UnitAccess>>& units = outcome->units;
    for (std::size_t t = 0; t < m_tiers.size() && t < units.size(); ++t) {
        const Tier& tier = m_tiers[t];
        const analysis::TierResidents& res = m_results.model.tiers[t].residents;
        const analysis::ResidentPieces& pieces = *res.pieces;
        std::vector<std::uint8_t> unit_touched(units[t].size(), 0);
        for (const auto i : again)
            for (auto m = tier.resident_first[static_cast<std::size_t>(i)]; m < tier.resident_first[static_cast<std::size_t>(i) + 1]; ++m) {
                const auto u = res.unit[static_cast<std::size_t>(tier.resident_pieces[static_cast<std::size_t>(m)])];
                if (u >= 0) unit_touched[static_cast<std::size_t>(u)] = 1;
            }
        for (std::size_t u = 0; u < units[t].size(); ++u) {
            if (!unit_touched[u]) continue;
            analysis::UnitAccess sum;
            for (auto m = tier.unit_first[u]; m < tier.unit_first[u + 1]; ++m) {
                const auto i = static_cast<std::size_t>(tier.unit_members[static_cast<std::size_t>(m)]);
                const analysis::PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
                sum.people += w;
                sum.score_sum += w * r.score[static_cast<std::size_t>(pieces.resident[i])];
            }
            units[t][u] = sum;
        }
    }

    outcome->pairs = before.pairs - gone_pairs + sub.pairs();
    out.study = report::study_access(*outcome, m_inputs.input);
    out.outcome = std::move(outcome);
    out.recompute = "incremental";
    out.new_columns = fresh.size();
    return out;
}

}  // namespace keniki::serve
