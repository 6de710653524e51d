#include "analysis/hub_sums.hpp"

#include <algorithm>
#include <cmath>

#include "keniki/core/parallel.hpp"

namespace keniki::analysis::detail {

namespace {

/// Residents are summed in fixed blocks, in parallel, and the blocks' sums added in block order (as
/// in tier_sums.cpp): the figures are the same on any number of cores. Each block holds a sum per
/// hub, so with many hubs (bus stops as hubs) the blocks grow with them: about n / 64 sums in all.
constexpr std::size_t k_block = 65536;

std::size_t block_size(std::size_t n_hubs) { return k_block * std::max<std::size_t>(1, (n_hubs + 1023) / 1024); }

struct HubSums {
    PeopleCount nearest, within_reach;
    double cost_sum = 0, cost_weight = 0;  ///< of the people with a finite cost
    double max_cost = -INFINITY;
};

struct BlockSums {
    std::vector<HubSums> hubs;
    PeopleCount no_hub;
};

}  // namespace

void sum_hubs(std::span<const std::int32_t> local_hub, std::span<const std::int32_t> hub_unit, std::span<const std::int32_t> facility,
              double reach, TierResult& tier) {
    const TierResidents& res = tier.residents;
    const ResidentPieces& pieces = *res.pieces;
    const std::size_t n = res.size(), n_hubs = facility.size();
    const std::size_t block = block_size(n_hubs);
    const std::size_t n_blocks = (n + block - 1) / block;
    std::vector<BlockSums> blocks(n_blocks);

    // The rules are sum_units' own, so that the identities in HubResult hold: a resident in no unit
    // is in no catchment; within reach is cost <= reach (beyond is everything else, an infinite cost
    // too); the cost figures are by population over finite costs, as weighted_cost_stats has them.
    parallel_chunks(
        n_blocks,
        [&](std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b < b1; ++b) {
                BlockSums& sums = blocks[b];
                sums.hubs.resize(n_hubs);
                for (std::size_t i = b * block, end = std::min(n, i + block); i < end; ++i) {
                    if (res.unit[i] < 0) continue;
                    const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
                    if (local_hub[i] < 0) {
                        sums.no_hub += w;
                        continue;
                    }
                    HubSums& hub = sums.hubs[static_cast<std::size_t>(local_hub[i])];
                    hub.nearest += w;
                    const double c = res.cost[i];
                    if (c <= reach) hub.within_reach += w;
                    if (w.total > 0 && std::isfinite(c)) {
                        hub.cost_sum += c * w.total;
                        hub.cost_weight += w.total;
                        hub.max_cost = std::max(hub.max_cost, c);
                    }
                }
            }
        },
        1);

    std::vector<HubSums> total(n_hubs);
    tier.no_hub = PeopleCount{};
    for (const BlockSums& sums : blocks) {
        tier.no_hub += sums.no_hub;
        for (std::size_t j = 0; j < n_hubs; ++j) {
            const HubSums& s = sums.hubs[j];
            HubSums& t = total[j];
            t.nearest += s.nearest;
            t.within_reach += s.within_reach;
            t.cost_sum += s.cost_sum;
            t.cost_weight += s.cost_weight;
            t.max_cost = std::max(t.max_cost, s.max_cost);
        }
    }
    tier.hubs.assign(n_hubs, HubResult{});
    for (std::size_t j = 0; j < n_hubs; ++j) {
        HubResult& hub = tier.hubs[j];
        hub.facility = facility[j];
        hub.unit = hub_unit[j];
        hub.nearest = total[j].nearest;
        hub.within_reach = total[j].within_reach;
        hub.cost_defined = total[j].cost_weight > 0;
        if (hub.cost_defined) {
            hub.mean_cost = total[j].cost_sum / total[j].cost_weight;
            hub.max_cost = total[j].max_cost;
        }
    }
}

}  // namespace keniki::analysis::detail
