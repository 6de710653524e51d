#pragma once
// Stops of GTFS / GTFS-JP feeds with their departures on the plan's service day, in the working CRS.

#include <string>
#include <vector>

#include "keniki/analysis/transport.hpp"
#include "keniki/pipeline/model_inputs.hpp"

namespace keniki::pipeline::detail {

struct GtfsStopsRequest {
    std::vector<std::string> feeds;          ///< zip files or folders
    std::vector<std::string> removed_routes; ///< route ids or short names left out
    std::string service_day;                 ///< "weekday", "saturday", "sunday_holiday" or "YYYYMMDD"
};

struct GtfsStops {
    std::vector<analysis::Stop> stops;
    std::string service_day;  ///< the date used and why ("20250602 (weekday)")
};

GtfsStops gtfs_stops(const GtfsStopsRequest& request, ModelInputs& loaded);

}  // namespace keniki::pipeline::detail
