#include "io/ogr_geometry.hpp"

#include <cmath>
#include <memory>

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/for_each.hpp>

#include "keniki/core/layer.hpp"

namespace keniki::io::detail {

namespace {

template <typename Ring>
void copy_curve(const OGRSimpleCurve& curve, Ring& out) {
    out.clear();
    out.reserve(static_cast<std::size_t>(curve.getNumPoints()));
    for (int i = 0; i < curve.getNumPoints(); ++i) out.emplace_back(curve.getX(i), curve.getY(i));
}

Polygon polygon_from(const OGRPolygon& p) {
    Polygon out;
    if (p.IsEmpty()) return out;
    copy_curve(*p.getExteriorRing(), out.outer());
    for (int i = 0; i < p.getNumInteriorRings(); ++i) {
        out.inners().emplace_back();
        copy_curve(*p.getInteriorRing(i), out.inners().back());
    }
    // Shapefiles store shells clockwise, GeoJSON counter-clockwise: the engine's polygons are CCW.
    boost::geometry::correct(out);
    return out;
}

LineString line_from(const OGRLineString& l) {
    LineString out;
    copy_curve(l, out);
    return out;
}

Geometry convert(const OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            const auto& p = *g.toPoint();
            return Point{p.getX(), p.getY()};
        }
        case wkbMultiPoint: {
            MultiPoint out;
            for (const auto* p : *g.toMultiPoint()) out.emplace_back(p->getX(), p->getY());
            return out;
        }
        case wkbLineString: return line_from(*g.toLineString());
        case wkbMultiLineString: {
            MultiLineString out;
            for (const auto* l : *g.toMultiLineString()) out.push_back(line_from(*l));
            return out;
        }
        case wkbPolygon: return polygon_from(*g.toPolygon());
        case wkbMultiPolygon: {
            MultiPolygon out;
            for (const auto* p : *g.toMultiPolygon()) out.push_back(polygon_from(*p));
            return out;
        }
        default: return Empty{};
    }
}

/// Keeps the highest-dimension parts of a collection (points < lines < polygons).
Geometry reduce_collection(const OGRGeometryCollection& c) {
    MultiPoint points;
    MultiLineString lines;
    MultiPolygon polygons;
    for (const auto* part : c) {
        Geometry g = convert(*part);
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
            g);
    }
    if (!polygons.empty()) return polygons;
    if (!lines.empty()) return lines;
    if (!points.empty()) return points;
    return Empty{};
}

template <typename Ring>
void fill_curve(OGRSimpleCurve& curve, const Ring& ring) {
    curve.setNumPoints(static_cast<int>(ring.size()), FALSE);
    for (std::size_t i = 0; i < ring.size(); ++i) curve.setPoint(static_cast<int>(i), ring[i].x(), ring[i].y());
}

std::unique_ptr<OGRPolygon> polygon_to(const Polygon& p) {
    auto out = std::make_unique<OGRPolygon>();
    if (p.outer().empty()) return out;
    auto outer = std::make_unique<OGRLinearRing>();
    fill_curve(*outer, p.outer());
    out->addRingDirectly(outer.release());
    for (const auto& inner : p.inners()) {
        auto ring = std::make_unique<OGRLinearRing>();
        fill_curve(*ring, inner);
        out->addRingDirectly(ring.release());
    }
    return out;
}

std::unique_ptr<OGRLineString> line_to(const LineString& l) {
    auto out = std::make_unique<OGRLineString>();
    fill_curve(*out, l);
    return out;
}

}  // namespace

Geometry from_ogr(const OGRGeometry* g, ConversionNotes* notes) {
    if (g == nullptr || g->IsEmpty()) return Empty{};
    std::unique_ptr<OGRGeometry> owned;
    if (g->hasCurveGeometry()) {
        owned.reset(g->getLinearGeometry());
        g = owned.get();
        if (notes) notes->linearised_curves = true;
    }
    if (g->Is3D() || g->IsMeasured()) {
        if (notes) notes->dropped_z = true;
    }
    if (wkbFlatten(g->getGeometryType()) == wkbGeometryCollection) {
        if (notes) notes->flattened_collection = true;
        return reduce_collection(*g->toGeometryCollection());
    }
    return convert(*g);
}

OGRGeometryUniquePtr to_ogr(const Geometry& g) {
    return std::visit(
        [](auto&& v) -> OGRGeometryUniquePtr {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Empty>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, Point>) {
                return OGRGeometryUniquePtr(new OGRPoint(v.x(), v.y()));
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                auto out = std::make_unique<OGRMultiPoint>();
                for (const auto& p : v) out->addGeometryDirectly(new OGRPoint(p.x(), p.y()));
                return OGRGeometryUniquePtr(out.release());
            } else if constexpr (std::is_same_v<T, LineString>) {
                return OGRGeometryUniquePtr(line_to(v).release());
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                auto out = std::make_unique<OGRMultiLineString>();
                for (const auto& l : v) out->addGeometryDirectly(line_to(l).release());
                return OGRGeometryUniquePtr(out.release());
            } else if constexpr (std::is_same_v<T, Polygon>) {
                return OGRGeometryUniquePtr(polygon_to(v).release());
            } else {
                auto out = std::make_unique<OGRMultiPolygon>();
                for (const auto& p : v) out->addGeometryDirectly(polygon_to(p).release());
                return OGRGeometryUniquePtr(out.release());
            }
        },
        g);
}

std::string geometry_type_name(OGRwkbGeometryType t) { return OGRGeometryTypeToName(t); }

}  // namespace keniki::io::detail
