// load_plan: TOML text -> Plan, collecting every problem before throwing PlanError.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

#include "io/text_encoding.hpp"
#include "keniki/core/text.hpp"
#include "keniki/transit/date.hpp"
#include "keniki/project/plan.hpp"

#include "keniki/analysis/transit_cost.hpp"
#include "project/suggest.hpp"

namespace keniki::project {

const std::vector<PlanTableKeys>& plan_keys() {
    static const std::vector<PlanTableKeys> keys{
        {"layer", {"path", "layer", "where", "encoding", "x_field", "y_field"}},
        {"study", {"name", "boundary", "working_crs"}},
        {"residents", {"source", "kind", "method", "population_field", "age65_field", "age75_field", "label_field", "census"}},
        {"residents.census", {"table", "key_field", "population", "age65", "age75", "encoding", "suppression", "split_by"}},
        {"facilities", {"id", "source", "kind_field", "name_field", "id_field"}},
        {"tiers", {"id", "name", "name_en", "units", "hub_kinds", "facilities", "reach"}},
        {"tiers.units", {"from", "source", "tier", "id_field", "name_field", "dissolve_by", "skip_empty_geometry"}},
        {"tiers.reach", {"mode", "metres", "minutes", "elderly", "window", "home_by", "max_transfers", "stay_minutes", "max_walk_m", "transfer_m", "walk_detour"}},
        {"network", {"roads", "walk_kmh", "elderly_walk_kmh", "side_m", "max_snap_m", "keep_largest_component", "drive_kmh", "drive_default_kmh", "use_maxspeed", "maxspeed_factor", "walk_tags"}},
        {"output", {"geojson", "geopackage", "csv", "residents", "csv_encoding", "lang"}},
        {"analysis", {"nesting_tolerance", "buffer_segments", "max_outside_share"}},
        {"transport", {"preset", "station_radius_m", "bus_stop_radius_m", "min_departures_per_day", "service_day", "gtfs", "stops", "distance"}},
        {"transport.stops", {  // also the tables of a scenario's add_stops
                             "id", "kind", "source", "id_field", "name_field", "departures_field"}},
        {"scenarios", {"id", "name", "description", "add_gtfs", "remove_gtfs", "remove_routes", "remove_stops", "add_stops", "move_hubs", "add_hubs", "remove_hubs", "remove_stop_ids", "add_stop_points"}},
        {"scenarios.add_stop_points", {"id", "name", "kind", "departures_per_day", "lon", "lat"}},
        {"scenarios.move_hubs", {"hub", "lon", "lat"}},
        {"scenarios.add_hubs", {"id", "name", "tier", "kind", "lon", "lat", "supply"}},
        {"access", {"id", "name", "tier", "hub_kinds", "facilities", "supply_field", "demand", "method", "catchment", "decay", "threshold_per_1000"}},
        {"access.catchment", {"mode", "metres", "minutes", "elderly"}},
        {"access.decay", {"bands", "gaussian", "power"}},
    };
    return keys;
}

namespace {

const std::vector<std::string>& keys_of(std::string_view table) {
    for (const auto& t : plan_keys()) {
        if (t.table == table) return t.keys;
    }
    throw std::logic_error("no key list for plan table " + std::string(table));
}

}  // namespace


namespace {

namespace fs = std::filesystem;
using detail::did_you_mean;

constexpr std::size_t k_max_tiers = 5;

std::string type_name(toml::node_type t) {
    switch (t) {
        case toml::node_type::none: return "nothing";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a floating-point number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
    }
    return "something else";
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int line_of(const toml::key& k) { return static_cast<int>(k.source().begin.line); }

std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string number_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

const auto lower = text::ascii_lower;

/// "\"a\" or \"b\"", "\"a\", \"b\" or \"c\"".
std::string choices_text(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += (i + 1 == values.size()) ? " or " : ", ";
        out += dq(values[i]);
    }
    return out;
}

/// A TOML table being read, and how messages name it.
struct Scope {
    const toml::table* table = nullptr;
    std::string path;   ///< key path for Plan::key_lines: "tiers[1].reach"
    std::string label;  ///< names the entry in messages: "tier 'welfare'"; "" for the top sections
    std::string shown;  ///< names this table after the label: "study.boundary", "reach", "" (the entry itself)
    std::string where;  ///< for "unknown key 'x' in ...": "[study]", "reach", "" (the entry itself)
    int line = 0;

    std::string name(std::string_view key) const { return shown.empty() ? std::string(key) : shown + "." + std::string(key); }
    std::string key_path(std::string_view key) const { return path.empty() ? std::string(key) : path + "." + std::string(key); }
    std::string prefix() const { return label.empty() ? std::string() : label + ": "; }
};

class Loader {
public:
    Loader(std::string file, fs::path dir, Plan& plan) : m_file(std::move(file)), m_dir(std::move(dir)), m_plan(plan) {}

    void load(const toml::table& root) {
        const Scope top{&root, "", "", "", "", 0};
        check_top_keys(root);
        read_study(top);
        read_residents(top);
        read_facilities(root);
        read_tiers(root);
        read_output(top);
        read_analysis(top);
        read_transport(top);
        read_scenarios(root);
        read_network(top);
        read_access(root);
        check_references();
    }

    void problem(int line, std::string message) { m_problems.push_back(PlanProblem{m_file, line, std::move(message)}); }
    std::vector<PlanProblem>& problems() { return m_problems; }

private:
    std::string m_file;
    fs::path m_dir;
    Plan& m_plan;
    std::vector<PlanProblem> m_problems;
    std::vector<std::string> m_tier_labels;
    std::vector<std::string> m_suggested;  ///< key paths offered as "did you mean": not reported missing again

    // ---- generic readers ---------------------------------------------------------------------

    const toml::node* find(const Scope& s, std::string_view key) {
        const toml::node* n = s.table->get(key);
        if (n) m_plan.key_lines[s.key_path(key)] = line_of(*n);
        return n;
    }

    void missing(const Scope& s, std::string_view key, std::string_view hint = {}) {
        if (std::find(m_suggested.begin(), m_suggested.end(), s.key_path(key)) != m_suggested.end()) return;
        std::string msg = s.prefix() + "missing key '" + std::string(key) + "'";
        if (!s.where.empty()) msg += " in " + s.where;
        if (!hint.empty()) msg += " (" + std::string(hint) + ")";
        problem(s.line, std::move(msg));
    }

    void wrong_type(const Scope& s, std::string_view key, const toml::node& n, std::string_view expected) {
        problem(line_of(n), s.prefix() + s.name(key) + " must be " + std::string(expected) + ", not " + type_name(n.type()));
    }

    void check_keys(const Scope& s, const std::vector<std::string>& known) {
        for (auto&& [key, node] : *s.table) {
            const std::string k(key.str());
            if (std::find(known.begin(), known.end(), k) != known.end()) continue;
            std::string msg = s.prefix() + "unknown key '" + k + "'";
            if (!s.where.empty()) msg += " in " + s.where;
            const std::string near = detail::closest(k, known);
            if (!near.empty()) {
                m_suggested.push_back(s.key_path(near));
                msg += " (did you mean '" + near + "'?)";
            }
            problem(line_of(key) > 0 ? line_of(key) : line_of(node), std::move(msg));
        }
    }

    void check_top_keys(const toml::table& root) {
        const std::vector<std::string> known{"study", "residents", "facilities", "tiers", "output", "analysis", "transport", "scenarios", "network", "access"};
        for (auto&& [key, node] : root) {
            const std::string k(key.str());
            if (std::find(known.begin(), known.end(), k) != known.end()) continue;
            const int line = line_of(key) > 0 ? line_of(key) : line_of(node);
            if (node.is_table() || node.is_array_of_tables()) {
                const std::string near = detail::closest(k, known);
                if (!near.empty()) m_suggested.push_back(near);
                problem(line, "unknown section [" + k + "]" + (near.empty() ? std::string() : " (did you mean [" + near + "]?)"));
            } else {
                problem(line, "unknown key '" + k + "' outside any section" + did_you_mean(k, known));
            }
        }
    }

    /// A required-or-optional string; returns true when present and a string.
    bool get_string(const Scope& s, std::string_view key, std::string& out, bool required = false, std::string_view hint = {}) {
        const toml::node* n = find(s, key);
        if (!n) {
            if (required) missing(s, key, hint);
            return false;
        }
        if (const auto* v = n->as_string()) {
            out = v->get();
            return true;
        }
        wrong_type(s, key, *n, "a string");
        return false;
    }

    bool get_non_empty_string(const Scope& s, std::string_view key, std::string& out, bool required = false, std::string_view hint = {}) {
        std::string value;
        if (!get_string(s, key, value, required, hint)) return false;
        if (value.empty()) {
            problem(m_plan.line_of(s.key_path(key), s.line), s.prefix() + s.name(key) + " must not be empty");
            return false;
        }
        out = std::move(value);
        return true;
    }

    bool get_bool(const Scope& s, std::string_view key, bool& out) {
        const toml::node* n = find(s, key);
        if (!n) return false;
        if (const auto* v = n->as_boolean()) {
            out = v->get();
            return true;
        }
        wrong_type(s, key, *n, "true or false");
        return false;
    }

    bool get_number(const Scope& s, std::string_view key, double& out) {
        const toml::node* n = find(s, key);
        if (!n) return false;
        if (const auto* i = n->as_integer()) {
            out = static_cast<double>(i->get());
            return true;
        }
        if (const auto* f = n->as_floating_point()) {
            out = f->get();
            return true;
        }
        wrong_type(s, key, *n, "a number");
        return false;
    }

    bool get_integer(const Scope& s, std::string_view key, int& out) {
        const toml::node* n = find(s, key);
        if (!n) return false;
        if (const auto* i = n->as_integer()) {
            if (i->get() < -1'000'000'000 || i->get() > 1'000'000'000) {
                problem(line_of(*n), s.prefix() + s.name(key) + " is out of range");
                return false;
            }
            out = static_cast<int>(i->get());
            return true;
        }
        wrong_type(s, key, *n, "a whole number");
        return false;
    }

    bool get_string_list(const Scope& s, std::string_view key, std::vector<std::string>& out, bool required, std::string_view hint) {
        const toml::node* n = find(s, key);
        if (!n) {
            if (required) missing(s, key, hint);
            return false;
        }
        const toml::array* arr = n->as_array();
        if (!arr) {
            wrong_type(s, key, *n, "a list of strings such as [\"salon\"]");
            return false;
        }
        bool ok = true;
        std::vector<std::string> values;
        for (const auto& item : *arr) {
            if (const auto* v = item.as_string()) {
                if (v->get().empty()) {
                    problem(line_of(item), s.prefix() + s.name(key) + " holds an empty string");
                    ok = false;
                } else {
                    values.push_back(v->get());
                }
            } else {
                problem(line_of(item), s.prefix() + s.name(key) + " must hold strings, not " + type_name(item.type()));
                ok = false;
            }
        }
        if (ok) out = std::move(values);
        return ok;
    }

    /// One of `values`; returns the matching value (as listed in `values`) or nothing.
    std::optional<std::string> get_choice(const Scope& s, std::string_view key, const std::vector<std::string>& values,
                                          bool case_insensitive = false) {
        std::string value;
        if (!get_string(s, key, value)) return std::nullopt;
        for (const auto& v : values) {
            if (v == value || (case_insensitive && lower(v) == lower(value))) return v;
        }
        problem(m_plan.line_of(s.key_path(key), s.line), s.prefix() + s.name(key) + " must be " + choices_text(values) + ", not " +
                                                             dq(value) + did_you_mean(value, values, '"'));
        return std::nullopt;
    }

    Scope child(const Scope& s, std::string_view key, const toml::table& t) const {
        const std::string shown = s.name(key);
        return Scope{&t, s.key_path(key), s.label, shown, shown, line_of(t)};
    }

    std::optional<Scope> get_table(const Scope& s, std::string_view key, bool required, std::string_view example) {
        const toml::node* n = find(s, key);
        if (!n) {
            if (required) missing(s, key, example);
            return std::nullopt;
        }
        if (const auto* t = n->as_table()) return child(s, key, *t);
        std::string expected = "a table";
        if (!example.empty()) expected += " such as " + std::string(example);
        wrong_type(s, key, *n, expected);
        return std::nullopt;
    }

    /// A top-level section ([study]): a table, named "[study]" in messages.
    std::optional<Scope> section(const Scope& top, std::string_view key, bool required) {
        const toml::node* n = find(top, key);
        if (!n) {
            const bool suggested = std::find(m_suggested.begin(), m_suggested.end(), key) != m_suggested.end();
            if (required && !suggested) problem(0, "missing section [" + std::string(key) + "]");
            return std::nullopt;
        }
        const auto* t = n->as_table();
        if (!t) {
            problem(line_of(*n), "[" + std::string(key) + "] must be a table (a section), not " + type_name(n->type()));
            return std::nullopt;
        }
        return Scope{t, std::string(key), "", std::string(key), "[" + std::string(key) + "]", line_of(*t)};
    }

    void check_encoding(const Scope& s, std::string_view key, const std::string& encoding) {
        try {
            io::detail::Encoding ignored{};
            io::detail::parse_encoding(encoding, ignored);
        } catch (const Error&) {
            const std::vector<std::string> known{"auto", "utf-8", "cp932"};
            problem(m_plan.line_of(s.key_path(key), s.line), s.prefix() + s.name(key) + " must be \"\", \"auto\", \"utf-8\" or " +
                                                                 "\"cp932\" (also \"sjis\"), not " + dq(encoding) +
                                                                 did_you_mean(encoding, known, '"'));
        }
    }

    std::string resolve(const std::string& path) const {
        if (path.empty()) return path;
        if (lower(path.substr(0, 3)) == "pg:" || path.rfind("/vsi", 0) == 0) return path;
        const fs::path p(path);
        if (p.is_absolute()) return p.lexically_normal().string();
        return (m_dir / p).lexically_normal().string();
    }

    bool get_layer_ref(const Scope& s, std::string_view key, LayerRef& out, bool required) {
        const toml::node* n = find(s, key);
        if (!n) {
            if (required) missing(s, key, "a layer such as { path = \"layer.gpkg\" }");
            return false;
        }
        const auto* t = n->as_table();
        if (!t) {
            const std::string example = n->is_string() ? n->as_string()->get() : std::string("layer.gpkg");
            wrong_type(s, key, *n, "a table such as { path = " + dq(example) + " }");
            return false;
        }
        const Scope r = child(s, key, *t);
        out.line = r.line;
        check_keys(r, keys_of("layer"));
        const bool ok = get_non_empty_string(r, "path", out.path, true, "the file, relative to the plan, or a PG: connection string");
        get_string(r, "layer", out.layer);
        get_string(r, "where", out.where);
        if (get_string(r, "encoding", out.encoding)) check_encoding(r, "encoding", out.encoding);
        const bool x = get_string(r, "x_field", out.x_field), y = get_string(r, "y_field", out.y_field);
        if (x != y || out.x_field.empty() != out.y_field.empty())
            problem(r.line, r.prefix() + "give both " + r.name("x_field") + " and " + r.name("y_field") + ", or neither");
        out.path = resolve(out.path);
        return ok;
    }

    // ---- sections ----------------------------------------------------------------------------

    void read_study(const Scope& top) {
        const auto s = section(top, "study", true);
        if (!s) return;
        check_keys(*s, keys_of("study"));
        get_non_empty_string(*s, "name", m_plan.study.name, true, "the municipality's name, shown in every output");
        get_layer_ref(*s, "boundary", m_plan.study.boundary, true);
        std::string crs;
        if (get_string(*s, "working_crs", crs)) {
            const std::string l = lower(crs);
            const bool epsg = l.size() > 5 && l.rfind("epsg:", 0) == 0 &&
                              std::all_of(l.begin() + 5, l.end(), [](unsigned char c) { return std::isdigit(c); });
            if (l == "auto") m_plan.study.working_crs = "auto";
            else if (epsg) m_plan.study.working_crs = "EPSG:" + crs.substr(5);
            else
                problem(m_plan.line_of("study.working_crs", s->line),
                        "study.working_crs must be \"auto\" or an EPSG code such as \"EPSG:6671\", not " + dq(crs));
        }
    }

    void read_residents(const Scope& top) {
        const auto s = section(top, "residents", true);
        if (!s) return;
        ResidentsSpec& r = m_plan.residents;
        check_keys(*s, keys_of("residents"));
        get_layer_ref(*s, "source", r.source, true);
        if (const auto kind = get_choice(*s, "kind", {"points", "polygons"}))
            r.kind = *kind == "points" ? ResidentKind::points : ResidentKind::polygons;
        if (const auto method = get_choice(*s, "method", {"centroid", "area_weighted"})) {
            r.method = *method == "centroid" ? Apportionment::centroid : Apportionment::area_weighted;
        }
        // "centroid" is harmless on points (each point is its own centroid); apportioning by area is not.
        if (r.method == Apportionment::area_weighted && r.kind == ResidentKind::points)
            problem(m_plan.line_of("residents.method"),
                    "residents.method = \"area_weighted\" applies to polygon residents only (kind = \"polygons\"); points are "
                    "counted where they are");
        get_string(*s, "population_field", r.population_field);
        get_string(*s, "age65_field", r.age65_field);
        get_string(*s, "age75_field", r.age75_field);
        get_string(*s, "label_field", r.label_field);
        if (const auto c = get_table(*s, "census", false, "{ table = \"t.txt\", population = \"T001082001\" }")) {
            CensusSpec census;
            census.line = c->line;
            check_keys(*c, keys_of("residents.census"));
            if (get_non_empty_string(*c, "table", census.table, true, "the e-Stat table file")) census.table = resolve(census.table);
            get_non_empty_string(*c, "key_field", census.key_field);
            get_non_empty_string(*c, "population", census.population, true, "the total population column, e.g. \"T001082001\"");
            get_string(*c, "age65", census.age65);
            get_string(*c, "age75", census.age75);
            if (get_string(*c, "encoding", census.encoding)) check_encoding(*c, "encoding", census.encoding);
            std::string suppression;
            if (get_string(*c, "suppression", suppression)) {
                if (suppression == "split") census.suppression = CensusSuppression::split;
                else if (suppression != "keep")
                    problem(m_plan.line_of("residents.census.suppression"),
                            "residents.census.suppression is \"keep\" (areas counted in another row get 0, as published) or \"split\" "
                            "(that row's people are shared out by split_by), not \"" + suppression + "\"");
            }
            if (get_non_empty_string(*c, "split_by", census.split_by) && census.suppression != CensusSuppression::split)
                problem(m_plan.line_of("residents.census.split_by"),
                        "residents.census.split_by only applies with suppression = \"split\"");
            if (r.kind == ResidentKind::points)
                problem(c->line, "residents.census joins an e-Stat table to small-area polygons: it needs kind = \"polygons\", "
                                 "not \"points\"");
            const auto both = [&](const std::string& field, const char* field_key, const std::string& column, const char* column_key) {
                if (field.empty() || column.empty()) return;
                problem(m_plan.line_of(std::string("residents.") + field_key),
                        std::string("residents.") + field_key + " and residents.census." + column_key +
                            " both give the same figure: keep one");
            };
            both(r.population_field, "population_field", census.population, "population");
            both(r.age65_field, "age65_field", census.age65, "age65");
            both(r.age75_field, "age75_field", census.age75, "age75");
            r.census = census;
        }
    }

    /// An array of tables ([[name]]); nullptr (after a problem when it is there but wrong) otherwise.
    const toml::array* table_array(const toml::table& root, std::string_view key) {
        const toml::node* n = root.get(key);
        if (!n) return nullptr;
        m_plan.key_lines[std::string(key)] = line_of(*n);
        const toml::array* arr = n->as_array();
        if (!arr || (!arr->empty() && !arr->is_array_of_tables())) {
            problem(line_of(*n), std::string(key) + " must be a list of tables: write each entry under its own [[" + std::string(key) +
                                     "]] header");
            return nullptr;
        }
        return arr;
    }

    void read_facilities(const toml::table& root) {
        const toml::array* arr = table_array(root, "facilities");
        if (!arr) return;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& t = *arr->get(i)->as_table();
            FacilitySpec f;
            f.line = line_of(t);
            Scope s{&t, "facilities[" + std::to_string(i) + "]", "facilities entry " + std::to_string(i + 1), "", "", f.line};
            if (const auto* id = t.get("id"); id && id->is_string() && !id->as_string()->get().empty())
                s.label = "facilities '" + id->as_string()->get() + "'";
            check_keys(s, keys_of("facilities"));
            if (get_non_empty_string(s, "id", f.id, arr->size() > 1, "several [[facilities]] need ids for the tiers to name"))
                s.label = "facilities '" + f.id + "'";
            else if (arr->size() == 1 && !t.contains("id"))
                f.id = "facilities";
            get_layer_ref(s, "source", f.source, true);
            f.kind_field = "kind";
            get_non_empty_string(s, "kind_field", f.kind_field);
            get_string(s, "name_field", f.name_field);
            get_string(s, "id_field", f.id_field);
            for (std::size_t j = 0; j < m_plan.facilities.size(); ++j) {
                if (!f.id.empty() && m_plan.facilities[j].id == f.id)
                    problem(m_plan.line_of(s.key_path("id"), f.line), "facilities id '" + f.id + "' is used twice (first at line " +
                                                                          std::to_string(m_plan.facilities[j].line) + ")");
            }
            m_plan.facilities.push_back(std::move(f));
        }
    }

    void read_units(const Scope& u, UnitsSpec& units) {
        units.line = u.line;
        check_keys(u, keys_of("tiers.units"));
        const auto from = get_choice(u, "from", {"boundary", "layer", "tier"});
        if (!u.table->contains("from")) missing(u, "from", "\"boundary\", \"layer\" or \"tier\"");
        const bool has_source = get_layer_ref(u, "source", units.source, false) || u.table->contains("source");
        get_string(u, "tier", units.tier);
        get_string(u, "id_field", units.id_field);
        get_string(u, "name_field", units.name_field);
        get_string(u, "dissolve_by", units.dissolve_by);
        get_bool(u, "skip_empty_geometry", units.skip_empty_geometry);
        if (!from) return;
        units.from = *from == "boundary" ? UnitsSpec::From::boundary : *from == "layer" ? UnitsSpec::From::layer : UnitsSpec::From::tier;
        const auto not_used = [&](std::string_view key, const std::string& why) {
            if (!u.table->contains(key)) return;
            problem(m_plan.line_of(u.key_path(key), u.line),
                    u.prefix() + u.name(key) + " is not used with from = " + dq(*from) + (why.empty() ? std::string() : ": " + why));
        };
        switch (units.from) {
            case UnitsSpec::From::boundary:
                for (const char* key : {"source", "tier", "id_field", "name_field", "dissolve_by", "skip_empty_geometry"})
                    not_used(key, "the whole study area is the one unit");
                break;
            case UnitsSpec::From::layer:
                if (!has_source) missing(u, "source", "from = \"layer\" reads the units from a polygon layer: source = { path = ... }");
                not_used("tier", "");
                if (!units.id_field.empty() && !units.dissolve_by.empty())
                    problem(m_plan.line_of(u.key_path("id_field"), u.line),
                            u.prefix() + u.name("id_field") + " and " + u.name("dissolve_by") +
                                " exclude each other: dissolved units take their id from the dissolve_by field");
                break;
            case UnitsSpec::From::tier:
                if (!u.table->contains("tier")) missing(u, "tier", "the finer tier whose units are dissolved into this tier's");
                if (units.dissolve_by.empty())
                    problem(m_plan.line_of(u.key_path("dissolve_by"), u.line),
                            u.prefix() + u.name("dissolve_by") +
                                " is needed with from = \"tier\": the field of the finer tier's units that groups them into this "
                                "tier's units");
                not_used("source", "the units come from the finer tier");
                not_used("id_field", "dissolved units take their id from the dissolve_by field");
                not_used("skip_empty_geometry", "the finer tier's units have their geometry");
                break;
        }
    }

    void read_reach(const Scope& r, ReachSpec& reach) {
        reach.line = r.line;
        check_keys(r, keys_of("tiers.reach"));
        const auto mode = get_choice(r, "mode", {"straight", "walk", "drive", "transit"});
        if (mode) reach.mode = *mode;
        const bool metres = get_number(r, "metres", reach.metres);
        const bool minutes = get_number(r, "minutes", reach.minutes);
        get_bool(r, "elderly", reach.elderly);
        if (!mode && r.table->contains("mode")) return;  // already reported
        const bool transit = reach.mode == "transit";
        for (const char* key : {"window", "home_by", "max_transfers", "stay_minutes", "max_walk_m", "transfer_m", "walk_detour"})
            if (!transit && r.table->contains(key))
                problem(m_plan.line_of(r.key_path(key), r.line), r.prefix() + r.name(key) + " applies to mode = \"transit\" only");
        if (transit) {
            get_string(r, "window", reach.window);
            get_string(r, "home_by", reach.home_by);
            get_integer(r, "max_transfers", reach.max_transfers);
            get_number(r, "stay_minutes", reach.stay_minutes);
            get_number(r, "max_walk_m", reach.max_walk_m);
            get_number(r, "transfer_m", reach.transfer_m);
            get_number(r, "walk_detour", reach.walk_detour);
            // Plain seconds with -1 for "not a time" (GCC 12 warns maybe-uninitialized through std::optional here).
            const auto dash = reach.window.find('-');
            const int w0 = dash == std::string::npos ? -1 : transit::parse_clock(reach.window.substr(0, dash)).value_or(-1);
            const int w1 = dash == std::string::npos ? -1 : transit::parse_clock(reach.window.substr(dash + 1)).value_or(-1);
            const int home = transit::parse_clock(reach.home_by).value_or(-1);
            if (w0 < 0 || w1 < 0 || w1 < w0)
                problem(m_plan.line_of(r.key_path("window"), r.line), r.prefix() + r.name("window") + " is HH:MM-HH:MM, the first not after the second (e.g. \"09:00-11:00\"), not \"" + reach.window + "\"");
            if (home < 0) problem(m_plan.line_of(r.key_path("home_by"), r.line), r.prefix() + r.name("home_by") + " is HH:MM (e.g. \"16:00\"), not \"" + reach.home_by + "\"");
            else if (w0 >= 0 && home <= w0)
                problem(m_plan.line_of(r.key_path("home_by"), r.line), r.prefix() + r.name("home_by") + " " + reach.home_by + " is not after the window opens");
            if (w0 >= 0 && w1 >= w0) {
                reach.window_start_s = w0;
                reach.window_end_s = w1;
            }
            if (home >= 0) reach.home_by_s = home;
            if (reach.max_transfers < 0 || reach.max_transfers > 5)
                problem(m_plan.line_of(r.key_path("max_transfers"), r.line), r.prefix() + r.name("max_transfers") + " must be 0 to 5, not " + std::to_string(reach.max_transfers));
            if (!(reach.stay_minutes >= 0)) problem(m_plan.line_of(r.key_path("stay_minutes"), r.line), r.prefix() + r.name("stay_minutes") + " must be >= 0");
            if (!(reach.max_walk_m > 0 && reach.max_walk_m <= 5000))
                problem(m_plan.line_of(r.key_path("max_walk_m"), r.line), r.prefix() + r.name("max_walk_m") + " must be in (0, 5000] metres");
            if (!(reach.transfer_m >= 0 && reach.transfer_m <= 2000))
                problem(m_plan.line_of(r.key_path("transfer_m"), r.line), r.prefix() + r.name("transfer_m") + " must be in [0, 2000] metres");
            if (!(reach.walk_detour >= 1 && reach.walk_detour <= 3))
                problem(m_plan.line_of(r.key_path("walk_detour"), r.line), r.prefix() + r.name("walk_detour") + " must be in [1, 3]");
        }
        if (reach.mode != "straight") {
            // Road-network reach: minutes along [network] roads (the section is checked in check_references).
            if (!r.table->contains("minutes")) missing(r, "minutes", "the reach in minutes along the roads, e.g. minutes = 15");
            else if (minutes && !(reach.minutes > 0))
                problem(m_plan.line_of(r.key_path("minutes"), r.line), r.prefix() + r.name("minutes") + " must be greater than 0, not " + number_text(reach.minutes));
            else if (minutes && !(reach.minutes <= k_max_reach_minutes))
                problem(m_plan.line_of(r.key_path("minutes"), r.line),
                        r.prefix() + r.name("minutes") + " must be at most 1440 (a day), not " +
                            number_text(reach.minutes));
            if (r.table->contains("metres"))
                problem(m_plan.line_of(r.key_path("metres"), r.line),
                        r.prefix() + r.name("metres") + " is for straight-line reach; road-network reach (" + reach.mode + ") takes minutes");
            if (reach.elderly && reach.mode == "drive")
                problem(m_plan.line_of(r.key_path("elderly"), r.line), r.prefix() + r.name("elderly") + " applies to mode = \"walk\" or \"transit\" only");
            return;
        }
        if (!r.table->contains("metres")) missing(r, "metres", "the straight-line reach in metres, e.g. metres = 1000");
        else if (metres && !(reach.metres > 0))
            problem(m_plan.line_of(r.key_path("metres"), r.line),
                    r.prefix() + r.name("metres") + " must be greater than 0, not " + number_text(reach.metres));
        else if (metres && !(reach.metres <= k_max_reach_metres))
            problem(m_plan.line_of(r.key_path("metres"), r.line),
                    r.prefix() + r.name("metres") + " must be at most 300000 (300 km: the reach is in metres), not " + number_text(reach.metres));
        if (r.table->contains("minutes"))
            problem(m_plan.line_of(r.key_path("minutes"), r.line),
                    r.prefix() + r.name("minutes") + " is for road-network reach (walk, drive); straight-line reach takes metres");
        if (reach.elderly)
            problem(m_plan.line_of(r.key_path("elderly"), r.line), r.prefix() + r.name("elderly") + " applies to mode = \"walk\" only");
    }

    void read_network(const Scope& top) {
        const auto s = section(top, "network", false);
        if (!s) return;
        NetworkSpec& n = m_plan.network;
        n.enabled = true;
        n.line = s->line;
        check_keys(*s, keys_of("network"));
        get_layer_ref(*s, "roads", n.roads, true);
        const std::pair<const char*, double*> positive[] = {{"walk_kmh", &n.travel.walk_kmh}, {"elderly_walk_kmh", &n.travel.elderly_walk_kmh},
                                                             {"side_m", &n.area.side_m}, {"max_snap_m", &n.snap.max_snap_m}};
        for (const auto& [key, value] : positive) {
            if (get_number(*s, key, *value) && !(*value > 0 && std::isfinite(*value)))
                problem(m_plan.line_of(s->key_path(key), s->line), "network." + std::string(key) + " must be a number greater than 0");
        }
        get_bool(*s, "keep_largest_component", n.build.keep_largest_component);
        if (const auto t = get_table(*s, "drive_kmh", false, "{ residential = 25, primary = 40 }")) {
            for (const auto& [key, node] : *t->table) {
                const std::string name(key.str());
                double kmh = 0;
                if (get_number(*t, name, kmh)) {
                    if (kmh > 0 && std::isfinite(kmh)) {
                        n.travel.drive_kmh[name] = kmh;
                        n.drive_kmh_classes.push_back(name);
                    }
                    else problem(line_of(node), "network.drive_kmh." + name + " must be greater than 0 (km/h), not " + number_text(kmh));
                }
            }
        }
        double v = 0;
        if (get_number(*s, "drive_default_kmh", v)) {
            if (v > 0 && std::isfinite(v)) n.travel.drive_default_kmh = v;
            else problem(m_plan.line_of(s->key_path("drive_default_kmh"), s->line), "network.drive_default_kmh must be greater than 0 (km/h)");
        }
        if (get_number(*s, "maxspeed_factor", v)) {
            if (v > 0 && v <= 2) n.travel.maxspeed_factor = v;
            else problem(m_plan.line_of(s->key_path("maxspeed_factor"), s->line),
                         "network.maxspeed_factor scales tagged speed limits: greater than 0 and at most 2, not " + number_text(v));
        }
        get_bool(*s, "use_maxspeed", n.travel.use_maxspeed);
        std::string walk_tags;
        if (get_string(*s, "walk_tags", walk_tags)) {
            try {
                network::apply_walk_tags(n.walk, walk_tags);
            } catch (const UsageError& e) {
                problem(m_plan.line_of(s->key_path("walk_tags"), s->line), "network.walk_tags: " + e.message());
            }
        }
    }

    void read_tiers(const toml::table& root) {
        if (!root.contains("tiers")) {
            if (std::find(m_suggested.begin(), m_suggested.end(), "tiers") == m_suggested.end()) problem(0, "missing [[tiers]]: give 1 to 5 tiers, outermost (the whole city) first");
            return;
        }
        const toml::array* arr = table_array(root, "tiers");
        if (!arr) return;
        if (arr->empty()) {
            problem(line_of(*arr), "tiers is empty: give 1 to 5 tiers, outermost (the whole city) first");
            return;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& t = *arr->get(i)->as_table();
            TierSpec tier;
            tier.line = line_of(t);
            Scope s{&t, "tiers[" + std::to_string(i) + "]", "tier " + std::to_string(i + 1), "", "", tier.line};
            if (const auto* id = t.get("id"); id && id->is_string() && !id->as_string()->get().empty())
                s.label = "tier '" + id->as_string()->get() + "'";
            check_keys(s, keys_of("tiers"));
            if (get_non_empty_string(s, "id", tier.id, true, "a short name such as \"welfare\"")) {
                const bool plain = std::all_of(tier.id.begin(), tier.id.end(), [](unsigned char c) {
                    return std::isalnum(c) || c == '_' || c == '-';
                });
                if (!plain)
                    problem(m_plan.line_of(s.key_path("id"), tier.line),
                            "tier id " + dq(tier.id) + " may hold only ASCII letters, digits, '_' and '-' (it names output layers)");
                s.label = "tier '" + tier.id + "'";
                for (const auto& other : m_plan.tiers) {
                    if (other.id == tier.id)
                        problem(m_plan.line_of(s.key_path("id"), tier.line),
                                "tier id '" + tier.id + "' is used twice (first at line " + std::to_string(other.line) + ")");
                }
            }
            get_string(s, "name", tier.name);
            get_string(s, "name_en", tier.name_en);
            if (const auto u = get_table(s, "units", true, "{ from = \"layer\", source = { path = \"areas.gpkg\" } }")) read_units(*u, tier.units);
            if (get_string_list(s, "hub_kinds", tier.hub_kinds, true, "the facility kinds that are this tier's hubs, e.g. [\"salon\"]") &&
                tier.hub_kinds.empty())
                problem(m_plan.line_of(s.key_path("hub_kinds"), tier.line), s.prefix() + "hub_kinds is empty: name at least one facility kind");
            get_non_empty_string(s, "facilities", tier.facilities);
            if (const auto r = get_table(s, "reach", true, "{ mode = \"straight\", metres = 1000 }")) read_reach(*r, tier.reach);
            if (tier.name.empty()) tier.name = tier.id;
            if (tier.name_en.empty()) tier.name_en = tier.id;
            if (i == k_max_tiers)
                problem(tier.line, "at most " + std::to_string(k_max_tiers) + " tiers are supported; this plan has " +
                                       std::to_string(arr->size()));
            m_tier_labels.push_back(s.label);
            m_plan.tiers.push_back(std::move(tier));
        }
    }

    void read_output(const Scope& top) {
        const auto s = section(top, "output", false);
        if (!s) return;
        OutputSpec& o = m_plan.output;
        check_keys(*s, keys_of("output"));
        get_bool(*s, "geojson", o.geojson);
        get_bool(*s, "geopackage", o.geopackage);
        get_bool(*s, "csv", o.csv);
        get_bool(*s, "residents", o.residents);
        if (const auto enc = get_choice(*s, "csv_encoding", {"utf-8-bom", "utf-8", "cp932"}, true)) {
            o.csv_encoding = *enc == "utf-8-bom" ? "UTF-8-BOM" : *enc == "utf-8" ? "UTF-8" : "CP932";
        }
        if (const auto lang = get_choice(*s, "lang", {"ja", "en"})) o.lang = *lang;
        if (!o.geojson && !o.geopackage && !o.csv)
            problem(s->line, "[output] turns off every format: keep at least one of geojson, geopackage and csv");
    }

    void read_analysis(const Scope& top) {
        const auto s = section(top, "analysis", false);
        if (!s) return;
        AnalysisSpec& a = m_plan.analysis;
        check_keys(*s, keys_of("analysis"));
        if (get_number(*s, "max_outside_share", a.max_outside_share) && !(a.max_outside_share >= 0 && a.max_outside_share <= 1))
            problem(m_plan.line_of("analysis.max_outside_share"),
                    "analysis.max_outside_share is a share of the residents or hubs: it must be from 0 to 1, not " +
                        number_text(a.max_outside_share));
        if (get_number(*s, "nesting_tolerance", a.nesting_tolerance) && !(a.nesting_tolerance >= 0 && a.nesting_tolerance < 1))
            problem(m_plan.line_of("analysis.nesting_tolerance"),
                    "analysis.nesting_tolerance is a share of a unit's area: it must be at least 0 and below 1, not " +
                        number_text(a.nesting_tolerance));
        if (get_integer(*s, "buffer_segments", a.buffer_segments) && a.buffer_segments < 1)
            problem(m_plan.line_of("analysis.buffer_segments"),
                    "analysis.buffer_segments must be at least 1, not " + std::to_string(a.buffer_segments));
    }

    // ---- transport and scenarios --------------------------------------------------------------

    void read_stop_layer(const Scope& s, StopLayerSpec& out) {
        out.line = s.line;
        check_keys(s, keys_of("transport.stops"));
        get_non_empty_string(s, "id", out.id, true, "names the layer for scenarios, e.g. \"bus\"");
        if (const auto kind = get_choice(s, "kind", {"bus_stop", "station"})) out.kind = *kind;
        get_layer_ref(s, "source", out.source, true);
        get_string(s, "id_field", out.id_field);
        get_string(s, "name_field", out.name_field);
        get_string(s, "departures_field", out.departures_field);
    }

    void read_stop_layers(const Scope& parent, std::string_view key, std::vector<StopLayerSpec>& out) {
        const toml::node* n = find(parent, key);
        if (!n) return;
        const toml::array* arr = n->as_array();
        if (!arr || !arr->is_array_of_tables()) {
            problem(line_of(*n), parent.prefix() + parent.name(key) + " must be a list of tables ([[...]] entries)");
            return;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& t = *arr->get(i)->as_table();
            Scope s{&t, parent.key_path(key) + "[" + std::to_string(i) + "]", parent.label.empty() ? std::string(key) + " entry " + std::to_string(i + 1) : parent.label,
                    "", "", line_of(t)};
            StopLayerSpec layer;
            read_stop_layer(s, layer);
            out.push_back(std::move(layer));
        }
    }

    void read_path_list(const Scope& s, std::string_view key, std::vector<std::string>& out) {
        if (get_string_list(s, key, out, false, {})) {
            for (auto& p : out) p = resolve(p);
        }
    }

    void read_transport(const Scope& top) {
        const auto s = section(top, "transport", false);
        if (!s) return;
        TransportSpec& t = m_plan.transport;
        t.enabled = true;
        t.line = s->line;
        check_keys(*s, keys_of("transport"));
        if (const auto d = get_choice(*s, "distance", {"straight", "walk"})) t.distance = *d;
        if (const auto preset = get_choice(*s, "preset", {"mlit-urban", "mlit-rural", "custom"})) t.preset = *preset;
        double v = 0;
        if (get_number(*s, "station_radius_m", v)) {
            if (v > 0) t.station_radius_m = v;
            else problem(m_plan.line_of("transport.station_radius_m", s->line), "transport.station_radius_m must be above 0");
        }
        if (get_number(*s, "bus_stop_radius_m", v)) {
            if (v > 0) t.bus_stop_radius_m = v;
            else problem(m_plan.line_of("transport.bus_stop_radius_m", s->line), "transport.bus_stop_radius_m must be above 0");
        }
        // station_radius_m is needed only when there are stations: a rural town may have bus stops only
        // (the run refuses a custom plan whose stops include stations without it).
        if (t.preset == "custom" && !t.bus_stop_radius_m)
            problem(s->line, "[transport] preset \"custom\" needs bus_stop_radius_m (and station_radius_m when there are stations)");
        if (get_number(*s, "min_departures_per_day", t.min_departures_per_day) && t.min_departures_per_day < 0)
            problem(m_plan.line_of("transport.min_departures_per_day", s->line), "transport.min_departures_per_day must not be negative");
        std::string day;
        if (get_string(*s, "service_day", day)) {
            const bool date = day.size() == 8 && std::all_of(day.begin(), day.end(), [](unsigned char c) { return std::isdigit(c); });
            if (!date && day != "weekday" && day != "saturday" && day != "sunday_holiday")
                problem(m_plan.line_of("transport.service_day", s->line),
                        "transport.service_day must be \"weekday\", \"saturday\", \"sunday_holiday\" or a date YYYYMMDD, not " + dq(day));
            else t.service_day = day;
        }
        read_path_list(*s, "gtfs", t.gtfs);
        read_stop_layers(*s, "stops", t.stops);
        if (t.gtfs.empty() && t.stops.empty()) problem(s->line, "[transport] needs stops: gtfs = [...] feeds and/or [[transport.stops]] layers");
        std::vector<std::string> ids;
        for (const auto& l : t.stops) {
            if (std::find(ids.begin(), ids.end(), l.id) != ids.end()) problem(l.line, "transport.stops id '" + l.id + "' is used twice");
            ids.push_back(l.id);
        }
    }

    /// A list of inline tables (move_hubs = [{ ... }, ...]), each read by `read`.
    template <typename Read>
    void read_table_list(const Scope& parent, std::string_view key, std::string_view table, Read read) {
        const toml::node* n = find(parent, key);
        if (!n) return;
        const toml::array* arr = n->as_array();
        if (!arr) {
            wrong_type(parent, key, *n, "a list of tables such as [{ hub = \"H1\", lon = 131.2, lat = 34.1 }]");
            return;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table* t = arr->get(i)->as_table();
            if (!t) {
                problem(line_of(*arr->get(i)), parent.prefix() + parent.name(key) + " must hold tables, not " + type_name(arr->get(i)->type()));
                continue;
            }
            const int line = line_of(*t) > 0 ? line_of(*t) : line_of(*n);
            Scope s{t, parent.key_path(key) + "[" + std::to_string(i) + "]", parent.label, std::string(key) + "[" + std::to_string(i) + "]",
                    std::string(key) + " entry " + std::to_string(i + 1), line};
            check_keys(s, keys_of(table));
            read(s, line);
        }
    }

    /// WGS84 longitude and latitude of a scenario's hub, both required and in range.
    void read_lon_lat(const Scope& s, double& lon, double& lat) {
        if (!get_number(s, "lon", lon)) missing(s, "lon", "WGS84 longitude in degrees");
        else if (!(lon >= -180 && lon <= 180)) problem(m_plan.line_of(s.key_path("lon"), s.line), s.prefix() + s.name("lon") + " must be a longitude in degrees (-180 to 180)");
        if (!get_number(s, "lat", lat)) missing(s, "lat", "WGS84 latitude in degrees");
        else if (!(lat >= -90 && lat <= 90)) problem(m_plan.line_of(s.key_path("lat"), s.line), s.prefix() + s.name("lat") + " must be a latitude in degrees (-90 to 90)");
    }

    /// move_hubs, add_hubs, remove_hubs of a scenario. Whether the hubs exist is known only once the
    /// facilities are read (pipeline/hub_scenarios.cpp checks it, with this line).
    void read_hub_edits(const Scope& sc_scope, ScenarioSpec& sc) {
        read_table_list(sc_scope, "move_hubs", "scenarios.move_hubs", [&](const Scope& s, int line) {
            HubMoveSpec m;
            m.line = line;
            get_non_empty_string(s, "hub", m.hub, true, "the facility id of the hub that moves");
            read_lon_lat(s, m.lon, m.lat);
            sc.move_hubs.push_back(std::move(m));
        });
        std::vector<std::string> tier_ids;
        for (const auto& t : m_plan.tiers) tier_ids.push_back(t.id);
        read_table_list(sc_scope, "add_hubs", "scenarios.add_hubs", [&](const Scope& s, int line) {
            HubAddSpec a;
            a.line = line;
            get_non_empty_string(s, "id", a.id, true, "a facility id for the new hub");
            a.name = a.id;
            get_string(s, "name", a.name);
            get_string(s, "kind", a.kind);
            if (get_non_empty_string(s, "tier", a.tier, true, "the tier whose hub it becomes") &&
                std::find(tier_ids.begin(), tier_ids.end(), a.tier) == tier_ids.end())
                problem(m_plan.line_of(s.key_path("tier"), line), s.prefix() + s.name("tier") + " names no tier '" + a.tier + "'" + did_you_mean(a.tier, tier_ids, '\''));
            read_lon_lat(s, a.lon, a.lat);
            double supply = 0;
            if (get_number(s, "supply", supply)) {
                if (!(supply >= 0) || !std::isfinite(supply))
                    problem(m_plan.line_of(s.key_path("supply"), line), s.prefix() + s.name("supply") + " must be a number >= 0 (the new hub's supply for [[access]])");
                a.supply = supply;
            }
            sc.add_hubs.push_back(std::move(a));
        });
        get_string_list(sc_scope, "remove_hubs", sc.remove_hubs, false, {});
        get_string_list(sc_scope, "remove_stop_ids", sc.remove_stop_ids, false, {});
        read_table_list(sc_scope, "add_stop_points", "scenarios.add_stop_points", [&](const Scope& s, int line) {
            StopPointSpec p;
            p.line = line;
            get_non_empty_string(s, "id", p.id, true, "an id for the new stop");
            p.name = p.id;
            get_string(s, "name", p.name);
            if (const auto kind = get_choice(s, "kind", {"bus_stop", "station"})) p.kind = *kind;
            double d = 0;
            if (get_number(s, "departures_per_day", d)) {
                if (d < 0) problem(m_plan.line_of(s.key_path("departures_per_day"), line), s.prefix() + s.name("departures_per_day") + " must not be negative");
                p.departures_per_day = d;
            }
            read_lon_lat(s, p.lon, p.lat);
            sc.add_stop_points.push_back(std::move(p));
        });
    }

    void read_scenarios(const toml::table& root) {
        const toml::array* arr = table_array(root, "scenarios");
        if (!arr) return;
        std::vector<std::string> layer_ids;
        for (const auto& l : m_plan.transport.stops) layer_ids.push_back(l.id);
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& t = *arr->get(i)->as_table();
            ScenarioSpec sc;
            sc.line = line_of(t);
            Scope s{&t, "scenarios[" + std::to_string(i) + "]", "scenario " + std::to_string(i + 1), "", "", sc.line};
            check_keys(s, keys_of("scenarios"));
            if (get_non_empty_string(s, "id", sc.id, true, "names the scenario in the outputs")) s.label = "scenario '" + sc.id + "'";
            sc.name = sc.id;
            get_string(s, "name", sc.name);
            get_string(s, "description", sc.description);
            read_path_list(s, "add_gtfs", sc.add_gtfs);
            read_path_list(s, "remove_gtfs", sc.remove_gtfs);
            get_string_list(s, "remove_routes", sc.remove_routes, false, {});
            get_string_list(s, "remove_stops", sc.remove_stops, false, {});
            for (const auto& id : sc.remove_stops) {
                if (std::find(layer_ids.begin(), layer_ids.end(), id) == layer_ids.end())
                    problem(m_plan.line_of(s.key_path("remove_stops"), sc.line),
                            s.prefix() + "remove_stops names no [[transport.stops]] layer '" + id + "'" + did_you_mean(id, layer_ids, '\''));
            }
            for (const auto& feed : sc.remove_gtfs) {
                if (std::find(m_plan.transport.gtfs.begin(), m_plan.transport.gtfs.end(), feed) == m_plan.transport.gtfs.end())
                    problem(m_plan.line_of(s.key_path("remove_gtfs"), sc.line), s.prefix() + "remove_gtfs names a feed that [transport].gtfs does not list: " + feed);
            }
            read_stop_layers(s, "add_stops", sc.add_stops);
            read_hub_edits(s, sc);
            if (!m_plan.transport.enabled && (sc.changes_transport() || !sc.changes_hubs()))
                problem(sc.line, s.prefix() + "[[scenarios]] that change the transport inputs need a [transport] section"
                                 " (a scenario without one can move, add or remove hubs: move_hubs, add_hubs, remove_hubs)");
            for (const auto& other : m_plan.scenarios) {
                if (other.id == sc.id) problem(sc.line, "scenario id '" + sc.id + "' is used twice");
            }
            m_plan.scenarios.push_back(std::move(sc));
        }
    }

    // ---- access indices ---------------------------------------------------------------------

    void read_decay(const Scope& d, DecaySpec& decay) {
        decay.line = d.line;
        check_keys(d, keys_of("access.decay"));
        int given = 0;
        if (const toml::node* n = find(d, "bands")) {
            ++given;
            decay.kind = "bands";
            const toml::array* arr = n->as_array();
            bool ok = arr && !arr->empty();
            double last = 0;
            for (std::size_t i = 0; ok && i < arr->size(); ++i) {
                const toml::array* band = arr->get(i)->as_array();
                const auto number = [&](std::size_t k) -> std::optional<double> {
                    if (!band || band->size() != 2) return std::nullopt;
                    return band->get(k)->value<double>();
                };
                const auto upper = number(0), weight = number(1);
                if (!upper || !weight || !(*upper > last) || !(*weight >= 0)) {
                    ok = false;
                    break;
                }
                last = *upper;
                decay.bands.emplace_back(*upper, *weight);
            }
            if (!ok)
                problem(line_of(*n), d.prefix() + d.name("bands") +
                                         " must list [upper cost, weight] pairs with rising upper costs and weights >= 0, e.g. "
                                         "[[10, 1.0], [20, 0.68], [30, 0.22]]");
        }
        bool gaussian = false;
        if (get_bool(d, "gaussian", gaussian) && gaussian) {
            ++given;
            decay.kind = "gaussian";
        }
        if (get_number(d, "power", decay.beta)) {
            ++given;
            decay.kind = "power";
            if (!(decay.beta > 0) || decay.beta > 10)
                problem(m_plan.line_of(d.key_path("power"), d.line), d.prefix() + d.name("power") + " must be in (0, 10], not " + number_text(decay.beta));
        }
        if (given != 1)
            problem(d.line, d.prefix() + "decay takes exactly one of bands = [[...]], gaussian = true or power = <beta>");
    }

    void read_access(const toml::table& root) {
        const toml::array* arr = table_array(root, "access");
        if (!arr) return;
        std::vector<std::string> tier_ids;
        for (const auto& t : m_plan.tiers) tier_ids.push_back(t.id);
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& t = *arr->get(i)->as_table();
            AccessSpec a;
            a.line = line_of(t);
            Scope s{&t, "access[" + std::to_string(i) + "]", "access " + std::to_string(i + 1), "", "", a.line};
            check_keys(s, keys_of("access"));
            if (get_non_empty_string(s, "id", a.id, true, "names the index in the outputs, e.g. \"csw\"")) s.label = "access '" + a.id + "'";
            a.name = a.id;
            get_string(s, "name", a.name);
            const bool by_tier = get_non_empty_string(s, "tier", a.tier);
            const bool by_kind = get_string_list(s, "hub_kinds", a.hub_kinds, false, {});
            get_string(s, "facilities", a.facilities);
            if (by_tier == by_kind)
                problem(a.line, s.prefix() + "name the hubs that supply with either tier = \"...\" (a tier's hubs) or hub_kinds = [...] (facilities of these kinds)");
            if (by_tier && std::find(tier_ids.begin(), tier_ids.end(), a.tier) == tier_ids.end())
                problem(m_plan.line_of(s.key_path("tier"), a.line), s.prefix() + "tier = " + dq(a.tier) + " names no tier" + did_you_mean(a.tier, tier_ids, '"'));
            if (by_kind) {
                std::vector<std::string> facility_ids;
                for (const auto& f : m_plan.facilities) facility_ids.push_back(f.id);
                if (a.facilities.empty() && m_plan.facilities.size() == 1) a.facilities = m_plan.facilities.front().id;
                else if (a.facilities.empty())
                    problem(a.line, s.prefix() + "the plan has several [[facilities]]: name the one with the hubs, facilities = " + choices_text(facility_ids));
                else if (std::find(facility_ids.begin(), facility_ids.end(), a.facilities) == facility_ids.end())
                    problem(m_plan.line_of(s.key_path("facilities"), a.line),
                            s.prefix() + "facilities = " + dq(a.facilities) + " names no [[facilities]] entry" + did_you_mean(a.facilities, facility_ids, '"'));
                if (!t.contains("catchment")) missing(s, "catchment", "with hub_kinds there is no tier reach to default to, e.g. { mode = \"straight\", metres = 1000 }");
            }
            get_string(s, "supply_field", a.supply_field);
            if (const auto d = get_choice(s, "demand", {"pop_total", "pop_65plus", "pop_75plus"})) a.demand = *d;
            if (const auto m = get_choice(s, "method", {"2sfca", "e2sfca", "gravity"}, true)) a.method = *m;
            if (const auto c = get_table(s, "catchment", false, "{ mode = \"straight\", metres = 1000 }")) {
                ReachSpec reach;
                read_reach(*c, reach);
                a.catchment = reach;
            }
            if (const auto d = get_table(s, "decay", false, "{ bands = [[10, 1.0], [20, 0.68], [30, 0.22]] }")) read_decay(*d, a.decay);
            if (a.method == "2sfca" && a.decay.kind != "none")
                problem(a.decay.line, s.prefix() + "method = \"2sfca\" weighs everyone in the catchment alike: a decay needs method = \"e2sfca\" or \"gravity\"");
            if (a.method == "e2sfca" && a.decay.kind == "none")
                problem(a.line, s.prefix() + "method = \"e2sfca\" needs a decay, e.g. decay = { bands = [[10, 1.0], [20, 0.68], [30, 0.22]] }");
            double threshold = 0;
            if (get_number(s, "threshold_per_1000", threshold)) {
                if (!(threshold >= 0)) problem(m_plan.line_of(s.key_path("threshold_per_1000"), a.line), s.prefix() + "threshold_per_1000 must be >= 0");
                a.threshold_per_1000 = threshold;
            }
            for (const auto& other : m_plan.access)
                if (other.id == a.id) problem(a.line, "access id '" + a.id + "' is used twice");
            if (a.catchment && a.catchment->mode != "straight" && !m_plan.network.enabled)
                problem(a.catchment->line, s.prefix() + "catchment mode \"" + a.catchment->mode + "\" runs along roads: the plan needs a [network] section");
            m_plan.access.push_back(std::move(a));
        }
    }

    // ---- references between entries --------------------------------------------------------

    void check_references() {
        for (std::size_t i = 0; i < m_plan.tiers.size(); ++i) {
            const ReachSpec& r = m_plan.tiers[i].reach;
            if (r.mode == "transit") {
                if (!m_plan.transport.enabled || m_plan.transport.gtfs.empty())
                    problem(r.line, m_tier_labels[i] + ": reach mode \"transit\" rides the timetables of [transport] gtfs = [...]: the plan gives no GTFS feed");
            } else if (r.mode != "straight" && !m_plan.network.enabled) {
                problem(r.line, m_tier_labels[i] + ": reach mode \"" + r.mode + "\" runs along roads: the plan needs a [network] section with roads = { path = ... }");
            }
        }
        if (m_plan.transport.enabled && m_plan.transport.distance == "walk" && !m_plan.network.enabled)
            problem(m_plan.transport.line, "[transport] distance = \"walk\" needs a [network] section with the roads");
        std::vector<std::string> facility_ids, tier_ids;
        for (const auto& f : m_plan.facilities) {
            if (!f.id.empty()) facility_ids.push_back(f.id);
        }
        for (const auto& t : m_plan.tiers) tier_ids.push_back(t.id);
        for (std::size_t i = 0; i < m_plan.tiers.size(); ++i) {
            TierSpec& t = m_plan.tiers[i];
            const std::string path = "tiers[" + std::to_string(i) + "]";
            const std::string prefix = m_tier_labels[i] + ": ";
            if (t.facilities.empty()) {
                if (m_plan.facilities.size() == 1) t.facilities = m_plan.facilities.front().id;
                else if (m_plan.facilities.empty())
                    problem(t.line, prefix + "the plan has no [[facilities]] to take the hubs (hub_kinds) from");
                else
                    problem(t.line, prefix + "the plan has several [[facilities]]: name the one with this tier's hubs, facilities = " +
                                        choices_text(facility_ids));
            } else if (std::find(facility_ids.begin(), facility_ids.end(), t.facilities) == facility_ids.end()) {
                problem(m_plan.line_of(path + ".facilities", t.line),
                        prefix + "facilities = " + dq(t.facilities) + " names no [[facilities]] entry" +
                            did_you_mean(t.facilities, facility_ids, '"') +
                            (facility_ids.empty() ? std::string(" (the plan has none)") : "; the plan has " + detail::join(facility_ids, '"')));
            }
            if (t.units.from == UnitsSpec::From::tier && !t.units.tier.empty()) {
                const int line = m_plan.line_of(path + ".units.tier", t.units.line);
                const auto it = std::find(tier_ids.begin(), tier_ids.end(), t.units.tier);
                const auto j = static_cast<std::size_t>(it - tier_ids.begin());
                if (it == tier_ids.end())
                    problem(line, prefix + "units.tier = " + dq(t.units.tier) + " names no tier" +
                                      did_you_mean(t.units.tier, tier_ids, '"') + "; the tiers are " + detail::join(tier_ids, '"'));
                else if (j == i)
                    problem(line, prefix + "units.tier names the tier itself: name a finer tier, listed after this one");
                else if (j < i)
                    problem(line, prefix + "units.tier = " + dq(t.units.tier) + " must name a finer tier, listed after this one; '" +
                                      t.units.tier + "' is listed before it (tiers go from the outermost to the finest)");
                else if (m_plan.tiers[j].units.from == UnitsSpec::From::boundary)
                    problem(line, prefix + "units.tier = " + dq(t.units.tier) +
                                      " names a tier whose one unit is the whole study area: there is nothing to dissolve");
            }
        }
    }
};

std::string read_file_text(const fs::path& path, const std::string& shown) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw PlanError({PlanProblem{shown, 0, "no such plan file"}});
    if (fs::is_directory(path, ec)) throw PlanError({PlanProblem{shown, 0, "is a directory, not a plan file"}});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PlanError({PlanProblem{shown, 0, "cannot open the plan file for reading"}});
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Plan load_plan(const std::filesystem::path& path) {
    const std::string shown = path.string();
    std::string text = read_file_text(path, shown);
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // Windows editors add a BOM

    Plan plan;
    plan.file = fs::absolute(path).lexically_normal();
    plan.file_shown = shown;
    toml::table root;
    try {
        root = toml::parse(std::string_view(text), std::string_view(shown));
    } catch (const toml::parse_error& e) {
        throw PlanError({PlanProblem{shown, static_cast<int>(e.source().begin.line), "TOML syntax error: " + std::string(e.description())}});
    }
    Loader loader(shown, plan.file.parent_path(), plan);
    loader.load(root);
    auto& problems = loader.problems();
    if (!problems.empty()) {
        std::stable_sort(problems.begin(), problems.end(), [](const PlanProblem& a, const PlanProblem& b) { return a.line < b.line; });
        throw PlanError(std::move(problems));
    }
    return plan;
}

}  // namespace keniki::project
