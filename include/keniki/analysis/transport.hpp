#pragma once
// Transport-poor zones (公共交通空白地域 / 交通不便地域), after MLIT's handbook: a place is
//   便利 (convenient)   within the station radius of a serving station,
//   不便 (inconvenient) otherwise within reach of any stop (a bus stop, or a stop whose service is
//                       below the minimum departures per day),
//   空白 (blank)        near no stop at all.
// A stop with no departure on the service day (a known 0: a feed outside its calendar, no trip that
// day, every route removed) is no stop for this: it covers nothing.
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
    std::optional<double> departures_per_day;  ///< from a timetable; nullopt = unknown (counts as serving); 0 = serves nobody
    std::string source;                         ///< the layer or feed it came from
    std::string no_service;                     ///< with 0 departures: why ("outside the calendar of feed ...")
};

struct TransportOptions {
    std::string preset = "mlit-rural";  ///< "mlit-urban" (station 500 m, bus 300 m), "mlit-rural" (1000 m, 500 m), "custom"
    double station_radius_m = 1000;
    double bus_stop_radius_m = 500;
    /// Stops with departures but fewer than this do not serve (their area is 不便 at best). A stop with
    /// no departure at all on the day (a known 0) covers nothing, whatever this says.
    double min_departures_per_day = 0;
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
    /// Polygon residents: the area (m²) of each polygon in each class zone, per ModelInput resident and
    /// per tier piece ([tier][piece]); empty for point residents. With area-weighted residents the
    /// people of every figure above are shared out by these areas, not counted at a point.
    std::vector<std::array<double, 3>> model_resident_class_m2;
    std::vector<std::vector<std::array<double, 3>>> resident_class_m2;
    std::string resident_method;                        ///< how residents are counted into classes, for the outputs
    std::vector<std::vector<std::int32_t>> stop_unit;   ///< [tier][stop]: the unit each stop stands in (-1: none)
    std::vector<bool> stop_serves;                      ///< per stop: departures reach the minimum (or unknown), and are not 0
};

TransportResult classify_transport(const ModelInput& input, const ModelResult& model, const std::vector<Stop>& stops,
                                   const TransportOptions& options);

/// What a change of stops does, per unit of every tier: people whose class got worse (lost) or
/// better (gained), and the zones that changed class.
///   lost / gained: points, and polygons counted at their interior point, by the class of their point;
///     area-weighted polygons by the share of their area whose class got worse / better.
///   lost_by_area / gained_by_area: always by area share for polygon residents (the same as lost /
///     gained for points and for area-weighted polygons): the people in the part that changed.
///   lost_area_m2 / gained_area_m2: the unit's area whose class got worse / better.
struct UnitChange {
    PeopleCount lost, gained;
    PeopleCount lost_by_area, gained_by_area;
    double lost_area_m2 = 0, gained_area_m2 = 0;
};

struct TransportChange {
    std::vector<std::vector<UnitChange>> units;  ///< [tier][unit]
    UnitChange study;
    MultiPolygon lost_coverage;    ///< served before (便利 or 不便), 空白 after
    MultiPolygon gained_coverage;  ///< 空白 before, served after
    MultiPolygon lost_convenience; ///< 便利 before, not after
    MultiPolygon gained_convenience;
    MultiPolygon worse;   ///< every place whose class got worse (lost_coverage ∪ lost_convenience)
    MultiPolygon better;  ///< every place whose class got better
};

TransportChange compare_transport(const ModelInput& input, const ModelResult& model, const TransportResult& before, const TransportResult& after);

}  // namespace keniki::analysis
