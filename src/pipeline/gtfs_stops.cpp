#include "pipeline/gtfs_stops.hpp"

#include <filesystem>
#include <memory>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/stop_service.hpp"

namespace keniki::pipeline::detail {

namespace {

/// A stop served by a rail route (GTFS route_type 0 tram, 1 subway, 2 rail, 12 monorail) is a
/// station for the classification; everything else is a bus stop.
bool served_by_rail(const transit::StopService& s, std::span<const transit::Feed> feeds) {
    for (const auto& r : s.routes) {
        for (const auto& f : feeds) {
            if (f.id != r.feed_id) continue;
            if (const auto idx = f.find_route(r.route_id)) {
                const int type = f.routes[*idx].type;
                if (type == 0 || type == 1 || type == 2 || type == 12) return true;
            }
        }
    }
    return false;
}

/// Why a stop with no departure on `day` serves nobody: its feeds' calendars, or no trip that day.
std::string no_service_reason(const transit::StopService& s, const std::vector<FeedOnDay>& feeds, transit::Date day) {
    std::string outside;
    for (const auto& m : s.members) {
        for (const auto& f : feeds) {
            if (f.id != m.feed_id) continue;
            if (!f.outside_calendar(day)) return "no departure on " + day.iso();
            if (outside.empty()) outside = "outside the calendar of feed " + f.id + " (" + f.calendar->first.iso() + ".." + f.calendar->second.iso() + ")";
        }
    }
    return outside.empty() ? "no departure on " + day.iso() : outside;
}

}  // namespace

std::string FeedOnDay::no_trips_reason(transit::Date day) const {
    if (trips > 0) return "";
    if (outside_calendar(day))
        return "its calendar runs " + calendar->first.iso() + ".." + calendar->second.iso() + ", not " + day.iso() + ": it runs no trips that day";
    return "it runs no trips on " + day.iso();
}

const transit::Feed& feed_at(const std::string& path, ModelInputs& loaded) {
    auto& slot = loaded.feeds[path];
    if (!slot) slot = std::make_shared<const transit::Feed>(transit::load_feed(path));
    return *slot;
}

transit::RouteFilter without_routes(const std::vector<std::string>& names) {
    transit::RouteFilter filter;
    for (const auto& name : names) {
        filter.exclude.push_back({"", name, "", ""});
        filter.exclude.push_back({"", "", name, ""});
        filter.exclude.push_back({"", "", "", name});
    }
    return filter;
}

void note_feed(const transit::Feed& f, transit::Date day, ModelInputs& loaded) {
    const std::string role = "gtfs:" + f.id;
    for (const auto& in : loaded.inputs)
        if (in.role == role) return;
    const FeedOnDay on_day{f.id, f.path, transit::trips_running(f, day), f.calendar_range()};
    report::InputProvenance p;
    p.role = role;
    p.path = f.path;
    p.features_read = static_cast<std::int64_t>(f.stops.size());
    p.features_used = static_cast<std::int64_t>(f.trips.size());
    p.notes.push_back(std::to_string(f.routes.size()) + " routes, " + std::to_string(f.trips.size()) + " trips, " + std::to_string(on_day.trips) +
                      " of them on the service day " + day.iso() + (on_day.trips ? std::string() : " (" + on_day.no_trips_reason(day) + "; its stops serve nobody)"));
    if (!f.ignored_files.empty()) p.notes.push_back(std::to_string(f.ignored_files.size()) + " files not used (e.g. " + f.ignored_files.front() + ")");
    loaded.inputs.push_back(std::move(p));
}

GtfsStops gtfs_stops(std::span<const transit::Feed> feeds, const GtfsStopsRequest& request, const std::string& working_crs) {
    GtfsStops out;
    if (feeds.empty()) return out;
    const transit::ServiceDay day = request.date ? transit::service_day_on(feeds, *request.date)
                                                 : transit::choose_service_day(feeds, transit::parse_day_selector(request.service_day));
    out.service_day = day.date.to_string() + " (" + day.reason + ")";
    out.date = day.date;
    for (const auto& f : feeds) out.feeds.push_back({f.id, f.path, transit::trips_running(f, day.date), f.calendar_range()});

    transit::StopServiceOptions options;
    options.routes = without_routes(request.removed_routes);
    const auto services = transit::stop_service(feeds, day.date, options);
    const crs::Transformer to_working("EPSG:4326", working_crs);
    for (const auto& s : services) {
        analysis::Stop stop;
        stop.id = s.id;
        stop.name = s.name;
        stop.kind = served_by_rail(s, feeds) ? analysis::Stop::Kind::station : analysis::Stop::Kind::bus_stop;
        stop.location = to_working.forward(Point{s.lon, s.lat});
        stop.departures_per_day = static_cast<double>(s.departures);
        if (s.departures == 0) stop.no_service = no_service_reason(s, out.feeds, day.date);
        stop.source = s.members.empty() ? std::string("gtfs") : "gtfs:" + s.members.front().feed_id;
        out.stops.push_back(std::move(stop));
    }
    return out;
}

GtfsStops gtfs_stops(const GtfsStopsRequest& request, ModelInputs& loaded) {
    std::vector<transit::Feed> feeds;
    for (const auto& path : request.feeds) feeds.push_back(feed_at(path, loaded));
    GtfsStops out = gtfs_stops(feeds, request, loaded.working_crs);
    // Provenance: each feed once (the same feed read again for a scenario is not listed twice).
    if (out.date)
        for (const auto& f : feeds) note_feed(f, *out.date, loaded);
    return out;
}

}  // namespace keniki::pipeline::detail
