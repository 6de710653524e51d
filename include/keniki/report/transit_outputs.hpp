#pragma once
// Reach by timetable (tiers with reach mode "transit") as output columns and a summary.json
// section: per unit the people who can / cannot make the round trip (total / 65+ / 75+), the
// window's median and 90th-percentile door-to-door minutes, the people faster on foot; per hub the
// people its service reaches; per scenario the people who lose or gain the round trip.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/transit_reach.hpp"
#include "keniki/report/output_layers.hpp"

namespace keniki::report {

struct TransitScenario {
    std::string id, name;
    std::vector<std::string> changes;               ///< "removed route 美祢線", ...
    std::vector<analysis::TransitChange> units;     ///< per unit of the tier
    analysis::TransitChange total;
};

struct TransitOutcome {
    std::size_t tier = 0;
    std::string method;        ///< the cost model's describe()
    std::string service_day;   ///< "2026-04-06 (...)"
    std::string window, home_by;
    double limit_min = 0, stay_min = 0;
    int max_transfers = 0;
    bool elderly = false;
    std::size_t stops = 0, trips = 0, iterations = 0;
    std::size_t residents_near_no_stop = 0;
    std::vector<std::string> hubs_near_no_stop;  ///< hub ids
    analysis::TierTransit figures;
    std::vector<TransitScenario> scenarios;
};

/// Columns transit_{served,not_served,walk_faster}_pop_{total,65plus,75plus},
/// transit_window_{median,p90}_min and per scenario transit_<id>_{lost,gained}_pop_total on the
/// tier's units layer; transit_served_pop_total on its hubs table.
void add_transit_layers(OutputLayers& layers, const analysis::ModelResult& model, const std::vector<TransitOutcome>& transit);

/// Adds "transit" to summary.json.
void add_transit_summary(nlohmann::ordered_json& summary, const analysis::ModelResult& model, const std::vector<TransitOutcome>& transit);

}  // namespace keniki::report
