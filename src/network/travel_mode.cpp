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

constexpr std::array<std::string_view, 15> k_drive_classes = {
    "motorway",      "motorway_link", "trunk",       "trunk_link",    "primary", "primary_link",  "secondary", "secondary_link",
    "tertiary",      "tertiary_link", "unclassified", "residential", "living_street", "service", "road"};

constexpr std::array<std::string_view, 6> k_car_no = {"no", "private", "agricultural", "forestry", "delivery", "emergency"};

bool listed(std::string_view v, const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), v) != list.end(); }

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& v : list) out += (out.empty() ? "" : ", ") + v;
    return out.empty() ? std::string("(none)") : out;
}

/// One clause of apply_walk_tags: KEY=LIST.
void apply_clause(WalkRules& rules, std::string_view clause) {
    const auto eq = clause.find('=');
    if (eq == std::string_view::npos)
        throw UsageError("'" + std::string(clause) + "' is not KEY=VALUES (e.g. highway=+track,-steps; keys: highway, foot_yes, foot_no)");
    const std::string key(trim(clause.substr(0, eq)));
    std::vector<std::string>* list = key == "highway" ? &rules.highway : key == "foot_yes" ? &rules.foot_yes : key == "foot_no" ? &rules.foot_no : nullptr;
    if (!list) throw UsageError("unknown key '" + key + "' (the keys are highway, foot_yes, foot_no)");
    std::vector<std::string> plain;
    bool changes = false;
    std::string_view rest = clause.substr(eq + 1);
    for (;;) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        const std::string_view value = !item.empty() && (item[0] == '+' || item[0] == '-') ? trim(item.substr(1)) : item;
        if (value.empty()) throw UsageError(key + ": an empty value in '" + std::string(trim(clause)) + "'");
        if (value.find_first_of(" \t=;+") != std::string_view::npos || value[0] == '-')
            throw UsageError(key + ": '" + std::string(item) + "' is not a tag value (+value adds, -value removes)");
        if (item[0] == '+') {
            changes = true;
            if (!listed(value, *list)) list->emplace_back(value);
        } else if (item[0] == '-') {
            changes = true;
            const auto it = std::find(list->begin(), list->end(), value);
            if (it == list->end()) throw UsageError(key + " has no '" + std::string(value) + "' to remove (it holds " + joined(*list) + ")");
            list->erase(it);
        } else if (!listed(value, plain)) {
            plain.emplace_back(value);
        }
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    if (changes && !plain.empty())
        throw UsageError(key + ": give either the whole list (" + key + "=a,b) or changes to it (" + key + "=+a,-b), not both");
    if (!plain.empty()) *list = std::move(plain);
}

}  // namespace

bool WalkRules::walkable_class(std::string_view klass) const { return listed(klass, highway); }

bool WalkRules::walkable(std::string_view klass, std::string_view foot, std::string_view access) const {
    if (!walkable_class(klass)) return false;
    if (listed(foot, foot_no)) return false;
    return listed(foot, foot_yes) || !listed(access, foot_no);
}

std::string WalkRules::describe() const {
    return "highway = " + joined(highway) + "; foot = " + joined(foot_yes) + " opens a way whatever access says; foot or access = " +
           joined(foot_no) + " closes it";
}

const WalkRules& default_walk_rules() {
    static const WalkRules rules;
    return rules;
}

void apply_walk_tags(WalkRules& rules, std::string_view text) {
    WalkRules changed = rules;
    std::size_t clauses = 0;
    for (std::string_view rest = text;;) {
        const auto semi = rest.find(';');
        const std::string_view clause = trim(rest.substr(0, semi));
        if (!clause.empty()) {
            apply_clause(changed, clause);
            ++clauses;
        }
        if (semi == std::string_view::npos) break;
        rest = rest.substr(semi + 1);
    }
    if (clauses == 0) throw UsageError("no rule given (e.g. highway=+track,-steps;foot_no=+use_sidepath)");
    rules = std::move(changed);
}

std::string_view to_string(Mode mode) { return mode == Mode::walk ? "walk" : "drive"; }

Mode parse_mode(std::string_view text) {
    const std::string t = lower(trim(text));
    if (t == "walk" || t == "foot" || t == "walking") return Mode::walk;
    if (t == "drive" || t == "car" || t == "driving") return Mode::drive;
    throw UsageError("unknown travel mode '" + std::string(text) + "' (walk or drive)");
}

bool walkable_class(std::string_view highway) { return default_walk_rules().walkable_class(highway); }
bool drivable_class(std::string_view highway) { return one_of(highway, k_drive_classes); }

std::optional<WayAttributes> classify_way(const WayTags& t, const WalkRules& walk) {
    if (t.highway.empty() || t.area == "yes") return std::nullopt;
    WayAttributes w;
    w.highway = std::string(t.highway);

    w.walk = walk.walkable(t.highway, t.foot, t.access);

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
