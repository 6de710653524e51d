#include "keniki/geom/validity.hpp"

#include <cmath>
#include <type_traits>

#include <boost/geometry/algorithms/for_each.hpp>
#include <geos_c.h>

#include "geom/geos_handle.hpp"
#include "keniki/core/absurd_coordinate.hpp"
#include "keniki/core/error.hpp"

namespace keniki::geom {

using detail::context;
using detail::own;

namespace {

/// Absurd coordinates are not a validity problem that MakeValid could repair: refuse them outright.
void refuse_absurd(const Layer& layer, const Feature& f) {
    if (auto why = absurd_coordinate(f.geometry)) throw DataError(*why + "; no repair can place it", Where{{}, layer.name, f.id});
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
