#pragma once
// Capacity-aware access: the two-step floating catchment family (PySAL `access`'s 2SFCA, enhanced
// 2SFCA, gravity). Nearness alone says who is near a centre; these say how much of its capacity
// (staff, beds, seats) each person can count on, shared with everyone else in its catchment.
//
//   weight w_ij = f(cost from demand point i to hub j), 0 beyond the catchment
//   step 1, per hub:   R_j = S_j / Σ_i D_i w_ij        (supply per person of demand it serves)
//   step 2, per point: A_i = Σ_j R_j w_ij               (supply per person the point can reach)
// 2SFCA: f = 1 within the catchment (Luo & Wang 2003). E2SFCA: f = step bands, Gaussian or power
// (Luo & Qi 2009; Dai 2010). Gravity: f = cost^-β (power), usually over a wide catchment (Joseph &
// Bantock 1982). In every method Σ_i A_i D_i = Σ S_j over the hubs with any demand in reach.

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

enum class AccessMethod { two_step, enhanced, gravity };
/// "2sfca", "e2sfca", "gravity".
const char* to_string(AccessMethod m);

struct Decay {
    enum class Kind { none, bands, gaussian, power };
    Kind kind = Kind::none;                       ///< none: weight 1 within the catchment
    std::vector<std::pair<double, double>> bands; ///< bands: (upper cost, weight), ascending; beyond the last: 0
    double beta = 1.0;                            ///< power: cost^-beta, costs below 1 unit counted as 1
    /// Weight of a cost within a catchment of `catchment`: Gaussian is Dai's
    /// (e^(-½(c/d0)²) - e^(-½)) / (1 - e^(-½)), 1 at the hub and 0 at the catchment's edge.
    double weight(double cost, double catchment) const;
    /// "step bands 10: 1, 20: 0.68, 30: 0.22" and the like, for outputs.
    std::string describe() const;
};

struct AccessOptions {
    AccessMethod method = AccessMethod::two_step;
    double catchment = 0;  ///< in the cost table's unit (metres or minutes); pairs beyond it weigh 0
    Decay decay;           ///< ignored by two_step (weight 1); gravity defaults to power when none
};

struct AccessResult {
    std::vector<double> score;       ///< per demand point: A_i, supply per person of demand
    std::vector<double> hub_ratio;   ///< per hub: R_j, supply per person of weighted demand (0 with no demand)
    std::vector<double> hub_demand;  ///< per hub: Σ_i D_i w_ij
    double supply_reached = 0;       ///< Σ S_j over hubs with demand in reach (= Σ A_i D_i)
};

/// The weight function access_scores applies for these options: 2SFCA weighs 1 within the
/// catchment, gravity takes cost^-β when no decay is given.
Decay effective_decay(const AccessOptions& options);
/// Throws UsageError, naming the hub (1-based), for a supply access_scores refuses: negative, NaN, infinite.
void check_supply(std::span<const double> supply);

/// Scores from a table of (demand point, hub) costs (CostModel::within). Throws UsageError for
/// negative or NaN demand or supply, or sizes that do not match.
AccessResult access_scores(const CostTable& table, std::span<const double> demand, std::span<const double> supply, const AccessOptions& options);

/// A unit's residents' scores, weighted by each group: mean score = score_sum / people, per group.
struct UnitAccess {
    PeopleCount people;     ///< the unit's people (total, 65+, 75+)
    PeopleCount score_sum;  ///< Σ people x score, per group
    /// Mean score weighted by the group's people (0 when the unit has none of them).
    double mean_total() const { return people.total > 0 ? score_sum.total / people.total : 0; }
    double mean_65plus() const { return people.age65 > 0 ? score_sum.age65 / people.age65 : 0; }
    double mean_75plus() const { return people.age75 > 0 ? score_sum.age75 / people.age75 : 0; }
};

/// Per tier and unit, the population-weighted scores of the model's residents (`score` has one
/// entry per ModelInput resident; area-weighted pieces carry their resident's score).
std::vector<std::vector<UnitAccess>> unit_access(const ModelResult& model, std::span<const double> score);

}  // namespace keniki::analysis
