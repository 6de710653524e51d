#pragma once
// A GTFS / GTFS-JP feed in memory: the files the service-level analysis needs, with references
// resolved to indexes. Loaded from a zip or a folder through io::read_text_file (GDAL /vsizip/).
//
// Read: agency.txt (optional), stops.txt, routes.txt, trips.txt, stop_times.txt, calendar.txt and/or
// calendar_dates.txt (at least one), frequencies.txt (optional). Every other file (shapes.txt,
// translations.txt, fare_*.txt, feed_info.txt, agency_jp.txt, office_jp.txt, routes_jp.txt, ...) is
// listed in Feed::ignored_files and not read. The files may sit at the top of the zip or folder or
// inside one sub-folder.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/transit/date.hpp"

namespace keniki::transit {

inline constexpr std::uint32_t k_no_index = 0xFFFFFFFFu;

struct Agency {
    std::string id;
    std::string name;
};

struct Stop {
    std::string id;
    std::string name;
    double lat = 0.0;  ///< WGS84 degrees (0 for entrances/nodes/boarding areas that give none)
    double lon = 0.0;
    /// 0 stop or platform, 1 station, 2 entrance/exit, 3 generic node, 4 boarding area.
    std::uint8_t location_type = 0;
    std::uint32_t parent = k_no_index;  ///< index of parent_station in Feed::stops
};

struct Route {
    std::string id;
    std::string agency_id;
    std::string short_name;
    std::string long_name;
    int type = 3;  ///< route_type (3 = bus)
};

/// A service_id: the days its trips run (calendar.txt, then calendar_dates.txt exceptions).
struct Service {
    std::string id;
    bool in_calendar = false;   ///< has a calendar.txt row
    std::uint8_t weekdays = 0;  ///< calendar.txt: bit 0 Monday ... bit 6 Sunday
    Date start;                 ///< calendar.txt start_date (inclusive), when in_calendar
    Date end;                   ///< calendar.txt end_date (inclusive), when in_calendar
    std::vector<Date> added;    ///< calendar_dates exception_type 1, sorted
    std::vector<Date> removed;  ///< calendar_dates exception_type 2, sorted

    /// calendar_dates wins over calendar.txt: added → runs, removed → does not, else the weekday rule.
    bool runs_on(Date day) const;
};

/// One row of stop_times.txt, 16 bytes. A trip's rows are contiguous in stop_sequence order.
struct StopTime {
    std::uint32_t stop = k_no_index;  ///< index in Feed::stops
    Seconds arrival = k_no_time;      ///< after loading never k_no_time (see `interpolated`)
    Seconds departure = k_no_time;
    std::uint8_t pickup_type = 0;    ///< 0 regular, 1 none, 2 phone agency, 3 ask the driver
    std::uint8_t drop_off_type = 0;
    bool interpolated = false;  ///< the row gave no time: linearly interpolated by stop order
};

struct Trip {
    std::string id;
    std::uint32_t route = k_no_index;    ///< index in Feed::routes
    std::uint32_t service = k_no_index;  ///< index in Feed::services
    std::uint32_t first_stop_time = 0; ///< index of its first row in Feed::stop_times
    std::uint32_t stop_time_count = 0;
};

/// frequencies.txt: the trip's stop_times are a template run every `headway` from `start` to `end`.
struct Frequency {
    std::uint32_t trip = k_no_index;
    Seconds start = 0;  ///< first run's departure from the first stop
    Seconds end = 0;    ///< runs start before this time (exclusive)
    Seconds headway = 0;
};

struct Feed {
    std::string id;    ///< the file stem ("chikuho" for chikuho.zip) unless LoadOptions::id says otherwise
    std::string path;  ///< as given to load_feed
    std::vector<Agency> agencies;
    std::vector<Stop> stops;
    std::vector<Route> routes;
    std::vector<Service> services;
    std::vector<Trip> trips;  ///< trips without stop_times are kept with stop_time_count 0
    std::vector<StopTime> stop_times;
    std::vector<Frequency> frequencies;  ///< sorted by trip
    std::vector<std::string> ignored_files;

    std::span<const StopTime> stop_times_of(const Trip& trip) const {
        return std::span<const StopTime>(stop_times).subspan(trip.first_stop_time, trip.stop_time_count);
    }
    /// The frequency windows of trip `trip_index` (empty for an ordinary trip).
    std::span<const Frequency> frequencies_of(std::uint32_t trip_index) const;

    std::optional<std::uint32_t> find_stop(std::string_view stop_id) const;
    std::optional<std::uint32_t> find_route(std::string_view route_id) const;
    std::optional<std::uint32_t> find_trip(std::string_view trip_id) const;
    std::optional<std::uint32_t> find_service(std::string_view service_id) const;

    /// First and last date any service of the feed is defined for (calendar ranges and added dates);
    /// nullopt when the feed defines no date at all.
    std::optional<std::pair<Date, Date>> calendar_range() const;

    /// Builds the id look-ups used by find_*; load_feed calls it, and so must code that builds or
    /// edits a Feed by hand.
    void build_index();

private:
    std::vector<std::uint32_t> m_stops_by_id, m_routes_by_id, m_trips_by_id, m_services_by_id;
};

struct LoadOptions {
    /// Feed id used in results and messages; empty = the file stem of the path.
    std::string id;
};

/// Loads a feed from a zip or a folder. Throws UsageError when the path does not exist; DataError
/// naming the file ("chikuho.zip/stop_times.txt"), line and field when a required file or column is
/// missing, a reference is unknown (trip's route or service, stop_times' trip or stop, a parent
/// station), a value cannot be read (times such as "25:61:00", non-numeric stop_sequence, bad
/// dates or coordinates), a stop_sequence repeats within a trip, or a trip's first or last stop has
/// no time.
Feed load_feed(const std::string& path, const LoadOptions& options = {});

}  // namespace keniki::transit
