#pragma once
// Nearest of a set of points (hubs) for many query points, by straight-line distance: a Boost.Geometry
// R-tree built once (packing algorithm), queried in parallel.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::index {

class NearestPoint {
public:
    explicit NearestPoint(std::span<const Point> targets);
    ~NearestPoint();
    NearestPoint(NearestPoint&&) noexcept;
    NearestPoint& operator=(NearestPoint&&) noexcept;

    /// For each query: index of the nearest target (-1 when there are none) and its distance.
    void nearest_all(std::span<const Point> queries, std::vector<std::int32_t>& target, std::vector<double>& distance) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace keniki::index
