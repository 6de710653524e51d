#pragma once
// Geometry of a tier: unit areas, parents in the tier above, gaps and overlaps against the study area.

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis::detail {

/// Fills area_m2, parent, parent_overlap_share of `tier.units`, the tier's gap/overlap figures and
/// nesting problems. `above` is the tier above (nullptr for the top tier).
void measure_tier(const TierInput& input, const MultiPolygon& study_area, double study_area_m2, const TierInput* above,
                  double nesting_tolerance, TierResult& tier);

}  // namespace keniki::analysis::detail
