#pragma once
// The engine's own geometry model: Boost.Geometry types in whatever CRS the owning layer declares.
// Coordinates are always x = easting / longitude, y = northing / latitude (traditional GIS order),
// whatever axis order the CRS itself declares.

#include <variant>

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/multi_point.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace keniki {

using Point = boost::geometry::model::d2::point_xy<double>;
using MultiPoint = boost::geometry::model::multi_point<Point>;
using LineString = boost::geometry::model::linestring<Point>;
using MultiLineString = boost::geometry::model::multi_linestring<LineString>;
/// Polygons are closed, exterior ring counter-clockwise (as RFC 7946 wants them written).
using Polygon = boost::geometry::model::polygon<Point, /*ClockWise=*/false, /*Closed=*/true>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;
using Box = boost::geometry::model::box<Point>;

/// A feature without geometry, or with an empty one.
struct Empty {
    friend bool operator==(const Empty&, const Empty&) = default;
};

/// Single and multi parts are kept apart so that a layer's declared type survives a round trip.
using Geometry = std::variant<Empty, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon>;

enum class GeometryKind { empty, point, multi_point, line_string, multi_line_string, polygon, multi_polygon };

inline GeometryKind kind_of(const Geometry& g) { return static_cast<GeometryKind>(g.index()); }
inline bool is_empty(const Geometry& g) { return std::holds_alternative<Empty>(g); }

}  // namespace keniki
