#include "keniki/geom/validity.hpp"

#include <cmath>
#include <type_traits>

#include <boost/geometry/algorithms/for_each.hpp>
#include <geos_c.h>

#include "geom/geos_handle.hpp"
#include "keniki/core/error.hpp"

namespace keniki::geom {

using detail::context;
using detail::own;

namespace {

/// Magnitudes past this are no coordinate of any CRS (nothing on Earth is more than about 4e7 m
/// from a projection's origin): a corrupt or mis-scaled value, which no repair can turn into a place.
constexpr double k_absurd = 1e10;

/// The first NaN, infinite or absurd coordinate of `g`, described; nullopt when all are sane.
std::optional<std::string> absurd_coordinate(const Geometry& g) {
    std::optional<std::string> why;
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (!std::is_same_v<T, Empty>) {
                std::size_t vertex = 0;
                boost::geometry::for_each_point(v, [&](const Point& p) {
                    for (const double c : {p.x(), p.y()}) {
                        if (why) break;
                        if (!std::isfinite(c) || std::abs(c) > k_absurd)
                            why = "vertex " + std::to_string(vertex) + " has the coordinate " + as_text(Value{c}) +
                                  ", which is absurd in any CRS (a corrupt or mis-scaled value; no repair can place it)";
                    }
                    ++vertex;
                });
            }
        },
        g);
    return why;
}

/// Absurd coordinates are not a validity problem that MakeValid could repair: refuse them outright.
void refuse_absurd(const Layer& layer, const Feature& f) {
    if (auto why = absurd_coordinate(f.geometry)) throw DataError(*why, Where{{}, layer.name, f.id});
}

}  // namespace

std::optional<std::string> invalid_reason(const Geometry& g) {
    if (is_empty(g)) return std::nullopt;
    if (auto why = absurd_coordinate(g)) return why;
    detail::GeosGeometryPtr geos;
    try {
        geos = detail::to_geos(g);
    } catch (const DataError& e) {
        return std::string(e.message());  // e.g. a ring with fewer than four points
    }
    GEOSContextHandle_t ctx = context();
    const char valid = GEOSisValid_r(ctx, geos.get());
    if (valid == 1) return std::nullopt;
    char* reason = GEOSisValidReason_r(ctx, geos.get());
    std::string out = reason ? reason : "invalid geometry";
    GEOSFree_r(ctx, reason);
    return out;
}

Geometry make_valid(const Geometry& g) {
    if (is_empty(g)) return g;
    if (auto why = absurd_coordinate(g)) throw DataError(*why);
    GEOSContextHandle_t ctx = context();
    detail::GeosGeometryPtr geos = detail::to_geos(g);
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
    GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
    detail::GeosGeometryPtr fixed = own(GEOSMakeValidWithParams_r(ctx, geos.get(), params));
    GEOSMakeValidParams_destroy_r(ctx, params);
    if (!fixed) throw DataError("GEOS MakeValid failed: " + detail::last_geos_message());
    Geometry out = detail::from_geos(fixed.get());
    // Keep the declared kind where possible: a Polygon that became several parts is a MultiPolygon.
    if (std::holds_alternative<Polygon>(g) && std::holds_alternative<Polygon>(out)) return out;
    if (std::holds_alternative<MultiPolygon>(g) && std::holds_alternative<Polygon>(out))
        return MultiPolygon{std::get<Polygon>(out)};
    return out;
}

std::vector<InvalidFeature> find_invalid(const Layer& layer) {
    std::vector<InvalidFeature> out;
    for (const auto& f : layer.features) {
        refuse_absurd(layer, f);
        if (auto reason = invalid_reason(f.geometry)) out.push_back({f.id, std::move(*reason)});
    }
    return out;
}

std::size_t repair_invalid(Layer& layer) {
    std::size_t repaired = 0;
    for (auto& f : layer.features) {
        refuse_absurd(layer, f);
        if (invalid_reason(f.geometry)) {
            f.geometry = make_valid(f.geometry);
            ++repaired;
        }
    }
    return repaired;
}

}  // namespace keniki::geom
