#include "keniki/analysis/service_model.hpp"

#include <cmath>

#include "analysis/hub_sums.hpp"
#include "analysis/tier_geometry.hpp"
#include "analysis/tier_residents.hpp"
#include "analysis/tier_sums.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::analysis {

namespace {

void check_input(const ModelInput& in) {
    if (in.tiers.empty()) throw DataError("the model has no tiers");
    if (in.study_area.empty()) throw DataError("the study area is empty");
    const auto n = in.residents.size();
    if (in.residents.population.size() != n || in.residents.age65.size() != n || in.residents.age75.size() != n)
        throw DataError("residents: population, 65+ and 75+ figures must be given for every resident");
    if (in.residents.area_weighted && in.residents.polygons.size() != n)
        throw DataError("residents: area-weighted apportionment needs the residents' polygons");
    for (const auto& t : in.tiers) {
        if (t.units.empty()) throw DataError("tier " + t.id + " has no units");
        if (t.hubs.empty()) throw DataError("tier " + t.id + " has no hubs: no facility of its hub kinds was found");
        if (t.cost == nullptr) throw DataError("tier " + t.id + " has no cost model");
        for (const auto h : t.hubs) {
            if (h < 0 || static_cast<std::size_t>(h) >= in.facilities.size()) throw DataError("tier " + t.id + ": hub index out of range");
        }
    }
}

void analyse_tier(const ModelInput& in, const std::shared_ptr<const ResidentPieces>& points, std::size_t t, ModelResult& model) {
    const TierInput& input = in.tiers[t];
    TierResult& tier = model.tiers[t];
    tier.id = input.id;
    tier.name = input.name;
    tier.name_en = input.name_en;
    tier.cost_description = input.cost->describe();
    tier.cost_unit = input.cost->unit();
    tier.reach = input.reach;
    tier.total = model.total;
    tier.units.resize(input.units.size());
    for (std::size_t u = 0; u < input.units.size(); ++u) {
        tier.units[u].id = input.units[u].id;
        tier.units[u].name = input.units[u].name;
    }
    detail::measure_tier(input, in.study_area, model.study_area_m2, t > 0 ? &in.tiers[t - 1] : nullptr, in.options.nesting_tolerance, tier);

    // Residents, their units, and their nearest hub of this tier.
    TierResidents& res = tier.residents;
    const index::PolygonIndex where = detail::unit_index(in.residents, input.units);
    res = detail::residents_for_tier(in.residents, points, input.units, where);
    std::vector<Point> hub_points;
    hub_points.reserve(input.hubs.size());
    for (const auto h : input.hubs) hub_points.push_back(in.facilities[static_cast<std::size_t>(h)].location);
    std::vector<std::int32_t> local_hub;
    input.cost->nearest(res.pieces->points, hub_points, local_hub, res.cost);
    res.hub.resize(local_hub.size());
    for (std::size_t i = 0; i < local_hub.size(); ++i) res.hub[i] = local_hub[i] < 0 ? -1 : input.hubs[static_cast<std::size_t>(local_hub[i])];

    // Which unit each hub stands in (the same index: locate answers alike with or without its grid).
    std::vector<std::int32_t> hub_unit(hub_points.size());
    for (std::size_t j = 0; j < hub_points.size(); ++j) {
        hub_unit[j] = where.locate(hub_points[j]);
        if (hub_unit[j] >= 0) tier.units[static_cast<std::size_t>(hub_unit[j])].hubs_inside.push_back(input.hubs[j]);
    }

    // Per unit: people, cost statistics, beyond reach, nearest hub in another unit.
    detail::sum_units(local_hub, hub_unit, input.reach, tier);
    // Per hub: its catchment (residents in a unit whose nearest hub it is), within reach, cost.
    detail::sum_hubs(local_hub, hub_unit, input.hubs, input.reach, tier);

    // Service area, and per unit the gap: the unit minus the service area (GEOS, one unit per task).
    tier.service_area = input.cost->service_area(hub_points, input.reach);
    parallel_chunks(
        input.units.size(),
        [&](std::size_t b, std::size_t e) {
            for (std::size_t u = b; u < e; ++u) {
                tier.units[u].gap = geom::difference(input.units[u].geometry, tier.service_area);
                tier.units[u].gap_area_m2 = geom::area(tier.units[u].gap);
            }
        },
        1);
}

}  // namespace

ModelResult run_model(const ModelInput& in) {
    check_input(in);
    ModelResult model;
    model.study_area_m2 = geom::area(in.study_area);
    for (std::size_t i = 0; i < in.residents.size(); ++i)
        model.total += PeopleCount{in.residents.population[i], in.residents.age65[i], in.residents.age75[i]};
    model.apportionment = !in.residents.polygons.empty()
                              ? (in.residents.area_weighted ? "area-weighted polygons" : "polygon interior points")
                              : "points";
    model.tiers.resize(in.tiers.size());
    const auto points = detail::shared_points(in.residents);
    for (std::size_t t = 0; t < in.tiers.size(); ++t) analyse_tier(in, points, t, model);
    return model;
}

}  // namespace keniki::analysis
