#pragma once
// Transit isochrones: where one can be within N minutes of leaving a place, walking and riding the
// buses and trains that run (keniki isochrone --mode transit). Per departure minute of the window a
// RAPTOR search (range RAPTOR: one pass from the latest minute to the earliest, labels kept) gives
// the minutes to every stop; over the window each stop's minutes are taken at a percentile (the
// median by default), and the polygon is the walk from the origin plus the walk on from every stop
// with the minutes left: circles of the straight-line walking pace, or along the roads when a road
// network is given (network::service_area with head starts: the same outline as walk isochrones).

#include <cstddef>
#include <span>
#include <vector>

#include "keniki/analysis/transit_cost.hpp"
#include "keniki/core/geometry.hpp"
#include "keniki/network/isochrone.hpp"

namespace keniki::network {
class Snapper;
}

namespace keniki::analysis {

struct TransitIsochroneOptions {
    transit::Seconds depart = 9 * 3600;
    transit::Seconds window = 0;  ///< departures from depart to depart + window (exclusive), every step; 0: depart only
    transit::Seconds step = 60;
    double percentile = 0.5;      ///< of a stop's minutes over the window (0.5: the median)
    int max_transfers = 1;
    double max_walk_s = 600;      ///< from the origin to a stop, and on from a stop
    /// Walking along these roads (the network of the walk), else straight-line circles.
    const network::Snapper* roads = nullptr;
    network::IsochroneOptions road_options;
};

struct TransitIsochrone {
    std::size_t origin = 0;
    double minutes = 0;
    std::size_t stops_reached = 0;  ///< stops within the minutes (at the percentile)
    MultiPolygon area;
};

/// One polygon per origin and threshold (minutes ascending), origin-major. `cost` gives the
/// timetable with its footpaths, the stops and the walk model.
std::vector<TransitIsochrone> transit_isochrones(const TransitCost& cost, std::span<const Point> origins, std::span<const double> minutes,
                                                 const TransitIsochroneOptions& options);

}  // namespace keniki::analysis
