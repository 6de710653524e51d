#pragma once
// The fictional town's transport: roads (a connected graph: every road runs between two junctions
// and ends exactly on them), one railway line with its stations, and the bus routes with their stops.

#include <functional>
#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "random.hpp"
#include "settlements.hpp"
#include "town_shape.hpp"

namespace keniki::demo {

struct RoadNode {
    Point at;
    int settlement = -1;  ///< the settlement whose centre this junction is, if any
    int grid_row = -1;    ///< position in its settlement's street grid, if any
    int grid_col = -1;
};

struct Road {
    int from = 0;
    int to = 0;
    std::string highway;  ///< trunk, primary, secondary, residential
    int maxspeed_kmh = 0;
    bool oneway = false;  ///< one-way from `from` to `to` (the line's direction)
    std::string name;
    std::string name_en;
    LineString line;  ///< local metres, from `from` to `to`
    double length_m = 0;
};

struct Station {
    std::string id;
    std::string name;
    std::string name_en;
    Point at;
};

struct BusRoute {
    int number = 0;
    std::string name;
    std::string name_en;
    int departures_per_day = 0;  ///< services a day, both directions together
    std::vector<int> nodes;      ///< junctions along the route, in order
    std::vector<int> roads;      ///< roads along the route, in order
};

struct BusStop {
    std::string id;
    std::string name;
    std::string name_en;
    Point at;
    std::vector<int> routes;  ///< route numbers, ascending
    int departures_per_day = 0;
};

struct Network {
    std::vector<RoadNode> nodes;
    std::vector<Road> roads;
    std::vector<std::vector<int>> settlement_grid;  ///< per settlement: node ids row-major (empty without a grid)
    LineString rail;
    std::string rail_name;
    std::string rail_name_en;
    std::vector<Station> stations;
    std::vector<BusRoute> routes;
    std::vector<BusStop> stops;

    /// The junction at a settlement's centre (the middle of its grid, if it has one).
    int centre_node(int settlement) const;
};

/// Roads: trunk roads between the town centres and out of town, primary and secondary roads to the
/// villages, street grids in the town centres, short residential roads in the villages.
void make_roads(Network& net, const TownShape& shape, const std::vector<Settlement>& settlements, Random& random);
/// One railway line through the main town, with five stations on it.
void make_rail(Network& net, const TownShape& shape, const std::vector<Settlement>& settlements);
/// Bus routes along the roads (shortest paths between their villages) and stops along them.
void make_buses(Network& net, const std::vector<Settlement>& settlements);

/// A GTFS feed of the town's buses and trains (a folder of .txt files): every bus route both ways,
/// the frequent ones spread over the day, the village lines (under 10 departures a day) one way in
/// the morning and back in the afternoon or evening; the railway hourly. `lonlat` turns local metres into lon/lat. Returns a
/// line for the console.
std::string write_gtfs(const std::string& dir, const Network& net, const std::function<Point(const Point&)>& lonlat);

double line_length(const LineString& line);
/// The point at `distance` metres along `line`.
Point point_along(const LineString& line, double distance);

}  // namespace keniki::demo
