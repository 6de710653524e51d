#pragma once
// Per unit and per hub of a tier whose reach is by timetable (TransitCost): who can make the round
// trip to the hub and who cannot, how long the way there takes over the window, who would be faster
// walking; and for a scenario (routes or feeds removed or added), who loses or gains the round trip.

#include <cstddef>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/analysis/transit_cost.hpp"

namespace keniki::analysis {

struct UnitTransit {
    PeopleCount served;       ///< can make the round trip within the limits
    PeopleCount not_served;
    PeopleCount walk_faster;  ///< walking all the way (within the limit) beats every bus journey there
    /// Over the residents' own window medians of the door-to-door minutes there: population-weighted
    /// median, p90, ... (residents with no way at most half the window count as infinite).
    CostStats window_median;
};

struct TransitChange {
    PeopleCount lost, gained;  ///< the round trip, scenario against plan
};

struct TierTransit {
    std::vector<UnitTransit> units;
    UnitTransit total;                  ///< residents in a unit of the tier
    std::vector<PeopleCount> hub_served;  ///< per hub of TierResult::hubs: served residents whose hub it is
};

/// The figures of a transit tier from the TierResult and the cost model's last detail (its
/// nearest() call on the tier's residents).
TierTransit transit_figures(const TierResult& tier, const TransitDetail& detail, double limit_min);

/// Per unit: people served in `scenario` and not in `base` (gained), and the other way (lost).
/// Both details are of nearest() calls on the same residents (the tier's pieces).
std::vector<TransitChange> transit_changes(const TierResult& tier, const TransitDetail& base, const TransitDetail& scenario);

}  // namespace keniki::analysis
