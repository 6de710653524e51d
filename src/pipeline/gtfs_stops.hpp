#pragma once
// Stops of GTFS / GTFS-JP feeds with their departures on the plan's service day, in the working CRS.

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "keniki/analysis/transport.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/transit/date.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/stop_service.hpp"

namespace keniki::pipeline::detail {

struct GtfsStopsRequest {
    std::vector<std::string> feeds;          ///< zip files or folders
    std::vector<std::string> removed_routes; ///< route ids or short names left out
    std::string service_day;                 ///< "weekday", "saturday", "sunday_holiday" or "YYYYMMDD"
    /// The date chosen for the plan's own feeds: scenarios count on it too, whatever feeds they add
    /// or remove (nullopt: choose from these feeds by service_day).
    std::optional<transit::Date> date;
};

/// One feed on the service day.
struct FeedOnDay {
    std::string id, path;
    std::size_t trips = 0;                                   ///< trips running that day
    std::optional<std::pair<transit::Date, transit::Date>> calendar;  ///< first and last date it defines
    bool outside_calendar(transit::Date day) const { return calendar && (day < calendar->first || calendar->second < day); }
    /// "" when trips run; else why not, in one clause ("its calendar runs 2021-04-01..2021-11-30, not 2026-04-01").
    std::string no_trips_reason(transit::Date day) const;
};

struct GtfsStops {
    std::vector<analysis::Stop> stops;
    std::string service_day;  ///< the date used and why ("20250602 (weekday)")
    std::optional<transit::Date> date;
    std::vector<FeedOnDay> feeds;  ///< in the order given
};

/// The stops of the request's feeds (read once through feed_at) on its day; notes each feed in loaded.inputs.
GtfsStops gtfs_stops(const GtfsStopsRequest& request, ModelInputs& loaded);
/// The same on feeds already in memory (request.feeds is not read), in the working CRS given.
GtfsStops gtfs_stops(std::span<const transit::Feed> feeds, const GtfsStopsRequest& request, const std::string& working_crs);

/// The feed at `path`, read the first time it is asked for and kept in loaded.feeds.
const transit::Feed& feed_at(const std::string& path, ModelInputs& loaded);
/// A scenario's remove_routes: every route whose id, short name or long name is one of `names`, in any feed.
transit::RouteFilter without_routes(const std::vector<std::string>& names);
/// Notes a feed in loaded.inputs (once per feed): its routes and trips, and its trips on `day`.
void note_feed(const transit::Feed& feed, transit::Date day, ModelInputs& loaded);

}  // namespace keniki::pipeline::detail
