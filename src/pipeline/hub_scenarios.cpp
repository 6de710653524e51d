#include "keniki/pipeline/hub_scenarios.hpp"

#include <cstdio>

#include <boost/geometry/algorithms/covered_by.hpp>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/pipeline/access_run.hpp"

namespace keniki::pipeline {

namespace {

std::string shortest(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string degrees(double lon, double lat) { return "(" + std::to_string(lon) + ", " + std::to_string(lat) + ")"; }

}  // namespace

analysis::HubEdits hub_edits(const project::Plan& plan, const project::ScenarioSpec& sc, const ModelInputs& inputs) {
    const crs::Transformer to_working("EPSG:4326", inputs.working_crs);
    auto place = [&](double lon, double lat, const std::string& what, int line) {
        const Point p = to_working.forward(Point{lon, lat});
        if (!boost::geometry::covered_by(p, inputs.input.study_area))
            throw DataError("scenario '" + sc.id + "': " + what + " at " + degrees(lon, lat) + " lies outside the study area",
                            Where{plan.file.string(), {}, {}, {}, line > 0 ? line : sc.line});
        return p;
    };
    analysis::HubEdits e;
    e.remove = sc.remove_hubs;
    for (const auto& m : sc.move_hubs) e.move.push_back({m.hub, place(m.lon, m.lat, "hub '" + m.hub + "' moved", m.line)});
    for (const auto& a : sc.add_hubs) e.add.push_back({a.id, a.name, a.kind, a.tier, place(a.lon, a.lat, "new hub '" + a.id + "'", a.line), a.supply});
    return e;
}

std::vector<HubScenarioOutcome> run_hub_scenarios(const project::Plan& plan, const ModelInputs& inputs) {
    std::vector<HubScenarioOutcome> out;
    for (const auto& sc : plan.scenarios) {
        if (!sc.changes_hubs()) continue;
        HubScenarioOutcome o;
        o.id = sc.id;
        o.name = sc.name;
        o.description = sc.description;
        const analysis::HubEdits edits = hub_edits(plan, sc, inputs);
        analysis::HubSet hubs;
        try {
            hubs = analysis::apply_hub_edits(inputs.input, edits);
        } catch (const DataError& e) {
            throw DataError("scenario '" + sc.id + "': " + e.what(), Where{plan.file.string(), {}, {}, {}, sc.line});
        }
        for (const auto& id : sc.remove_hubs) o.changes.push_back("removed hub " + id);
        for (const auto& m : sc.move_hubs) o.changes.push_back("moved hub " + m.hub + " to " + degrees(m.lon, m.lat));
        for (const auto& a : sc.add_hubs) o.changes.push_back("added hub " + a.id + " (tier " + a.tier + ") at " + degrees(a.lon, a.lat) +
                                                                (a.supply ? ", supply " + shortest(*a.supply) : std::string()));
        o.input = inputs.input;
        o.input.facilities = hubs.facilities;
        for (std::size_t t = 0; t < o.input.tiers.size(); ++t) o.input.tiers[t].hubs = hubs.tier_hubs[t];
        o.model = analysis::run_model(o.input);
        for (const auto& in : inputs.access) {
            const AccessHubs ah = access_hubs(in, inputs.input, hubs, edits);
            for (const auto& note : ah.notes) o.changes.push_back(note);
            o.access.push_back(access_outcome(in, o.input, o.model, ah, access_table(in, o.input.residents.points, ah)));
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace keniki::pipeline
