#pragma once
// The road-network cost model: travel time along the roads (walk or drive), in minutes. Residents
// and hubs are placed on the nearest point of the nearest road (access legs walked); each resident
// gets the hub it reaches soonest travelling towards it (one-way streets respected), and a tier's
// service area is drawn from the road stretches from which a hub is reached within the reach,
// buffered by a side distance. Places farther than max_snap_m from every road are reported, and get
// no hub (-1) and an infinite cost: they count as beyond reach, never silently dropped.

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/network_options.hpp"

namespace keniki::network {
class Snapper;
}

namespace keniki::analysis {

struct NetworkCostOptions {
    network::SnapOptions snap;  ///< residents and hubs farther than snap.max_snap_m from every road are not placed
    network::AreaOptions area;  ///< service areas: side, buffer method and roundness
};

/// What the last nearest() / service_area() call could not place or reach (indices into its inputs).
struct NetworkCostReport {
    std::vector<std::size_t> unsnapped_origins;
    std::vector<std::size_t> unsnapped_hubs;
    std::vector<std::size_t> unreachable_origins;  ///< placed, but no hub reachable along the roads
};

class NetworkCost final : public CostModel {
public:
    /// The network must be in the same working CRS as the points the model is given.
    explicit NetworkCost(std::shared_ptr<const network::RoadNetwork> network, NetworkCostOptions options = {});
    ~NetworkCost() override;

    /// "walking time along the road network (4.8 km/h)", "driving time along the road network".
    std::string describe() const override;
    CostUnit unit() const override { return CostUnit::minutes; }
    void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                 std::vector<double>& cost) const override;
    /// Limit in minutes; residents travel to the hubs (inbound).
    CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const override;
    /// Reach in minutes.
    MultiPolygon service_area(std::span<const Point> hubs, double reach) const override;

    NetworkCostReport last_report() const;
    const network::RoadNetwork& network() const { return *m_network; }

private:
    std::shared_ptr<const network::RoadNetwork> m_network;
    NetworkCostOptions m_options;
    std::unique_ptr<network::Snapper> m_snapper;
    mutable std::mutex m_mutex;
    mutable NetworkCostReport m_report;
};

}  // namespace keniki::analysis
