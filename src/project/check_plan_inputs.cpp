// check_plan_inputs: do the plan's files, layers and fields exist? Reads schemas only.

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include "keniki/io/estat_table.hpp"
#include "keniki/io/read_schema.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/project/read_options.hpp"
#include "project/suggest.hpp"

namespace keniki::project {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_listed_fields = 30;

std::string listed(const std::vector<std::string>& names) {
    std::vector<std::string> shown(names.begin(), names.begin() + static_cast<long>(std::min(names.size(), k_listed_fields)));
    std::string out = detail::join(shown);
    if (names.size() > k_listed_fields) out += ", ... (" + std::to_string(names.size()) + " in all)";
    return out.empty() ? std::string("none") : out;
}

class Checker {
public:
    explicit Checker(const Plan& plan) : m_plan(plan), m_file(plan.file_shown.empty() ? plan.file.string() : plan.file_shown) {}

    std::vector<PlanProblem> run() {
        check_study();
        check_residents();
        check_facilities();
        check_transport();
        check_tiers();
        std::stable_sort(m_problems.begin(), m_problems.end(), [](const PlanProblem& a, const PlanProblem& b) { return a.line < b.line; });
        return std::move(m_problems);
    }

private:
    const Plan& m_plan;
    std::string m_file;
    std::vector<PlanProblem> m_problems;
    using CacheKey = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
    std::map<CacheKey, std::optional<io::LayerSchema>> m_schemas;
    std::map<CacheKey, std::string> m_schema_errors;

    /// Records a problem once (a layer used twice, e.g. by a tier and the tier dissolving it, fails once).
    void problem(int line, std::string message) {
        for (const auto& p : m_problems) {
            if (p.line == line && p.message == message) return;
        }
        m_problems.push_back(PlanProblem{m_file, line, std::move(message)});
    }

    /// The schema of a layer, or nothing after a problem (reported once per layer and use).
    const io::LayerSchema* schema(const LayerRef& ref, const std::string& what) {
        const CacheKey key{ref.path, ref.layer, ref.where, ref.encoding, ref.x_field, ref.y_field};
        auto it = m_schemas.find(key);
        if (it == m_schemas.end()) {
            std::optional<io::LayerSchema> found;
            try {
                io::ReadOptions options = read_options(ref);
                options.require_geometry = false;  // need_geometry() names the key and the geometry it needs
                found = io::read_schema(ref.path, options);
            } catch (const Error& e) {
                m_schema_errors[key] = e.what();
            }
            it = m_schemas.emplace(key, std::move(found)).first;
        }
        if (!it->second) {
            problem(ref.line, what + ": " + m_schema_errors[key]);
            return nullptr;
        }
        return &*it->second;
    }

    static std::string layer_text(const io::LayerSchema& s) {
        std::string out = fs::path(s.path).filename().string();
        if (out.empty()) out = s.path;
        if (s.layers.size() > 1) out += " (layer '" + s.layer + "')";
        return out;
    }

    /// `key` names a field of the layer: report it (at the key's line) when the layer has no such field.
    void need_field(const io::LayerSchema& s, const std::string& field, const std::string& key, const std::string& shown,
                    const std::string& prefix, int fallback_line) {
        if (field.empty() || s.field_index(field)) return;
        const auto names = s.field_names();
        problem(m_plan.line_of(key, fallback_line), prefix + shown + " '" + field + "' is not a field of " + layer_text(s) +
                                                        detail::did_you_mean(field, names) + "; its fields: " + listed(names));
    }

    void need_geometry(const io::LayerSchema& s, io::GeometryClass wanted, const std::string& what, int line) {
        if (s.geometry == wanted || s.geometry == io::GeometryClass::unknown) return;
        if (s.geometry == io::GeometryClass::none && s.driver == "CSV" && wanted == io::GeometryClass::points) {
            problem(line, what + ": " + layer_text(s) +
                              " has no coordinate columns (looked for lon/lat, longitude/latitude, lng/lat, 経度/緯度, x/y): name "
                              "them with x_field and y_field");
            return;
        }
        problem(line, what + " must be " + std::string(io::to_string(wanted)) + ", but " + layer_text(s) + " holds " +
                          (s.geometry == io::GeometryClass::none ? std::string("no geometry") : std::string(io::to_string(s.geometry))) +
                          " (" + s.geometry_type + ")");
    }

    void check_study() {
        if (const auto* s = schema(m_plan.study.boundary, "study.boundary"))
            need_geometry(*s, io::GeometryClass::polygons, "study.boundary", m_plan.study.boundary.line);
    }

    void check_residents() {
        const ResidentsSpec& r = m_plan.residents;
        const int line = r.source.line;
        if (const auto* s = schema(r.source, "residents.source")) {
            need_geometry(*s, r.kind == ResidentKind::points ? io::GeometryClass::points : io::GeometryClass::polygons,
                          "residents.source", line);
            need_field(*s, r.population_field, "residents.population_field", "residents.population_field", "", line);
            need_field(*s, r.age65_field, "residents.age65_field", "residents.age65_field", "", line);
            need_field(*s, r.age75_field, "residents.age75_field", "residents.age75_field", "", line);
            if (r.census) need_field(*s, r.census->key_field, "residents.census.key_field", "residents.census.key_field", "", r.census->line);
        }
        if (!r.census) return;
        const CensusSpec& c = *r.census;
        const int table_line = m_plan.line_of("residents.census.table", c.line);
        std::error_code ec;
        if (!fs::exists(c.table, ec)) {
            problem(table_line, "residents.census.table: " + c.table + ": no such file");
            return;
        }
        io::EstatTable table;
        try {
            table = io::read_estat_table(c.table, c.encoding);
        } catch (const Error& e) {
            problem(table_line, std::string("residents.census.table: ") + e.what());
            return;
        }
        std::vector<std::string> columns = table.column_codes;
        const auto need_column = [&](const std::string& column, const char* key) {
            if (column.empty() || table.column(column)) return;
            problem(m_plan.line_of(std::string("residents.census.") + key, c.line),
                    std::string("residents.census.") + key + " '" + column + "' is not a column of " +
                        fs::path(c.table).filename().string() + detail::did_you_mean(column, columns) +
                        " (give a column code such as " + (columns.empty() ? std::string("T001082001") : columns.front()) +
                        " or its exact Japanese label)");
        };
        need_column(c.population, "population");
        need_column(c.age65, "age65");
        need_column(c.age75, "age75");
    }

    void check_stop_layer(const StopLayerSpec& l, const std::string& path, const std::string& prefix) {
        const auto* s = schema(l.source, prefix + "source");
        if (!s) return;
        need_field(*s, l.id_field, path + ".id_field", "id_field", prefix, l.line);
        need_field(*s, l.name_field, path + ".name_field", "name_field", prefix, l.line);
        need_field(*s, l.departures_field, path + ".departures_field", "departures_field", prefix, l.line);
    }

    void check_transport() {
        const TransportSpec& t = m_plan.transport;
        for (std::size_t i = 0; i < t.stops.size(); ++i)
            check_stop_layer(t.stops[i], "transport.stops[" + std::to_string(i) + "]", "transport.stops '" + t.stops[i].id + "': ");
        std::error_code ec;
        for (const auto& feed : t.gtfs) {
            if (!std::filesystem::exists(feed, ec)) problem(t.line, "[transport] gtfs: no such feed " + feed);
        }
        for (std::size_t k = 0; k < m_plan.scenarios.size(); ++k) {
            const ScenarioSpec& sc = m_plan.scenarios[k];
            for (std::size_t i = 0; i < sc.add_stops.size(); ++i)
                check_stop_layer(sc.add_stops[i], "scenarios[" + std::to_string(k) + "].add_stops[" + std::to_string(i) + "]",
                                 "scenario '" + sc.id + "' add_stops '" + sc.add_stops[i].id + "': ");
            for (const auto& feed : sc.add_gtfs) {
                if (!std::filesystem::exists(feed, ec))
                    problem(sc.line, "scenario '" + sc.id + "': add_gtfs: no such feed " + feed);
            }
        }
    }

    void check_facilities() {
        for (std::size_t i = 0; i < m_plan.facilities.size(); ++i) {
            const FacilitySpec& f = m_plan.facilities[i];
            const std::string path = "facilities[" + std::to_string(i) + "]";
            const std::string prefix = "facilities '" + f.id + "': ";
            const auto* s = schema(f.source, "facilities '" + f.id + "' source");
            if (!s) continue;
            if (s->geometry == io::GeometryClass::none) need_geometry(*s, io::GeometryClass::points, "facilities '" + f.id + "' source", f.source.line);
            need_field(*s, f.kind_field, path + ".kind_field", "kind_field", prefix, f.line);
            need_field(*s, f.name_field, path + ".name_field", "name_field", prefix, f.line);
            need_field(*s, f.id_field, path + ".id_field", "id_field", prefix, f.line);
        }
    }

    void check_tiers() {
        for (std::size_t i = 0; i < m_plan.tiers.size(); ++i) {
            const TierSpec& t = m_plan.tiers[i];
            const UnitsSpec& u = t.units;
            const std::string path = "tiers[" + std::to_string(i) + "].units";
            const std::string prefix = "tier '" + t.id + "': ";
            if (u.from == UnitsSpec::From::layer) {
                const auto* s = schema(u.source, "tier '" + t.id + "': units.source");
                if (!s) continue;
                need_geometry(*s, io::GeometryClass::polygons, "tier '" + t.id + "': units.source", u.source.line);
                need_field(*s, u.id_field, path + ".id_field", "units.id_field", prefix, u.line);
                need_field(*s, u.name_field, path + ".name_field", "units.name_field", prefix, u.line);
                need_field(*s, u.dissolve_by, path + ".dissolve_by", "units.dissolve_by", prefix, u.line);
            } else if (u.from == UnitsSpec::From::tier) {
                // The fields are the finer tier's (when that tier reads a layer; dissolved-of-dissolved is checked by the run).
                const auto finer = std::find_if(m_plan.tiers.begin(), m_plan.tiers.end(), [&](const TierSpec& o) { return o.id == u.tier; });
                if (finer == m_plan.tiers.end() || finer->units.from != UnitsSpec::From::layer) continue;
                const auto* s = schema(finer->units.source, "tier '" + finer->id + "': units.source");
                if (!s) continue;
                need_field(*s, u.dissolve_by, path + ".dissolve_by", "units.dissolve_by", prefix, u.line);
                need_field(*s, u.name_field, path + ".name_field", "units.name_field", prefix, u.line);
            }
        }
    }
};

}  // namespace

std::vector<PlanProblem> check_plan_inputs(const Plan& plan) { return Checker(plan).run(); }

}  // namespace keniki::project
