#pragma once
// Placing points on the network: the nearest point on the nearest edge (not merely the nearest
// node), found with a uniform grid over every segment of every edge line (exact: the same result as
// testing every segment). The way from the point to the road is the access leg, walked at the mode's
// walking speed.

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/network/road_network.hpp"

namespace keniki::network {

struct Snap {
    EdgeId edge = k_no_edge;  ///< k_no_edge: no road within the limit
    double offset_m = 0;      ///< along the edge's line from its u end
    Point on_road;            ///< the nearest point on that edge
    double access_m = std::numeric_limits<double>::infinity();  ///< straight distance from the point to on_road
    bool ok() const { return edge != k_no_edge; }
};

class Snapper {
public:
    /// Indexes the network's edge lines. Keeps a reference: the network must outlive the snapper.
    explicit Snapper(const RoadNetwork& network);
    ~Snapper();
    Snapper(Snapper&&) noexcept;
    Snapper& operator=(Snapper&&) noexcept;
    Snapper(const Snapper&) = delete;
    Snapper& operator=(const Snapper&) = delete;

    const RoadNetwork& network() const { return *m_network; }

    /// The nearest point of the network to `p`, if it is within max_distance_m (on equal distances,
    /// the edge with the smaller index). A point with a NaN or infinite coordinate is not placed. Thread-safe.
    Snap snap(const Point& p, double max_distance_m) const;
    /// Every point, in parallel.
    std::vector<Snap> snap_all(std::span<const Point> points, double max_distance_m) const;

private:
    struct Impl;
    const RoadNetwork* m_network;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace keniki::network
