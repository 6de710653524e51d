// The demo town's timetable as a GTFS feed (data/demo/gtfs/): made from the routes and stops the
// other parts built, so the feed, bus_stops.geojson and stations.geojson describe the same service.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "network.hpp"

namespace keniki::demo {

namespace {

/// Position of `p` along the polyline (metres from its start) and its distance from it.
std::pair<double, double> along(const LineString& line, const Point& p) {
    double best_d = 1e300, best_s = 0, s0 = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const Point& a = line[i];
        const Point& b = line[i + 1];
        const double dx = b.x() - a.x(), dy = b.y() - a.y(), len2 = dx * dx + dy * dy, len = std::sqrt(len2);
        const double t = len2 > 0 ? std::clamp(((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2, 0.0, 1.0) : 0.0;
        const double d = std::hypot(a.x() + t * dx - p.x(), a.y() + t * dy - p.y());
        if (d < best_d) {
            best_d = d;
            best_s = s0 + t * len;
        }
        s0 += len;
    }
    return {best_s, best_d};
}

std::string hms(int seconds) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return b;
}

struct Line {
    std::string route_id;
    std::vector<std::pair<double, std::string>> stops;  ///< (metres along, stop_id), in order
    std::vector<int> starts;                            ///< departures from the first stop, seconds
    std::vector<int> starts_back;                       ///< the other way (empty: the same times)
    double speed_ms = 0;
    int dwell_s = 0;
};

}  // namespace

std::string write_gtfs(const std::string& dir_text, const Network& net, const std::function<Point(const Point&)>& lonlat) {
    const std::filesystem::path dir(dir_text);
    std::filesystem::create_directories(dir);
    std::ofstream agency(dir / "agency.txt"), stops(dir / "stops.txt"), routes(dir / "routes.txt"), trips(dir / "trips.txt"),
        times(dir / "stop_times.txt"), calendar(dir / "calendar.txt"), info(dir / "feed_info.txt");
    agency << "agency_id,agency_name,agency_url,agency_timezone,agency_lang\n"
              "kaku,架空市交通局 (fictional),https://example.invalid/kaku,Asia/Tokyo,ja\n";
    info << "feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version\n"
            "keniki demo (fictional),https://example.invalid/kaku,ja,20260401,20270331,1\n";
    calendar << "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                "weekday,1,1,1,1,1,0,0,20260401,20270331\n"
                "weekend,0,0,0,0,0,1,1,20260401,20270331\n";
    stops << "stop_id,stop_name,stop_lat,stop_lon\n";
    for (const BusStop& s : net.stops) {
        const Point p = lonlat(s.at);
        stops << s.id << "," << s.name << "," << std::to_string(p.y()) << "," << std::to_string(p.x()) << "\n";
    }
    for (const Station& s : net.stations) {
        const Point p = lonlat(s.at);
        stops << s.id << "," << s.name << "," << std::to_string(p.y()) << "," << std::to_string(p.x()) << "\n";
    }
    routes << "route_id,agency_id,route_short_name,route_long_name,route_type\n";
    std::vector<Line> lines;
    int morning_evening = 0;
    for (const BusRoute& r : net.routes) {
        routes << "bus" << r.number << ",kaku," << r.number << "," << r.name << ",3\n";
        LineString path;
        for (const int n : r.nodes) path.push_back(net.nodes[static_cast<std::size_t>(n)].at);
        Line l;
        l.route_id = "bus" + std::to_string(r.number);
        for (const BusStop& s : net.stops) {
            if (std::find(s.routes.begin(), s.routes.end(), r.number) == s.routes.end()) continue;
            const auto [at, off] = along(path, s.at);
            if (off < 400) l.stops.emplace_back(at, s.id);
        }
        std::sort(l.stops.begin(), l.stops.end());
        if (l.stops.size() < 2) continue;
        l.speed_ms = 20 / 3.6;
        l.dwell_s = 20;
        const int per_way = std::max(1, r.departures_per_day / 2);
        if (r.departures_per_day < 10) {
            // A village line: one way in the morning (07:10, then 09:20, ...), the other way back in
            // the afternoon and evening (17:40, then 12:30, ...).
            const int there[] = {7 * 3600 + 10 * 60, 9 * 3600 + 20 * 60, 8 * 3600 + 15 * 60, 10 * 3600 + 30 * 60};
            const int back[] = {17 * 3600 + 40 * 60, 12 * 3600 + 30 * 60, 15 * 3600 + 10 * 60, 16 * 3600 + 20 * 60};
            for (int i = 0; i < std::min(per_way, 4); ++i) {
                l.starts.push_back(there[i]);
                l.starts_back.push_back(back[i]);
            }
            std::sort(l.starts.begin(), l.starts.end());
            std::sort(l.starts_back.begin(), l.starts_back.end());
            ++morning_evening;
        } else {
            const int first = 6 * 3600 + 30 * 60, last = 19 * 3600 + 30 * 60;
            for (int i = 0; i < per_way; ++i) l.starts.push_back(first + (per_way > 1 ? (last - first) * i / (per_way - 1) : 0) / 60 * 60);
        }
        lines.push_back(l);
    }
    // The railway: hourly both ways, 06:00 to 21:00, 60 km/h, 30 s at each station.
    routes << "rail,kaku,JR,鉄道線,2\n";
    {
        Line l;
        l.route_id = "rail";
        for (const Station& s : net.stations) l.stops.emplace_back(along(net.rail, s.at).first, s.id);
        std::sort(l.stops.begin(), l.stops.end());
        l.speed_ms = 60 / 3.6;
        l.dwell_s = 30;
        for (int h = 6; h <= 21; ++h) l.starts.push_back(h * 3600);
        if (l.stops.size() >= 2) lines.push_back(l);
    }
    trips << "route_id,service_id,trip_id\n";
    times << "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
    std::size_t trip_count = 0;
    for (const Line& l : lines) {
        for (int way = 0; way < 2; ++way) {
            std::vector<std::pair<double, std::string>> seq = l.stops;
            if (way == 1) {
                std::reverse(seq.begin(), seq.end());
                for (auto& [at, id] : seq) at = l.stops.back().first - at;
            }
            const std::vector<int>& starts = way == 1 && !l.starts_back.empty() ? l.starts_back : l.starts;
            for (std::size_t k = 0; k < starts.size(); ++k) {
                const std::string id = l.route_id + (way ? "_out_" : "_in_") + std::to_string(k + 1);
                trips << l.route_id << ",weekday," << id << "\n";
                for (std::size_t i = 0; i < seq.size(); ++i) {
                    const int arrive = starts[k] + static_cast<int>(std::lround((seq[i].first - seq.front().first) / l.speed_ms / 60)) * 60 +
                                       static_cast<int>(i) * l.dwell_s / 60 * 60;
                    times << id << "," << hms(arrive) << "," << hms(arrive) << "," << seq[i].second << "," << i + 1 << "\n";
                }
                ++trip_count;
            }
        }
    }
    return std::to_string(lines.size()) + " routes (" + std::to_string(morning_evening) + " village lines: one way in the morning, back in the afternoon or evening; the railway hourly), " +
           std::to_string(trip_count) + " weekday trips";
}

}  // namespace keniki::demo
