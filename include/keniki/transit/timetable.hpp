#pragma once
// The service of one day as a router reads it: trips grouped into patterns (the same stops in the
// same order, no trip overtaking another), their times in flat arrays, the patterns through each
// stop, and the footpaths between stops. Built from one or several feeds for a date; the router
// (transit/raptor.hpp) works on it and on its time-reversed copy.
//
// Which trips run: those whose service runs on the date (calendar, calendar_dates winning), at their
// own times (a trip of the day leaving at 25:10 leaves at 25:10), plus the trips of the day before
// whose times pass 24:00, shifted back by 24 h (a 24:30 trip of the previous evening runs at 00:30).
// frequencies.txt trips are expanded into one trip per run. Routes the filter drops are left out.
// Boarding where pickup_type is 1 and alighting where drop_off_type is 1 are not allowed.
//
// Stops are the feeds' stops and platforms (location_type 0), each its own router stop; stations,
// entrances and nodes are not stops. Walking between stops is a footpath (Timetable::footpaths):
// the caller decides their times (straight line x detour factor, or along the roads).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "keniki/transit/date.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/stop_service.hpp"

namespace keniki::transit {

struct RouterStop {
    std::string id;    ///< "feed_id:stop_id"
    std::string name;
    double lat = 0, lon = 0;  ///< WGS84
    std::uint32_t feed = 0;   ///< index in the feeds given
    std::int64_t departures = 0;  ///< boardable departures that day (0: no service)
};

/// Trips with the same stop sequence and boarding rules, none overtaking another, sorted by time.
struct Pattern {
    std::uint32_t first_stop = 0;   ///< into Timetable::pattern_stops
    std::uint32_t stop_count = 0;
    std::uint32_t first_event = 0;  ///< into the event arrays: trip t, position p at first_event + t * stop_count + p
    std::uint32_t trip_count = 0;
    std::uint32_t first_trip = 0;   ///< into Timetable::trip_labels
    std::uint32_t feed = 0;
    std::uint32_t route = 0;        ///< index in that feed's routes
};

struct Footpath {
    std::uint32_t to = 0;
    Seconds seconds = 0;
};

struct TimetableOptions {
    RouteFilter routes;          ///< routes to keep (default: all)
    bool previous_day = true;    ///< include the day before's trips past 24:00
};

struct Timetable {
    Date date;
    bool reversed = false;  ///< times negated and patterns reversed (latest-departure searches)
    std::vector<RouterStop> stops;
    std::vector<Pattern> patterns;
    std::vector<std::uint32_t> pattern_stops;
    std::vector<Seconds> arrival, departure;   ///< per event
    std::vector<std::uint8_t> can_board, can_alight;  ///< per pattern stop position (all trips of a pattern alike)
    std::vector<std::string> trip_labels;      ///< "feed:trip_id" (+ "@HH:MM:SS" for a frequency run), per pattern trip
    /// Patterns through each stop (CSR): (pattern, position) pairs of stop s at stop_patterns[stop_pattern_first[s] ..).
    std::vector<std::uint32_t> stop_pattern_first;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stop_patterns;
    /// Footpaths from each stop (CSR, set by set_footpaths): footpaths[footpath_first[s] ..).
    std::vector<std::uint32_t> footpath_first;
    std::vector<Footpath> footpaths;
    std::size_t trips = 0;  ///< trips running (frequency runs counted one by one)
    std::size_t trips_previous_day = 0;  ///< of those, the day before's trips past 24:00

    std::span<const std::uint32_t> stops_of(const Pattern& p) const { return std::span(pattern_stops).subspan(p.first_stop, p.stop_count); }
    std::span<const std::pair<std::uint32_t, std::uint32_t>> patterns_at(std::uint32_t stop) const {
        return std::span(stop_patterns).subspan(stop_pattern_first[stop], stop_pattern_first[stop + 1] - stop_pattern_first[stop]);
    }
    std::span<const Footpath> footpaths_from(std::uint32_t stop) const {
        if (footpath_first.empty()) return {};
        return std::span(footpaths).subspan(footpath_first[stop], footpath_first[stop + 1] - footpath_first[stop]);
    }
    /// Replaces the footpaths: per stop, (to, seconds) pairs; a stop's footpath to itself is ignored.
    void set_footpaths(const std::vector<std::vector<Footpath>>& by_stop);
};

/// The timetable of `date` over the feeds. Stops of every feed are listed, with or without service.
Timetable build_timetable(std::span<const Feed> feeds, Date date, const TimetableOptions& options = {});

/// The same service with time running backwards: every time t becomes -t, patterns are reversed,
/// boarding and alighting swap, footpaths are reversed. An earliest-arrival search on it from a
/// target at -T gives, at every stop, minus the latest departure that still arrives by T.
Timetable reversed(const Timetable& forward);

}  // namespace keniki::transit
