#include "keniki/pipeline/transport_run.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "pipeline/gtfs_stops.hpp"
#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/pipeline/stop_edits.hpp"

namespace keniki::pipeline {

namespace {

using detail::GtfsStops;
using detail::GtfsStopsRequest;
using detail::gtfs_stops;

/// Stops of one [[transport.stops]] layer, in the working CRS.
std::vector<analysis::Stop> read_stop_layer(const project::StopLayerSpec& spec, ModelInputs& loaded) {
    io::ReadOptions o;
    o.layer = spec.source.layer;
    o.where = spec.source.where;
    o.encoding = spec.source.encoding;
    o.x_field = spec.source.x_field;
    o.y_field = spec.source.y_field;
    o.require_geometry = true;
    io::ReadReport rep;
    Layer layer = io::read_layer(spec.source.path, o, &rep);
    if (layer.crs.empty()) throw DataError("the layer declares no CRS; keniki cannot place it", Where{spec.source.path, layer.name});
    const crs::Transformer to_working(layer.crs, loaded.working_crs);
    auto field = [&](const std::string& name) -> std::optional<std::size_t> {
        if (name.empty()) return std::nullopt;
        const auto idx = layer.field_index(name);
        if (!idx) throw UsageError("no field '" + name + "'", Where{spec.source.path, layer.name, {}, name});
        return idx;
    };
    const auto id_f = field(spec.id_field), name_f = field(spec.name_field), dep_f = field(spec.departures_field);
    std::vector<analysis::Stop> out;
    std::int64_t skipped = 0;
    for (auto& f : layer.features) {
        const std::optional<Point> place = geom::place_of(f.geometry);
        if (!place) {
            ++skipped;
            continue;
        }
        const Point at = *place;
        Geometry g{at};
        crs::transform(g, to_working);
        analysis::Stop s;
        s.id = id_f ? as_text(f.values[*id_f]) : spec.id + ":" + std::to_string(f.id);
        s.name = name_f ? as_text(f.values[*name_f]) : s.id;
        s.kind = spec.kind == "station" ? analysis::Stop::Kind::station : analysis::Stop::Kind::bus_stop;
        s.location = std::get<Point>(g);
        if (dep_f) s.departures_per_day = as_number(f.values[*dep_f]);
        s.source = spec.id;
        out.push_back(std::move(s));
    }
    report::InputProvenance p;
    p.role = "stops:" + spec.id;
    p.path = spec.source.path;
    p.layer = layer.name;
    p.source_crs = layer.crs.size() < 40 ? layer.crs : crs::crs_name(layer.crs);
    p.encoding = rep.encoding;
    p.where = spec.source.where;
    p.features_read = rep.features_read;
    p.features_used = static_cast<std::int64_t>(out.size());
    if (skipped) p.notes.push_back(std::to_string(skipped) + " features without a location skipped");
    loaded.inputs.push_back(std::move(p));
    return out;
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

/// A custom preset without station_radius_m serves bus stops only: refuse stations it has no radius for.
void check_station_radius(const project::Plan& plan, const std::vector<analysis::Stop>& stops, const std::string& what) {
    const project::TransportSpec& spec = plan.transport;
    if (spec.preset != "custom" || spec.station_radius_m) return;
    std::size_t n = 0;
    const analysis::Stop* first = nullptr;
    for (const auto& s : stops) {
        if (s.kind != analysis::Stop::Kind::station) continue;
        if (!first) first = &s;
        ++n;
    }
    if (!first) return;
    throw DataError("[transport] preset \"custom\" has no station_radius_m, but " + what + " has " + std::to_string(n) +
                        " stations (e.g. '" + first->name + "' of " + first->source + "): add station_radius_m = ...",
                    Where{plan.file.string(), "", {}, "", spec.line});
}

}  // namespace

report::TransportOutputs run_transport(const project::Plan& plan, ModelInputs& loaded, const analysis::ModelResult& model) {
    const project::TransportSpec& spec = plan.transport;
    report::TransportOutputs out;
    out.options = analysis::transport_preset(spec.preset == "custom" ? "custom" : spec.preset);
    if (spec.station_radius_m) out.options.station_radius_m = *spec.station_radius_m;
    if (spec.bus_stop_radius_m) out.options.bus_stop_radius_m = *spec.bus_stop_radius_m;
    out.options.min_departures_per_day = spec.min_departures_per_day;
    out.options.quadrant_segments = plan.analysis.buffer_segments;
    if (spec.distance == "walk") {
        loaded.costs.push_back(loaded.networks->walking_metres());
        out.options.distance = loaded.costs.back().get();
    }

    // Every stops layer once, then the stop sets of the plan and of each scenario.
    std::vector<std::pair<std::string, std::vector<analysis::Stop>>> layers;
    for (const auto& l : spec.stops) layers.emplace_back(l.id, read_stop_layer(l, loaded));
    GtfsStopsRequest base_feeds{spec.gtfs, {}, spec.service_day, std::nullopt};
    const GtfsStops base_gtfs = gtfs_stops(base_feeds, loaded);
    out.service_day = base_gtfs.service_day;
    for (const auto& f : base_gtfs.feeds)
        if (!f.trips) out.warnings.push_back("GTFS feed " + f.id + " (" + f.path + "): " + f.no_trips_reason(*base_gtfs.date) + "; its stops serve nobody");
    for (const auto& [id, stops] : layers) out.stops.insert(out.stops.end(), stops.begin(), stops.end());
    out.stops.insert(out.stops.end(), base_gtfs.stops.begin(), base_gtfs.stops.end());
    check_station_radius(plan, out.stops, "the plan");
    out.result = analysis::classify_transport(loaded.input, model, out.stops, out.options);

    for (const auto& sc : plan.scenarios) {
        report::ScenarioOutcome outcome;
        outcome.id = sc.id;
        outcome.name = sc.name;
        outcome.description = sc.description;
        std::vector<analysis::Stop> stops;
        const std::set<std::string> removed_layers(sc.remove_stops.begin(), sc.remove_stops.end());
        for (const auto& [id, layer_stops] : layers) {
            if (removed_layers.count(id)) {
                outcome.changes.push_back("removed stops layer " + id);
                continue;
            }
            stops.insert(stops.end(), layer_stops.begin(), layer_stops.end());
        }
        for (const auto& l : sc.add_stops) {
            auto extra = read_stop_layer(l, loaded);
            outcome.changes.push_back("added stops layer " + l.id + " (" + std::to_string(extra.size()) + " stops)");
            stops.insert(stops.end(), extra.begin(), extra.end());
        }
        GtfsStopsRequest feeds{{}, sc.remove_routes, spec.service_day, base_gtfs.date};
        for (const auto& f : spec.gtfs) {
            if (std::find(sc.remove_gtfs.begin(), sc.remove_gtfs.end(), f) == sc.remove_gtfs.end()) feeds.feeds.push_back(f);
            else outcome.changes.push_back("removed feed " + file_name(f));
        }
        for (const auto& f : sc.add_gtfs) feeds.feeds.push_back(f);
        for (const auto& r : sc.remove_routes) outcome.changes.push_back("removed route " + r);
        const GtfsStops sc_gtfs = gtfs_stops(feeds, loaded);
        for (const auto& f : sc.add_gtfs) {
            std::string change = "added feed " + file_name(f);
            for (const auto& on_day : sc_gtfs.feeds) {
                if (on_day.path != f) continue;
                change += on_day.trips ? " (" + std::to_string(on_day.trips) + " trips on " + sc_gtfs.date->iso() + ")"
                                       : ": " + on_day.no_trips_reason(*sc_gtfs.date) + ", so it serves nobody";
                if (!on_day.trips) out.warnings.push_back("scenario '" + sc.id + "': added feed " + file_name(f) + ": " + on_day.no_trips_reason(*sc_gtfs.date));
            }
            outcome.changes.push_back(change);
        }
        stops.insert(stops.end(), sc_gtfs.stops.begin(), sc_gtfs.stops.end());
        if (!sc.remove_stop_ids.empty() || !sc.add_stop_points.empty()) {
            // Single stops (keniki serve saves these): the same rule as the server's (pipeline/stop_edits).
            const crs::Transformer to_working("EPSG:4326", loaded.working_crs);
            std::vector<analysis::Stop> added;
            for (const auto& p : sc.add_stop_points) added.push_back(added_stop(p, to_working.forward(Point{p.lon, p.lat})));
            try {
                for (auto& c : edit_stops(stops, out.stops, sc.remove_stop_ids, added)) outcome.changes.push_back(std::move(c));
            } catch (const DataError& e) {
                throw DataError("scenario '" + sc.id + "': " + e.what(), Where{plan.file.string(), {}, {}, {}, sc.line});
            }
        }
        check_station_radius(plan, stops, "scenario '" + sc.id + "'");
        outcome.result = analysis::classify_transport(loaded.input, model, stops, out.options);
        outcome.change = analysis::compare_transport(loaded.input, model, out.result, outcome.result);
        out.scenarios.push_back(std::move(outcome));
    }
    return out;
}

}  // namespace keniki::pipeline
