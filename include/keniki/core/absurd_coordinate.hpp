#pragma once
// Coordinates no CRS can hold: read-time checks (io) and the validity check (geom) refuse them with
// one message.

#include <optional>
#include <string>

#include "keniki/core/geometry.hpp"

namespace keniki {

/// Coordinates beyond any CRS's reach: magnitudes above this (metres, feet or degrees) are corrupt or
/// mis-scaled values (nothing on Earth is more than about 4e7 m from a projection's origin).
inline constexpr double k_absurd_coordinate = 1e10;

/// Why a geometry cannot be used as coordinates at all: its first vertex with a coordinate that is
/// NaN, infinite or beyond k_absurd_coordinate ("vertex 2 has the coordinate 1e+308: ..."); nullopt
/// when all are sane.
std::optional<std::string> absurd_coordinate(const Geometry& g);

}  // namespace keniki
