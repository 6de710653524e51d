#include "keniki/serve/api.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>


#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/pipeline/stop_edits.hpp"
#include "keniki/report/access_outputs.hpp"

namespace keniki::serve {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

/// JSON text; invalid UTF-8 in a string (plan data read as bytes, a client's bytes quoted in a message)
/// becomes U+FFFD instead of nlohmann's type_error.
std::string safe_dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

double round7(double v) { return std::round(v * 1e7) / 1e7; }

json figures_json(const UnitFigures& f) {
    json j{{"pop_total", f.people.total},
           {"pop_65plus", f.people.age65},
           {"pop_75plus", f.people.age75},
           {"beyond_reach_total", f.beyond_reach.total},
           {"beyond_reach_65plus", f.beyond_reach.age65},
           {"beyond_reach_75plus", f.beyond_reach.age75}};
    if (f.cost.defined) {
        j["cost_mean"] = f.cost.mean;
        j["cost_median"] = f.cost.median;
        j["cost_p90"] = f.cost.p90;
        j["cost_max"] = std::isfinite(f.cost.max) ? json(f.cost.max) : json(nullptr);
    } else {
        j["cost_mean"] = j["cost_median"] = j["cost_p90"] = j["cost_max"] = nullptr;
    }
    return j;
}

json diff_json(const UnitFigures& before, const UnitFigures& after) {
    return json{{"pop_total", after.people.total - before.people.total},
                {"pop_65plus", after.people.age65 - before.people.age65},
                {"pop_75plus", after.people.age75 - before.people.age75},
                {"beyond_reach_total", after.beyond_reach.total - before.beyond_reach.total},
                {"beyond_reach_65plus", after.beyond_reach.age65 - before.beyond_reach.age65},
                {"beyond_reach_75plus", after.beyond_reach.age75 - before.beyond_reach.age75}};
}

json classes_json(const analysis::ClassFigures& f) {
    json j = json::object();
    const std::array<const char*, 3> names{"convenient", "inconvenient", "blank"};
    for (std::size_t c = 0; c < 3; ++c) {
        j[std::string(names[c]) + "_total"] = f.people[c].total;
        j[std::string(names[c]) + "_65plus"] = f.people[c].age65;
        j[std::string(names[c]) + "_75plus"] = f.people[c].age75;
    }
    return j;
}

/// A unit's access figures, named as keniki run's units layers name them (access_<id>_per1000_...).
void add_access_props(json& props, const report::AccessOutcome& a, std::size_t tier, std::size_t unit) {
    const auto& ua = a.units[tier][unit];
    const std::string p = "access_" + a.id + "_";
    props[p + "per1000_pop_total"] = report::per_1000(ua.mean_total());
    props[p + "per1000_pop_65plus"] = report::per_1000(ua.mean_65plus());
    props[p + "per1000_pop_75plus"] = report::per_1000(ua.mean_75plus());
    if (a.threshold_per_1000) props[p + "below"] = report::below_threshold(a, ua);
}

json access_units_json(const report::AccessOutcome& a, std::size_t tier, std::size_t unit) {
    json j = json::object();
    const auto& ua = a.units[tier][unit];
    j["per1000_pop_total"] = report::per_1000(ua.mean_total());
    j["per1000_pop_65plus"] = report::per_1000(ua.mean_65plus());
    j["per1000_pop_75plus"] = report::per_1000(ua.mean_75plus());
    j["per1000_demand"] = report::per_1000(report::demand_mean(a, ua));
    j["below"] = report::below_threshold(a, ua);
    return j;
}

json access_study_json(const report::AccessOutcome& a, const report::StudyAccess& s) {
    return json{{"per1000_demand", s.demand > 0 ? json(report::per_1000(s.mean)) : json(nullptr)},
                {"supply_total", s.supply},
                {"supply_reaching_demand", a.result.supply_reached}};
}

UnitFigures totals_of(const TierFigures& t) { return UnitFigures{t.people, t.beyond_reach, {}}; }

/// Shortest text that reads back to the same double (std::to_chars; nlohmann's Grisu2 is not always
/// the shortest, and RFC 7946 output keeps at most 7 decimals).
std::string shortest(double v) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), r.ptr);
}

void ring_text(const Model& model, const auto& ring, std::string& out) {
    out += '[';
    bool first = true;
    for (const auto& p : ring) {
        const Point w = model.to_wgs84(p);
        out += first ? "[" : ",[";
        out += shortest(round7(w.x()));
        out += ',';
        out += shortest(round7(w.y()));
        out += ']';
        first = false;
    }
    out += ']';
}

/// RFC 7946 geometry (the working CRS keeps exterior rings counter-clockwise, as GeoJSON wants).
std::string multipolygon_text(const Model& model, const MultiPolygon& mp) {
    std::string out = "{\"type\":\"MultiPolygon\",\"coordinates\":[";
    for (std::size_t k = 0; k < mp.size(); ++k) {
        out += k ? ",[" : "[";
        ring_text(model, mp[k].outer(), out);
        for (const auto& inner : mp[k].inners()) {
            out += ',';
            ring_text(model, inner, out);
        }
        out += ']';
    }
    return out + "]}";
}

json hubs_json(const Model& model, const analysis::HubSet& hubs) {
    const auto& in = model.inputs().input;
    json out = json::array();
    for (std::size_t f = 0; f < hubs.facilities.size(); ++f) {
        json tiers = json::array();
        for (std::size_t t = 0; t < hubs.tier_hubs.size(); ++t)
            if (std::find(hubs.tier_hubs[t].begin(), hubs.tier_hubs[t].end(), static_cast<std::int32_t>(f)) != hubs.tier_hubs[t].end())
                tiers.push_back(in.tiers[t].id);
        if (tiers.empty()) continue;
        const auto& fac = hubs.facilities[f];
        const Point w = model.to_wgs84(fac.location);
        const bool added = f >= in.facilities.size();
        const bool moved = !added && (fac.location.x() != in.facilities[f].location.x() || fac.location.y() != in.facilities[f].location.y());
        out.push_back({{"id", fac.id}, {"name", fac.name}, {"kind", fac.kind}, {"tiers", tiers}, {"lon", w.x()}, {"lat", w.y()},
                       {"added", added}, {"moved", moved}});
    }
    return out;
}

/// Reads a JSON value of the expected kind or says which part of the request is wrong.
const json& member(const json& obj, const std::string& key, const std::string& where) {
    const auto it = obj.find(key);
    if (it == obj.end()) throw RequestError(400, where + ": missing \"" + key + "\"");
    return *it;
}

std::string string_of(const json& v, const std::string& what, bool allow_empty = false) {
    if (!v.is_string()) throw RequestError(400, what + " must be a string, not " + std::string(v.type_name()));
    const std::string s = v.get<std::string>();
    if (!allow_empty && s.empty()) throw RequestError(400, what + " must not be empty");
    if (s.size() > 200) throw RequestError(400, what + " is longer than 200 characters");
    return s;
}

double number_of(const json& v, const std::string& what) {
    if (!v.is_number()) throw RequestError(400, what + " must be a number, not " + std::string(v.type_name()));
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw RequestError(400, what + " must be finite");
    return d;
}

const json& array_of(const json& v, const std::string& what) {
    if (!v.is_array()) throw RequestError(400, what + " must be a list, not " + std::string(v.type_name()));
    if (v.size() > 10000) throw RequestError(400, what + " holds more than 10000 entries");
    return v;
}

void check_keys(const json& obj, const std::set<std::string>& known, const std::string& where) {
    if (!obj.is_object()) throw RequestError(400, where + " must be a JSON object, not " + std::string(obj.type_name()));
    for (const auto& [k, v] : obj.items()) {
        if (known.count(k)) continue;
        std::string list;
        for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
        throw RequestError(400, where + ": unknown key \"" + k + "\" (known: " + list + ")");
    }
}

/// A place from a client, checked: degrees in range, inside the study area.
Point place(const Model& model, double lon, double lat, const std::string& what) {
    if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))
        throw RequestError(400, what + ": lon " + std::to_string(lon) + ", lat " + std::to_string(lat) + " are not WGS84 degrees");
    const Point p = model.to_working(lon, lat);
    if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || !model.in_study_area(p))
        throw RequestError(422, what + " at lon " + std::to_string(lon) + ", lat " + std::to_string(lat) + " lies outside the study area");
    return p;
}

/// Shortest text that reads back to the same double (toml++ and nlohmann parse it so).
std::string exact(double v) {
    std::string s = shortest(v);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

/// A TOML basic string.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

}  // namespace

Response error_response(int status, const std::string& message) {
    Response r;
    r.status = status;
    // A message may quote what the client sent (a path, a JSON parser's view of broken bytes): invalid
    // UTF-8 is replaced (U+FFFD), not an exception.
    r.body = safe_dump(json{{"error", message}});
    return r;
}

ScenarioRequest parse_scenario(const Model& model, std::string_view body) {
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for numbers such as 1e400
        throw RequestError(400, std::string("the request body is not JSON keniki can read: ") + e.what());
    }
    check_keys(j, {"id", "name", "move_hubs", "add_hubs", "remove_hubs", "remove_stops", "remove_stop_ids", "add_stop_points", "remove_routes", "remove_gtfs"},
               "the scenario");
    ScenarioRequest r;
    if (j.contains("id")) r.id = string_of(j["id"], "\"id\"");
    r.name = r.id;
    if (j.contains("name")) r.name = string_of(j["name"], "\"name\"", true);
    if (j.contains("remove_hubs")) {
        const json& arr = array_of(j["remove_hubs"], "\"remove_hubs\"");
        for (std::size_t i = 0; i < arr.size(); ++i) r.remove_hubs.push_back(string_of(arr[i], "remove_hubs[" + std::to_string(i) + "]"));
    }
    if (j.contains("move_hubs")) {
        const json& arr = array_of(j["move_hubs"], "\"move_hubs\"");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "move_hubs[" + std::to_string(i) + "]";
            check_keys(arr[i], {"hub", "lon", "lat"}, where);
            project::HubMoveSpec m;
            m.hub = string_of(member(arr[i], "hub", where), where + ".hub");
            m.lon = number_of(member(arr[i], "lon", where), where + ".lon");
            m.lat = number_of(member(arr[i], "lat", where), where + ".lat");
            r.edits.move.push_back({m.hub, place(model, m.lon, m.lat, where + " (hub '" + m.hub + "')")});
            r.move_hubs.push_back(std::move(m));
        }
    }
    if (j.contains("add_hubs")) {
        const json& arr = array_of(j["add_hubs"], "\"add_hubs\"");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "add_hubs[" + std::to_string(i) + "]";
            check_keys(arr[i], {"id", "name", "tier", "kind", "lon", "lat", "supply"}, where);
            project::HubAddSpec a;
            a.id = string_of(member(arr[i], "id", where), where + ".id");
            a.name = arr[i].contains("name") ? string_of(arr[i]["name"], where + ".name", true) : a.id;
            if (a.name.empty()) a.name = a.id;
            a.kind = arr[i].contains("kind") ? string_of(arr[i]["kind"], where + ".kind", true) : "";
            a.tier = string_of(member(arr[i], "tier", where), where + ".tier");
            if (model.tier_index(a.tier) < 0) throw RequestError(422, where + ".tier: no tier '" + a.tier + "'");
            a.lon = number_of(member(arr[i], "lon", where), where + ".lon");
            a.lat = number_of(member(arr[i], "lat", where), where + ".lat");
            if (arr[i].contains("supply") && !arr[i]["supply"].is_null()) {
                const double s = number_of(arr[i]["supply"], where + ".supply");
                if (s < 0) throw RequestError(400, where + ".supply must not be negative");
                a.supply = s;
            }
            r.edits.add.push_back({a.id, a.name, a.kind, a.tier, place(model, a.lon, a.lat, where + " (new hub '" + a.id + "')"), a.supply});
            r.add_hubs.push_back(std::move(a));
        }
    }
    if (j.contains("remove_stops")) {
        const json& arr = array_of(j["remove_stops"], "\"remove_stops\"");
        const auto& layers = model.plan().transport.stops;
        std::string known;
        for (const auto& l : layers) known += (known.empty() ? "" : ", ") + l.id;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "remove_stops[" + std::to_string(i) + "]";
            const std::string id = string_of(arr[i], where);
            if (!model.results().transport) throw RequestError(422, where + ": the plan has no [transport] section, so no stops to switch off");
            if (std::none_of(layers.begin(), layers.end(), [&](const auto& l) { return l.id == id; }))
                throw RequestError(422, where + ": no [[transport.stops]] layer '" + id + "' (layers: " + known + ")");
            if (std::find(r.remove_stops.begin(), r.remove_stops.end(), id) == r.remove_stops.end()) r.remove_stops.push_back(id);
        }
    }
    if ((j.contains("remove_stop_ids") || j.contains("add_stop_points")) && !model.results().transport)
        throw RequestError(422, "the plan has no [transport] section, so no stops to edit");
    if (j.contains("remove_stop_ids")) {
        const json& arr = array_of(j["remove_stop_ids"], "\"remove_stop_ids\"");
        for (std::size_t i = 0; i < arr.size(); ++i) r.remove_stop_ids.push_back(string_of(arr[i], "remove_stop_ids[" + std::to_string(i) + "]"));
    }
    if (j.contains("add_stop_points")) {
        const json& arr = array_of(j["add_stop_points"], "\"add_stop_points\"");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "add_stop_points[" + std::to_string(i) + "]";
            check_keys(arr[i], {"id", "name", "kind", "departures_per_day", "lon", "lat"}, where);
            project::StopPointSpec p;
            p.id = string_of(member(arr[i], "id", where), where + ".id");
            p.name = arr[i].contains("name") ? string_of(arr[i]["name"], where + ".name", true) : p.id;
            if (p.name.empty()) p.name = p.id;
            if (arr[i].contains("kind")) {
                p.kind = string_of(arr[i]["kind"], where + ".kind");
                if (p.kind != "bus_stop" && p.kind != "station") throw RequestError(400, where + ".kind must be \"bus_stop\" or \"station\", not \"" + p.kind + "\"");
            }
            if (arr[i].contains("departures_per_day")) {
                const double d = number_of(arr[i]["departures_per_day"], where + ".departures_per_day");
                if (d < 0) throw RequestError(400, where + ".departures_per_day must not be negative");
                p.departures_per_day = d;
            }
            p.lon = number_of(member(arr[i], "lon", where), where + ".lon");
            p.lat = number_of(member(arr[i], "lat", where), where + ".lat");
            if (!(p.lon >= -180 && p.lon <= 180) || !(p.lat >= -90 && p.lat <= 90)) throw RequestError(400, where + ": lon, lat are not WGS84 degrees");
            r.stop_edits.add.push_back(pipeline::added_stop(p, model.to_working(p.lon, p.lat)));
            r.add_stop_points.push_back(std::move(p));
        }
    }
    // GTFS routes and feeds off: the keys [[scenarios]] has, checked against the plan's feeds.
    const auto non_empty = [&](const char* key) { return j.contains(key) && !(j[key].is_array() && j[key].empty()); };
    if ((non_empty("remove_routes") || non_empty("remove_gtfs")) && model.feeds().empty())
        throw RequestError(422, "the plan has no [transport] gtfs feed, so no routes or feeds to switch off");
    if (j.contains("remove_routes")) {
        const json& arr = array_of(j["remove_routes"], "\"remove_routes\"");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "remove_routes[" + std::to_string(i) + "]";
            const std::string name = string_of(arr[i], where);
            bool known = false;
            for (const auto& f : model.feeds())
                for (const auto& route : f.routes) known = known || route.id == name || route.short_name == name || route.long_name == name;
            if (!known) throw RequestError(422, where + ": no route of the plan's feeds has the id, short or long name '" + name + "'");
            if (std::find(r.remove_routes.begin(), r.remove_routes.end(), name) == r.remove_routes.end()) r.remove_routes.push_back(name);
        }
    }
    if (j.contains("remove_gtfs")) {
        const json& arr = array_of(j["remove_gtfs"], "\"remove_gtfs\"");
        std::string files;
        for (const auto& f : model.feeds()) files += (files.empty() ? "" : ", ") + f.file;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string where = "remove_gtfs[" + std::to_string(i) + "]";
            const std::string name = string_of(arr[i], where);
            const auto it = std::find_if(model.feeds().begin(), model.feeds().end(), [&](const FeedInfo& f) { return f.file == name || f.path == name; });
            if (it == model.feeds().end()) throw RequestError(422, where + ": '" + name + "' is none of the plan's feeds (" + files + ")");
            if (std::find(r.remove_gtfs.begin(), r.remove_gtfs.end(), it->path) == r.remove_gtfs.end()) r.remove_gtfs.push_back(it->path);
        }
    }
    r.stop_edits.remove_layers = r.remove_stops;
    r.stop_edits.remove_ids = r.remove_stop_ids;
    r.stop_edits.remove_routes = r.remove_routes;
    r.stop_edits.remove_feeds = r.remove_gtfs;
    r.edits.remove = r.remove_hubs;
    return r;
}

/// The plan's GTFS feeds and their routes, for the page's switches.
static json feeds_json(const Model& model) {
    json out = json::array();
    for (const auto& f : model.feeds()) {
        json routes = json::array();
        for (const auto& r : f.routes) routes.push_back({{"id", r.id}, {"short_name", r.short_name}, {"long_name", r.long_name}});
        out.push_back({{"file", f.file}, {"routes", std::move(routes)}});
    }
    return out;
}

std::string scenario_toml(const ScenarioRequest& s) {
    std::string t = "# Saved by keniki serve: append to the plan (keniki run reproduces the served figures).\n[[scenarios]]\n";
    t += "id = " + quoted(s.id) + "\n";
    t += "name = " + quoted(s.name.empty() ? s.id : s.name) + "\n";
    t += "description = \"saved by keniki serve\"\n";
    if (!s.move_hubs.empty()) {
        t += "move_hubs = [\n";
        for (const auto& m : s.move_hubs) t += "  { hub = " + quoted(m.hub) + ", lon = " + exact(m.lon) + ", lat = " + exact(m.lat) + " },\n";
        t += "]\n";
    }
    if (!s.add_hubs.empty()) {
        t += "add_hubs = [\n";
        for (const auto& a : s.add_hubs)
            t += "  { id = " + quoted(a.id) + ", name = " + quoted(a.name) + ", tier = " + quoted(a.tier) + ", kind = " + quoted(a.kind) +
                 ", lon = " + exact(a.lon) + ", lat = " + exact(a.lat) + (a.supply ? ", supply = " + exact(*a.supply) : std::string()) + " },\n";
        t += "]\n";
    }
    if (!s.remove_stops.empty()) {
        t += "remove_stops = [";
        for (std::size_t i = 0; i < s.remove_stops.size(); ++i) t += (i ? ", " : "") + quoted(s.remove_stops[i]);
        t += "]\n";
    }
    if (!s.remove_routes.empty()) {
        t += "remove_routes = [";
        for (std::size_t i = 0; i < s.remove_routes.size(); ++i) t += (i ? ", " : "") + quoted(s.remove_routes[i]);
        t += "]\n";
    }
    if (!s.remove_gtfs.empty()) {
        t += "remove_gtfs = [";  // the feeds' paths as the plan resolved them (absolute: the block reads back anywhere)
        for (std::size_t i = 0; i < s.remove_gtfs.size(); ++i) t += (i ? ", " : "") + quoted(s.remove_gtfs[i]);
        t += "]\n";
    }
    if (!s.remove_stop_ids.empty()) {
        t += "remove_stop_ids = [";
        for (std::size_t i = 0; i < s.remove_stop_ids.size(); ++i) t += (i ? ", " : "") + quoted(s.remove_stop_ids[i]);
        t += "]\n";
    }
    if (!s.add_stop_points.empty()) {
        t += "add_stop_points = [\n";
        for (const auto& p : s.add_stop_points)
            t += "  { id = " + quoted(p.id) + ", name = " + quoted(p.name) + ", kind = " + quoted(p.kind) +
                 (p.departures_per_day ? ", departures_per_day = " + exact(*p.departures_per_day) : std::string()) + ", lon = " + exact(p.lon) +
                 ", lat = " + exact(p.lat) + " },\n";
        t += "]\n";
    }
    if (!s.remove_hubs.empty()) {
        t += "remove_hubs = [";
        for (std::size_t i = 0; i < s.remove_hubs.size(); ++i) t += (i ? ", " : "") + quoted(s.remove_hubs[i]);
        t += "]\n";
    }
    return t;
}

Api::Api(const Model& model, ApiOptions options) : m_model(model), m_options(std::move(options)) {
    const auto& in = model.inputs().input;
    const auto& res = model.results();
    for (std::size_t t = 0; t < in.tiers.size(); ++t) {
        std::string features;
        for (std::size_t u = 0; u < in.tiers[t].units.size(); ++u) {
            json props{{"unit_id", in.tiers[t].units[u].id}, {"unit_name", in.tiers[t].units[u].name}};
            props.update(figures_json(model.base_figures()[t].units[u]));
            if (res.transport) {
                const auto& cf = res.transport->result.units[t][u];
                const std::array<const char*, 3> names{"convenient", "inconvenient", "blank"};
                for (std::size_t c = 0; c < 3; ++c) {
                    props[std::string("transport_") + names[c] + "_total"] = cf.people[c].total;
                    props[std::string("transport_") + names[c] + "_65plus"] = cf.people[c].age65;
                }
            }
            for (std::size_t k = 0; k < res.access.size(); ++k) add_access_props(props, model.base_access(k), t, u);
            features += (u ? ",{" : "{") + std::string("\"type\":\"Feature\",\"properties\":") + safe_dump(props) +
                        ",\"geometry\":" + multipolygon_text(model, in.tiers[t].units[u].geometry) + "}";
        }
        m_units_geojson.push_back("{\"type\":\"FeatureCollection\",\"tier\":" + safe_dump(json(in.tiers[t].id)) + ",\"features\":[" + features + "]}");
    }
    m_plan_json = safe_dump(plan_json());
}

json Api::stop_layers_json() const {
    json out = json::array();
    const auto& transport = m_model.results().transport;
    if (!transport) return out;
    for (const auto& l : m_model.plan().transport.stops) {
        json stops = json::array();
        for (const auto& s : transport->stops) {
            if (s.source != l.id) continue;
            const Point w = m_model.to_wgs84(s.location);
            stops.push_back({{"id", s.id},
                             {"name", s.name},
                             {"kind", s.kind == analysis::Stop::Kind::station ? "station" : "bus_stop"},
                             {"departures_per_day", s.departures_per_day ? json(*s.departures_per_day) : json(nullptr)},
                             {"lon", w.x()},
                             {"lat", w.y()}});
        }
        out.push_back({{"id", l.id}, {"kind", l.kind}, {"stops", std::move(stops)}});
    }
    return out;
}

json Api::access_json() const {
    json out = json::array();
    const auto& in = m_model.inputs().input;
    for (std::size_t k = 0; k < m_model.results().access.size(); ++k) {
        const report::AccessOutcome& a = m_model.base_access(k);
        out.push_back({{"id", a.id},
                       {"name", a.name},
                       {"method", a.method},
                       {"demand", a.demand},
                       {"score_unit", "supply (" + (a.supply.empty() ? std::string("hubs") : a.supply) + ") " + report::demand_words(a.demand, false)},
                       {"score_unit_ja", (a.supply.empty() ? std::string("拠点数") : a.supply) + "（" + report::demand_words(a.demand, true) + "）"},
                       {"supply_field", a.supply},
                       {"tier", a.tier ? json(in.tiers[*a.tier].id) : json(nullptr)},
                       {"catchment", a.catchment},
                       {"threshold_per_1000", a.threshold_per_1000 ? json(*a.threshold_per_1000) : json(nullptr)},
                       {"study", access_study_json(a, m_model.base_access_study(k))}});
    }
    return out;
}

json Api::plan_json() const {
    const auto& plan = m_model.plan();
    const auto& in = m_model.inputs().input;
    json tiers = json::array();
    for (std::size_t t = 0; t < in.tiers.size(); ++t) {
        const auto& tr = m_model.base().tiers[t];
        tiers.push_back({{"id", tr.id},
                         {"name", tr.name},
                         {"name_en", tr.name_en},
                         {"reach", tr.reach},
                         {"cost_unit", std::string(analysis::unit_symbol(tr.cost_unit))},
                         {"cost", tr.cost_description},
                         {"incremental", m_model.straight(t)},
                         {"units", tr.units.size()},
                         {"totals", figures_json(totals_of(m_model.base_figures()[t]))}});
    }
    const Box box = bounds_of(in.study_area);
    double lon0 = 180, lat0 = 90, lon1 = -180, lat1 = -90;
    for (const Point& corner : {box.min_corner(), box.max_corner(), Point{box.min_corner().x(), box.max_corner().y()}, Point{box.max_corner().x(), box.min_corner().y()}}) {
        const Point w = m_model.to_wgs84(corner);
        lon0 = std::min(lon0, w.x());
        lat0 = std::min(lat0, w.y());
        lon1 = std::max(lon1, w.x());
        lat1 = std::max(lat1, w.y());
    }
    analysis::HubSet base;
    base.facilities = in.facilities;
    for (const auto& t : in.tiers) base.tier_hubs.push_back(t.hubs);
    return json{{"study", plan.study.name},
                {"plan", plan.file_shown.empty() ? plan.file.string() : plan.file_shown},
                {"working_crs", m_model.inputs().working_crs},
                {"residents", in.residents.size()},
                {"people", figures_json(UnitFigures{m_model.base().total, {}, {}})["pop_total"]},
                {"bounds", {{lat0, lon0}, {lat1, lon1}}},
                {"tiers", std::move(tiers)},
                {"hubs", hubs_json(m_model, base)},
                {"transport", m_model.results().transport.has_value()},
                {"stop_layers", stop_layers_json()},
                {"feeds", feeds_json(m_model)},
                {"access", access_json()},
                {"tiles", m_options.tiles ? json{{"url", "/tiles/{z}/{x}/{y}." + m_options.tiles->format},
                                                 {"minzoom", m_options.tiles->minzoom},
                                                 {"maxzoom", m_options.tiles->maxzoom},
                                                 {"attribution", m_options.tiles->attribution},
                                                 {"name", m_options.tiles->name},
                                                 {"bounds", m_options.tiles->bounds ? json{{(*m_options.tiles->bounds)[1], (*m_options.tiles->bounds)[0]},
                                                                                          {(*m_options.tiles->bounds)[3], (*m_options.tiles->bounds)[2]}}
                                                                                    : json(nullptr)}}
                                          : json(nullptr)},
                {"can_save", m_options.out_dir.has_value()}};
}

json Api::scenario_json(const ScenarioRequest& request, const ScenarioResult& result, double elapsed_ms) const {
    const auto& in = m_model.inputs().input;
    json tiers = json::array();
    for (std::size_t t = 0; t < result.tiers.size(); ++t) {
        const TierFigures& before = m_model.base_figures()[t];
        const TierFigures& after = result.tiers[t];
        json units = json::array();
        const auto* transport = m_model.results().transport ? &*m_model.results().transport : nullptr;
        for (std::size_t u = 0; u < after.units.size(); ++u) {
            json unit{{"unit_id", in.tiers[t].units[u].id},
                      {"unit_name", in.tiers[t].units[u].name},
                      {"before", figures_json(before.units[u])},
                      {"after", figures_json(after.units[u])},
                      {"diff", diff_json(before.units[u], after.units[u])}};
            if (transport && result.transport)
                unit["transport"] = {{"before", classes_json(transport->result.units[t][u])}, {"after", classes_json(result.transport->units[t][u])}};
            if (!result.access.empty()) {
                json access = json::object();
                for (std::size_t k = 0; k < result.access.size(); ++k)
                    access[m_model.base_access(k).id] = {{"before", access_units_json(m_model.base_access(k), t, u)},
                                                         {"after", access_units_json(*result.access[k].outcome, t, u)}};
                unit["access"] = std::move(access);
            }
            units.push_back(std::move(unit));
        }
        json changed = json::array();
        for (const auto u : after.changed_units) changed.push_back(in.tiers[t].units[static_cast<std::size_t>(u)].id);
        tiers.push_back({{"id", in.tiers[t].id},
                         {"name", in.tiers[t].name},
                         {"name_en", in.tiers[t].name_en},
                         {"recompute", after.recompute},
                         {"revisited", after.revisited},
                         {"totals", {{"before", figures_json(totals_of(before))}, {"after", figures_json(totals_of(after))}, {"diff", diff_json(totals_of(before), totals_of(after))}}},
                         {"changed_units", std::move(changed)},
                         {"units", std::move(units)}});
    }
    json out{{"id", request.id}, {"name", request.name}, {"elapsed_ms", elapsed_ms}, {"tiers", std::move(tiers)}, {"hubs", hubs_json(m_model, result.hubs)},
             {"remove_stops", request.remove_stops}, {"remove_stop_ids", request.remove_stop_ids}, {"added_stops", request.add_stop_points.size()},
             {"remove_routes", request.remove_routes}, {"remove_gtfs", request.remove_gtfs}};
    if (!result.access.empty()) {
        json access = json::array();
        for (std::size_t k = 0; k < result.access.size(); ++k) {
            const AccessFigures& af = result.access[k];
            json hubs = json::array();
            for (std::size_t h = 0; h < af.outcome->hubs.size(); ++h)
                hubs.push_back({{"hub_id", result.hubs.facilities[static_cast<std::size_t>(af.outcome->hubs[h])].id},
                                {"supply", af.outcome->supply_values[h]},
                                {"per1000", report::per_1000(af.outcome->result.hub_ratio[h])}});
            access.push_back({{"id", af.outcome->id},
                              {"recompute", af.recompute},
                              {"new_columns", af.new_columns},
                              {"notes", af.notes},
                              {"searched_residents", af.searched},
                              {"rescored_residents", af.rescored},
                              {"study", {{"before", access_study_json(m_model.base_access(k), m_model.base_access_study(k))}, {"after", access_study_json(*af.outcome, af.study)}}},
                              {"hubs", std::move(hubs)}});
        }
        out["access"] = std::move(access);
    }
    if (result.transport)
        out["transport"] = {{"recompute", result.transport->recompute},
                            {"study", {{"before", classes_json(m_model.results().transport->result.study)}, {"after", classes_json(result.transport->study)}}}};
    return out;
}

Response Api::scenario(std::string_view body, bool save) const {
    const auto start = std::chrono::steady_clock::now();
    const ScenarioRequest request = parse_scenario(m_model, body);
    if (save) {
        if (!m_options.out_dir) throw RequestError(409, "keniki serve was started without --out DIR: there is nowhere to save a scenario");
        if (!valid_id(request.id))
            throw RequestError(400, "\"id\" must be 1 to 64 letters, digits, '_' or '-' to save a scenario (it names the file), not \"" + request.id + "\"");
        for (const auto& sc : m_model.plan().scenarios)
            if (sc.id == request.id) throw RequestError(422, "\"id\": the plan already has a scenario '" + request.id + "'");
    }
    ScenarioResult result;
    try {
        result = m_model.compute(request.edits, request.stop_edits);
    } catch (const DataError& e) {
        throw RequestError(422, e.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    json out = scenario_json(request, result, ms);
    if (save) {
        const std::string toml = scenario_toml(request);
        const fs::path file = fs::path(*m_options.out_dir) / ("scenario_" + request.id + ".toml");
        std::ofstream f(file, std::ios::binary | std::ios::trunc);
        f << toml;
        f.close();
        if (!f) throw RequestError(500, "cannot write " + file.string());
        out["saved"] = file.string();
        out["toml"] = toml;
    }
    Response r;
    r.body = safe_dump(out);
    return r;
}

Response Api::handle(std::string_view method, std::string_view path, std::string_view body) const {
    try {
        auto only = [&](std::string_view m) {
            if (method != m) throw RequestError(405, std::string(path) + " takes " + std::string(m) + ", not " + std::string(method));
        };
        if (path == "/api/plan") {
            only("GET");
            return Response{200, "application/json; charset=utf-8", m_plan_json};
        }
        constexpr std::string_view units = "/api/units/";
        if (path.substr(0, units.size()) == units) {
            only("GET");
            const std::string tier(path.substr(units.size()));
            const auto t = m_model.tier_index(tier);
            if (t < 0) {
                std::string list;
                for (const auto& ti : m_model.inputs().input.tiers) list += (list.empty() ? "" : ", ") + ti.id;
                throw RequestError(404, "no tier '" + tier + "' (tiers: " + list + ")");
            }
            return Response{200, "application/geo+json; charset=utf-8", m_units_geojson[static_cast<std::size_t>(t)]};
        }
        if (path == "/api/scenario") {
            only("POST");
            return scenario(body, false);
        }
        if (path == "/api/scenario/save") {
            only("POST");
            return scenario(body, true);
        }
        throw RequestError(404, "no API path " + std::string(path) + " (GET /api/plan, GET /api/units/<tier>, POST /api/scenario, POST /api/scenario/save)");
    } catch (const RequestError& e) {
        return error_response(e.status(), e.what());
    } catch (const std::exception& e) {
        return error_response(500, std::string("internal error: ") + e.what());
    }
}

}  // namespace keniki::serve
