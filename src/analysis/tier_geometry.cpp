#include "analysis/tier_geometry.hpp"

#include <cstdio>

#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/bounds.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::analysis::detail {

namespace bgi = boost::geometry::index;

void measure_tier(const TierInput& input, const MultiPolygon& study_area, double study_area_m2, const TierInput* above,
                  double nesting_tolerance, TierResult& tier) {
    std::vector<std::pair<Box, std::int32_t>> boxes;
    if (above) {
        for (std::size_t i = 0; i < above->units.size(); ++i) boxes.emplace_back(bounds_of(above->units[i].geometry), static_cast<std::int32_t>(i));
    }
    const bgi::rtree<std::pair<Box, std::int32_t>, bgi::quadratic<16>> parents(boxes.begin(), boxes.end());
    // Areas and parents, one unit per task (GEOS contexts are per thread).
    std::vector<std::string> problems(input.units.size());
    parallel_chunks(
        input.units.size(),
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t u = begin; u < end; ++u) {
                const Unit& unit = input.units[u];
                UnitResult& r = tier.units[u];
                r.area_m2 = geom::area(unit.geometry);
                if (!above) continue;
                double best = 0;
                for (auto it = parents.qbegin(bgi::intersects(bounds_of(unit.geometry))); it != parents.qend(); ++it) {
                    const double shared = geom::intersection_area(unit.geometry, above->units[static_cast<std::size_t>(it->second)].geometry);
                    if (shared > best || (shared == best && r.parent >= 0 && it->second < r.parent)) {
                        best = shared;
                        r.parent = it->second;
                    }
                }
                r.parent_overlap_share = r.area_m2 > 0 ? best / r.area_m2 : 0;
                if (r.parent < 0) {
                    problems[u] = "unit " + unit.id + " (" + unit.name + ") lies in no unit of tier " + above->id;
                } else if (r.parent_overlap_share < 1.0 - nesting_tolerance) {
                    char share[32];
                    std::snprintf(share, sizeof share, "%.1f%%", 100.0 * (1.0 - r.parent_overlap_share));
                    problems[u] = "unit " + unit.id + " (" + unit.name + ") is not nested: " + share + " of its area lies outside its parent " +
                                  above->units[static_cast<std::size_t>(r.parent)].id;
                }
            }
        },
        1);
    double sum_of_areas = 0;
    for (std::size_t u = 0; u < input.units.size(); ++u) {
        sum_of_areas += tier.units[u].area_m2;
        if (!problems[u].empty()) tier.nesting_problems.push_back(problems[u]);
    }
    std::vector<MultiPolygon> geometries;
    geometries.reserve(input.units.size());
    for (const auto& unit : input.units) geometries.push_back(unit.geometry);
    // Only the areas of the union are needed: computed tile by tile (a union of units with outlines
    // of millions of vertices took minutes in one GEOS call; issue 16).
    const geom::UnionAreas areas = geom::union_areas(geometries, study_area);
    tier.overlap_m2 = std::max(0.0, sum_of_areas - areas.union_m2);
    tier.overlap_share = study_area_m2 > 0 ? tier.overlap_m2 / study_area_m2 : 0;
    tier.gap_m2 = std::max(0.0, study_area_m2 - areas.within_m2);
    tier.gap_share = study_area_m2 > 0 ? tier.gap_m2 / study_area_m2 : 0;
}

}  // namespace keniki::analysis::detail
