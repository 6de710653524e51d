#pragma once
// Service level per stop on one service day, over one or several feeds: how many departures, the
// first and last, which routes. This is what the transport-poor zone analysis (公共交通空白地域 /
// 交通不便地域) reads to call a stop served or too rarely served.
//
// What is counted as a departure: every stop_times row of a trip that runs that day (its service's
// calendar, calendar_dates winning) and whose route the filter keeps, except the trip's last row
// (nobody departs from the terminus) and rows with pickup_type 1 (no boarding there). A trip in
// frequencies.txt counts once per run. Times are those of the service day: a trip of that day
// leaving at 25:10 counts, and last_departure is then 25:10:00; trips of the previous day are not
// counted. Rows without a time in stop_times.txt count, with a time interpolated by stop order.
//
// Which stops are one: (1) within a feed, platforms and stops with a parent_station (a location_type
// 1 station) are one stop named and placed as the station; stations are never stops by themselves,
// and entrances, generic nodes and boarding areas (location_type 2-4) are not listed. (2) Then, in
// all feeds together and within one feed alike, stops with the same name (spaces around ignored)
// whose positions lie within `merge_distance_m` of each other are one stop (transitively: a chain of
// close same-named stops is one). Their departures add up, first/last are the earliest/latest of
// them, routes are the union; the position is the mean of the members' positions and the id and
// name those of the first member (feeds in the order given, stops in file order).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "keniki/transit/date.hpp"
#include "keniki/transit/feed.hpp"

namespace keniki::transit {

/// Picks routes: each non-empty field must match exactly; an all-empty selector matches nothing.
struct RouteSelector {
    std::string feed;        ///< feed id ("chikuho"); alone it selects the whole feed
    std::string route_id;
    std::string short_name;  ///< route_short_name
    std::string long_name;   ///< route_long_name (GTFS-JP feeds often leave the short name empty)

    bool matches(const Feed& feed, const Route& route) const;
};

/// A scenario's routes: kept when `only` is empty or one of its selectors matches, and none of
/// `exclude` matches. Filters change the counts, never the list of stops.
struct RouteFilter {
    std::vector<RouteSelector> only;
    std::vector<RouteSelector> exclude;

    bool keeps(const Feed& feed, const Route& route) const;
};

struct StopServiceOptions {
    /// Same-named stops closer than this (metres, great-circle) are one stop; negative = never merge
    /// by distance (parent stations still group their platforms). Default 10 m: the same pole shared
    /// by two operators, not the two sides of a road.
    double merge_distance_m = 10.0;
    /// Routes to count (default: all).
    RouteFilter routes;
    /// List stops without any departure that day (default true: a stop no bus serves on a Sunday is
    /// still a stop). False lists only stops with departures.
    bool include_unserved = true;
};

struct StopRef {
    std::string feed_id;
    std::string stop_id;
};

struct RouteRef {
    std::string feed_id;
    std::string route_id;
    std::string short_name;
    std::string long_name;
};

struct StopService {
    std::string id;    ///< "feed_id:stop_id" of the first member (the station's for a parent station)
    std::string name;  ///< stop_name of that member
    double lat = 0.0;  ///< WGS84, mean of the members' positions
    double lon = 0.0;
    std::vector<StopRef> members;  ///< every stops.txt entry merged here (stations and their platforms)
    std::int64_t departures = 0;
    Seconds first_departure = k_no_time;  ///< k_no_time when no departure
    Seconds last_departure = k_no_time;
    std::vector<RouteRef> routes;  ///< routes with at least one departure here, feeds in order, routes in file order
};

/// Service level of every stop of the feeds on `day`.
std::vector<StopService> stop_service(std::span<const Feed> feeds, Date day, const StopServiceOptions& options = {});

}  // namespace keniki::transit
