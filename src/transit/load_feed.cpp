// load_feed: reads the GTFS text files of a zip or folder into a Feed. One pass per file with
// CsvTable; ids are resolved through hash maps of views into the already loaded vectors.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>

#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"
#include "keniki/io/read_text_file.hpp"
#include "keniki/transit/csv.hpp"
#include "keniki/transit/feed.hpp"

namespace keniki::transit {

namespace {

/// Id → index look-up for the hot loop of stop_times.txt: open addressing over a flat array, FNV-1a
/// hashes, keys compared against the ids held by the feed's own vectors (no copies).
class IdIndex {
public:
    template <class T>
    explicit IdIndex(const std::vector<T>& items) : m_ids(items.size()) {
        std::size_t cap = 16;
        while (cap < items.size() * 2) cap <<= 1;
        m_mask = cap - 1;
        m_slots.assign(cap, Slot{0, k_no_index});
        for (std::uint32_t i = 0; i < items.size(); ++i) {
            m_ids[i] = items[i].id;
            const std::uint64_t h = hash(m_ids[i]);
            std::size_t pos = h & m_mask;
            while (m_slots[pos].index != k_no_index) {
                if (m_slots[pos].hash == static_cast<std::uint32_t>(h) && m_ids[m_slots[pos].index] == m_ids[i]) break;  // duplicate: keep first
                pos = (pos + 1) & m_mask;
            }
            if (m_slots[pos].index == k_no_index) m_slots[pos] = Slot{static_cast<std::uint32_t>(h), i};
        }
    }

    std::optional<std::uint32_t> find(std::string_view id) const {
        const std::uint64_t h = hash(id);
        for (std::size_t pos = h & m_mask;; pos = (pos + 1) & m_mask) {
            const Slot& s = m_slots[pos];
            if (s.index == k_no_index) return std::nullopt;
            if (s.hash == static_cast<std::uint32_t>(h) && m_ids[s.index] == id) return s.index;
        }
    }

private:
    struct Slot {
        std::uint32_t hash;
        std::uint32_t index;
    };
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 1469598103934665603ull;
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
        return h ^ (h >> 29);
    }
    std::vector<std::string_view> m_ids;
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
};

using IdMap = std::unordered_map<std::string_view, std::uint32_t>;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_blank_text(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<std::uint64_t> parse_uint(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

std::optional<double> parse_double(std::string_view s) { return text::parse_number(s); }

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

/// The feed's files: where they are and how messages name them ("chikuho.zip/stops.txt").
class FeedFiles {
public:
    explicit FeedFiles(const std::string& path) : m_path(path) {
        std::filesystem::path p(path);
        if (!p.has_filename()) p = p.parent_path();
        m_label = p.filename().string();
        const std::vector<std::string> files = io::list_archive(path);
        // The files sit at the top, or in one folder (zips made by "compress folder").
        auto has_stops_in = [&](const std::string& prefix) {
            return std::any_of(files.begin(), files.end(), [&](const std::string& f) { return lower_ascii(f) == prefix + "stops.txt"; });
        };
        if (!has_stops_in("")) {
            for (const std::string& f : files) {
                const auto slash = f.rfind('/');
                if (slash != std::string::npos && lower_ascii(f.substr(slash + 1)) == "stops.txt") {
                    m_prefix = lower_ascii(f.substr(0, slash + 1));
                    break;
                }
            }
        }
        for (const std::string& f : files) {
            const std::string low = lower_ascii(f);
            if (low.rfind(m_prefix, 0) != 0) continue;
            const std::string name = low.substr(m_prefix.size());
            if (name.find('/') != std::string::npos) continue;
            m_members.emplace(name, f);
        }
    }

    bool has(const std::string& name) const { return m_members.count(name) != 0; }
    /// "chikuho.zip/stops.txt" (with the sub-folder when there is one).
    std::string label(const std::string& name) const {
        auto it = m_members.find(name);
        return m_label + "/" + (it != m_members.end() ? it->second : m_prefix + name);
    }
    /// The text of a member, named "chikuho.zip/stops.txt" in every error; GTFS text must be UTF-8.
    std::string read(const std::string& name) const {
        std::string text;
        try {
            text = io::read_text_file(io::archive_member_path(m_path, m_members.at(name)));
        } catch (const DataError& e) {
            throw DataError(e.message(), Where{label(name)});
        }
        if (const auto line = io::first_invalid_utf8_line(text))
            throw DataError("the text is not valid UTF-8 (GTFS files must be UTF-8; this looks like CP932 / Shift-JIS: convert it, "
                            "e.g. iconv -f cp932 -t utf-8)",
                            Where{label(name), {}, {}, {}, *line});
        return text;
    }
    /// Text of a file that must be there; a missing or empty one is a DataError naming it.
    std::string require(const std::string& name) const {
        if (!has(name)) throw DataError("required file " + name + " is missing from the feed", Where{label(name)});
        std::string text = read(name);
        if (is_blank_text(text)) throw DataError("required file " + name + " is empty", Where{label(name)});
        return text;
    }
    /// Text of an optional file; empty when absent or blank.
    std::optional<std::string> optional(const std::string& name) const {
        if (!has(name)) return std::nullopt;
        std::string text = read(name);
        if (is_blank_text(text)) return std::nullopt;
        return text;
    }
    std::vector<std::string> others(const std::vector<std::string>& known) const {
        std::vector<std::string> out;
        for (const auto& [name, member] : m_members)
            if (std::find(known.begin(), known.end(), name) == known.end()) out.push_back(member);
        return out;
    }

private:
    std::string m_path;
    std::string m_label;
    std::string m_prefix;
    std::map<std::string, std::string> m_members;  ///< lower-case name → name in the archive
};

IdMap index_ids(const auto& items, const FeedFiles& files, const std::string& file, const std::vector<std::int64_t>& lines,
                const char* field) {
    IdMap map;
    map.reserve(items.size() * 2);
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        if (!map.emplace(std::string_view(items[i].id), i).second)
            throw DataError(std::string(field) + " " + in_quotes(items[i].id) + " appears twice (first on line " +
                                std::to_string(lines[map.at(items[i].id)]) + ")",
                            Where{files.label(file), {}, {}, field, lines[i]});
    }
    return map;
}

void read_agencies(Feed& feed, const FeedFiles& files) {
    auto text = files.optional("agency.txt");
    if (!text) return;
    CsvTable t(*text, files.label("agency.txt"));
    const auto c_id = t.column("agency_id"), c_name = t.column("agency_name");
    while (t.next()) feed.agencies.push_back({std::string(t.get(c_id)), std::string(t.get(c_name))});
}

void read_stops(Feed& feed, const FeedFiles& files) {
    const std::string text = files.require("stops.txt");
    CsvTable t(text, files.label("stops.txt"));
    const auto c_id = t.require_column("stop_id");
    const auto c_name = t.column("stop_name");
    const auto c_lat = t.require_column("stop_lat");
    const auto c_lon = t.require_column("stop_lon");
    const auto c_type = t.column("location_type");
    const auto c_parent = t.column("parent_station");
    std::vector<std::int64_t> lines;
    std::vector<std::pair<std::uint32_t, std::string>> parents;  // stop index, parent id
    while (t.next()) {
        Stop s;
        s.id = t[c_id];
        if (s.id.empty()) throw DataError("empty stop_id", t.where("stop_id"));
        s.name = t.get(c_name);
        if (const std::string_view type = t.get(c_type); !type.empty()) {
            const auto v = parse_uint(type);
            if (!v || *v > 4) throw DataError("location_type must be 0-4, not " + in_quotes(type), t.where("location_type"));
            s.location_type = static_cast<std::uint8_t>(*v);
        }
        const std::string_view lat = t[c_lat], lon = t[c_lon];
        const bool needs_position = s.location_type <= 2;
        if (needs_position || !lat.empty() || !lon.empty()) {
            const auto la = parse_double(lat);
            if (!la || *la < -90 || *la > 90) throw DataError("stop_lat is not a latitude: " + in_quotes(lat), t.where("stop_lat"));
            const auto lo = parse_double(lon);
            if (!lo || *lo < -180 || *lo > 180) throw DataError("stop_lon is not a longitude: " + in_quotes(lon), t.where("stop_lon"));
            s.lat = *la;
            s.lon = *lo;
        }
        if (const std::string_view parent = t.get(c_parent); !parent.empty())
            parents.emplace_back(static_cast<std::uint32_t>(feed.stops.size()), std::string(parent));
        feed.stops.push_back(std::move(s));
        lines.push_back(t.line());
    }
    if (feed.stops.empty()) throw DataError("the file has a header and no stops", Where{files.label("stops.txt")});
    const IdMap ids = index_ids(feed.stops, files, "stops.txt", lines, "stop_id");
    for (const auto& [i, parent] : parents) {
        auto it = ids.find(parent);
        if (it == ids.end())
            throw DataError("parent_station " + in_quotes(parent) + " is not a stop_id in stops.txt",
                            Where{files.label("stops.txt"), {}, {}, "parent_station", lines[i]});
        feed.stops[i].parent = it->second;
    }
}

void read_routes(Feed& feed, const FeedFiles& files) {
    const std::string text = files.require("routes.txt");
    CsvTable t(text, files.label("routes.txt"));
    const auto c_id = t.require_column("route_id");
    const auto c_agency = t.column("agency_id"), c_short = t.column("route_short_name"), c_long = t.column("route_long_name"),
               c_type = t.column("route_type");
    std::vector<std::int64_t> lines;
    while (t.next()) {
        Route r;
        r.id = t[c_id];
        if (r.id.empty()) throw DataError("empty route_id", t.where("route_id"));
        r.agency_id = t.get(c_agency);
        r.short_name = t.get(c_short);
        r.long_name = t.get(c_long);
        if (const std::string_view type = t.get(c_type); !type.empty()) {
            const auto v = parse_uint(type);
            if (!v || *v > 9999) throw DataError("route_type is not a number: " + in_quotes(type), t.where("route_type"));
            r.type = static_cast<int>(*v);
        }
        feed.routes.push_back(std::move(r));
        lines.push_back(t.line());
    }
    index_ids(feed.routes, files, "routes.txt", lines, "route_id");
}

void read_services(Feed& feed, const FeedFiles& files) {
    const auto calendar = files.optional("calendar.txt");
    const auto dates = files.optional("calendar_dates.txt");
    if (!calendar && !dates)
        throw DataError("the feed has neither calendar.txt nor calendar_dates.txt (GTFS needs at least one)",
                        Where{files.label("calendar.txt")});
    std::unordered_map<std::string, std::uint32_t> ids;
    if (calendar) {
        CsvTable t(*calendar, files.label("calendar.txt"));
        static constexpr const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        const auto c_id = t.require_column("service_id");
        std::size_t c_day[7];
        for (int d = 0; d < 7; ++d) c_day[d] = t.require_column(days[d]);
        const auto c_start = t.require_column("start_date"), c_end = t.require_column("end_date");
        while (t.next()) {
            Service s;
            s.id = t[c_id];
            if (s.id.empty()) throw DataError("empty service_id", t.where("service_id"));
            s.in_calendar = true;
            for (int d = 0; d < 7; ++d) {
                const std::string_view v = t[c_day[d]];
                if (v == "1") s.weekdays = static_cast<std::uint8_t>(s.weekdays | (1u << d));
                else if (v != "0") throw DataError(std::string(days[d]) + " must be 0 or 1, not " + in_quotes(v), t.where(days[d]));
            }
            const auto start = Date::parse(t[c_start]);
            if (!start) throw DataError("start_date is not a YYYYMMDD date: " + in_quotes(t[c_start]), t.where("start_date"));
            const auto end = Date::parse(t[c_end]);
            if (!end) throw DataError("end_date is not a YYYYMMDD date: " + in_quotes(t[c_end]), t.where("end_date"));
            s.start = *start;
            s.end = *end;
            if (!ids.emplace(s.id, static_cast<std::uint32_t>(feed.services.size())).second)
                throw DataError("service_id " + in_quotes(s.id) + " appears twice", t.where("service_id"));
            feed.services.push_back(std::move(s));
        }
    }
    if (dates) {
        CsvTable t(*dates, files.label("calendar_dates.txt"));
        const auto c_id = t.require_column("service_id"), c_date = t.require_column("date"), c_type = t.require_column("exception_type");
        while (t.next()) {
            const std::string_view id = t[c_id];
            if (id.empty()) throw DataError("empty service_id", t.where("service_id"));
            const auto date = Date::parse(t[c_date]);
            if (!date) throw DataError("date is not a YYYYMMDD date: " + in_quotes(t[c_date]), t.where("date"));
            const std::string_view type = t[c_type];
            if (type != "1" && type != "2") throw DataError("exception_type must be 1 or 2, not " + in_quotes(type), t.where("exception_type"));
            auto [it, fresh] = ids.emplace(std::string(id), static_cast<std::uint32_t>(feed.services.size()));
            if (fresh) feed.services.push_back(Service{std::string(id), false, 0, {}, {}, {}, {}});
            Service& s = feed.services[it->second];
            (type == "1" ? s.added : s.removed).push_back(*date);
        }
        for (Service& s : feed.services) {
            std::sort(s.added.begin(), s.added.end());
            s.added.erase(std::unique(s.added.begin(), s.added.end()), s.added.end());
            std::sort(s.removed.begin(), s.removed.end());
            s.removed.erase(std::unique(s.removed.begin(), s.removed.end()), s.removed.end());
        }
    }
}

void read_trips(Feed& feed, const FeedFiles& files) {
    const std::string text = files.require("trips.txt");
    CsvTable t(text, files.label("trips.txt"));
    const auto c_route = t.require_column("route_id"), c_service = t.require_column("service_id"), c_id = t.require_column("trip_id");
    IdMap routes, services;
    for (std::uint32_t i = 0; i < feed.routes.size(); ++i) routes.emplace(feed.routes[i].id, i);
    for (std::uint32_t i = 0; i < feed.services.size(); ++i) services.emplace(feed.services[i].id, i);
    std::vector<std::int64_t> lines;
    while (t.next()) {
        Trip trip;
        trip.id = t[c_id];
        if (trip.id.empty()) throw DataError("empty trip_id", t.where("trip_id"));
        const auto r = routes.find(t[c_route]);
        if (r == routes.end()) throw DataError("route_id " + in_quotes(t[c_route]) + " is not in routes.txt", t.where("route_id"));
        trip.route = r->second;
        const auto s = services.find(t[c_service]);
        if (s == services.end())
            throw DataError("service_id " + in_quotes(t[c_service]) + " is in neither calendar.txt nor calendar_dates.txt", t.where("service_id"));
        trip.service = s->second;
        feed.trips.push_back(std::move(trip));
        lines.push_back(t.line());
    }
    index_ids(feed.trips, files, "trips.txt", lines, "trip_id");
}

/// Fills a trip's missing times: arrival and departure stand in for each other; rows with neither
/// are interpolated linearly by position between the timed rows around them.
void fill_times(std::span<StopTime> rows) {
    for (StopTime& st : rows) {
        if (st.arrival == k_no_time) st.arrival = st.departure;
        if (st.departure == k_no_time) st.departure = st.arrival;
    }
    std::size_t prev = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].arrival == k_no_time) continue;
        if (i > prev + 1) {
            const double from = rows[prev].departure, to = rows[i].arrival;
            for (std::size_t k = prev + 1; k < i; ++k) {
                const double f = static_cast<double>(k - prev) / static_cast<double>(i - prev);
                rows[k].arrival = rows[k].departure = static_cast<Seconds>(std::lround(from + (to - from) * f));
                rows[k].interpolated = true;
            }
        }
        prev = i;
    }
}

void read_stop_times(Feed& feed, const FeedFiles& files) {
    const std::string text = files.require("stop_times.txt");
    const std::string label = files.label("stop_times.txt");
    CsvTable t(text, label);
    const auto c_trip = t.require_column("trip_id"), c_stop = t.require_column("stop_id"), c_seq = t.require_column("stop_sequence");
    const auto c_arr = t.column("arrival_time"), c_dep = t.column("departure_time"), c_pick = t.column("pickup_type"),
               c_drop = t.column("drop_off_type");
    const IdIndex trips(feed.trips), stops(feed.stops);

    // Rows as read, with the trip, sequence and line kept apart until the rows are grouped.
    std::vector<StopTime> rows;
    std::vector<std::uint32_t> row_trip, row_seq, row_line;
    const std::size_t estimate = text.size() / 48 + 16;
    rows.reserve(estimate);
    row_trip.reserve(estimate);
    row_seq.reserve(estimate);
    row_line.reserve(estimate);
    std::string_view last_trip_id;
    std::uint32_t last_trip = k_no_index;
    auto parse_time = [&](std::optional<std::size_t> col, const char* field) -> Seconds {
        const std::string_view v = t.get(col);
        if (v.empty()) return k_no_time;
        const auto s = parse_gtfs_time(v);
        if (!s) throw DataError(std::string(field) + " is not a time (H:MM:SS, minutes and seconds below 60): " + in_quotes(v), t.where(field));
        return *s;
    };
    auto parse_type = [&](std::optional<std::size_t> col, const char* field) -> std::uint8_t {
        const std::string_view v = t.get(col);
        if (v.empty()) return 0;
        const auto n = parse_uint(v);
        if (!n || *n > 3) throw DataError(std::string(field) + " must be 0-3, not " + in_quotes(v), t.where(field));
        return static_cast<std::uint8_t>(*n);
    };
    while (t.next()) {
        const std::string_view trip_id = t[c_trip];
        if (last_trip == k_no_index || trip_id != last_trip_id) {
            const auto found = trips.find(trip_id);
            if (!found) throw DataError("trip_id " + in_quotes(trip_id) + " is not in trips.txt", t.where("trip_id"));
            last_trip = *found;
            last_trip_id = feed.trips[last_trip].id;
        }
        const std::string_view stop_id = t[c_stop];
        const auto stop = stops.find(stop_id);
        if (!stop) throw DataError("stop_id " + in_quotes(stop_id) + " is not in stops.txt", t.where("stop_id"));
        const auto seq = parse_uint(t[c_seq]);
        if (!seq || *seq > 0xFFFFFFFEu)
            throw DataError("stop_sequence is not a non-negative whole number: " + in_quotes(t[c_seq]), t.where("stop_sequence"));
        StopTime st;
        st.stop = *stop;
        st.arrival = parse_time(c_arr, "arrival_time");
        st.departure = parse_time(c_dep, "departure_time");
        st.pickup_type = parse_type(c_pick, "pickup_type");
        st.drop_off_type = parse_type(c_drop, "drop_off_type");
        rows.push_back(st);
        row_trip.push_back(last_trip);
        row_seq.push_back(static_cast<std::uint32_t>(*seq));
        row_line.push_back(static_cast<std::uint32_t>(t.line()));
    }
    if (rows.size() >= k_no_index) throw DataError("more stop_times than this build can hold", Where{label});

    // Group by trip, in stop_sequence order. Feeds nearly always list each trip's rows together and
    // in order; then nothing moves. Otherwise a counting sort by trip, then a sort of each trip's rows.
    bool grouped = true;
    {
        std::vector<bool> seen(feed.trips.size(), false);
        for (std::size_t i = 0; i < rows.size() && grouped; ++i) {
            if (i > 0 && row_trip[i] == row_trip[i - 1]) {
                if (row_seq[i] <= row_seq[i - 1]) grouped = false;
                continue;
            }
            if (seen[row_trip[i]]) grouped = false;
            seen[row_trip[i]] = true;
        }
    }
    std::vector<std::uint32_t> order;  // row index at each final position; empty when grouped
    if (!grouped) {
        std::vector<std::uint32_t> start(feed.trips.size() + 1, 0);
        for (std::uint32_t tr : row_trip) ++start[tr + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        order.resize(rows.size());
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::uint32_t i = 0; i < rows.size(); ++i) order[fill[row_trip[i]]++] = i;
        for (std::size_t tr = 0; tr < feed.trips.size(); ++tr)
            std::stable_sort(order.begin() + start[tr], order.begin() + start[tr + 1],
                             [&](std::uint32_t a, std::uint32_t b) { return row_seq[a] < row_seq[b]; });
        std::vector<StopTime> sorted(rows.size());
        for (std::size_t i = 0; i < order.size(); ++i) sorted[i] = rows[order[i]];
        rows.swap(sorted);
    }
    auto original = [&](std::size_t pos) -> std::uint32_t { return order.empty() ? static_cast<std::uint32_t>(pos) : order[pos]; };

    for (std::size_t pos = 0; pos < rows.size();) {
        const std::uint32_t tr = row_trip[original(pos)];
        std::size_t end = pos + 1;
        while (end < rows.size() && row_trip[original(end)] == tr) {
            if (row_seq[original(end)] == row_seq[original(end - 1)])
                throw DataError("stop_sequence " + std::to_string(row_seq[original(end)]) + " appears twice in trip " +
                                    in_quotes(feed.trips[tr].id) + " (also on line " + std::to_string(row_line[original(end - 1)]) + ")",
                                Where{label, {}, {}, "stop_sequence", row_line[original(end)]});
            ++end;
        }
        const StopTime& first = rows[pos];
        const StopTime& last = rows[end - 1];
        if (first.arrival == k_no_time && first.departure == k_no_time)
            throw DataError("the first stop of trip " + in_quotes(feed.trips[tr].id) + " has no time (GTFS requires one)",
                            Where{label, {}, {}, "departure_time", row_line[original(pos)]});
        if (last.arrival == k_no_time && last.departure == k_no_time)
            throw DataError("the last stop of trip " + in_quotes(feed.trips[tr].id) + " has no time (GTFS requires one)",
                            Where{label, {}, {}, "arrival_time", row_line[original(end - 1)]});
        feed.trips[tr].first_stop_time = static_cast<std::uint32_t>(pos);
        feed.trips[tr].stop_time_count = static_cast<std::uint32_t>(end - pos);
        fill_times(std::span<StopTime>(rows).subspan(pos, end - pos));
        pos = end;
    }
    rows.shrink_to_fit();
    feed.stop_times = std::move(rows);
}

void read_frequencies(Feed& feed, const FeedFiles& files) {
    const auto text = files.optional("frequencies.txt");
    if (!text) return;
    CsvTable t(*text, files.label("frequencies.txt"));
    const auto c_trip = t.require_column("trip_id"), c_start = t.require_column("start_time"), c_end = t.require_column("end_time"),
               c_headway = t.require_column("headway_secs");
    IdMap trips;
    for (std::uint32_t i = 0; i < feed.trips.size(); ++i) trips.emplace(feed.trips[i].id, i);
    while (t.next()) {
        Frequency f;
        const auto it = trips.find(t[c_trip]);
        if (it == trips.end()) throw DataError("trip_id " + in_quotes(t[c_trip]) + " is not in trips.txt", t.where("trip_id"));
        f.trip = it->second;
        const auto start = parse_gtfs_time(t[c_start]);
        if (!start) throw DataError("start_time is not a time: " + in_quotes(t[c_start]), t.where("start_time"));
        const auto end = parse_gtfs_time(t[c_end]);
        if (!end || *end < *start) throw DataError("end_time is not a time after start_time: " + in_quotes(t[c_end]), t.where("end_time"));
        const auto headway = parse_uint(t[c_headway]);
        if (!headway || *headway == 0 || *headway > 86400 * 7)
            throw DataError("headway_secs must be a positive number of seconds: " + in_quotes(t[c_headway]), t.where("headway_secs"));
        f.start = *start;
        f.end = *end;
        f.headway = static_cast<Seconds>(*headway);
        feed.frequencies.push_back(f);
    }
    std::stable_sort(feed.frequencies.begin(), feed.frequencies.end(),
                     [](const Frequency& a, const Frequency& b) { return a.trip != b.trip ? a.trip < b.trip : a.start < b.start; });
}

}  // namespace

Feed load_feed(const std::string& path, const LoadOptions& options) {
    const FeedFiles files(path);
    Feed feed;
    feed.path = path;
    feed.id = options.id.empty() ? std::filesystem::path(path).stem().string() : options.id;
    if (feed.id.empty()) feed.id = std::filesystem::path(path).parent_path().filename().string();
    read_agencies(feed, files);
    read_stops(feed, files);
    read_routes(feed, files);
    read_services(feed, files);
    read_trips(feed, files);
    read_stop_times(feed, files);
    read_frequencies(feed, files);
    feed.ignored_files = files.others({"agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt",
                                       "calendar_dates.txt", "frequencies.txt"});
    feed.build_index();
    return feed;
}

}  // namespace keniki::transit
