#pragma once
// Geometry validity through GEOS (OGC simple-feature rules), and repair with GEOS MakeValid.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/core/layer.hpp"

namespace keniki::geom {

/// Why a geometry is invalid ("Self-intersection at 130.61 33.62"), or nullopt when it is valid.
std::optional<std::string> invalid_reason(const Geometry& g);

/// GEOS MakeValid (structure-preserving where GEOS has it); polygonal input stays polygonal
/// (collapsed parts are dropped), lines stay lines. Absurd coordinates are refused (DataError).
Geometry make_valid(const Geometry& g);

struct InvalidFeature {
    std::int64_t id = 0;
    std::string reason;
};

/// Every invalid feature of a layer, in order. A vertex that is not a finite, plausible coordinate
/// (NaN, inf, beyond 1e10) is not something MakeValid can repair: a DataError naming the feature.
std::vector<InvalidFeature> find_invalid(const Layer& layer);

/// Repairs the invalid features of a layer in place; returns how many were repaired. Absurd
/// coordinates are refused as by find_invalid.
std::size_t repair_invalid(Layer& layer);

}  // namespace keniki::geom
