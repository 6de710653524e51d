#pragma once
// Transport-poor zones (公共交通空白地域 / 交通不便地域), after MLIT's handbook: a place is
//   便利 (convenient)   within the station radius of a serving station,
//   不便 (inconvenient) otherwise within reach of any stop (a bus stop, or a stop whose service is
//                       below the minimum departures per day),
//   空白 (blank)        near no stop at all.
// Distances come from a CostModel in metres (straight line now; walking along roads plugs in).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/geom/circle.hpp"

namespace keniki::analysis {

enum class TransportClass : std::uint8_t { convenient = 0, inconvenient = 1, blank = 2 };
inline constexpr std::array<TransportClass, 3> k_transport_classes = {TransportClass::convenient, TransportClass::inconvenient,
                                                                      TransportClass::blank};
const char* japanese_name(TransportClass c);  ///< 便利, 不便, 空白
const char* english_name(TransportClass c);   ///< convenient, inconvenient, blank

struct Stop {
    enum class Kind : std::uint8_t { station, bus_stop };
    std::string id;
    std::string name;
    Kind kind = Kind::bus_stop;
    Point location;
    std::optional<double> departures_per_day;  ///< from a timetable; nullopt = unknown (counts as serving)
    std::string source;                         ///< the layer or feed it came from
};

struct TransportOptions {
    std::string preset = "mlit-rural";  ///< "mlit-urban" (station 500 m, bus 300 m), "mlit-rural" (1000 m, 500 m), "custom"
    double station_radius_m = 1000;
    double bus_stop_radius_m = 500;
    double min_departures_per_day = 0;  ///< stops with fewer departures do not serve (their area is 不便 at best)
    const CostModel* distance = nullptr; ///< metres; nullptr = straight line
    int quadrant_segments = geom::k_circle_segments;  ///< per quarter circle of the stops' circles (straight line)
};

/// Radii of a preset; throws UsageError for an unknown name.
TransportOptions transport_preset(const std::string& name);

struct ClassFigures {
    std::array<PeopleCount, 3> people{};
    std::array<double, 3> area_m2{};
};

struct TransportResult {
    std::array<MultiPolygon, 3> zones;                  ///< clipped to the study area
    ClassFigures study;                                 ///< the whole study area
    std::vector<std::vector<ClassFigures>> units;       ///< [tier][unit]
    std::vector<std::vector<TransportClass>> resident_class;  ///< [tier][tier resident (piece)]
    std::vector<TransportClass> model_resident_class;   ///< per ModelInput resident (its point)
    std::vector<std::vector<std::int32_t>> stop_unit;   ///< [tier][stop]: the unit each stop stands in (-1: none)
    std::vector<bool> stop_serves;                      ///< per stop: departures reach the minimum (or unknown)
};

TransportResult classify_transport(const ModelInput& input, const ModelResult& model, const std::vector<Stop>& stops,
                                   const TransportOptions& options);

/// What a change of stops does, per unit of every tier: people whose class got worse (lost) or
/// better (gained), and the zones that changed class.
struct UnitChange {
    PeopleCount lost, gained;
};

struct TransportChange {
    std::vector<std::vector<UnitChange>> units;  ///< [tier][unit]
    UnitChange study;
    MultiPolygon lost_coverage;    ///< served before (便利 or 不便), 空白 after
    MultiPolygon gained_coverage;  ///< 空白 before, served after
    MultiPolygon lost_convenience; ///< 便利 before, not after
    MultiPolygon gained_convenience;
};

TransportChange compare_transport(const ModelResult& model, const TransportResult& before, const TransportResult& after);

}  // namespace keniki::analysis
