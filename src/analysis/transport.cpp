#include "keniki/analysis/transport.hpp"

#include "keniki/core/error.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/areas_within.hpp"
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

/// Area of each polygon in each class zone.
std::vector<std::array<double, 3>> class_areas(std::span<const MultiPolygon> polygons, const std::array<MultiPolygon, 3>& zones) {
    std::vector<std::array<double, 3>> out(polygons.size());
    for (std::size_t c = 0; c < 3; ++c) {
        const std::vector<double> a = geom::areas_within(polygons, zones[c]);
        for (std::size_t i = 0; i < polygons.size(); ++i) out[i][c] = a[i];
    }
    return out;
}

/// Adds `w` to `into` by class: shared by the areas when there are any in the study, else all to `point_class`.
void add_by_area(std::array<PeopleCount, 3>& into, const PeopleCount& w, const std::array<double, 3>& m2, TransportClass point_class) {
    const double whole = m2[0] + m2[1] + m2[2];
    if (!(whole > 0)) {
        into[static_cast<std::size_t>(point_class)] += w;
        return;
    }
    for (std::size_t c = 0; c < 3; ++c) into[c] += w * (m2[c] / whole);
}

/// The polygon of each piece of a tier: its own (area-weighted) or its resident's (interior points);
/// empty for point residents.
std::span<const MultiPolygon> piece_polygons(const ModelInput& input, const ResidentPieces& pieces) {
    if (!pieces.polygons.empty()) return pieces.polygons;
    if (input.residents.polygons.size() == pieces.size()) return input.residents.polygons;
    return {};
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

    // Residents: the model's own points (or polygons), and each tier's pieces. Area-weighted polygons
    // are shared over the classes by area; points and interior points count whole in their class.
    const bool by_area = input.residents.area_weighted;
    r.resident_method = by_area ? "area-weighted polygons: each polygon's people shared by the share of its area in each class"
                                : (input.residents.polygons.empty() ? "points: each resident in the class of its place"
                                                                    : "polygon interior points: each polygon's people in the class of one point inside it");
    r.model_resident_class = classify_points(input.residents.points, sets, options, distance);
    if (!input.residents.polygons.empty()) r.model_resident_class_m2 = class_areas(input.residents.polygons, r.zones);
    for (std::size_t i = 0; i < input.residents.size(); ++i) {
        const PeopleCount w{input.residents.population[i], input.residents.age65[i], input.residents.age75[i]};
        if (by_area) add_by_area(r.study.people, w, r.model_resident_class_m2[i], r.model_resident_class[i]);
        else r.study.people[static_cast<std::size_t>(r.model_resident_class[i])] += w;
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
        r.resident_class[t] = by_area ? classify_points(pieces.points, sets, options, distance) : r.model_resident_class;
        if (by_area) r.resident_class_m2.push_back(class_areas(pieces.polygons, r.zones));
        else r.resident_class_m2.push_back(r.model_resident_class_m2);
        r.units[t].resize(tier.units.size());
        for (std::size_t i = 0; i < res.size(); ++i) {
            if (res.unit[i] < 0) continue;
            const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
            auto& into = r.units[t][static_cast<std::size_t>(res.unit[i])].people;
            if (by_area) add_by_area(into, w, r.resident_class_m2[t][i], r.resident_class[t][i]);
            else into[static_cast<std::size_t>(r.resident_class[t][i])] += w;
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

TransportChange compare_transport(const ModelInput& input, const ModelResult& model, const TransportResult& before, const TransportResult& after) {
    TransportChange ch;
    const auto served = [](const TransportResult& r) { return geom::union_two(r.zones[0], r.zones[1]); };
    const MultiPolygon served_before = served(before), served_after = served(after);
    ch.lost_coverage = geom::difference(served_before, served_after);
    ch.gained_coverage = geom::difference(served_after, served_before);
    ch.lost_convenience = geom::difference(before.zones[0], after.zones[0]);
    ch.gained_convenience = geom::difference(after.zones[0], before.zones[0]);
    // Worse: 便利 -> 不便 or 空白 (lost convenience), 不便 -> 空白 (lost coverage); better the other way.
    ch.worse = geom::union_two(ch.lost_coverage, ch.lost_convenience);
    ch.better = geom::union_two(ch.gained_coverage, ch.gained_convenience);
    const bool by_area = input.residents.area_weighted;

    /// People in the worse / better share of a polygon whose class areas (before) are `m2`.
    const auto shares = [](const PeopleCount& w, double worse_m2, double better_m2, const std::array<double, 3>& m2) {
        const double whole = m2[0] + m2[1] + m2[2];
        return whole > 0 ? std::make_pair(w * std::min(1.0, worse_m2 / whole), w * std::min(1.0, better_m2 / whole))
                         : std::make_pair(PeopleCount{}, PeopleCount{});
    };
    const auto by_point = [](const PeopleCount& w, TransportClass b, TransportClass a) {
        const int bi = static_cast<int>(b), ai = static_cast<int>(a);
        return std::make_pair(ai > bi ? w : PeopleCount{}, ai < bi ? w : PeopleCount{});
    };

    // The whole study area: the model's residents (whole polygons, not a tier's pieces).
    {
        const auto& res = input.residents;
        std::vector<double> worse_m2, better_m2;
        if (!res.polygons.empty()) {
            worse_m2 = geom::areas_within(res.polygons, ch.worse);
            better_m2 = geom::areas_within(res.polygons, ch.better);
        }
        for (std::size_t i = 0; i < res.size(); ++i) {
            const PeopleCount w{res.population[i], res.age65[i], res.age75[i]};
            const auto point = by_point(w, before.model_resident_class[i], after.model_resident_class[i]);
            const auto area = worse_m2.empty() ? point : shares(w, worse_m2[i], better_m2[i], before.model_resident_class_m2[i]);
            ch.study.lost += by_area ? area.first : point.first;
            ch.study.gained += by_area ? area.second : point.second;
            ch.study.lost_by_area += area.first;
            ch.study.gained_by_area += area.second;
        }
        ch.study.lost_area_m2 = geom::intersection_area(input.study_area, ch.worse);
        ch.study.gained_area_m2 = geom::intersection_area(input.study_area, ch.better);
    }
    ch.units.resize(model.tiers.size());
    for (std::size_t t = 0; t < model.tiers.size(); ++t) {
        const TierResidents& res = model.tiers[t].residents;
        const ResidentPieces& pieces = *res.pieces;
        ch.units[t].resize(model.tiers[t].units.size());
        const std::span<const MultiPolygon> polygons = piece_polygons(input, pieces);
        std::vector<double> worse_m2, better_m2;
        if (!polygons.empty()) {
            worse_m2 = geom::areas_within(polygons, ch.worse);
            better_m2 = geom::areas_within(polygons, ch.better);
        }
        for (std::size_t i = 0; i < res.size(); ++i) {
            if (res.unit[i] < 0) continue;
            const PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
            const auto point = by_point(w, before.resident_class[t][i], after.resident_class[t][i]);
            const auto area = worse_m2.empty() ? point : shares(w, worse_m2[i], better_m2[i], before.resident_class_m2[t][i]);
            auto& u = ch.units[t][static_cast<std::size_t>(res.unit[i])];
            u.lost += by_area ? area.first : point.first;
            u.gained += by_area ? area.second : point.second;
            u.lost_by_area += area.first;
            u.gained_by_area += area.second;
        }
        const auto& units = input.tiers[t].units;
        parallel_chunks(
            units.size(),
            [&](std::size_t b, std::size_t e) {
                for (std::size_t u = b; u < e; ++u) {
                    ch.units[t][u].lost_area_m2 = geom::intersection_area(units[u].geometry, ch.worse);
                    ch.units[t][u].gained_area_m2 = geom::intersection_area(units[u].geometry, ch.better);
                }
            },
            1);
    }
    return ch;
}

}  // namespace keniki::analysis
