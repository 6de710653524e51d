#include "keniki/transit/trip_stats.hpp"

namespace keniki::transit {

std::uint32_t runs_in_window(const Frequency& w) {
    if (w.headway <= 0 || w.end <= w.start) return 0;
    return static_cast<std::uint32_t>((w.end - w.start + w.headway - 1) / w.headway);
}

std::vector<TripStats> trip_stats(const Feed& feed) {
    std::vector<TripStats> out;
    out.reserve(feed.trips.size());
    for (std::uint32_t i = 0; i < feed.trips.size(); ++i) {
        const Trip& trip = feed.trips[i];
        TripStats s;
        s.trip_id = trip.id;
        s.route_id = feed.routes[trip.route].id;
        s.service_id = feed.services[trip.service].id;
        const auto rows = feed.stop_times_of(trip);
        s.num_stops = static_cast<std::uint32_t>(rows.size());
        if (!rows.empty()) {
            s.start_time = rows.front().departure;
            s.end_time = rows.back().arrival;
        }
        const auto windows = feed.frequencies_of(i);
        if (!windows.empty()) {
            s.runs = 0;
            for (const Frequency& w : windows) s.runs += runs_in_window(w);
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace keniki::transit
