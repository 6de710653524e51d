#pragma once
// Bounding boxes by a plain min/max over the vertices. (Boost.Geometry's envelope() on multi
// geometries trips GCC 12's -Wmaybe-uninitialized inside Boost 1.74; this is also all we need.)

#include <algorithm>
#include <limits>

#include <boost/geometry/algorithms/for_each.hpp>

#include "keniki/core/geometry.hpp"

namespace keniki {

/// An "inverse" box that expand_box() grows from; is_valid_box() is false until something is added.
inline Box empty_box() {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return Box{Point{inf, inf}, Point{-inf, -inf}};
}

inline bool is_valid_box(const Box& b) { return b.min_corner().x() <= b.max_corner().x(); }

inline void expand_box(Box& b, const Point& p) {
    b.min_corner().x(std::min(b.min_corner().x(), p.x()));
    b.min_corner().y(std::min(b.min_corner().y(), p.y()));
    b.max_corner().x(std::max(b.max_corner().x(), p.x()));
    b.max_corner().y(std::max(b.max_corner().y(), p.y()));
}

inline void expand_box(Box& b, const Box& other) {
    if (!is_valid_box(other)) return;
    expand_box(b, other.min_corner());
    expand_box(b, other.max_corner());
}

template <typename G>
Box bounds_of(const G& g) {
    Box b = empty_box();
    boost::geometry::for_each_point(g, [&b](const Point& p) { expand_box(b, p); });
    return b;
}

}  // namespace keniki
