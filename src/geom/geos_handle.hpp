#pragma once
// RAII around the GEOS C API (reentrant _r functions): one context per thread, geometries destroyed
// with the context that made them. Only geom/ includes geos_c.h.

#include <memory>
#include <string>

#include <geos_c.h>

#include "keniki/core/geometry.hpp"

namespace keniki::geom::detail {

/// A GEOS context for this thread (created on first use, destroyed at thread exit).
GEOSContextHandle_t context();

struct GeometryDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g) GEOSGeom_destroy_r(ctx, g);
    }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

inline GeosGeometryPtr own(GEOSGeometry* g) { return GeosGeometryPtr(g, GeometryDeleter{context()}); }

/// The last message GEOS gave on this thread's context (notice or error).
std::string last_geos_message();

GeosGeometryPtr to_geos(const Geometry& g);
Geometry from_geos(const GEOSGeometry* g);

}  // namespace keniki::geom::detail
