#include "keniki/index/nearest_point.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"

namespace keniki::index {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct NearestPoint::Impl {
    using Entry = std::pair<Point, std::int32_t>;
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

NearestPoint::NearestPoint(std::span<const Point> targets) : m_impl(std::make_unique<Impl>()) {
    std::vector<Impl::Entry> entries;
    entries.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) entries.emplace_back(targets[i], static_cast<std::int32_t>(i));
    m_impl->tree = decltype(m_impl->tree)(entries.begin(), entries.end());
}

NearestPoint::~NearestPoint() = default;
NearestPoint::NearestPoint(NearestPoint&&) noexcept = default;
NearestPoint& NearestPoint::operator=(NearestPoint&&) noexcept = default;

void NearestPoint::nearest_all(std::span<const Point> queries, std::vector<std::int32_t>& target, std::vector<double>& distance) const {
    target.assign(queries.size(), -1);
    distance.assign(queries.size(), std::numeric_limits<double>::infinity());
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
