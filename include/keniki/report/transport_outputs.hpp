#pragma once
// The transport-poor zone results as output layers, extra columns and summary.json sections.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/transport.hpp"
#include "keniki/report/output_layers.hpp"

namespace keniki::report {

struct ScenarioOutcome {
    std::string id, name, description;
    std::vector<std::string> changes;  ///< in words: "added feed old4routes.zip", "removed stops layer bus"
    analysis::TransportResult result;
    analysis::TransportChange change;
};

struct TransportOutputs {
    analysis::TransportOptions options;
    std::string service_day;            ///< "20250602 (weekday)", or "" without timetables
    std::vector<analysis::Stop> stops;
    analysis::TransportResult result;
    std::vector<ScenarioOutcome> scenarios;
    std::vector<std::string> warnings;  ///< feeds that run no trips on the service day, ...
};

/// Adds transport_zones, stops and scenario change layers, a transport_class column to the
/// residents and hubs layers, and per-class columns to every units layer.
void add_transport_layers(OutputLayers& layers, const analysis::ModelInput& input, const analysis::ModelResult& model,
                          const TransportOutputs& transport, const std::string& working_crs);

/// Adds "transport" and "scenarios" to summary.json.
void add_transport_summary(nlohmann::ordered_json& summary, const analysis::ModelInput& input, const analysis::ModelResult& model,
                           const TransportOutputs& transport);

}  // namespace keniki::report
