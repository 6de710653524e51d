#include "keniki/crs/transform.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <proj.h>

#include "crs/proj_handles.hpp"
#include "keniki/core/error.hpp"

namespace keniki::crs {

using detail::PjPtr;
using detail::ProjContext;

struct Transformer::Impl {
    ProjContext m_ctx;  // declared first: destroyed after the PJ that points to it
    PjPtr m_pj;
    std::string m_from;  // quoted, for messages
    std::string m_to;

    [[noreturn]] void fail(const char* direction, std::size_t index, const Point& p, int err) const {
        std::ostringstream msg;
        msg.precision(12);
        msg << "cannot transform point";
        if (index != static_cast<std::size_t>(-1)) msg << " #" << index;
        msg << " (" << p.x() << ", " << p.y() << ") " << direction << " from " << m_from << " to " << m_to;
        if (err != 0) {
            const char* text = proj_context_errno_string(m_ctx.get(), err);
            if (text) msg << ": " << text;
        } else {
            msg << ": the result is not finite";
        }
        throw DataError(msg.str());
    }

    Point trans_one(PJ_DIRECTION direction, const Point& p) const {
        proj_errno_reset(m_pj.get());
        const PJ_COORD out = proj_trans(m_pj.get(), direction, proj_coord(p.x(), p.y(), 0, 0));
        if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
            fail(direction == PJ_FWD ? "forward" : "inverse", static_cast<std::size_t>(-1), p, proj_errno(m_pj.get()));
        return {out.xy.x, out.xy.y};
    }

    /// Transforms all points or none: the span is only written once every result is finite.
    void trans_many(PJ_DIRECTION direction, std::span<Point> points) const {
        if (points.empty()) return;
        std::vector<double> xy(2 * points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            xy[2 * i] = points[i].x();
            xy[2 * i + 1] = points[i].y();
        }
        constexpr std::size_t stride = 2 * sizeof(double);
        proj_errno_reset(m_pj.get());
        proj_trans_generic(m_pj.get(), direction, xy.data(), stride, points.size(), xy.data() + 1, stride, points.size(),
                           nullptr, 0, 0, nullptr, 0, 0);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!std::isfinite(xy[2 * i]) || !std::isfinite(xy[2 * i + 1]))
                fail(direction == PJ_FWD ? "forward" : "inverse", i, points[i], proj_errno(m_pj.get()));
        }
        for (std::size_t i = 0; i < points.size(); ++i) points[i] = Point(xy[2 * i], xy[2 * i + 1]);
    }
};

Transformer::Transformer(const std::string& from, const std::string& to) : m_impl(std::make_unique<Impl>()) {
    Impl& impl = *m_impl;
    impl.m_from = detail::quote_definition(from);
    impl.m_to = detail::quote_definition(to);
    const PjPtr source = detail::create_crs(impl.m_ctx, from);
    const PjPtr target = detail::create_crs(impl.m_ctx, to);

    impl.m_ctx.clear_error();
    const PjPtr operation(
        proj_create_crs_to_crs_from_pj(impl.m_ctx.get(), source.get(), target.get(), nullptr, nullptr));
    if (!operation)
        throw DataError("PROJ finds no transformation from " + impl.m_from + " to " + impl.m_to + ": " +
                        impl.m_ctx.error_text());
    // x = longitude/easting, y = latitude/northing, whatever axis order either CRS declares.
    impl.m_pj.reset(proj_normalize_for_visualization(impl.m_ctx.get(), operation.get()));
    if (!impl.m_pj)
        throw DataError("PROJ cannot put the transformation from " + impl.m_from + " to " + impl.m_to +
                        " in longitude/easting-first order: " + impl.m_ctx.error_text());
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

namespace {
const char* const moved_from = "keniki::crs::Transformer used after it was moved from";
}

Point Transformer::forward(const Point& p) const {
    if (!m_impl) throw std::logic_error(moved_from);
    return m_impl->trans_one(PJ_FWD, p);
}

void Transformer::forward(std::span<Point> points) const {
    if (!m_impl) throw std::logic_error(moved_from);
    m_impl->trans_many(PJ_FWD, points);
}

Point Transformer::inverse(const Point& p) const {
    if (!m_impl) throw std::logic_error(moved_from);
    return m_impl->trans_one(PJ_INV, p);
}

void Transformer::inverse(std::span<Point> points) const {
    if (!m_impl) throw std::logic_error(moved_from);
    m_impl->trans_many(PJ_INV, points);
}

void transform(Geometry& g, const Transformer& t) {
    std::visit(
        [&t](auto& geometry) {
            using T = std::decay_t<decltype(geometry)>;
            if constexpr (std::is_same_v<T, Empty>) {
                return;
            } else if constexpr (std::is_same_v<T, Point>) {
                geometry = t.forward(geometry);
            } else if constexpr (std::is_same_v<T, MultiPoint> || std::is_same_v<T, LineString>) {
                t.forward(std::span<Point>(geometry));
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                for (LineString& line : geometry) t.forward(std::span<Point>(line));
            } else if constexpr (std::is_same_v<T, Polygon>) {
                t.forward(std::span<Point>(geometry.outer()));
                for (auto& ring : geometry.inners()) t.forward(std::span<Point>(ring));
            } else {
                static_assert(std::is_same_v<T, MultiPolygon>, "every Geometry alternative is handled");
                for (Polygon& polygon : geometry) {
                    t.forward(std::span<Point>(polygon.outer()));
                    for (auto& ring : polygon.inners()) t.forward(std::span<Point>(ring));
                }
            }
        },
        g);
}

namespace {

std::optional<int> parse_code(const char* code) {
    if (!code) return std::nullopt;
    const std::string_view text(code);
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<int> own_epsg_id(const PJ* crs) {
    const char* authority = proj_get_id_auth_name(crs, 0);
    if (!authority || std::string_view(authority) != "EPSG") return std::nullopt;
    return parse_code(proj_get_id_code(crs, 0));
}

}  // namespace

std::optional<int> epsg_code(const std::string& definition) {
    ProjContext ctx;
    const PjPtr crs = detail::horizontal_crs(ctx, detail::create_crs(ctx, definition));
    if (auto own = own_epsg_id(crs.get())) return own;

    int* confidence = nullptr;
    const detail::PjListPtr matches(proj_identify(ctx.get(), crs.get(), "EPSG", nullptr, &confidence));
    const std::unique_ptr<int, void (*)(int*)> confidence_keeper(confidence, &proj_int_list_destroy);
    if (!matches || !confidence) return std::nullopt;

    // Only a single full-confidence match counts: two would mean PROJ cannot tell them apart.
    std::optional<int> found;
    const int count = proj_list_get_count(matches.get());
    for (int i = 0; i < count; ++i) {
        if (confidence[i] < 100) continue;
        const PjPtr candidate(proj_list_get(ctx.get(), matches.get(), i));
        const std::optional<int> code = candidate ? own_epsg_id(candidate.get()) : std::nullopt;
        if (!code) continue;
        if (found && *found != *code) return std::nullopt;
        found = code;
    }
    return found;
}

bool is_geographic(const std::string& definition) {
    ProjContext ctx;
    const PjPtr crs = detail::horizontal_crs(ctx, detail::create_crs(ctx, definition));
    switch (proj_get_type(crs.get())) {
        case PJ_TYPE_GEOGRAPHIC_CRS:
        case PJ_TYPE_GEOGRAPHIC_2D_CRS:
        case PJ_TYPE_GEOGRAPHIC_3D_CRS:
            return true;
        case PJ_TYPE_PROJECTED_CRS:
        case PJ_TYPE_ENGINEERING_CRS:
            return false;
        default:
            break;
    }
    throw DataError("CRS definition " + detail::quote_definition(definition) +
                    " is neither geographic nor projected (e.g. geocentric or vertical); keniki needs one of those");
}

std::string crs_name(const std::string& definition) {
    ProjContext ctx;
    const PjPtr crs = detail::create_crs(ctx, definition);
    const char* name = proj_get_name(crs.get());
    if (name && *name) return name;
    const PjPtr horizontal = detail::horizontal_crs(ctx, detail::create_crs(ctx, definition));
    name = proj_get_name(horizontal.get());
    return name ? name : "";
}

Layer reprojected(const Layer& layer, const std::string& to) {
    Layer out = layer;
    const Transformer t(layer.crs, to);
    for (auto& f : out.features) transform(f.geometry, t);
    out.crs = to;
    return out;
}

}  // namespace keniki::crs
