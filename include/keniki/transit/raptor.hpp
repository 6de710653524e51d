#pragma once
// RAPTOR (Delling, Pajor, Werneck 2012, "Round-Based Public Transit Routing"): earliest arrivals at
// every stop from sources at given times, round k riding at most k trips; and its range form
// (rRAPTOR): calls for earlier and earlier departures keep the labels, so after each call the
// labels answer "earliest arrival leaving at this time or later".
//
// A journey: from a source stop (no footpath first: the caller's walk to its stops is the access
// leg), trips ridden one after another, boarding at a stop any trip leaving at or after one's
// arrival there (no minimum transfer time at the same stop), and between two trips at most one
// footpath. Two labels per stop and round, as in r5: arrived by a ride (footpaths start from these,
// egress walks end from these) and arrived at all (boarding uses these). Footpaths need not be
// transitively closed.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "keniki/transit/timetable.hpp"

namespace keniki::transit {

inline constexpr Seconds k_never = std::numeric_limits<Seconds>::max();

struct RaptorSource {
    std::uint32_t stop = 0;
    Seconds time = 0;  ///< at the stop (in the timetable's time: negated for a reversed one)
};

struct RaptorOptions {
    int max_transfers = 2;        ///< rounds = max_transfers + 1 trips
    Seconds horizon = k_never;    ///< labels later than this are not kept
};

class Raptor {
public:
    Raptor(const Timetable& timetable, const RaptorOptions& options);

    /// A new search: forgets every label.
    void run(std::span<const RaptorSource> sources);
    /// rRAPTOR: one more search from sources no later than the previous ones', keeping the labels.
    void run_more(std::span<const RaptorSource> sources);

    /// Earliest arrival at the stop (by a ride or a footpath, or as a source), k_never when none.
    Seconds arrival(std::uint32_t stop) const { return m_best_any[stop]; }
    /// Earliest arrival at the stop by a ride (alighting there).
    Seconds ride_arrival(std::uint32_t stop) const { return m_best_ride[stop]; }
    /// Earliest arrival riding at most `trips` trips (0: the sources only).
    Seconds arrival(std::uint32_t stop, int trips) const;
    Seconds ride_arrival(std::uint32_t stop, int trips) const;
    /// Stops whose ride arrival improved in the last run / run_more call.
    std::span<const std::uint32_t> improved_rides() const { return m_improved_rides; }
    int rounds() const { return m_rounds; }
    const Timetable& timetable() const { return m_tt; }

private:
    void search(std::span<const RaptorSource> sources);
    Seconds& any(int k, std::uint32_t s) { return m_any[static_cast<std::size_t>(k) * m_n + s]; }
    Seconds& ride(int k, std::uint32_t s) { return m_ride[static_cast<std::size_t>(k) * m_n + s]; }

    const Timetable& m_tt;
    RaptorOptions m_options;
    int m_rounds;
    std::size_t m_n;
    std::vector<Seconds> m_any, m_ride;  ///< per round (cumulative: at most k trips), per stop
    std::vector<Seconds> m_best_any, m_best_ride;
    std::vector<std::uint8_t> m_marked, m_ride_marked, m_ride_improved;
    std::vector<std::uint32_t> m_marked_list, m_next_marked, m_ride_list, m_improved_rides;
    std::vector<std::uint32_t> m_queue_pos;  ///< per pattern: earliest position to scan (-1 none)
    std::vector<std::uint32_t> m_queue;
};

}  // namespace keniki::transit
