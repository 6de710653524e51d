#include "keniki/transit/feed.hpp"

#include <algorithm>

namespace keniki::transit {

static_assert(sizeof(StopTime) == 16, "stop_times rows are kept compact: 16 bytes each");

namespace {

template <class T>
std::vector<std::uint32_t> sorted_by_id(const std::vector<T>& items) {
    std::vector<std::uint32_t> order(items.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return items[a].id < items[b].id; });
    return order;
}

template <class T>
std::optional<std::uint32_t> find_by_id(const std::vector<T>& items, const std::vector<std::uint32_t>& order, std::string_view id) {
    auto it = std::lower_bound(order.begin(), order.end(), id,
                               [&](std::uint32_t i, std::string_view wanted) { return std::string_view(items[i].id) < wanted; });
    if (it == order.end() || items[*it].id != id) return std::nullopt;
    return *it;
}

}  // namespace

bool Service::runs_on(Date day) const {
    if (std::binary_search(added.begin(), added.end(), day)) return true;
    if (std::binary_search(removed.begin(), removed.end(), day)) return false;
    return in_calendar && start <= day && day <= end && ((weekdays >> day.weekday()) & 1u) != 0;
}

std::span<const Frequency> Feed::frequencies_of(std::uint32_t trip_index) const {
    auto lo = std::lower_bound(frequencies.begin(), frequencies.end(), trip_index,
                               [](const Frequency& f, std::uint32_t t) { return f.trip < t; });
    auto hi = lo;
    while (hi != frequencies.end() && hi->trip == trip_index) ++hi;
    return {frequencies.data() + (lo - frequencies.begin()), static_cast<std::size_t>(hi - lo)};
}

std::optional<std::uint32_t> Feed::find_stop(std::string_view id_) const { return find_by_id(stops, m_stops_by_id, id_); }
std::optional<std::uint32_t> Feed::find_route(std::string_view id_) const { return find_by_id(routes, m_routes_by_id, id_); }
std::optional<std::uint32_t> Feed::find_trip(std::string_view id_) const { return find_by_id(trips, m_trips_by_id, id_); }
std::optional<std::uint32_t> Feed::find_service(std::string_view id_) const { return find_by_id(services, m_services_by_id, id_); }

std::optional<std::pair<Date, Date>> Feed::calendar_range() const {
    std::optional<std::pair<Date, Date>> range;
    auto extend = [&range](Date a, Date b) {
        if (!range) range = std::make_pair(a, b);
        else range = std::make_pair(std::min(range->first, a), std::max(range->second, b));
    };
    for (const Service& s : services) {
        if (s.in_calendar && s.start <= s.end) extend(s.start, s.end);
        if (!s.added.empty()) extend(s.added.front(), s.added.back());
    }
    return range;
}

void Feed::build_index() {
    m_stops_by_id = sorted_by_id(stops);
    m_routes_by_id = sorted_by_id(routes);
    m_trips_by_id = sorted_by_id(trips);
    m_services_by_id = sorted_by_id(services);
}

}  // namespace keniki::transit
