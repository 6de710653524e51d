// Roads from any line layer: one way per line (or part), optional speed, class, oneway, length and
// u/v node fields.

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/network/road_data.hpp"
#include "network/reader_detail.hpp"

namespace keniki::network {

namespace {

const auto lower = text::ascii_lower;

bool numeric(const Field& f) { return f.type == FieldType::integer || f.type == FieldType::real; }

std::optional<std::size_t> field_named(const Layer& layer, const std::string& name) {
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        if (lower(layer.fields[i].name) == lower(name)) return i;
    }
    return std::nullopt;
}

/// The field to use: the one named (UsageError when missing), none for "-", else the first usual
/// name present (numeric ones only where a number is wanted, so that e.g. a text "source" field
/// crediting the data is never taken for node ids).
std::optional<std::size_t> find_field(const Layer& layer, const std::string& given, std::initializer_list<const char*> usual,
                                      const char* what, const std::string& path, bool want_number) {
    if (given == "-") return std::nullopt;
    if (!given.empty()) {
        if (auto i = field_named(layer, given)) return i;
        throw UsageError(std::string("no ") + what + " field '" + given + "'", Where(path, layer.name, {}, given));
    }
    for (const char* name : usual) {
        if (auto i = field_named(layer, name); i && (!want_number || numeric(layer.fields[*i]))) return i;
    }
    return std::nullopt;
}

/// The node-id fields: the ones named, else the first usual pair present with both numeric.
std::pair<std::optional<std::size_t>, std::optional<std::size_t>> find_node_fields(const Layer& layer, const RoadReadOptions& o,
                                                                                     const std::string& path) {
    if (o.u_field == "-" || o.v_field == "-") return {};
    if (!o.u_field.empty() || !o.v_field.empty()) {
        if (o.u_field.empty() || o.v_field.empty()) throw UsageError("name both node fields (u and v) or neither", Where(path, layer.name));
        return {find_field(layer, o.u_field, {}, "u", path, true), find_field(layer, o.v_field, {}, "v", path, true)};
    }
    const std::pair<const char*, const char*> pairs[] = {{"u", "v"}, {"source", "target"}, {"from_node", "to_node"}, {"fnode", "tnode"}, {"fnode_", "tnode_"}};
    for (const auto& [a, b] : pairs) {
        const auto u = field_named(layer, a), v = field_named(layer, b);
        if (u && v && numeric(layer.fields[*u]) && numeric(layer.fields[*v])) return {u, v};
    }
    return {};
}

/// OSMnx writes merged attributes as Python lists: "['residential', 'unclassified']" -> "residential".
std::string first_of_list(std::string s) {
    if (s.size() < 2 || s.front() != '[') return s;
    const auto q = s.find_first_of("'\"");
    if (q == std::string::npos) return s;
    const auto end = s.find(s[q], q + 1);
    return end == std::string::npos ? s : s.substr(q + 1, end - q - 1);
}

constexpr std::array<std::string_view, 12> k_not_roads = {"construction", "proposed", "planned", "abandoned", "platform", "raceway",
                                                         "bus_guideway", "razed", "no", "bus_stop", "elevator", "disused"};

std::optional<std::int64_t> as_key(const Value& v) {
    const auto d = as_number(v);
    if (!d || !std::isfinite(*d) || std::abs(*d) > 9.0e15) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(*d));
}

struct PointKey {
    std::uint64_t x, y;
    bool operator==(const PointKey&) const = default;
};
struct PointKeyHash {
    std::size_t operator()(const PointKey& k) const noexcept { return std::hash<std::uint64_t>()(k.x * 0x9E3779B97F4A7C15ull ^ k.y); }
};

}  // namespace

RoadData roads_from_layer(const Layer& layer, const RoadReadOptions& options, const std::string& path) {
    RoadData data;
    data.path = path;
    data.walk = options.walk;
    const auto speed = find_field(layer, options.speed_field, {"speed", "speed_kmh", "kph"}, "speed", path, true);
    const auto maxspeed = find_field(layer, options.maxspeed_field, {"maxspeed", "max_speed"}, "maxspeed", path, false);
    const auto klass = find_field(layer, options.class_field, {"highway", "fclass", "road_class", "class"}, "class", path, false);
    const auto oneway = find_field(layer, options.oneway_field, {"oneway", "one_way"}, "oneway", path, false);
    const auto length = find_field(layer, options.length_field, {"length", "length_m"}, "length", path, true);
    const auto [u_field, v_field] = find_node_fields(layer, options, path);
    data.edge_list = u_field.has_value();

    std::string source_crs = layer.crs;
    if (source_crs.empty()) {
        Box box = empty_box();
        for (const auto& f : layer.features) {
            std::visit(
                [&box](const auto& g) {
                    if constexpr (!std::is_same_v<std::decay_t<decltype(g)>, Empty>) expand_box(box, bounds_of(g));
                },
                f.geometry);
        }
        if (!is_valid_box(box) || box.min_corner().x() < -180 || box.max_corner().x() > 180 || box.min_corner().y() < -90 ||
            box.max_corner().y() > 90)
            throw DataError("the line layer declares no CRS and its coordinates are not longitude/latitude", Where(path, layer.name));
        source_crs = "EPSG:4326";
        data.notes.push_back("no CRS declared: coordinates taken as longitude/latitude (EPSG:4326)");
    }

    std::size_t joined_parts = 0;
    std::unordered_map<PointKey, std::int64_t, PointKeyHash> shared;  // vertex keys by coordinates (no u/v fields)
    std::int64_t next_key = -1;
    auto key_at = [&](const Point& p) {
        const PointKey k{std::bit_cast<std::uint64_t>(p.x() + 0.0), std::bit_cast<std::uint64_t>(p.y() + 0.0)};
        const auto [it, inserted] = shared.try_emplace(k, next_key);
        if (inserted) --next_key;
        return it->second;
    };

    for (const Feature& f : layer.features) {
        ++data.features_read;
        std::vector<const LineString*> parts;
        if (const auto* l = std::get_if<LineString>(&f.geometry)) parts.push_back(l);
        else if (const auto* ml = std::get_if<MultiLineString>(&f.geometry))
            for (const auto& l2 : *ml) parts.push_back(&l2);
        if (parts.empty()) {
            ++data.not_roads;
            continue;
        }
        LineString joined;  // an edge list's multi-part edge (clipped at an extract's edge) is still one edge u -> v
        if (parts.size() > 1 && u_field) {
            for (const LineString* part : parts) joined.insert(joined.end(), part->begin(), part->end());
            parts = {&joined};
            ++joined_parts;
        }
        WayAttributes a;
        if (klass) {
            a.highway = first_of_list(as_text(f.values[*klass]));
            const bool walk_listed = data.walk.walkable_class(a.highway);  // the rules may list a class below
            if (!walk_listed && std::find(k_not_roads.begin(), k_not_roads.end(), a.highway) != k_not_roads.end()) {
                ++data.not_roads;
                continue;
            }
            if (walk_listed || walkable_class(a.highway) || drivable_class(a.highway)) {  // a known class: the lists decide
                a.walk = walk_listed;
                a.drive = drivable_class(a.highway);
            }
            if (!a.walk && !a.drive) {  // a class the walk rules took out, and no car road
                ++data.not_roads;
                continue;
            }
        }
        if (oneway) {
            const std::string text = first_of_list(as_text(f.values[*oneway]));
            const auto o = parse_oneway(text);
            if (!o) throw DataError("oneway value '" + text + "' is not understood (yes/no/-1, true/false, 1/0, F/T/B)",
                                    Where(path, layer.name, f.id, layer.fields[*oneway].name));
            a.oneway = *o;
        }
        if (speed) {
            if (const auto s = as_number(f.values[*speed]); s && *s > 0) a.speed_kmh = *s;
        }
        if (maxspeed) a.maxspeed_kmh = parse_maxspeed(first_of_list(as_text(f.values[*maxspeed])));
        std::optional<std::int64_t> u, v;
        if (u_field) {
            u = as_key(f.values[*u_field]);
            v = as_key(f.values[*v_field]);
            if (!u || !v) throw DataError("node id missing or not a number", Where(path, layer.name, f.id, layer.fields[*(u ? v_field : u_field)].name));
        }
        const bool single = parts.size() == 1;
        for (const LineString* part : parts) {
            RoadWay way;
            way.id = f.id;
            way.attributes = a;
            for (const Point& p : *part) {
                if (!way.line.empty() && way.line.back().x() == p.x() && way.line.back().y() == p.y()) continue;
                way.line.push_back(p);
            }
            if (way.line.size() < 2) {
                if (part->size() >= 2 && u && single && *u != *v) way.line.push_back(part->back());  // zero-length link between two ids
                else continue;
            }
            way.nodes.resize(way.line.size());
            for (std::size_t i = 0; i < way.line.size(); ++i) {
                const bool end = i == 0 || i + 1 == way.line.size();
                if (u && single && end) way.nodes[i] = i == 0 ? *u : *v;
                else if (u) way.nodes[i] = next_key--;  // interior vertices of an edge list are no junctions
                else way.nodes[i] = key_at(way.line[i]);
            }
            if (length && single) {
                if (const auto len = as_number(f.values[*length]); len && *len >= 0) way.length_m = *len;
            }
            data.ways.push_back(std::move(way));
        }
    }
    if (joined_parts)
        data.notes.push_back(std::to_string(joined_parts) + " multi-part edges (u -> v in one feature) joined across the gaps between their parts");
    if (data.ways.empty())
        throw DataError("no road lines in the layer (" + std::to_string(data.features_read) + " features)", Where(path, layer.name));
    detail::to_working_crs(data, source_crs, options);
    return data;
}

}  // namespace keniki::network
