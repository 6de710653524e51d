#include "keniki/pipeline/stop_edits.hpp"

#include <algorithm>

#include "keniki/core/error.hpp"

namespace keniki::pipeline {

analysis::Stop added_stop(const project::StopPointSpec& spec, const Point& working) {
    analysis::Stop s;
    s.id = spec.id;
    s.name = spec.name.empty() ? spec.id : spec.name;
    s.kind = spec.kind == "station" ? analysis::Stop::Kind::station : analysis::Stop::Kind::bus_stop;
    s.location = working;
    s.departures_per_day = spec.departures_per_day;
    s.source = "scenario";
    return s;
}

std::vector<std::string> edit_stops(std::vector<analysis::Stop>& stops, const std::vector<analysis::Stop>& plan_stops,
                                    const std::vector<std::string>& remove_ids, const std::vector<analysis::Stop>& add) {
    std::vector<std::string> changes;
    for (const auto& id : remove_ids) {
        const auto in_plan = std::count_if(plan_stops.begin(), plan_stops.end(), [&](const analysis::Stop& s) { return s.id == id; });
        if (in_plan == 0) throw DataError("remove_stop_ids: '" + id + "' is the id of no stop of the plan");
        const auto removed = std::erase_if(stops, [&](const analysis::Stop& s) { return s.id == id; });
        changes.push_back("removed stop " + id + (removed > 1 ? " (" + std::to_string(removed) + " stops)" : std::string()));
    }
    for (const auto& s : add) {
        if (std::any_of(plan_stops.begin(), plan_stops.end(), [&](const analysis::Stop& p) { return p.id == s.id; }))
            throw DataError("add_stop_points: '" + s.id + "' is already the id of a stop of the plan");
        stops.push_back(s);
        changes.push_back("added stop " + s.id + " (" + s.name + ")");
    }
    return changes;
}

}  // namespace keniki::pipeline
