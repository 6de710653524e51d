#pragma once
// The brute-force reference the router is checked against: a label-correcting shortest-path search
// on a time-expanded graph whose nodes are stop events, built straight from the feeds (not from
// the router's Timetable: the trips of the day, overnight runs of the day before, frequencies and
// calendar exceptions are worked out again here, plainly). Slow and simple on purpose.
//
// Journey rules, the router's: start at a stop at a time (no footpath first), board any trip leaving
// at or after one is there (pickup_type 1 forbids), ride, alight (drop_off_type 1 forbids), then
// either board again at the same stop or walk one footpath to another stop and board there.

#include <algorithm>
#include <cstdint>
#include <map>
#include <queue>
#include <span>
#include <string>
#include <vector>

#include "keniki/transit/feed.hpp"
#include "keniki/transit/raptor.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/timetable.hpp"

namespace keniki::test {

class TimeExpanded {
public:
    /// `tt` gives the stop numbering and the footpaths only.
    TimeExpanded(std::span<const transit::Feed> feeds, transit::Date date, const transit::Timetable& tt) : m_tt(tt) {
        std::map<std::string, std::uint32_t> stop_of;
        for (std::uint32_t s = 0; s < tt.stops.size(); ++s) stop_of[tt.stops[s].id] = s;
        m_departures.resize(tt.stops.size());
        for (const auto& feed : feeds) {
            for (std::uint32_t t = 0; t < feed.trips.size(); ++t) {
                const auto& trip = feed.trips[t];
                const auto rows = feed.stop_times_of(trip);
                if (rows.size() < 2) continue;
                std::vector<transit::Seconds> offsets;
                const auto freqs = feed.frequencies_of(t);
                if (freqs.empty()) offsets.push_back(0);
                for (const auto& f : freqs)
                    for (transit::Seconds s = f.start; s < f.end; s += f.headway) offsets.push_back(s - rows.front().departure);
                std::vector<transit::Seconds> shifts;
                if (transit::trip_runs_on(feed, trip, date)) shifts.push_back(0);
                if (transit::trip_runs_on(feed, trip, date + (-1))) shifts.push_back(-86400);
                for (const auto shift : shifts) {
                    for (const auto off : offsets) {
                        const std::uint32_t first = static_cast<std::uint32_t>(m_stop.size());
                        for (std::size_t i = 0; i < rows.size(); ++i) {
                            m_stop.push_back(stop_of.at(feed.id + ":" + feed.stops[rows[i].stop].id));
                            m_arr.push_back(rows[i].arrival + off + shift);
                            m_dep.push_back(rows[i].departure + off + shift);
                            m_board.push_back(i + 1 < rows.size() && rows[i].pickup_type != 1);
                            m_alight.push_back(i > 0 && rows[i].drop_off_type != 1);
                            m_last.push_back(i + 1 == rows.size());
                            if (m_board.back()) m_departures[m_stop.back()].push_back(first + static_cast<std::uint32_t>(i));
                        }
                    }
                }
            }
        }
    }

    struct Labels {
        std::vector<std::vector<transit::Seconds>> any;   ///< [k][stop]: earliest arrival with at most k trips
        std::vector<std::vector<transit::Seconds>> ride;  ///< [k][stop]: the same, alighting there
    };
    /// Earliest arrivals at every stop using at most k trips, for k = 0 .. max_trips.
    Labels earliest(std::uint32_t from, transit::Seconds at, int max_trips) const {
        const std::size_t n = m_tt.stops.size(), events = m_stop.size();
        const auto K = static_cast<std::size_t>(max_trips) + 1;
        // Nodes: at-stop (stop, walked?, k) and on-board (event, k).
        auto at_node = [&](std::size_t s, bool walked, std::size_t k) { return (k * n + s) * 2 + (walked ? 1 : 0); };
        const std::size_t board_base = K * n * 2;
        auto on_node = [&](std::size_t e, std::size_t k) { return board_base + k * events + e; };
        std::vector<transit::Seconds> label(board_base + K * events, transit::k_never);
        using Item = std::pair<transit::Seconds, std::size_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        auto relax = [&](std::size_t node, transit::Seconds t) {
            if (t < label[node]) {
                label[node] = t;
                queue.emplace(t, node);
            }
        };
        relax(at_node(from, true, 0), at);  // a source: no footpath from it
        while (!queue.empty()) {
            const auto [t, node] = queue.top();
            queue.pop();
            if (t != label[node]) continue;
            if (node < board_base) {
                const std::size_t k = node / 2 / n, s = (node / 2) % n;
                const bool walked = node % 2 == 1;
                if (k + 1 < K)
                    for (const auto e : m_departures[s])
                        if (m_dep[e] >= t) relax(on_node(e, k + 1), m_dep[e]);
                if (!walked)
                    for (const auto& f : m_tt.footpaths_from(static_cast<std::uint32_t>(s))) relax(at_node(f.to, true, k), t + f.seconds);
            } else {
                const std::size_t k = (node - board_base) / events, e = (node - board_base) % events;
                if (m_last[e]) continue;
                const std::size_t next = e + 1;
                if (m_alight[next]) relax(at_node(m_stop[next], false, k), m_arr[next]);
                if (!m_last[next]) relax(on_node(next, k), m_dep[next]);
            }
        }
        Labels out;
        out.any.assign(K, std::vector<transit::Seconds>(n, transit::k_never));
        out.ride = out.any;
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t s = 0; s < n; ++s) {
                for (std::size_t j = 0; j <= k; ++j) {
                    out.ride[k][s] = std::min(out.ride[k][s], label[at_node(s, false, j)]);
                    out.any[k][s] = std::min({out.any[k][s], label[at_node(s, false, j)], label[at_node(s, true, j)]});
                }
            }
        return out;
    }

    std::size_t events() const { return m_stop.size(); }

private:
    const transit::Timetable& m_tt;
    std::vector<std::uint32_t> m_stop;
    std::vector<transit::Seconds> m_arr, m_dep;
    std::vector<bool> m_board, m_alight, m_last;
    std::vector<std::vector<std::uint32_t>> m_departures;
};

}  // namespace keniki::test
