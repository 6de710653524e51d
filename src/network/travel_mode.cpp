#include "keniki/network/travel_mode.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::network {

namespace {

constexpr auto trim = text::trim_blanks;
const auto lower = text::ascii_lower;

template <std::size_t N>
bool one_of(std::string_view v, const std::array<std::string_view, N>& set) {
    return std::find(set.begin(), set.end(), v) != set.end();
}

constexpr std::array<std::string_view, 21> k_walk_classes = {
    "trunk",       "trunk_link",  "primary",       "primary_link", "secondary", "secondary_link", "tertiary",
    "tertiary_link", "unclassified", "residential", "living_street", "service",  "pedestrian",     "track",
    "road",        "footway",     "path",          "steps",        "cycleway",  "bridleway",      "corridor"};

constexpr std::array<std::string_view, 15> k_drive_classes = {
    "motorway",      "motorway_link", "trunk",       "trunk_link",    "primary", "primary_link",  "secondary", "secondary_link",
    "tertiary",      "tertiary_link", "unclassified", "residential", "living_street", "service", "road"};

constexpr std::array<std::string_view, 4> k_foot_yes = {"yes", "designated", "permissive", "destination"};
constexpr std::array<std::string_view, 2> k_foot_no = {"no", "private"};
constexpr std::array<std::string_view, 6> k_car_no = {"no", "private", "agricultural", "forestry", "delivery", "emergency"};

}  // namespace

std::string_view to_string(Mode mode) { return mode == Mode::walk ? "walk" : "drive"; }

Mode parse_mode(std::string_view text) {
    const std::string t = lower(trim(text));
    if (t == "walk" || t == "foot" || t == "walking") return Mode::walk;
    if (t == "drive" || t == "car" || t == "driving") return Mode::drive;
    throw UsageError("unknown travel mode '" + std::string(text) + "' (walk or drive)");
}

bool walkable_class(std::string_view highway) { return one_of(highway, k_walk_classes); }
bool drivable_class(std::string_view highway) { return one_of(highway, k_drive_classes); }

std::optional<WayAttributes> classify_way(const WayTags& t) {
    if (t.highway.empty() || t.area == "yes") return std::nullopt;
    WayAttributes w;
    w.highway = std::string(t.highway);

    w.walk = walkable_class(t.highway);
    if (w.walk) {
        if (one_of(t.foot, k_foot_no)) w.walk = false;
        else if (!one_of(t.foot, k_foot_yes) && one_of(t.access, k_foot_no)) w.walk = false;
    }

    w.drive = drivable_class(t.highway);
    if (w.drive) {
        std::string_view decisive = t.access;
        for (std::string_view specific : {t.vehicle, t.motor_vehicle, t.motorcar}) {
            if (!specific.empty()) decisive = specific;
        }
        if (one_of(decisive, k_car_no)) w.drive = false;
        if (t.service == "emergency_access" || t.service == "private") w.drive = false;
    }
    if (!w.walk && !w.drive) return std::nullopt;

    if (auto o = parse_oneway(t.oneway); o && !t.oneway.empty()) w.oneway = *o;
    else if (t.junction == "roundabout" || t.junction == "circular" || t.highway == "motorway") w.oneway = 1;
    w.maxspeed_kmh = parse_maxspeed(t.maxspeed);
    return w;
}

std::optional<double> parse_maxspeed(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    if (s == "walk") return 6.0;
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || !(value > 0)) return std::nullopt;
    std::string unit = lower(trim(std::string_view(end, static_cast<std::size_t>(s.data() + s.size() - end))));
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return value;
    if (unit == "mph") return value * 1.609344;
    return std::nullopt;
}

std::optional<std::int8_t> parse_oneway(std::string_view text) {
    const std::string_view raw = trim(text);
    if (raw == "T") return -1;  // Geofabrik: traffic only from the To end
    const std::string t = lower(raw);
    if (t == "yes" || t == "true" || t == "1" || t == "f" || t == "ft") return 1;
    if (t == "-1" || t == "reverse" || t == "tf") return -1;
    if (t.empty() || t == "no" || t == "false" || t == "0" || t == "b") return 0;
    return std::nullopt;
}

SpeedTable default_drive_speeds() {
    return SpeedTable{{"motorway", 80},      {"motorway_link", 40}, {"trunk", 40},          {"trunk_link", 30},    {"primary", 35},
                      {"primary_link", 25},  {"secondary", 30},     {"secondary_link", 25}, {"tertiary", 30},      {"tertiary_link", 20},
                      {"unclassified", 25},  {"residential", 20},   {"living_street", 10},  {"service", 15},       {"road", 20}};
}

double TravelOptions::drive_speed_kmh(const WayAttributes& way) const {
    if (way.speed_kmh && *way.speed_kmh > 0) return *way.speed_kmh;
    if (use_maxspeed && way.maxspeed_kmh && *way.maxspeed_kmh > 0) return *way.maxspeed_kmh * maxspeed_factor;
    const auto it = drive_kmh.find(way.highway);
    return it != drive_kmh.end() ? it->second : drive_default_kmh;
}

std::string TravelOptions::describe() const {
    char buf[96];
    if (mode == Mode::walk) {
        std::snprintf(buf, sizeof buf, "walk%s (%.1f km/h)", elderly ? ", elderly" : "", foot_kmh());
        return buf;
    }
    return "drive";
}

std::string TravelOptions::describe_speeds() const {
    auto number = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return std::string(buf);
    };
    std::string out;
    for (const auto& [klass, kmh] : drive_kmh) out += (out.empty() ? "" : ", ") + klass + " " + number(kmh);
    out += (out.empty() ? "no class table" : " km/h by class") + std::string("; other classes ") + number(drive_default_kmh) + " km/h; ";
    out += use_maxspeed ? "a tagged maxspeed x " + number(maxspeed_factor) + " first" : std::string("tagged maxspeed ignored");
    return out + "; a line layer's speed field above all";
}

}  // namespace keniki::network
