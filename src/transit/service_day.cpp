#include "keniki/transit/service_day.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "keniki/core/error.hpp"
#include "keniki/transit/trip_stats.hpp"

namespace keniki::transit {

namespace {

/// Trips per service of a feed, frequency-based trips counted once per run.
std::vector<std::size_t> trips_per_service(const Feed& feed) {
    std::vector<std::size_t> count(feed.services.size(), 0);
    for (std::uint32_t i = 0; i < feed.trips.size(); ++i) {
        const auto windows = feed.frequencies_of(i);
        std::size_t runs = windows.empty() ? 1 : 0;
        for (const Frequency& w : windows) runs += runs_in_window(w);
        count[feed.trips[i].service] += runs;
    }
    return count;
}

std::size_t trips_on(const Feed& feed, const std::vector<std::size_t>& per_service, Date date) {
    std::size_t n = 0;
    for (std::size_t s = 0; s < feed.services.size(); ++s)
        if (per_service[s] != 0 && feed.services[s].runs_on(date)) n += per_service[s];
    return n;
}

std::string describe(Date d) { return d.iso() + " (" + std::string(d.weekday_name()) + ")"; }

/// The dates of `kind` in `range` as classes of dates that run the same services: between two
/// dates where anything changes (a service starts or ends, an exception date) the services of a
/// date depend on its weekday only. Each class as (its first date, how many dates it has), in date
/// order — so a calendar running to 9999-12-31 costs a few steps per change, not one per day.
std::vector<std::pair<Date, std::size_t>> day_classes(std::span<const Feed> feeds, std::pair<Date, Date> range, DayKind kind) {
    std::vector<Date> cuts{range.first, range.second + 1};
    for (const Feed& f : feeds) {
        for (const Service& s : f.services) {
            if (s.in_calendar) {
                cuts.push_back(s.start);
                cuts.push_back(s.end + 1);
            }
            for (const auto* dates : {&s.added, &s.removed}) {
                for (const Date d : *dates) {
                    cuts.push_back(d);
                    cuts.push_back(d + 1);
                }
            }
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<std::pair<Date, std::size_t>> classes;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const Date a = cuts[c], b = cuts[c + 1];  // [a, b)
        if (a < range.first || b > range.second + 1) continue;
        for (std::int32_t k = 0; k < 7 && a + k < b; ++k) {
            const Date d = a + k;
            if (is_kind(d, kind)) classes.emplace_back(d, static_cast<std::size_t>((b - d - 1) / 7 + 1));
        }
    }
    return classes;
}

}  // namespace

std::string_view to_string(DayKind kind) {
    switch (kind) {
        case DayKind::weekday: return "weekday";
        case DayKind::saturday: return "saturday";
        case DayKind::sunday_holiday: return "sunday_holiday";
    }
    return "?";
}

std::optional<DayKind> parse_day_kind(std::string_view text) {
    if (text == "weekday") return DayKind::weekday;
    if (text == "saturday") return DayKind::saturday;
    if (text == "sunday_holiday" || text == "sunday" || text == "holiday") return DayKind::sunday_holiday;
    return std::nullopt;
}

bool is_kind(Date date, DayKind kind) {
    const int w = date.weekday();
    switch (kind) {
        case DayKind::weekday: return w <= 4;
        case DayKind::saturday: return w == 5;
        case DayKind::sunday_holiday: return w == 6;
    }
    return false;
}

DaySelector parse_day_selector(std::string_view text) {
    if (auto kind = parse_day_kind(text)) return *kind;
    if (auto date = Date::parse(text)) return *date;
    throw UsageError("a service day is a date YYYYMMDD or one of weekday, saturday, sunday_holiday; not '" + std::string(text) + "'");
}

bool trip_runs_on(const Feed& feed, const Trip& trip, Date date) { return feed.services[trip.service].runs_on(date); }

std::size_t trips_running(const Feed& feed, Date date) { return trips_on(feed, trips_per_service(feed), date); }

ServiceDay typical_service_day(std::span<const Feed> feeds, DayKind kind) {
    if (feeds.empty()) throw UsageError("no GTFS feed given");
    std::optional<std::pair<Date, Date>> range;
    for (const Feed& f : feeds) {
        if (auto r = f.calendar_range()) {
            if (!range) range = r;
            else range = std::make_pair(std::min(range->first, r->first), std::max(range->second, r->second));
        }
    }
    if (!range) throw DataError("the feeds define no service date at all (calendar.txt and calendar_dates.txt are empty)", Where{feeds.front().path});
    std::vector<std::vector<std::size_t>> per_service;
    for (const Feed& f : feeds) per_service.push_back(trips_per_service(f));

    // Pass 1: on how many feeds' service the candidates can count at best.
    const std::vector<std::pair<Date, std::size_t>> classes = day_classes(feeds, *range, kind);
    std::optional<Date> first_of_kind;
    std::size_t most_feeds = 0;
    for (const auto& [d, count] : classes) {
        if (!first_of_kind) first_of_kind = d;
        std::size_t feeds_running = 0;
        for (std::size_t i = 0; i < feeds.size(); ++i) feeds_running += trips_on(feeds[i], per_service[i], d) > 0;
        most_feeds = std::max(most_feeds, feeds_running);
    }
    ServiceDay day;
    day.kind = kind;
    const std::string span = range->first.iso() + ".." + range->second.iso();
    const std::string kind_name(to_string(kind));
    if (!first_of_kind) throw DataError("the feeds' calendars (" + span + ") contain no " + kind_name + " date", Where{feeds.front().path});
    if (most_feeds == 0) {
        day.date = *first_of_kind;
        day.reason = kind_name + ": " + describe(day.date) + ", the first " + kind_name + " in " + span + "; no trip runs on any " +
                     kind_name + " of the feeds' calendars";
        return day;
    }

    // Pass 2: the most common pattern (services running, per feed) among those candidates.
    struct PatternCount {
        std::size_t dates = 0;
        std::size_t trips = 0;
        Date first;
    };
    std::map<std::vector<std::uint32_t>, PatternCount> patterns;
    std::size_t eligible = 0;
    std::vector<std::uint32_t> key;
    for (const auto& [d, count] : classes) {
        key.clear();
        std::size_t feeds_running = 0, trips = 0;
        for (std::size_t i = 0; i < feeds.size(); ++i) {
            const std::size_t n = trips_on(feeds[i], per_service[i], d);
            feeds_running += n > 0;
            trips += n;
            for (std::uint32_t s = 0; s < feeds[i].services.size(); ++s)
                if (per_service[i][s] != 0 && feeds[i].services[s].runs_on(d)) key.push_back(s);
            key.push_back(k_no_index);  // feed separator
        }
        if (feeds_running != most_feeds) continue;
        eligible += count;
        auto [it, fresh] = patterns.try_emplace(key);
        if (fresh) {
            it->second.first = d;  // the classes come in date order, so this is the pattern's first date
            it->second.trips = trips;
        }
        it->second.dates += count;
    }
    const PatternCount* best = nullptr;
    for (const auto& [k, p] : patterns) {
        if (!best || p.dates > best->dates || (p.dates == best->dates && (p.trips > best->trips || (p.trips == best->trips && p.first < best->first))))
            best = &p;
    }
    day.date = best->first;
    day.trips = best->trips;
    day.reason = kind_name + ": " + describe(day.date) + ", the first " + kind_name + " of the most common service pattern (" +
                 std::to_string(best->dates) + " of " + std::to_string(eligible) + " such days with " + std::to_string(most_feeds) + " of " +
                 std::to_string(feeds.size()) + " feeds running, within " + span + "; " + std::to_string(best->trips) + " trips)";
    return day;
}

ServiceDay service_day_on(std::span<const Feed> feeds, Date date) {
    ServiceDay day;
    day.date = date;
    std::size_t feeds_running = 0;
    for (const Feed& f : feeds) {
        const std::size_t n = trips_running(f, date);
        day.trips += n;
        feeds_running += n > 0;
    }
    day.reason = "date " + describe(date) + " as given: " + std::to_string(day.trips) + " trips, " + std::to_string(feeds_running) +
                 " of " + std::to_string(feeds.size()) + " feeds running";
    if (day.trips == 0) day.reason += " (no service that day: outside the feeds' calendars, or a day without service)";
    return day;
}

ServiceDay choose_service_day(std::span<const Feed> feeds, const DaySelector& selector) {
    if (const Date* d = std::get_if<Date>(&selector)) return service_day_on(feeds, *d);
    return typical_service_day(feeds, std::get<DayKind>(selector));
}

}  // namespace keniki::transit
