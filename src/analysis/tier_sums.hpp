#pragma once
// The per-unit figures of one tier that come from its residents: people, cost statistics, beyond
// reach, and residents whose nearest hub stands in another unit.

#include <cstdint>
#include <span>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis::detail {

/// Fills people, cost, beyond_reach, nearest_hub_elsewhere(_by_unit) of `tier.units` and
/// tier.outside_all_units from tier.residents. `local_hub[i]` is resident i's nearest hub as an index
/// into the tier's hubs (-1: none) and `hub_unit[j]` the unit hub j stands in (-1: none).
void sum_units(std::span<const std::int32_t> local_hub, std::span<const std::int32_t> hub_unit, double reach, TierResult& tier);

}  // namespace keniki::analysis::detail
