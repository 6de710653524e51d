#include "keniki/transit/raptor.hpp"

#include <algorithm>

namespace keniki::transit {

namespace {
constexpr std::uint32_t k_none = 0xFFFFFFFFu;
}

Raptor::Raptor(const Timetable& timetable, const RaptorOptions& options)
    : m_tt(timetable), m_options(options), m_rounds(std::max(0, options.max_transfers) + 1), m_n(timetable.stops.size()) {
    const std::size_t cells = static_cast<std::size_t>(m_rounds + 1) * m_n;
    m_any.assign(cells, k_never);
    m_ride.assign(cells, k_never);
    m_best_any.assign(m_n, k_never);
    m_best_ride.assign(m_n, k_never);
    m_marked.assign(m_n, 0);
    m_ride_marked.assign(m_n, 0);
    m_ride_improved.assign(m_n, 0);
    m_queue_pos.assign(m_tt.patterns.size(), k_none);
}

// Rounds are cumulative only for the stops a round started from: take the minimum over rounds.
Seconds Raptor::arrival(std::uint32_t stop, int trips) const {
    Seconds best = k_never;
    for (int k = 0; k <= std::min(trips, m_rounds); ++k) best = std::min(best, m_any[static_cast<std::size_t>(k) * m_n + stop]);
    return best;
}

Seconds Raptor::ride_arrival(std::uint32_t stop, int trips) const {
    Seconds best = k_never;
    for (int k = 1; k <= std::min(trips, m_rounds); ++k) best = std::min(best, m_ride[static_cast<std::size_t>(k) * m_n + stop]);
    return best;
}

void Raptor::run(std::span<const RaptorSource> sources) {
    std::fill(m_any.begin(), m_any.end(), k_never);
    std::fill(m_ride.begin(), m_ride.end(), k_never);
    std::fill(m_best_any.begin(), m_best_any.end(), k_never);
    std::fill(m_best_ride.begin(), m_best_ride.end(), k_never);
    search(sources);
}

void Raptor::run_more(std::span<const RaptorSource> sources) { search(sources); }

void Raptor::search(std::span<const RaptorSource> sources) {
    const Timetable& tt = m_tt;
    for (const auto s : m_improved_rides) m_ride_improved[s] = 0;
    m_improved_rides.clear();
    m_marked_list.clear();
    for (const auto& src : sources) {
        if (src.stop >= m_n || src.time > m_options.horizon) continue;
        if (src.time < any(0, src.stop)) {
            any(0, src.stop) = src.time;
            if (src.time < m_best_any[src.stop]) m_best_any[src.stop] = src.time;
            if (!m_marked[src.stop]) {
                m_marked[src.stop] = 1;
                m_marked_list.push_back(src.stop);
            }
        }
    }
    for (int k = 1; k <= m_rounds && !m_marked_list.empty(); ++k) {
        // Cumulative labels: round k starts from round k-1's for the stops that changed.
        for (const auto s : m_marked_list) {
            any(k, s) = std::min(any(k, s), any(k - 1, s));
            ride(k, s) = std::min(ride(k, s), ride(k - 1, s));
        }
        // Patterns to scan, each from the earliest marked stop on it.
        m_queue.clear();
        for (const auto s : m_marked_list) {
            m_marked[s] = 0;
            for (const auto& [p, pos] : tt.patterns_at(s)) {
                if (!tt.can_board[tt.patterns[p].first_stop + pos]) continue;
                if (m_queue_pos[p] == k_none) {
                    m_queue.push_back(p);
                    m_queue_pos[p] = pos;
                } else if (pos < m_queue_pos[p]) {
                    m_queue_pos[p] = pos;
                }
            }
        }
        m_next_marked.clear();
        m_ride_list.clear();
        for (const auto p : m_queue) {
            const Pattern& pat = tt.patterns[p];
            const std::uint32_t start = m_queue_pos[p];
            m_queue_pos[p] = k_none;
            std::uint32_t trip = k_none;
            for (std::uint32_t i = start; i < pat.stop_count; ++i) {
                const std::uint32_t s = tt.pattern_stops[pat.first_stop + i];
                if (trip != k_none && tt.can_alight[pat.first_stop + i]) {
                    const Seconds arr = tt.arrival[pat.first_event + static_cast<std::size_t>(trip) * pat.stop_count + i];
                    if (arr < m_best_ride[s] && arr <= m_options.horizon) {
                        m_best_ride[s] = arr;
                        ride(k, s) = arr;
                        if (!m_ride_marked[s]) {
                            m_ride_marked[s] = 1;
                            m_ride_list.push_back(s);
                        }
                        if (!m_ride_improved[s]) {
                            m_ride_improved[s] = 1;
                            m_improved_rides.push_back(s);
                        }
                        if (arr < any(k, s)) any(k, s) = arr;
                        if (arr < m_best_any[s]) m_best_any[s] = arr;
                        if (!m_marked[s]) {
                            m_marked[s] = 1;
                            m_next_marked.push_back(s);
                        }
                    }
                }
                if (!tt.can_board[pat.first_stop + i]) continue;
                const Seconds ready = any(k - 1, s);
                if (ready == k_never) continue;
                // An earlier trip from here? Trips are FIFO: search below the current one.
                const std::uint32_t limit = trip == k_none ? pat.trip_count : trip;
                if (limit == 0) continue;
                const Seconds* dep = &tt.departure[pat.first_event + i];
                const std::size_t stride = pat.stop_count;
                if (trip != k_none && dep[static_cast<std::size_t>(trip) * stride] < ready) continue;  // keeps the current one
                std::uint32_t lo = 0, hi = limit;  // first trip in [0, limit) with dep >= ready
                while (lo < hi) {
                    const std::uint32_t mid = (lo + hi) / 2;
                    if (dep[static_cast<std::size_t>(mid) * stride] < ready) lo = mid + 1;
                    else hi = mid;
                }
                if (lo < limit) trip = lo;
            }
        }
        // Footpaths from the stops reached by a ride in this round.
        for (const auto s : m_ride_list) {
            m_ride_marked[s] = 0;
            const Seconds at = ride(k, s);
            for (const auto& f : tt.footpaths_from(s)) {
                const Seconds t = at + f.seconds;
                if (t >= m_best_any[f.to] || t > m_options.horizon) continue;
                m_best_any[f.to] = t;
                any(k, f.to) = t;
                if (!m_marked[f.to]) {
                    m_marked[f.to] = 1;
                    m_next_marked.push_back(f.to);
                }
            }
        }
        m_marked_list.swap(m_next_marked);
    }
    // Stops still marked after the last round: labels are set, nothing more to scan.
    for (const auto s : m_marked_list) m_marked[s] = 0;
    m_marked_list.clear();
}

}  // namespace keniki::transit
