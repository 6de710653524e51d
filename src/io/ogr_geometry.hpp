#pragma once
// Conversion between OGR geometries and the engine's geometry model (io/ only: GDAL stays here).

#include <optional>
#include <string>

#include <ogr_geometry.h>

#include "keniki/core/absurd_coordinate.hpp"
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

using keniki::absurd_coordinate;
using keniki::k_absurd_coordinate;

/// OGR's name of the geometry type of a layer ("Polygon", "Multi Polygon", ...).
std::string geometry_type_name(OGRwkbGeometryType t);

}  // namespace keniki::io::detail
