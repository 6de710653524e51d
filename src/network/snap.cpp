#include "keniki/network/snap.hpp"

#include <cmath>
#include <limits>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"

namespace keniki::network {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct Snapper::Impl {
    using Entry = std::pair<Box, std::uint32_t>;  ///< a segment's box and the index of its first point
    bgi::rtree<Entry, bgi::rstar<16>> tree;
    std::vector<EdgeId> point_edge;   ///< edge of each point of RoadNetwork::points
    std::vector<double> point_offset; ///< distance along its edge's line from u
};

Snapper::Snapper(const RoadNetwork& network) : m_network(&network), m_impl(std::make_unique<Impl>()) {
    const auto& pts = network.points;
    m_impl->point_edge.resize(pts.size());
    m_impl->point_offset.resize(pts.size());
    std::vector<Impl::Entry> entries;
    entries.reserve(pts.size());
    for (EdgeId e = 0; e < network.edge_count(); ++e) {
        const std::uint32_t b = network.edge_first_point[e], end = network.edge_first_point[e + 1];
        // Offsets scaled so that the last point sits at the edge's length (a length field may differ
        // from the measured one).
        double measured = 0;
        for (std::uint32_t i = b; i < end; ++i) {
            if (i > b) measured += std::hypot(pts[i].x() - pts[i - 1].x(), pts[i].y() - pts[i - 1].y());
            m_impl->point_edge[i] = e;
            m_impl->point_offset[i] = measured;
        }
        const double scale = measured > 0 ? network.edge_length_m[e] / measured : 0;
        for (std::uint32_t i = b; i < end; ++i) m_impl->point_offset[i] *= scale;
        for (std::uint32_t i = b; i + 1 < end; ++i) {
            Box box{Point{std::min(pts[i].x(), pts[i + 1].x()), std::min(pts[i].y(), pts[i + 1].y())},
                    Point{std::max(pts[i].x(), pts[i + 1].x()), std::max(pts[i].y(), pts[i + 1].y())}};
            entries.emplace_back(box, i);
        }
    }
    m_impl->tree = decltype(m_impl->tree)(entries.begin(), entries.end());
}

Snapper::~Snapper() = default;
Snapper::Snapper(Snapper&&) noexcept = default;
Snapper& Snapper::operator=(Snapper&&) noexcept = default;

Snap Snapper::snap(const Point& p, double max_distance_m) const {
    Snap best;
    if (m_impl->tree.empty() || !(max_distance_m >= 0)) return best;
    const auto& pts = m_network->points;
    const double limit_d2 = max_distance_m * max_distance_m;
    double best_d2 = std::numeric_limits<double>::infinity();
    std::uint32_t best_point = 0;
    double best_t = 0;
    bool found = false;
    // The k nearest segment boxes, k growing until the farthest of them is no nearer than the best
    // segment found: a box is never farther than its segment, so nothing left out can be nearer.
    thread_local std::vector<Impl::Entry> hits;
    for (unsigned k = 8;; k *= 4) {
        hits.clear();
        m_impl->tree.query(bgi::nearest(p, k), std::back_inserter(hits));
        double farthest_box = 0;
        for (const auto& [box, i] : hits) {
            const double box_d2 = bg::comparable_distance(p, box);
            farthest_box = std::max(farthest_box, box_d2);
            if (box_d2 > limit_d2 || box_d2 > best_d2) continue;
            const Point& a = pts[i];
            const Point& b = pts[i + 1];
            const double dx = b.x() - a.x(), dy = b.y() - a.y();
            const double len2 = dx * dx + dy * dy;
            const double t = len2 > 0 ? std::clamp(((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2, 0.0, 1.0) : 0.0;
            const double qx = a.x() + t * dx, qy = a.y() + t * dy;
            const double d2 = (p.x() - qx) * (p.x() - qx) + (p.y() - qy) * (p.y() - qy);
            if (d2 > limit_d2) continue;
            const EdgeId e = m_impl->point_edge[i];
            const EdgeId best_e = found ? m_impl->point_edge[best_point] : k_no_edge;
            if (!found || d2 < best_d2 || (d2 == best_d2 && (e < best_e || (e == best_e && i < best_point)))) {
                best_d2 = d2;
                best_point = i;
                best_t = t;
                found = true;
            }
        }
        if (hits.size() < k || farthest_box > best_d2 || farthest_box > limit_d2) break;
    }
    if (!found) return best;
    const Point& a = pts[best_point];
    const Point& b = pts[best_point + 1];
    best.edge = m_impl->point_edge[best_point];
    best.on_road = Point{a.x() + best_t * (b.x() - a.x()), a.y() + best_t * (b.y() - a.y())};
    best.offset_m = m_impl->point_offset[best_point] + best_t * (m_impl->point_offset[best_point + 1] - m_impl->point_offset[best_point]);
    best.offset_m = std::clamp(best.offset_m, 0.0, m_network->edge_length_m[best.edge]);
    best.access_m = std::sqrt(best_d2);
    return best;
}

std::vector<Snap> Snapper::snap_all(std::span<const Point> points, double max_distance_m) const {
    std::vector<Snap> out(points.size());
    parallel_chunks(points.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) out[i] = snap(points[i], max_distance_m);
    }, 4096);
    return out;
}

}  // namespace keniki::network
