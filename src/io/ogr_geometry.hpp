#pragma once
// Conversion between OGR geometries and the engine's geometry model (io/ only: GDAL stays here).

#include <optional>
#include <string>

#include <ogr_geometry.h>

#include "keniki/core/geometry.hpp"

namespace keniki::io::detail {

struct ConversionNotes {
    bool dropped_z = false;        ///< 3D coordinates flattened to 2D
    bool flattened_collection = false;  ///< a GeometryCollection kept only its highest-dimension parts
    bool linearised_curves = false;
};

/// OGR -> engine model. Curves are linearised, Z dropped, collections reduced to their
/// highest-dimension parts (noted). A null or empty geometry gives Empty.
Geometry from_ogr(const OGRGeometry* g, ConversionNotes* notes = nullptr);

/// Engine model -> OGR (nullptr for Empty).
OGRGeometryUniquePtr to_ogr(const Geometry& g);

/// Coordinates beyond any CRS's reach: magnitudes above this (metres, feet or degrees) are corrupt or
/// mis-scaled values (nothing on Earth is more than about 4e7 m from a projection's origin).
inline constexpr double k_absurd_coordinate = 1e10;

/// Why a geometry cannot be used as coordinates at all: its first vertex with a coordinate that is
/// NaN, infinite or beyond k_absurd_coordinate ("vertex 2 has the coordinate 1e+308: ..."); nullopt when all are sane.
std::optional<std::string> absurd_coordinate(const Geometry& g);

/// OGR's name of the geometry type of a layer ("Polygon", "Multi Polygon", ...).
std::string geometry_type_name(OGRwkbGeometryType t);

}  // namespace keniki::io::detail
