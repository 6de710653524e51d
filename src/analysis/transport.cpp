#include "keniki/analysis/transport.hpp"

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::analysis {

const char* japanese_name(TransportClass c) {
    switch (c) {
        case TransportClass::convenient: return "便利";
        case TransportClass::inconvenient: return "不便";
        case TransportClass::blank: return "空白";
    }
    return "";
}

const char* english_name(TransportClass c) {
    switch (c) {
        case TransportClass::convenient: return "convenient";
        case TransportClass::inconvenient: return "inconvenient";
        case TransportClass::blank: return "blank";
    }
    return "";
}

TransportOptions transport_preset(const std::string& name) {
    TransportOptions o;
    o.preset = name;
    if (name == "mlit-urban") {
        o.station_radius_m = 500;
        o.bus_stop_radius_m = 300;
    } else if (name == "mlit-rural") {
        o.station_radius_m = 1000;
        o.bus_stop_radius_m = 500;
    } else if (name != "custom") {
        throw UsageError("unknown transport preset '" + name + "': use mlit-urban, mlit-rural or custom");
    }
    return o;
}

namespace {

struct StopSets {
    std::vector<Point> serving_stations;  ///< make a place 便利
    std::vector<Point> station_radius_stops;  ///< other stations (low service): 不便 within the station radius
    std::vector<Point> bus_stops;         ///< every bus stop: 不便 within the bus-stop radius
};

StopSets split_stops(const std::vector<Stop>& stops, const TransportOptions& o, std::vector<bool>& serves) {
    StopSets s;
    serves.resize(stops.size());
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const Stop& stop = stops[i];
        const bool runs = !stop.departures_per_day || *stop.departures_per_day > 0;
        serves[i] = runs && (!stop.departures_per_day || *stop.departures_per_day >= o.min_departures_per_day);
        if (!runs) continue;  // no bus, no train that day: the stop covers nothing
        if (stop.kind == Stop::Kind::station) (serves[i] ? s.serving_stations : s.station_radius_stops).push_back(stop.location);
        else s.bus_stops.push_back(stop.location);
    }
    return s;
}

/// Class of each point: nearest serving station within its radius, else any stop within its radius.
std::vector<TransportClass> classify_points(const std::vector<Point>& points, const StopSets& s, const TransportOptions& o,
                                           const CostModel& distance) {
    std::vector<TransportClass> out(points.size(), TransportClass::blank);
    std::vector<std::int32_t> which;
    std::vector<double> d;
    auto mark = [&](const std::vector<Point>& targets, double radius, TransportClass c) {
        if (targets.empty() || points.empty()) return;
        distance.nearest(points, targets, which, d);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (d[i] <= radius && static_cast<int>(c) < static_cast<int>(out[i])) out[i] = c;
        }
    };
    mark(s.serving_stations, o.station_radius_m, TransportClass::convenient);
    mark(s.station_radius_stops, o.station_radius_m, TransportClass::inconvenient);
    mark(s.bus_stops, o.bus_stop_radius_m, TransportClass::inconvenient);
    return out;
}

}  // namespace

TransportResult classify_transport(const ModelInput& input, const ModelResult& model, const std::vector<Stop>& stops,
                                   const TransportOptions& options) {
    const auto straight = make_straight_line_cost(options.quadrant_segments);
    const CostModel& distance = options.distance ? *options.distance : *straight;
    if (distance.unit() != CostUnit::metres)
        throw DataError("transport classification needs distances in metres, the cost model gives " + std::string(unit_symbol(distance.unit())));
    TransportResult r;
    const StopSets sets = split_stops(stops, options, r.stop_serves);

    // Zones: 便利 = stations' service area; served = 便利 ∪ every stop's service area; 空白 = the rest.
    const MultiPolygon& study = input.study_area;
    const MultiPolygon convenient_area = distance.service_area(sets.serving_stations, options.station_radius_m);
    std::vector<Point> every_stop;
    std::vector<double> radius;
    for (const auto* set : {&sets.serving_stations, &sets.station_radius_stops}) {
        every_stop.insert(every_stop.end(), set->begin(), set->end());
        radius.insert(radius.end(), set->size(), options.station_radius_m);
    }
    every_stop.insert(every_stop.end(), sets.bus_stops.begin(), sets.bus_stops.end());
    radius.insert(radius.end(), sets.bus_stops.size(), options.bus_stop_radius_m);
    const MultiPolygon served = distance.service_area_per_hub(every_stop, radius);
    r.zones[0] = geom::intersection(study, convenient_area);
    r.zones[1] = geom::difference(geom::intersection(study, served), convenient_area);
    r.zones[2] = geom::difference(study, served);
    for (int c = 0; c < 3; ++c) r.study.area_m2[static_cast<std::size_t>(c)] = geom::area(r.zones[static_cast<std::size_t>(c)]);

    // Residents: the model's own points, and each tier's pieces.
    r.model_resident_class = classify_points(input.residents.points, sets, options, distance);
    for (std::size_t i = 0; i < input.residents.size(); ++i) {
        const auto c = static_cast<std::size_t>(r.model_resident_class[i]);
        r.study.people[c] += PeopleCount{input.residents.population[i], input.residents.age65[i], input.residents.age75[i]};
    }
    r.units.resize(model.tiers.size());
    r.resident_class.resize(model.tiers.size());
    r.stop_unit.resize(model.tiers.size());
    std::vector<Point> stop_points;
    for (const auto& s : stops) stop_points.push_back(s.location);
    for (std::size_t t = 0; t < model.tiers.size(); ++t) {
        const TierResult& tier = model.tiers[t];
        const TierResidents& res = tier.residents;
        const ResidentPieces& pieces = *res.pieces;
        r.resident_class[t] = input.residents.area_weighted ? classify_points(pieces.points, sets, options, distance) : r.model_resident_class;
        r.units[t].resize(tier.units.size());
        for (std::size_t i = 0; i < res.size(); ++i) {
            if (res.unit[i] < 0) continue;
            const auto c = static_cast<std::size_t>(r.resident_class[t][i]);
            r.units[t][static_cast<std::size_t>(res.unit[i])].people[c] += PeopleCount{pieces.population[i], pieces.age65[i], pieces.age75[i]};
        }
        const auto& units = input.tiers[t].units;
        parallel_chunks(
            units.size(),
            [&](std::size_t b, std::size_t e) {
                for (std::size_t u = b; u < e; ++u) {
                    for (std::size_t c = 0; c < 3; ++c) r.units[t][u].area_m2[c] = geom::intersection_area(units[u].geometry, r.zones[c]);
                }
            },
            1);
        std::vector<MultiPolygon> geometries;
        for (const auto& u : units) geometries.push_back(u.geometry);
        r.stop_unit[t] = index::PolygonIndex(geometries, 0).locate_all(stop_points);
    }
    return r;
}

TransportChange compare_transport(const ModelResult& model, const TransportResult& before, const TransportResult& after) {
    TransportChange ch;
    ch.units.resize(model.tiers.size());
    for (std::size_t t = 0; t < model.tiers.size(); ++t) {
        const TierResidents& res = model.tiers[t].residents;
        const ResidentPieces& pieces = *res.pieces;
        ch.units[t].resize(model.tiers[t].units.size());
        for (std::size_t i = 0; i < res.size(); ++i) {
            const auto b = static_cast<int>(before.resident_class[t][i]), a = static_cast<int>(after.resident_class[t][i]);
            if (a == b) continue;
            const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
            if (t == 0) (a > b ? ch.study.lost : ch.study.gained) += w;
            if (res.unit[i] < 0) continue;
            auto& u = ch.units[t][static_cast<std::size_t>(res.unit[i])];
            (a > b ? u.lost : u.gained) += w;
        }
    }
    const auto served = [](const TransportResult& r) { return geom::union_two(r.zones[0], r.zones[1]); };
    const MultiPolygon served_before = served(before), served_after = served(after);
    ch.lost_coverage = geom::difference(served_before, served_after);
    ch.gained_coverage = geom::difference(served_after, served_before);
    ch.lost_convenience = geom::difference(before.zones[0], after.zones[0]);
    ch.gained_convenience = geom::difference(after.zones[0], before.zones[0]);
    return ch;
}

}  // namespace keniki::analysis
