#pragma once
// Which polygon holds a point, for millions of points: an R-tree over the polygons' boxes plus a
// uniform grid whose cells are marked "wholly inside polygon i" where that is true, so that most
// points are answered without a point-in-polygon test. Polygons of PolygonEdges::worth_it vertices
// or more are tested through an R-tree of their edges (polygon_edges.hpp), so that a unit whose
// outline has millions of vertices costs O(log n) per point, not O(n).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::index {

class PolygonIndex {
public:
    static constexpr std::int32_t none = -1;

    /// `grid_cells` cells along the longer side of the polygons' extent (0 = no grid).
    explicit PolygonIndex(std::span<const MultiPolygon> polygons, int grid_cells = 256);
    ~PolygonIndex();
    PolygonIndex(PolygonIndex&&) noexcept;
    PolygonIndex& operator=(PolygonIndex&&) noexcept;

    /// Index of the polygon that covers p (boundary included); the lowest index when several do;
    /// `none` when none does.
    std::int32_t locate(const Point& p) const;
    /// locate() for many points, on all cores.
    std::vector<std::int32_t> locate_all(std::span<const Point> points) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace keniki::index
