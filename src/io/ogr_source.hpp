#pragma once
// Opening OGR datasets and naming their CRS, shared by the readers (read_layer, read_schema).

#include <string>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include "io/source_kind.hpp"
#include "keniki/core/layer.hpp"

namespace keniki::io::detail {

/// Opens an OGR vector dataset, passing the shapefile ENCODING open option when one is asked for.
/// Throws DataError naming the file when GDAL cannot read it or it has no vector layer.
GDALDatasetUniquePtr open_ogr(const Source& src, const std::string& encoding);

/// "EPSG:n" when the CRS has (or is identified with) an EPSG code, else WKT2; empty for none.
std::string crs_string(const OGRSpatialReference* srs);

/// The engine's type of an OGR field type.
FieldType field_type(OGRFieldType t);

}  // namespace keniki::io::detail
