#pragma once
// Can a resident go to a hub and come home the same day by the bus that runs? Per hub, one
// backward range search (rRAPTOR on the reversed timetable) gives at every stop the profile "leave
// this stop at or after LD, be at the hub at T", and one forward range search gives "leave the hub
// at D, be at this stop at A"; a resident then only looks up the stops within walking distance of
// home. Never one search per resident.
//
// The rules (every figure in seconds of the service day):
//   outward: leave home at t in [window_start, window_end], walk to a stop, ride (at most
//            max_transfers + 1 trips, footpaths between them), walk from the last stop to the hub,
//            arrive at T; door to door T - t <= limit. Or walk all the way (walk time <= limit).
//   return:  leave the hub at D >= T + stay, ride and walk home by home_by, door to door <= limit.
//   served:  both legs exist. The resident's figure is the shortest outward door-to-door time among
//            the departures that leave a way home ("best"); over the window, leaving home at every
//            `step` from window_start (inclusive) to window_end (exclusive), the median and the 90th
//            percentile of the door-to-door time to the hub (waiting at home for the bus counted as
//            in r5 / Conveyal: one leaves at t and takes the earliest arrival), whatever the way home.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "keniki/transit/raptor.hpp"
#include "keniki/transit/timetable.hpp"

namespace keniki::transit {

/// A stop within walking distance and the seconds it takes.
struct StopWalk {
    std::uint32_t stop = 0;
    Seconds seconds = 0;
};

struct RoundTripOptions {
    Seconds window_start = 9 * 3600;  ///< leave home from
    Seconds window_end = 11 * 3600;   ///< leave home until
    Seconds home_by = 16 * 3600;
    Seconds limit = 3600;             ///< door to door, each way
    Seconds stay = 0;                 ///< at the hub, at least
    int max_transfers = 1;
    Seconds step = 60;                ///< sampling of the window for the median and p90
};

/// What a hub's two range searches leave behind.
struct HubProfile {
    /// Outward, per stop (CSR): (latest departure from the stop, arrival at the hub), both ascending.
    std::vector<std::uint32_t> out_first;
    std::vector<std::pair<Seconds, Seconds>> out;
    /// Return, per stop (CSR): (departure from the hub, arrival at the stop), both descending.
    std::vector<std::uint32_t> back_first;
    std::vector<std::pair<Seconds, Seconds>> back;
    std::size_t iterations = 0;  ///< rRAPTOR iterations of both searches

    std::span<const std::pair<Seconds, Seconds>> outward(std::uint32_t stop) const {
        return std::span(out).subspan(out_first[stop], out_first[stop + 1] - out_first[stop]);
    }
    std::span<const std::pair<Seconds, Seconds>> home(std::uint32_t stop) const {
        return std::span(back).subspan(back_first[stop], back_first[stop + 1] - back_first[stop]);
    }
};

/// The two searches of one hub. `hub_stops`: the stops within walking distance of the hub (the walk
/// between stop and hub, taken as the same both ways). `backward` is reversed(forward).
HubProfile hub_profile(const Timetable& forward, const Timetable& backward, std::span<const StopWalk> hub_stops, const RoundTripOptions& options);

struct RoundTrip {
    bool served = false;
    Seconds best = k_never;       ///< outward door to door of the best departure with a way home
    Seconds leave = k_never;      ///< that departure from home
    Seconds arrive = k_never;     ///< its arrival at the hub
    Seconds latest_return = k_never;  ///< the latest departure from the hub that gets home by home_by
    bool best_on_foot = false;    ///< the best way is walking all the way
    Seconds median = k_never;     ///< outward door to door over the window (k_never: no way at most half the time)
    Seconds p90 = k_never;
    Seconds fastest_transit = k_never;  ///< outward, by bus only (walk-only excluded), best over the window
};

/// One resident to one hub: `access` the stops near home, `walk` the walk all the way (k_never: too
/// far). With window_stats false, median and p90 are left unset (cheaper).
RoundTrip round_trip(const HubProfile& hub, std::span<const StopWalk> access, Seconds walk, const RoundTripOptions& options,
                     bool window_stats = true);

}  // namespace keniki::transit
