#include "gtfs_stops.hpp"

#include "keniki/core/error.hpp"

namespace keniki::cli {

GtfsStops gtfs_stops(const GtfsStopsRequest& request, LoadedModel& /*loaded*/) {
    if (!request.feeds.empty())
        throw UsageError("GTFS feeds in [transport] are not read yet by this build (the transit module is being added)");
    return {};
}

}  // namespace keniki::cli
