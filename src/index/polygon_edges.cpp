#include "keniki/index/polygon_edges.hpp"

#include <vector>

#include <boost/iterator/function_output_iterator.hpp>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/segment.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/bounds.hpp"

namespace keniki::index {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Segment = bg::model::segment<Point>;

template <typename Ring>
void add_ring(const Ring& ring, std::vector<Segment>& out) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const Point& a = ring[i];
        const Point& b = ring[i + 1];
        if (a.x() == b.x() && a.y() == b.y()) continue;  // repeated vertex: no edge
        out.emplace_back(a, b);
    }
}

}  // namespace

std::size_t vertex_count(const MultiPolygon& polygon) {
    std::size_t n = 0;
    for (const auto& part : polygon) {
        n += part.outer().size();
        for (const auto& inner : part.inners()) n += inner.size();
    }
    return n;
}

struct PolygonEdges::Impl {
    bgi::rtree<Segment, bgi::quadratic<16>> tree;
    double x_max = 0;
};

PolygonEdges::PolygonEdges(const MultiPolygon& polygon) : m_impl(std::make_unique<Impl>()) {
    std::vector<Segment> edges;
    edges.reserve(vertex_count(polygon));
    for (const auto& part : polygon) {
        add_ring(part.outer(), edges);
        for (const auto& inner : part.inners()) add_ring(inner, edges);
    }
    m_impl->tree = decltype(m_impl->tree)(edges.begin(), edges.end());  // packed (bulk-loaded)
    m_impl->x_max = polygon.empty() ? 0 : bounds_of(polygon).max_corner().x();
}

PolygonEdges::~PolygonEdges() = default;
PolygonEdges::PolygonEdges(PolygonEdges&&) noexcept = default;
PolygonEdges& PolygonEdges::operator=(PolygonEdges&&) noexcept = default;

bool PolygonEdges::covers(const Point& p) const {
    const double px = p.x(), py = p.y();
    if (!(px <= m_impl->x_max)) return false;  // right of every edge (or NaN)
    // Every edge that crosses the ray from p to the right, or passes through p, meets this box.
    const Box ray{Point{px, py}, Point{m_impl->x_max + 1.0, py}};
    bool inside = false, on_boundary = false;
    m_impl->tree.query(bgi::intersects(ray), boost::make_function_output_iterator([&](const Segment& s) {
                           const Point& a = s.first;
                           const Point& b = s.second;
                           const double o = (b.x() - a.x()) * (py - a.y()) - (b.y() - a.y()) * (px - a.x());
                           if (o == 0 && std::min(a.x(), b.x()) <= px && px <= std::max(a.x(), b.x()) && std::min(a.y(), b.y()) <= py &&
                               py <= std::max(a.y(), b.y())) {
                               on_boundary = true;
                               return;
                           }
                           // Half-open in y, so that a ray through a vertex counts the two edges meeting there once.
                           if ((a.y() > py) != (b.y() > py)) {
                               if (b.y() > a.y() ? o > 0 : o < 0) inside = !inside;
                           }
                       }));
    return on_boundary || inside;
}

}  // namespace keniki::index
