#include "keniki/transit/round_trip.hpp"

#include <algorithm>

namespace keniki::transit {

namespace {

/// Flattens per-stop lists into CSR.
void flatten(std::vector<std::vector<std::pair<Seconds, Seconds>>>& lists, std::vector<std::uint32_t>& first,
             std::vector<std::pair<Seconds, Seconds>>& items) {
    first.assign(lists.size() + 1, 0);
    for (std::size_t s = 0; s < lists.size(); ++s) {
        items.insert(items.end(), lists[s].begin(), lists[s].end());
        first[s + 1] = static_cast<std::uint32_t>(items.size());
    }
}

}  // namespace

HubProfile hub_profile(const Timetable& forward, const Timetable& backward, std::span<const StopWalk> hub_stops, const RoundTripOptions& o) {
    HubProfile hp;
    const std::size_t n = forward.stops.size();
    RaptorOptions ro;
    ro.max_transfers = o.max_transfers;

    // Outward: arrivals at the hub T in [window_start, min(window_end + limit, home_by)], earliest
    // first; backwards from the hub (time negated), so each T is an earlier "departure" there.
    {
        const Seconds t_hi = std::min(o.window_end + o.limit, o.home_by);
        std::vector<Seconds> arrivals;
        for (const auto& hs : hub_stops) {
            for (const auto& [p, pos] : forward.patterns_at(hs.stop)) {
                const Pattern& pat = forward.patterns[p];
                if (!forward.can_alight[pat.first_stop + pos]) continue;
                for (std::uint32_t t = 0; t < pat.trip_count; ++t) {
                    const Seconds at = forward.arrival[pat.first_event + static_cast<std::size_t>(t) * pat.stop_count + pos] + hs.seconds;
                    if (at >= o.window_start && at <= t_hi) arrivals.push_back(at);
                }
            }
        }
        std::sort(arrivals.begin(), arrivals.end());
        arrivals.erase(std::unique(arrivals.begin(), arrivals.end()), arrivals.end());
        ro.horizon = -o.window_start;  // nobody leaves a stop before the window opens
        Raptor search(backward, ro);
        std::vector<std::vector<std::pair<Seconds, Seconds>>> lists(n);
        std::vector<RaptorSource> sources;
        bool first = true;
        for (const Seconds T : arrivals) {
            sources.clear();
            for (const auto& hs : hub_stops) sources.push_back(RaptorSource{hs.stop, -(T - hs.seconds)});
            if (first) search.run(sources);
            else search.run_more(sources);
            first = false;
            ++hp.iterations;
            for (const auto s : search.improved_rides()) lists[s].emplace_back(-search.ride_arrival(s), T);
        }
        flatten(lists, hp.out_first, hp.out);
    }
    // Return: departures from the hub D in [window_start, home_by], latest first.
    {
        std::vector<Seconds> departures;
        for (const auto& hs : hub_stops) {
            for (const auto& [p, pos] : forward.patterns_at(hs.stop)) {
                const Pattern& pat = forward.patterns[p];
                if (!forward.can_board[pat.first_stop + pos]) continue;
                for (std::uint32_t t = 0; t < pat.trip_count; ++t) {
                    const Seconds d = forward.departure[pat.first_event + static_cast<std::size_t>(t) * pat.stop_count + pos] - hs.seconds;
                    if (d >= o.window_start && d <= o.home_by) departures.push_back(d);
                }
            }
        }
        std::sort(departures.begin(), departures.end(), std::greater<>());
        departures.erase(std::unique(departures.begin(), departures.end()), departures.end());
        ro.horizon = o.home_by;  // arriving anywhere after home_by helps nobody
        Raptor search(forward, ro);
        std::vector<std::vector<std::pair<Seconds, Seconds>>> lists(n);
        std::vector<RaptorSource> sources;
        bool first = true;
        for (const Seconds D : departures) {
            sources.clear();
            for (const auto& hs : hub_stops) sources.push_back(RaptorSource{hs.stop, D + hs.seconds});
            if (first) search.run(sources);
            else search.run_more(sources);
            first = false;
            ++hp.iterations;
            for (const auto s : search.improved_rides()) lists[s].emplace_back(D, search.ride_arrival(s));
        }
        flatten(lists, hp.back_first, hp.back);
    }
    if (hp.out_first.empty()) hp.out_first.assign(n + 1, 0);
    if (hp.back_first.empty()) hp.back_first.assign(n + 1, 0);
    return hp;
}

RoundTrip round_trip(const HubProfile& hub, std::span<const StopWalk> access, Seconds walk, const RoundTripOptions& o, bool window_stats) {
    RoundTrip r;
    const bool can_walk = walk != k_never && walk <= o.limit;
    // The latest way home.
    Seconds latest = can_walk ? o.home_by - walk : k_never;
    if (latest != k_never && latest < o.window_start) latest = k_never;
    for (const auto& a : access) {
        for (const auto& [D, A] : hub.home(a.stop)) {  // D descending
            if (A + a.seconds <= o.home_by && A + a.seconds - D <= o.limit) {
                if (latest == k_never || D > latest) latest = D;
                break;
            }
        }
    }
    r.latest_return = latest;
    // The best way there that leaves a way home.
    auto consider = [&](Seconds t, Seconds T, bool on_foot) {
        if (latest == k_never || T + o.stay > latest || T - t > o.limit) return;
        if (r.best == k_never || T - t < r.best || (T - t == r.best && t < r.leave)) {
            r.best = T - t;
            r.leave = t;
            r.arrive = T;
            r.best_on_foot = on_foot;
        }
    };
    if (can_walk) consider(o.window_start, o.window_start + walk, true);
    for (const auto& a : access) {
        const auto entries = hub.outward(a.stop);
        // First entry one can catch leaving home at window_start.
        auto it = std::lower_bound(entries.begin(), entries.end(), o.window_start + a.seconds,
                                   [](const std::pair<Seconds, Seconds>& e, Seconds v) { return e.first < v; });
        for (; it != entries.end(); ++it) {
            const Seconds t = std::min(it->first - a.seconds, o.window_end);
            const Seconds T = it->second;
            if (r.fastest_transit == k_never || T - t < r.fastest_transit) r.fastest_transit = T - t;
            consider(t, T, false);
            if (it->first - a.seconds > o.window_end) break;  // later entries only wait longer
        }
    }
    r.served = r.best != k_never;
    if (!window_stats) return r;

    // Over the window: leave at every step; the earliest arrival, on foot or by the first bus one catches.
    std::vector<Seconds> times;
    std::vector<std::size_t> cursor(access.size(), 0);
    for (Seconds t = o.window_start; t < o.window_end || (t == o.window_start && o.window_end == o.window_start); t += o.step) {
        Seconds A = walk != k_never ? t + walk : k_never;
        for (std::size_t i = 0; i < access.size(); ++i) {
            const auto entries = hub.outward(access[i].stop);
            std::size_t& c = cursor[i];
            while (c < entries.size() && entries[c].first < t + access[i].seconds) ++c;
            if (c < entries.size() && entries[c].second < A) A = entries[c].second;
        }
        times.push_back(A == k_never ? k_never : A - t);
        if (o.step <= 0) break;
    }
    if (!times.empty()) {
        std::sort(times.begin(), times.end());
        // Nearest-rank percentiles of the samples (an unreached sample sorts last, as infinity).
        auto rank = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(q * static_cast<double>(times.size() - 1) + 0.5))]; };
        r.median = rank(0.5);
        r.p90 = rank(0.9);
    }
    return r;
}

}  // namespace keniki::transit
