#pragma once
// Per-trip figures, as GTFS tools report them (gtfs_kit's trip stats): first departure, last
// arrival, number of stop_times rows.

#include <cstdint>
#include <string>
#include <vector>

#include "keniki/transit/date.hpp"
#include "keniki/transit/feed.hpp"

namespace keniki::transit {

struct TripStats {
    std::string trip_id;
    std::string route_id;
    std::string service_id;
    Seconds start_time = k_no_time;  ///< departure from the first stop (its arrival when it gives no departure)
    Seconds end_time = k_no_time;    ///< arrival at the last stop (its departure when it gives no arrival)
    std::uint32_t num_stops = 0;   ///< stop_times rows of the trip (a stop visited twice counts twice)
    /// Runs of the trip per service day: 1, or for a trip in frequencies.txt the number of runs its
    /// windows give; start_time/end_time are those of the stop_times template then.
    std::uint32_t runs = 1;
};

/// One entry per trip of trips.txt, in that order; trips without stop_times have num_stops 0 and no times.
std::vector<TripStats> trip_stats(const Feed& feed);

/// Number of runs of a frequency window: departures start, start+headway, ... before end.
std::uint32_t runs_in_window(const Frequency& window);

}  // namespace keniki::transit
