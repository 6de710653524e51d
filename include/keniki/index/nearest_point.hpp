#pragma once
// Nearest of a set of points (hubs, stops) for many query points, by straight-line distance.
//
// Few targets are scanned. For more, nearest_all lays a grid over the queries and lists for each cell
// the targets that can be nearest to some point of it (those whose distance to the cell is at most
// the smallest "farthest distance" of any target from the cell); a query then scans only its cell's
// short list. Exact, and ties go to the lowest target index, as in the plain scan. On 1,000,000
// queries and 200 hubs this is about four times faster than a Boost.Geometry R-tree's nearest query,
// whose per-query traversal was a third of the tier model's time.

#include <cstdint>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::index {

class NearestPoint {
public:
    explicit NearestPoint(std::span<const Point> targets);

    /// For each query: index of the nearest target (-1 when there are none) and its distance.
    void nearest_all(std::span<const Point> queries, std::vector<std::int32_t>& target, std::vector<double>& distance) const;

private:
    std::vector<Point> m_targets;
};

}  // namespace keniki::index
