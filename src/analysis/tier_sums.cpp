#include "analysis/tier_sums.hpp"

#include <unordered_map>

#include "keniki/core/parallel.hpp"

namespace keniki::analysis::detail {

namespace {

/// Residents are summed in fixed blocks, in parallel, and the blocks' sums added in block order: the
/// figures are the same on any number of cores.
constexpr std::size_t k_block = 65536;

struct UnitSums {
    PeopleCount people, beyond_reach, elsewhere;
    std::uint32_t count = 0;  ///< residents (pieces) in the unit
};

struct BlockSums {
    std::vector<UnitSums> units;
    PeopleCount outside;
    std::unordered_map<std::uint64_t, double> elsewhere_by_unit;  ///< (unit << 32 | hub unit + 1) -> people
};

std::uint64_t pair_key(std::int32_t unit, std::int32_t hub_unit) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(unit)) << 32) | static_cast<std::uint32_t>(hub_unit + 1);
}

}  // namespace

void sum_units(std::span<const std::int32_t> local_hub, std::span<const std::int32_t> hub_unit, double reach, TierResult& tier) {
    const TierResidents& res = tier.residents;
    const ResidentPieces& pieces = *res.pieces;
    const std::size_t n = res.size(), n_units = tier.units.size();
    const std::size_t n_blocks = (n + k_block - 1) / k_block;
    std::vector<BlockSums> blocks(n_blocks);

    // 1. Per block: sums per unit, and how many residents each unit has there.
    parallel_chunks(
        n_blocks,
        [&](std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b < b1; ++b) {
                BlockSums& sums = blocks[b];
                sums.units.resize(n_units);
                for (std::size_t i = b * k_block, end = std::min(n, i + k_block); i < end; ++i) {
                    const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
                    const std::int32_t u = res.unit[i];
                    if (u < 0) {
                        sums.outside += w;
                        continue;
                    }
                    UnitSums& unit = sums.units[static_cast<std::size_t>(u)];
                    unit.people += w;
                    ++unit.count;
                    if (!(res.cost[i] <= reach)) unit.beyond_reach += w;
                    if (local_hub[i] >= 0) {
                        const std::int32_t hu = hub_unit[static_cast<std::size_t>(local_hub[i])];
                        if (hu != u) {
                            unit.elsewhere += w;
                            sums.elsewhere_by_unit[pair_key(u, hu)] += w.total;
                        }
                    }
                }
            }
        },
        1);

    // 2. The blocks' sums, in block order; where each unit's (cost, weight) pairs go in one array.
    std::vector<std::size_t> unit_first(n_units + 1, 0);
    for (const BlockSums& sums : blocks) {
        tier.outside_all_units += sums.outside;
        for (std::size_t u = 0; u < n_units; ++u) {
            UnitResult& unit = tier.units[u];
            unit.people += sums.units[u].people;
            unit.beyond_reach += sums.units[u].beyond_reach;
            unit.nearest_hub_elsewhere += sums.units[u].elsewhere;
            unit_first[u + 1] += sums.units[u].count;
        }
    }
    for (const BlockSums& sums : blocks) {
        for (const auto& [key, people] : sums.elsewhere_by_unit) {
            const auto u = static_cast<std::size_t>(key >> 32);
            const auto hu = static_cast<std::int32_t>(static_cast<std::uint32_t>(key & 0xffffffffu)) - 1;
            tier.units[u].nearest_hub_elsewhere_by_unit[hu] += people;
        }
    }
    for (std::size_t u = 0; u < n_units; ++u) unit_first[u + 1] += unit_first[u];
    // Block b writes unit u's pairs after those of the blocks before it: resident order within a unit.
    std::vector<std::vector<std::size_t>> block_next(n_blocks);
    std::vector<std::size_t> next(unit_first.begin(), unit_first.end() - 1);
    for (std::size_t b = 0; b < n_blocks; ++b) {
        block_next[b] = next;
        for (std::size_t u = 0; u < n_units; ++u) next[u] += blocks[b].units[u].count;
    }

    // 3. The pairs, then each unit's cost statistics.
    std::vector<std::pair<double, double>> pairs(unit_first.back());
    parallel_chunks(
        n_blocks,
        [&](std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b < b1; ++b) {
                std::vector<std::size_t>& at = block_next[b];
                for (std::size_t i = b * k_block, end = std::min(n, i + k_block); i < end; ++i) {
                    const std::int32_t u = res.unit[i];
                    if (u >= 0) pairs[at[static_cast<std::size_t>(u)]++] = {res.cost[i], pieces.population[i]};
                }
            }
        },
        1);
    parallel_chunks(
        n_units,
        [&](std::size_t u0, std::size_t u1) {
            for (std::size_t u = u0; u < u1; ++u)
                tier.units[u].cost = weighted_cost_stats_in_place(std::span(pairs).subspan(unit_first[u], unit_first[u + 1] - unit_first[u]));
        },
        1);
}

}  // namespace keniki::analysis::detail
