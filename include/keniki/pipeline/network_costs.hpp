#pragma once
// The pipeline's road networks: from a plan's [network] to cost models: the roads read once, one graph per travel mode
// (walk, elderly walk, drive) built when a tier or the transport analysis needs it.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "keniki/analysis/network_cost.hpp"
#include "keniki/network/road_data.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/report/run_summary.hpp"

namespace keniki::pipeline {

class NetworkCosts {
public:
    NetworkCosts(const project::NetworkSpec& spec, std::string working_crs);

    /// A new cost model in minutes for a tier ("walk" or "drive"); the network is built once per mode.
    std::unique_ptr<analysis::NetworkCost> minutes(const std::string& mode, bool elderly);
    /// Walking distance in metres along the roads (minutes at the walking speed x metres a minute),
    /// for the transport classification.
    std::unique_ptr<analysis::CostModel> walking_metres();

    /// Provenance of the roads and of every graph built (sizes, components dropped).
    std::vector<report::InputProvenance> provenance() const;

private:
    std::shared_ptr<const network::RoadNetwork> graph(const std::string& mode, bool elderly);
    /// The plan's speeds over the built-in ones.
    network::TravelOptions travel(const std::string& mode, bool elderly) const;

    project::NetworkSpec m_spec;
    std::string m_working_crs;
    std::optional<network::RoadData> m_roads;
    std::map<std::string, std::shared_ptr<const network::RoadNetwork>> m_graphs;
    std::map<std::string, network::BuildReport> m_reports;
};

}  // namespace keniki::pipeline
