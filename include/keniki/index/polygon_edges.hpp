#pragma once
// Point-in-polygon for polygons with very many vertices (a municipal border digitised at centimetre
// spacing: millions of vertices). Boost.Geometry's covered_by walks every edge, so a 2M-vertex unit
// costs 2M steps per point; this keeps the edges in an R-tree and counts only the edges that cross a
// ray from the point to the right (the even-odd rule over all rings of all parts, which for a valid
// multipolygon is "inside"), plus the edges whose box holds the point (on the boundary = covered).
// Costs O(log n + crossings) per point after an O(n log n) build.

#include <cstdint>
#include <memory>

#include "keniki/core/geometry.hpp"

namespace keniki::index {

class PolygonEdges {
public:
    /// Polygons with at least this many vertices in all are worth an edge index (below, covered_by is
    /// as fast and needs no memory).
    static constexpr std::size_t worth_it = 512;

    explicit PolygonEdges(const MultiPolygon& polygon);
    ~PolygonEdges();
    PolygonEdges(PolygonEdges&&) noexcept;
    PolygonEdges& operator=(PolygonEdges&&) noexcept;

    /// Whether p is inside the polygon or on its boundary (as boost::geometry::covered_by).
    bool covers(const Point& p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Vertices of a multipolygon, all rings (closing points included).
std::size_t vertex_count(const MultiPolygon& polygon);

}  // namespace keniki::index
