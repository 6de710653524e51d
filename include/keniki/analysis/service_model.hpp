#pragma once
// The nested service-area model (DESIGN §5): tiers of units, residents counted per unit, each resident
// allocated to the nearest hub of each tier, reach and coverage gaps per unit. Works on the engine's
// own types in the metric working CRS; never touches files.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/core/geometry.hpp"

namespace keniki::analysis {

struct Unit {
    std::string id;
    std::string name;
    MultiPolygon geometry;
};

struct Facility {
    std::string id;
    std::string name;
    std::string kind;
    std::string source;  ///< facilities entry of the plan it came from
    Point location;
};

/// Residents as weighted points; polygon residents (census small areas, mesh cells) also keep their
/// polygons for area-weighted apportionment.
struct Residents {
    std::vector<Point> points;          ///< where each resident (or resident polygon's interior point) is
    std::vector<double> population;
    std::vector<double> age65;
    std::vector<double> age75;
    std::vector<std::int64_t> source_id;  ///< feature id in the source layer
    std::vector<std::string> labels;      ///< optional names (empty, or one per resident)
    std::vector<MultiPolygon> polygons;   ///< polygon residents only (either method), one per resident
    bool area_weighted = false;           ///< apportion polygons by area (else: counted at their interior point)
    std::size_t size() const { return points.size(); }
};

struct TierInput {
    std::string id;
    std::string name;
    std::string name_en;
    std::vector<Unit> units;
    std::vector<std::int32_t> hubs;  ///< indices into ModelInput::facilities
    const CostModel* cost = nullptr;
    double reach = 0;                ///< in the cost model's unit
};

struct ModelOptions {
    double nesting_tolerance = 0.01;  ///< a unit may lie this share of its area outside its parent
};

struct ModelInput {
    MultiPolygon study_area;
    Residents residents;
    std::vector<Facility> facilities;
    std::vector<TierInput> tiers;  ///< outermost first
    ModelOptions options;
};

/// Population-weighted statistics of the cost to the nearest hub.
struct CostStats {
    double mean = 0, median = 0, p90 = 0, max = 0;
    bool defined = false;  ///< false when nobody lives in the unit
};

struct PeopleCount {
    double total = 0, age65 = 0, age75 = 0;
    PeopleCount& operator+=(const PeopleCount& o) {
        total += o.total;
        age65 += o.age65;
        age75 += o.age75;
        return *this;
    }
    /// A share of these people (area-weighted apportionment).
    friend PeopleCount operator*(const PeopleCount& p, double share) { return {p.total * share, p.age65 * share, p.age75 * share}; }
};

struct UnitResult {
    std::string id, name;
    double area_m2 = 0;
    std::int32_t parent = -1;           ///< index of the parent unit in the tier above (-1 for the top tier)
    double parent_overlap_share = 0;    ///< share of this unit's area inside its parent
    PeopleCount people;
    std::vector<std::int32_t> hubs_inside;  ///< facility indices
    CostStats cost;
    PeopleCount beyond_reach;
    MultiPolygon gap;                   ///< the unit minus the tier's service area
    double gap_area_m2 = 0;
    PeopleCount nearest_hub_elsewhere;  ///< residents whose nearest hub lies in another unit
    std::map<std::int32_t, double> nearest_hub_elsewhere_by_unit;  ///< unit index -> people (-1: a hub outside all units)
};

/// Where the residents a tier counts are and what they weigh: the model's points (one copy, shared by
/// every tier), or for area-weighted polygons the pieces of each polygon in each unit of the tier.
struct ResidentPieces {
    std::vector<Point> points;
    std::vector<double> population, age65, age75;
    std::vector<std::int32_t> resident;  ///< index into ModelInput::residents
    /// Area-weighted polygon residents: each piece's own polygon (the resident polygon within the
    /// unit, or the part outside every unit). Empty otherwise (points, or polygons counted at their
    /// interior point: Residents::polygons then holds them, piece i being resident i).
    std::vector<MultiPolygon> polygons;
    std::size_t size() const { return points.size(); }
};

/// The residents as a tier sees them, with their unit and nearest hub.
struct TierResidents {
    std::shared_ptr<const ResidentPieces> pieces;
    std::vector<std::int32_t> unit;  ///< per piece; -1: outside all units
    std::vector<std::int32_t> hub;   ///< facility index of the nearest hub (-1: none)
    std::vector<double> cost;        ///< cost to that hub
    std::size_t size() const { return pieces ? pieces->size() : 0; }
};

/// One hub of a tier and its catchment (担当): the residents whose nearest hub of the tier it is.
/// Catchments count the residents the unit figures count, those in a unit of the tier (pieces of
/// area-weighted polygons with their own weights); residents in no unit are in
/// TierResult::outside_all_units and in no catchment. within_reach follows the rule of
/// UnitResult::beyond_reach (cost <= reach is within, anything else beyond), so per tier:
///   sum over hubs of nearest      == sum over units of people - no_hub
///   sum over hubs of within_reach == sum over units of (people - beyond_reach)
/// (residents with no hub have an infinite cost: beyond reach, in no catchment).
struct HubResult {
    std::int32_t facility = -1;          ///< index into ModelInput::facilities
    std::int32_t unit = -1;              ///< the unit of the tier the hub stands in (-1: none)
    PeopleCount nearest;                 ///< residents in a unit whose nearest hub this is
    PeopleCount within_reach;            ///< of those, the ones with cost <= the tier's reach
    double mean_cost = 0, max_cost = 0;  ///< population-weighted mean and the max of their finite costs
    bool cost_defined = false;           ///< false when nobody with a finite cost is in the catchment
};

struct TierResult {
    std::string id, name, name_en;
    std::string cost_description;
    CostUnit cost_unit = CostUnit::metres;
    double reach = 0;
    std::vector<UnitResult> units;
    double gap_m2 = 0, gap_share = 0;          ///< study area covered by no unit
    double overlap_m2 = 0, overlap_share = 0;  ///< area counted in more than one unit
    PeopleCount outside_all_units;             ///< residents in no unit of this tier
    PeopleCount total;                         ///< all residents (the study total)
    std::vector<HubResult> hubs;               ///< one per hub, in TierInput::hubs order
    PeopleCount no_hub;                        ///< residents in a unit with no hub (no road reaches one)
    MultiPolygon service_area;
    std::vector<std::string> nesting_problems;  ///< units not nested in a parent, in words
    TierResidents residents;
};

struct ModelResult {
    std::vector<TierResult> tiers;
    PeopleCount total;
    double study_area_m2 = 0;
    std::string apportionment;  ///< "points", "polygon interior points" or "area-weighted polygons"
};

/// Runs the whole model. Throws DataError when a tier has no units or a hub layer is empty.
ModelResult run_model(const ModelInput& input);

/// Weighted statistics over (cost, weight) pairs; pairs with infinite cost count towards max only.
CostStats weighted_cost_stats(std::vector<std::pair<double, double>> cost_weight);
/// The same, reordering the pairs in place instead of copying them.
CostStats weighted_cost_stats_in_place(std::span<std::pair<double, double>> cost_weight);

}  // namespace keniki::analysis
