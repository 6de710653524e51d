#include "keniki/index/nearest_point.hpp"

#include <cmath>
#include <limits>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"

namespace keniki::index {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct NearestPoint::Impl {
    using Entry = std::pair<Point, std::int32_t>;
    bgi::rtree<Entry, bgi::rstar<16>> tree;
    /// Few targets (a tier with one or ten hubs): a plain scan beats the tree's query overhead.
    static constexpr std::size_t k_scan_limit = 32;
    std::vector<Point> targets;
};

NearestPoint::NearestPoint(std::span<const Point> targets) : m_impl(std::make_unique<Impl>()) {
    std::vector<Impl::Entry> entries;
    entries.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) entries.emplace_back(targets[i], static_cast<std::int32_t>(i));
    if (targets.size() <= Impl::k_scan_limit) m_impl->targets.assign(targets.begin(), targets.end());
    else m_impl->tree = decltype(m_impl->tree)(entries.begin(), entries.end());
}

NearestPoint::~NearestPoint() = default;
NearestPoint::NearestPoint(NearestPoint&&) noexcept = default;
NearestPoint& NearestPoint::operator=(NearestPoint&&) noexcept = default;

void NearestPoint::nearest_all(std::span<const Point> queries, std::vector<std::int32_t>& target, std::vector<double>& distance) const {
    target.assign(queries.size(), -1);
    distance.assign(queries.size(), std::numeric_limits<double>::infinity());
    if (!m_impl->targets.empty()) {
        const auto& t = m_impl->targets;
        parallel_chunks(queries.size(), [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                const double qx = queries[i].x(), qy = queries[i].y();
                double best = std::numeric_limits<double>::infinity();
                std::int32_t which = -1;
                for (std::size_t k = 0; k < t.size(); ++k) {
                    const double dx = t[k].x() - qx, dy = t[k].y() - qy, d = dx * dx + dy * dy;
                    if (d < best) {  // strict: the lowest index wins ties, as a stable order would
                        best = d;
                        which = static_cast<std::int32_t>(k);
                    }
                }
                target[i] = which;
                distance[i] = std::sqrt(best);
            }
        });
        return;
    }
    if (m_impl->tree.empty()) return;
    parallel_chunks(queries.size(), [&](std::size_t b, std::size_t e) {
        std::vector<Impl::Entry> hit;
        for (std::size_t i = b; i < e; ++i) {
            hit.clear();
            m_impl->tree.query(bgi::nearest(queries[i], 1), std::back_inserter(hit));
            target[i] = hit.front().second;
            distance[i] = bg::distance(queries[i], hit.front().first);
        }
    });
}

}  // namespace keniki::index
