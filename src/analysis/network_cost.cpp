#include "keniki/analysis/network_cost.hpp"

#include <cstdio>

#include "keniki/core/error.hpp"
#include "keniki/network/isochrone.hpp"
#include "keniki/network/search.hpp"
#include "keniki/network/snap.hpp"

namespace keniki::analysis {

NetworkCost::NetworkCost(std::shared_ptr<const network::RoadNetwork> network, NetworkCostOptions options)
    : m_network(std::move(network)), m_options(options) {
    if (!m_network) throw DataError("a network cost model needs a road network");
    m_snapper = std::make_unique<network::Snapper>(*m_network);
}

NetworkCost::~NetworkCost() = default;

std::string NetworkCost::describe() const {
    const auto& t = m_network->travel;
    char buf[128];
    if (t.mode == network::Mode::walk) {
        std::snprintf(buf, sizeof buf, "%swalking time along the road network (%.1f km/h)", t.elderly ? "elderly " : "", t.foot_kmh());
    } else {
        std::snprintf(buf, sizeof buf, "driving time along the road network (access on foot at %.1f km/h)", t.foot_kmh());
    }
    return buf;
}

void NetworkCost::nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                          std::vector<double>& cost) const {
    network::NearestOptions o;
    o.snap = m_options.snap;
    o.direction = network::Direction::inbound;
    network::NearestResult r = network::nearest_hubs(*m_snapper, origins, hubs, o);
    hub = std::move(r.hub);
    cost = std::move(r.cost_s);
    for (double& c : cost) c /= 60.0;
    const std::lock_guard lock(m_mutex);
    m_report.unsnapped_origins = std::move(r.unsnapped_origins);
    m_report.unsnapped_hubs = std::move(r.unsnapped_hubs);
    m_report.unreachable_origins = std::move(r.unreachable_origins);
}

CostTable NetworkCost::within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const {
    network::NearestOptions o;
    o.snap = m_options.snap;
    o.direction = network::Direction::inbound;
    o.cutoff_s = limit * 60.0;
    network::PairsResult r = network::hubs_within(*m_snapper, origins, hubs, o);
    CostTable t;
    t.first = std::move(r.first);
    t.hub = std::move(r.hub);
    t.cost = std::move(r.cost_s);
    for (double& c : t.cost) c /= 60.0;
    const std::lock_guard lock(m_mutex);
    m_report.unsnapped_origins = std::move(r.unsnapped_origins);
    m_report.unsnapped_hubs = std::move(r.unsnapped_hubs);
    m_report.unreachable_origins.clear();
    return t;
}

MultiPolygon NetworkCost::service_area(std::span<const Point> hubs, double reach) const {
    network::IsochroneOptions o;
    o.area = m_options.area;
    o.snap = m_options.snap;
    o.direction = network::Direction::inbound;
    network::AreaResult r = network::service_area(*m_snapper, hubs, reach, o);
    const std::lock_guard lock(m_mutex);
    m_report.unsnapped_hubs = std::move(r.unsnapped);
    return std::move(r.area);
}

NetworkCostReport NetworkCost::last_report() const {
    const std::lock_guard lock(m_mutex);
    return m_report;
}

}  // namespace keniki::analysis
