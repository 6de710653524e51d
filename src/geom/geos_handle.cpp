#include "geom/geos_handle.hpp"

#include <string>
#include <vector>

#include <boost/geometry/algorithms/correct.hpp>

#include "keniki/core/error.hpp"

namespace keniki::geom::detail {

namespace {

thread_local std::string t_last_message;

void message_handler(const char* message, void* /*userdata*/) { t_last_message = message ? message : ""; }

struct ContextKeeper {
    GEOSContextHandle_t ctx = GEOS_init_r();
    ContextKeeper() {
        GEOSContext_setErrorMessageHandler_r(ctx, message_handler, nullptr);
        GEOSContext_setNoticeMessageHandler_r(ctx, message_handler, nullptr);
    }
    ~ContextKeeper() { GEOS_finish_r(ctx); }
    ContextKeeper(const ContextKeeper&) = delete;
    ContextKeeper& operator=(const ContextKeeper&) = delete;
};

struct SequenceDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSCoordSequence* s) const noexcept {
        if (s) GEOSCoordSeq_destroy_r(ctx, s);
    }
};
using SequencePtr = std::unique_ptr<GEOSCoordSequence, SequenceDeleter>;

template <typename Range>
SequencePtr sequence_of(const Range& points) {
    GEOSContextHandle_t ctx = context();
    std::vector<double> xy;
    xy.reserve(points.size() * 2);
    for (const auto& p : points) {
        xy.push_back(p.x());
        xy.push_back(p.y());
    }
    return SequencePtr(GEOSCoordSeq_copyFromBuffer_r(ctx, xy.data(), static_cast<unsigned>(points.size()), 0, 0),
                       SequenceDeleter{ctx});
}

/// `g` as GEOS made it (raw, to be owned by the caller); a DataError when GEOS could not.
GEOSGeometry* built(GEOSGeometry* g) {
    if (g == nullptr) throw DataError("GEOS could not build a geometry: " + last_geos_message());
    return g;
}

GEOSGeometry* ring_of(const auto& ring) { return built(GEOSGeom_createLinearRing_r(context(), sequence_of(ring).release())); }

GEOSGeometry* polygon_of(const Polygon& p) {
    GEOSContextHandle_t ctx = context();
    if (p.outer().empty()) return built(GEOSGeom_createEmptyPolygon_r(ctx));
    // Rings GEOS cannot build (fewer than 4 points) come out as errors naming the problem.
    GeosGeometryPtr shell = own(ring_of(p.outer()));
    std::vector<GeosGeometryPtr> holes;
    for (const auto& inner : p.inners()) holes.push_back(own(ring_of(inner)));
    std::vector<GEOSGeometry*> raw_holes;
    for (auto& h : holes) raw_holes.push_back(h.release());
    return built(GEOSGeom_createPolygon_r(ctx, shell.release(), raw_holes.data(), static_cast<unsigned>(raw_holes.size())));
}

template <typename Part>
GEOSGeometry* collection_of(int type, const std::vector<Part>& parts, auto make_part) {
    GeosBatch batch;
    for (const auto& part : parts) batch.push(own(make_part(part)));
    return batch.collect(type).release();
}

template <typename Ring>
void read_sequence(const GEOSGeometry* g, Ring& out) {
    GEOSContextHandle_t ctx = context();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(ctx, seq, i, &x, &y);
        out[i] = Point{x, y};
    }
}

Polygon read_polygon(const GEOSGeometry* g) {
    GEOSContextHandle_t ctx = context();
    Polygon out;
    if (GEOSisEmpty_r(ctx, g)) return out;
    read_sequence(GEOSGetExteriorRing_r(ctx, g), out.outer());
    const int holes = GEOSGetNumInteriorRings_r(ctx, g);
    for (int i = 0; i < holes; ++i) {
        out.inners().emplace_back();
        read_sequence(GEOSGetInteriorRingN_r(ctx, g, i), out.inners().back());
    }
    return out;
}

}  // namespace

GEOSContextHandle_t context() {
    thread_local ContextKeeper keeper;
    return keeper.ctx;
}

std::string last_geos_message() { return t_last_message; }

GeosGeometryPtr checked(GEOSGeometry* g, const char* what) {
    if (g == nullptr) throw DataError(std::string("GEOS ") + what + " failed: " + last_geos_message());
    return own(g);
}

GeosBatch::~GeosBatch() {
    for (auto* g : m_items) {
        if (g) GEOSGeom_destroy_r(context(), g);
    }
}

void GeosBatch::push(GeosGeometryPtr g) {
    m_items.push_back(nullptr);  // may throw while `g` still owns the geometry
    m_items.back() = g.release();
}

void GeosBatch::set(std::size_t slot, GeosGeometryPtr g) {
    GEOSGeometry*& target = m_items.at(slot);  // may throw while `g` still owns the geometry
    if (target) GEOSGeom_destroy_r(context(), target);
    target = g.release();
}

void GeosBatch::compact() { std::erase(m_items, nullptr); }

void GeosBatch::reorder(const std::vector<std::size_t>& order) {
    std::vector<GEOSGeometry*> sorted(m_items.size(), nullptr);
    for (std::size_t i = 0; i < order.size(); ++i) sorted[i] = m_items[order[i]];
    m_items.swap(sorted);
}

GeosGeometryPtr GeosBatch::collect(int type, std::size_t b, std::size_t e) {
    std::vector<GEOSGeometry*> parts;
    parts.reserve(e - b);
    for (std::size_t i = b; i < e; ++i) {
        if (m_items[i]) parts.push_back(m_items[i]);
    }
    // GEOS takes the parts over as soon as it is called (also when it fails), so the slots are
    // emptied first.
    for (std::size_t i = b; i < e; ++i) m_items[i] = nullptr;
    return checked(GEOSGeom_createCollection_r(context(), type, parts.data(), static_cast<unsigned>(parts.size())), "collection");
}

GeosGeometryPtr to_geos(const Geometry& g) {
    GEOSContextHandle_t ctx = context();
    return own(std::visit(
        [&](auto&& v) -> GEOSGeometry* {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Empty>) return built(GEOSGeom_createEmptyCollection_r(ctx, GEOS_GEOMETRYCOLLECTION));
            else if constexpr (std::is_same_v<T, Point>) return built(GEOSGeom_createPointFromXY_r(ctx, v.x(), v.y()));
            else if constexpr (std::is_same_v<T, MultiPoint>)
                return collection_of(GEOS_MULTIPOINT, v, [&](const Point& p) { return built(GEOSGeom_createPointFromXY_r(ctx, p.x(), p.y())); });
            else if constexpr (std::is_same_v<T, LineString>) return built(GEOSGeom_createLineString_r(ctx, sequence_of(v).release()));
            else if constexpr (std::is_same_v<T, MultiLineString>)
                return collection_of(GEOS_MULTILINESTRING, v,
                                     [&](const LineString& l) { return built(GEOSGeom_createLineString_r(ctx, sequence_of(l).release())); });
            else if constexpr (std::is_same_v<T, Polygon>) return polygon_of(v);
            else return collection_of(GEOS_MULTIPOLYGON, v, [](const Polygon& p) { return polygon_of(p); });
        },
        g));
}

Geometry from_geos(const GEOSGeometry* g) {
    GEOSContextHandle_t ctx = context();
    if (g == nullptr || GEOSisEmpty_r(ctx, g)) return Empty{};
    switch (GEOSGeomTypeId_r(ctx, g)) {
        case GEOS_POINT: {
            double x = 0, y = 0;
            GEOSGeomGetX_r(ctx, g, &x);
            GEOSGeomGetY_r(ctx, g, &y);
            return Point{x, y};
        }
        case GEOS_LINESTRING: {
            LineString l;
            read_sequence(g, l);
            return l;
        }
        case GEOS_POLYGON: {
            Polygon p = read_polygon(g);
            boost::geometry::correct(p);  // GEOS does not promise an orientation; ours is CCW shells
            return p;
        }
        default: break;
    }
    // Collections: keep the highest-dimension parts, as the readers do.
    MultiPoint points;
    MultiLineString lines;
    MultiPolygon polygons;
    const int n = GEOSGetNumGeometries_r(ctx, g);
    for (int i = 0; i < n; ++i) {
        Geometry part = from_geos(GEOSGetGeometryN_r(ctx, g, i));
        std::visit(
            [&](auto&& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, Point>) points.push_back(v);
                else if constexpr (std::is_same_v<T, MultiPoint>) points.insert(points.end(), v.begin(), v.end());
                else if constexpr (std::is_same_v<T, LineString>) lines.push_back(v);
                else if constexpr (std::is_same_v<T, MultiLineString>) lines.insert(lines.end(), v.begin(), v.end());
                else if constexpr (std::is_same_v<T, Polygon>) polygons.push_back(v);
                else if constexpr (std::is_same_v<T, MultiPolygon>) polygons.insert(polygons.end(), v.begin(), v.end());
            },
            part);
    }
    if (!polygons.empty()) return polygons;
    if (!lines.empty()) return lines;
    if (!points.empty()) return points;
    return Empty{};
}

}  // namespace keniki::geom::detail
