#include "keniki/pipeline/network_costs.hpp"

#include <algorithm>
#include <cstdio>

#include "keniki/core/error.hpp"
#include "keniki/network/travel_mode.hpp"

namespace keniki::pipeline {

namespace {

/// Walking time (minutes) seen as walking distance (metres): the same graph, constant speed.
class WalkingMetres final : public analysis::CostModel {
public:
    WalkingMetres(std::unique_ptr<analysis::NetworkCost> minutes, double metres_per_minute)
        : m_minutes(std::move(minutes)), m_per_minute(metres_per_minute) {}
    std::string describe() const override { return "walking distance along the road network"; }
    analysis::CostUnit unit() const override { return analysis::CostUnit::metres; }
    void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                 std::vector<double>& cost) const override {
        m_minutes->nearest(origins, hubs, hub, cost);
        for (auto& c : cost) c *= m_per_minute;
    }
    analysis::CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const override {
        analysis::CostTable t = m_minutes->within(origins, hubs, limit / m_per_minute);
        for (auto& c : t.cost) c *= m_per_minute;
        return t;
    }
    MultiPolygon service_area(std::span<const Point> hubs, double reach) const override {
        return m_minutes->service_area(hubs, reach / m_per_minute);
    }

private:
    std::unique_ptr<analysis::NetworkCost> m_minutes;
    double m_per_minute;
};

}  // namespace

NetworkCosts::NetworkCosts(const project::NetworkSpec& spec, std::string working_crs) : m_spec(spec), m_working_crs(std::move(working_crs)) {}

std::shared_ptr<const network::RoadNetwork> NetworkCosts::graph(const std::string& mode, bool elderly) {
    const std::string key = mode + (elderly ? " elderly" : "");
    if (const auto it = m_graphs.find(key); it != m_graphs.end()) return it->second;
    if (!m_roads) {
        network::RoadReadOptions read;
        read.crs = m_working_crs;
        read.layer = m_spec.roads.layer;
        read.where = m_spec.roads.where;
        read.encoding = m_spec.roads.encoding;
        read.walk = m_spec.walk;
        m_roads = network::read_roads(m_spec.roads.path, read);
    }
    const network::TravelOptions travel = this->travel(mode, elderly);
    auto g = std::make_shared<const network::RoadNetwork>(network::build_network(*m_roads, travel, m_spec.build));
    m_reports[key] = g->report;
    m_graphs[key] = g;
    return g;
}

network::TravelOptions NetworkCosts::travel(const std::string& mode, bool elderly) const {
    network::TravelOptions travel = m_spec.travel;
    travel.mode = network::parse_mode(mode);
    travel.elderly = elderly;
    return travel;
}

std::unique_ptr<analysis::NetworkCost> NetworkCosts::minutes(const std::string& mode, bool elderly) {
    analysis::NetworkCostOptions o;
    o.snap = m_spec.snap;
    o.area = m_spec.area;
    return std::make_unique<analysis::NetworkCost>(graph(mode, elderly), o);
}

std::unique_ptr<analysis::CostModel> NetworkCosts::walking_metres() {
    return std::make_unique<WalkingMetres>(minutes("walk", false), m_spec.travel.walk_kmh * 1000.0 / 60.0);
}

std::vector<report::InputProvenance> NetworkCosts::provenance() const {
    std::vector<report::InputProvenance> out;
    if (!m_roads) return out;
    report::InputProvenance roads;
    roads.role = "roads";
    roads.path = m_spec.roads.path;
    roads.layer = m_spec.roads.layer;
    roads.source_crs = m_roads->crs;
    roads.where = m_spec.roads.where;
    roads.features_read = m_roads->features_read;
    roads.features_used = static_cast<std::int64_t>(m_roads->ways.size());
    roads.notes = m_roads->notes;
    if (m_roads->not_roads) roads.notes.push_back(std::to_string(m_roads->not_roads) + " features are not roads (skipped)");
    for (const auto& [key, r] : m_reports) {
        char line[256];
        std::snprintf(line, sizeof line, "%s graph: %zu nodes, %zu edges, %.1f km; %u components, %u dropped (%zu edges, %.1f km)", key.c_str(),
                      r.nodes, r.edges, r.length_m / 1000.0, r.components.count, r.components.dropped, r.components.dropped_edges,
                      r.components.dropped_length_m / 1000.0);
        roads.notes.push_back(line);
    }
    const bool walk = std::any_of(m_reports.begin(), m_reports.end(), [](const auto& r) { return r.first.rfind("walk", 0) == 0; });
    if (walk)
        roads.notes.push_back(std::string("walk rules (") + (m_roads->walk == network::default_walk_rules() ? "default" : "[network] walk_tags") +
                              "): " + m_roads->walk.describe());
    const bool drive = std::any_of(m_reports.begin(), m_reports.end(), [](const auto& r) { return r.first.rfind("drive", 0) == 0; });
    if (drive) {
        roads.notes.push_back("drive speeds: " + travel("drive", false).describe_speeds());
        network::SpeedTable given;
        for (const auto& klass : m_spec.drive_kmh_classes) given[klass] = m_spec.travel.drive_kmh.at(klass);
        for (const auto& klass : network::unused_speed_classes(*m_roads, given))
            roads.notes.push_back("[network] drive_kmh." + klass + ": no road open to cars has this class; its speed is not used");
    }
    out.push_back(std::move(roads));
    return out;
}

}  // namespace keniki::pipeline
