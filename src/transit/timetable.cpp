#include "keniki/transit/timetable.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "keniki/transit/service_day.hpp"

namespace keniki::transit {

namespace {

constexpr Seconds k_day = 24 * 3600;

/// One trip run of the day: its template rows, shifted by `offset` seconds.
struct Run {
    std::uint32_t feed = 0, trip = 0;
    Seconds offset = 0;
    std::string label;
};

/// Key of a pattern: feed, route, the router stops in order and the boarding rules.
struct PatternKey {
    std::uint32_t feed = 0, route = 0;
    std::vector<std::uint32_t> stops;
    std::vector<std::uint8_t> board, alight;
    auto operator<=>(const PatternKey&) const = default;
};

}  // namespace

void Timetable::set_footpaths(const std::vector<std::vector<Footpath>>& by_stop) {
    footpath_first.assign(stops.size() + 1, 0);
    footpaths.clear();
    for (std::size_t s = 0; s < stops.size(); ++s) {
        if (s < by_stop.size()) {
            for (const auto& f : by_stop[s])
                if (f.to != s && f.to < stops.size()) footpaths.push_back(f);
        }
        footpath_first[s + 1] = static_cast<std::uint32_t>(footpaths.size());
    }
}

Timetable build_timetable(std::span<const Feed> feeds, Date date, const TimetableOptions& options) {
    Timetable tt;
    tt.date = date;
    // Router stops: stops and platforms, and anything stop_times.txt names.
    std::vector<std::vector<std::uint32_t>> router_stop(feeds.size());
    for (std::uint32_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        std::vector<std::uint8_t> used(feed.stops.size(), 0);
        for (const auto& st : feed.stop_times) used[st.stop] = 1;
        router_stop[f].assign(feed.stops.size(), k_no_index);
        for (std::uint32_t i = 0; i < feed.stops.size(); ++i) {
            const Stop& s = feed.stops[i];
            if (s.location_type != 0 && !used[i]) continue;
            router_stop[f][i] = static_cast<std::uint32_t>(tt.stops.size());
            tt.stops.push_back(RouterStop{feed.id + ":" + s.id, s.name, s.lat, s.lon, f, 0});
        }
    }

    // The runs of the day, grouped by pattern.
    std::map<PatternKey, std::vector<Run>> by_pattern;
    for (std::uint32_t f = 0; f < feeds.size(); ++f) {
        const Feed& feed = feeds[f];
        for (std::uint32_t t = 0; t < feed.trips.size(); ++t) {
            const Trip& trip = feed.trips[t];
            if (trip.stop_time_count < 2) continue;
            if (!options.routes.keeps(feed, feed.routes[trip.route])) continue;
            const bool today = trip_runs_on(feed, trip, date);
            const bool yesterday = options.previous_day && trip_runs_on(feed, trip, date + (-1));
            if (!today && !yesterday) continue;
            const auto rows = feed.stop_times_of(trip);
            PatternKey key;
            key.feed = f;
            key.route = trip.route;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                key.stops.push_back(router_stop[f][rows[i].stop]);
                key.board.push_back(i + 1 < rows.size() && rows[i].pickup_type != 1 ? 1 : 0);
                key.alight.push_back(i > 0 && rows[i].drop_off_type != 1 ? 1 : 0);
            }
            const auto freqs = feed.frequencies_of(t);
            std::vector<Run> runs;
            if (freqs.empty()) {
                runs.push_back(Run{f, t, 0, feed.id + ":" + trip.id});
            } else {
                const Seconds first = rows.front().departure;
                for (const auto& fr : freqs) {
                    if (fr.headway <= 0) continue;
                    for (Seconds start = fr.start; start < fr.end; start += fr.headway)
                        runs.push_back(Run{f, t, start - first, feed.id + ":" + trip.id + "@" + format_gtfs_time(start)});
                }
            }
            auto& list = by_pattern[key];
            for (auto& r : runs) {
                if (today) list.push_back(r);
                // The day before's run still under way after midnight.
                if (yesterday && rows.back().arrival + r.offset >= k_day) {
                    Run y = r;
                    y.offset -= k_day;
                    y.label += "-1d";
                    list.push_back(std::move(y));
                    ++tt.trips_previous_day;
                }
            }
        }
    }

    // Patterns: trips sorted by their first departure, split so that no trip overtakes another.
    for (auto& [key, runs] : by_pattern) {
        const Feed& feed = feeds[key.feed];
        auto dep0 = [&](const Run& r) { return feed.stop_times_of(feed.trips[r.trip]).front().departure + r.offset; };
        std::stable_sort(runs.begin(), runs.end(), [&](const Run& a, const Run& b) { return dep0(a) < dep0(b); });
        std::vector<std::vector<const Run*>> groups;
        for (const auto& r : runs) {
            const auto rows = feed.stop_times_of(feed.trips[r.trip]);
            bool placed = false;
            for (auto& g : groups) {
                const Run& last = *g.back();
                const auto lrows = feed.stop_times_of(feed.trips[last.trip]);
                bool fifo = true;
                for (std::size_t i = 0; i < rows.size() && fifo; ++i)
                    fifo = rows[i].arrival + r.offset >= lrows[i].arrival + last.offset && rows[i].departure + r.offset >= lrows[i].departure + last.offset;
                if (fifo) {
                    g.push_back(&r);
                    placed = true;
                    break;
                }
            }
            if (!placed) groups.push_back({&r});
        }
        for (const auto& g : groups) {
            Pattern p;
            p.first_stop = static_cast<std::uint32_t>(tt.pattern_stops.size());
            p.stop_count = static_cast<std::uint32_t>(key.stops.size());
            p.first_event = static_cast<std::uint32_t>(tt.arrival.size());
            p.trip_count = static_cast<std::uint32_t>(g.size());
            p.first_trip = static_cast<std::uint32_t>(tt.trip_labels.size());
            p.feed = key.feed;
            p.route = key.route;
            tt.pattern_stops.insert(tt.pattern_stops.end(), key.stops.begin(), key.stops.end());
            tt.can_board.insert(tt.can_board.end(), key.board.begin(), key.board.end());
            tt.can_alight.insert(tt.can_alight.end(), key.alight.begin(), key.alight.end());
            for (const Run* r : g) {
                for (const auto& row : feed.stop_times_of(feed.trips[r->trip])) {
                    tt.arrival.push_back(row.arrival + r->offset);
                    tt.departure.push_back(row.departure + r->offset);
                }
                tt.trip_labels.push_back(r->label);
                for (std::size_t i = 0; i < key.stops.size(); ++i)
                    if (key.board[i]) ++tt.stops[key.stops[i]].departures;
            }
            tt.trips += g.size();
            tt.patterns.push_back(p);
        }
    }

    // Patterns through each stop.
    tt.stop_pattern_first.assign(tt.stops.size() + 1, 0);
    for (const auto s : tt.pattern_stops) ++tt.stop_pattern_first[s + 1];
    std::partial_sum(tt.stop_pattern_first.begin(), tt.stop_pattern_first.end(), tt.stop_pattern_first.begin());
    tt.stop_patterns.resize(tt.pattern_stops.size());
    std::vector<std::uint32_t> fill(tt.stop_pattern_first.begin(), tt.stop_pattern_first.end() - 1);
    for (std::uint32_t p = 0; p < tt.patterns.size(); ++p) {
        const auto& pat = tt.patterns[p];
        for (std::uint32_t i = 0; i < pat.stop_count; ++i) tt.stop_patterns[fill[tt.pattern_stops[pat.first_stop + i]]++] = {p, i};
    }
    tt.set_footpaths({});
    return tt;
}

Timetable reversed(const Timetable& fwd) {
    Timetable r;
    r.date = fwd.date;
    r.reversed = !fwd.reversed;
    r.stops = fwd.stops;
    r.trips = fwd.trips;
    r.trips_previous_day = fwd.trips_previous_day;
    for (const auto& p : fwd.patterns) {
        Pattern q = p;
        q.first_stop = static_cast<std::uint32_t>(r.pattern_stops.size());
        q.first_event = static_cast<std::uint32_t>(r.arrival.size());
        q.first_trip = static_cast<std::uint32_t>(r.trip_labels.size());
        for (std::uint32_t i = p.stop_count; i-- > 0;) {
            r.pattern_stops.push_back(fwd.pattern_stops[p.first_stop + i]);
            r.can_board.push_back(fwd.can_alight[p.first_stop + i]);
            r.can_alight.push_back(fwd.can_board[p.first_stop + i]);
        }
        // Trip order reverses too: the last to arrive is the first to "leave" backwards.
        for (std::uint32_t t = p.trip_count; t-- > 0;) {
            const std::size_t base = p.first_event + static_cast<std::size_t>(t) * p.stop_count;
            for (std::uint32_t i = p.stop_count; i-- > 0;) {
                r.arrival.push_back(-fwd.departure[base + i]);
                r.departure.push_back(-fwd.arrival[base + i]);
            }
            r.trip_labels.push_back(fwd.trip_labels[p.first_trip + t]);
        }
        r.patterns.push_back(q);
    }
    r.stop_pattern_first.assign(r.stops.size() + 1, 0);
    for (const auto s : r.pattern_stops) ++r.stop_pattern_first[s + 1];
    std::partial_sum(r.stop_pattern_first.begin(), r.stop_pattern_first.end(), r.stop_pattern_first.begin());
    r.stop_patterns.resize(r.pattern_stops.size());
    std::vector<std::uint32_t> fill(r.stop_pattern_first.begin(), r.stop_pattern_first.end() - 1);
    for (std::uint32_t p = 0; p < r.patterns.size(); ++p) {
        const auto& pat = r.patterns[p];
        for (std::uint32_t i = 0; i < pat.stop_count; ++i) r.stop_patterns[fill[r.pattern_stops[pat.first_stop + i]]++] = {p, i};
    }
    std::vector<std::vector<Footpath>> back(r.stops.size());
    for (std::uint32_t s = 0; s < fwd.stops.size(); ++s)
        for (const auto& f : fwd.footpaths_from(s)) back[f.to].push_back(Footpath{s, f.seconds});
    r.set_footpaths(back);
    return r;
}

}  // namespace keniki::transit
