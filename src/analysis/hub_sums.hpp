#pragma once
// The per-hub figures of one tier that come from its residents: each hub's catchment (the residents
// whose nearest hub it is), how many of them are within reach, and what their cost is.

#include <cstdint>
#include <span>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis::detail {

/// Fills tier.hubs (one per entry of `facility`, the tier's hubs as facility indices) and
/// tier.no_hub from tier.residents, counting the residents in a unit as sum_units does.
/// `local_hub[i]` is resident i's nearest hub as an index into the tier's hubs (-1: none) and
/// `hub_unit[j]` the unit hub j stands in (-1: none).
void sum_hubs(std::span<const std::int32_t> local_hub, std::span<const std::int32_t> hub_unit, std::span<const std::int32_t> facility,
              double reach, TierResult& tier);

}  // namespace keniki::analysis::detail
