#pragma once
// RAII around the GEOS C API (reentrant _r functions): one context per thread, geometries destroyed
// with the context that made them. Only geom/ includes geos_c.h.

#include <memory>
#include <string>
#include <vector>

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

/// `g`, owned; a DataError "GEOS <what> failed: <GEOS's message>" when GEOS returned null.
GeosGeometryPtr checked(GEOSGeometry* g, const char* what);

/// Raw GEOS geometries on their way into one collection (for a union or a multi-geometry): what is
/// not handed over to a collection is destroyed with the batch, so an exception half-way leaks
/// nothing. Slots may be filled from several threads, each its own slots.
class GeosBatch {
public:
    GeosBatch() = default;
    explicit GeosBatch(std::size_t slots) : m_items(slots, nullptr) {}
    ~GeosBatch();
    GeosBatch(const GeosBatch&) = delete;
    GeosBatch& operator=(const GeosBatch&) = delete;

    void push(GeosGeometryPtr g);
    void set(std::size_t slot, GeosGeometryPtr g);  ///< what the slot held is destroyed
    std::size_t size() const noexcept { return m_items.size(); }
    bool empty() const noexcept { return m_items.empty(); }
    const GEOSGeometry* operator[](std::size_t i) const noexcept { return m_items[i]; }
    /// Drops the empty slots.
    void compact();
    /// Slot i takes what slot order[i] held (order is a permutation).
    void reorder(const std::vector<std::size_t>& order);
    /// One collection of `type` that owns the geometries of slots [b, e) (the slots are emptied).
    GeosGeometryPtr collect(int type, std::size_t b, std::size_t e);
    GeosGeometryPtr collect(int type = GEOS_GEOMETRYCOLLECTION) { return collect(type, 0, size()); }

private:
    std::vector<GEOSGeometry*> m_items;
};

GeosGeometryPtr to_geos(const Geometry& g);
Geometry from_geos(const GEOSGeometry* g);

}  // namespace keniki::geom::detail
