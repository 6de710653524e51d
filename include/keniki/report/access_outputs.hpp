#pragma once
// The access indices ([[access]], 2SFCA family) as output columns and a summary.json section:
// per resident its score, per unit of every tier the population-weighted score (total / 65+ / 75+),
// per hub its supply, the demand in its catchment and their ratio. Scores are given as supply per
// 1,000 people of the demand group (e.g. staff per 1,000 people aged 65+), stated in every name.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/access.hpp"
#include "keniki/report/output_layers.hpp"

namespace keniki::report {

struct AccessOutcome {
    std::string id, name;
    std::string method;        ///< "2sfca", "e2sfca", "gravity"
    std::string demand;        ///< "pop_total", "pop_65plus", "pop_75plus"
    std::string supply;        ///< the supply field, or "" (1 per hub)
    std::string catchment;     ///< "straight line 1000 m", "walk 15 min (elderly pace)"
    std::string cost;          ///< the cost model's description
    std::string decay;         ///< Decay::describe()
    std::optional<double> threshold_per_1000;
    std::optional<std::size_t> tier;        ///< the tier whose hubs supply (none: facilities of given kinds)
    std::vector<std::int32_t> hubs;         ///< facility indices
    std::vector<double> supply_values;      ///< per hub
    analysis::AccessResult result;          ///< per ModelInput resident and per hub
    std::vector<std::vector<analysis::UnitAccess>> units;  ///< [tier][unit]
    std::size_t pairs = 0;                  ///< (resident, hub) pairs within the catchment
};

/// A score (supply per person) per 1,000 people, rounded to 6 decimals as every output gives it.
double per_1000(double score);
/// The unit's mean score for the index's demand group (per person).
double demand_mean(const AccessOutcome& a, const analysis::UnitAccess& u);
/// Whether the unit's mean for the demand group lies below the index's threshold (false without one).
bool below_threshold(const AccessOutcome& a, const analysis::UnitAccess& u);

/// The whole study area's figures: supply, demand, mean score per person of demand.
struct StudyAccess {
    double supply = 0, demand = 0, mean = 0;
};
StudyAccess study_access(const AccessOutcome& a, const analysis::ModelInput& input);

/// Per index: mean per 1,000 of demand, supply, each hub's figures and the units below the threshold
/// (summary.json's hub_scenarios[].access).
nlohmann::ordered_json access_brief(const analysis::ModelInput& input, const analysis::ModelResult& model, const std::vector<AccessOutcome>& access);

/// "per 1,000 people aged 65+" and the like, for the demand group.
std::string demand_words(const std::string& demand, bool japanese);

/// Columns access_<id>_per1000_{pop_total,pop_65plus,pop_75plus} (and _below when a threshold is set) on
/// every units layer, access_<id>_{supply,demand,per1000} on the hubs layer and the supplying tier's
/// hubs table, access_<id>_per1000 on the point residents layer.
void add_access_layers(OutputLayers& layers, const analysis::ModelInput& input, const analysis::ModelResult& model,
                       const std::vector<AccessOutcome>& access);

/// Adds "access" to summary.json.
void add_access_summary(nlohmann::ordered_json& summary, const analysis::ModelInput& input, const analysis::ModelResult& model,
                        const std::vector<AccessOutcome>& access);

}  // namespace keniki::report
