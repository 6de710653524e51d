#pragma once
// Coordinate transforms through PROJ. Every CRS is used in traditional GIS axis order
// (x = longitude/easting, y = latitude/northing), whatever order its definition declares, so that
// latitude-first CRSs such as EPSG:6668 never swap coordinates.

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "keniki/core/geometry.hpp"
#include "keniki/core/layer.hpp"

namespace keniki::crs {

/// A transform from one CRS to another. CRSs are given as anything proj_create accepts:
/// "EPSG:6670", WKT (as GDAL writes it), PROJ strings. Not thread-safe: one per thread.
class Transformer {
public:
    Transformer(const std::string& from, const std::string& to);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    Point forward(const Point& p) const;
    void forward(std::span<Point> points) const;  ///< in place
    Point inverse(const Point& p) const;
    void inverse(std::span<Point> points) const;  ///< in place

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Transforms every coordinate of a geometry in place.
void transform(Geometry& g, const Transformer& t);

/// A copy of the layer with every geometry in `to` (e.g. "EPSG:4326" for GeoJSON output).
Layer reprojected(const Layer& layer, const std::string& to);

/// EPSG code of a CRS definition when PROJ can identify it with full confidence.
std::optional<int> epsg_code(const std::string& definition);
/// True when the CRS is geographic (degrees), false when projected; throws DataError when unknown.
bool is_geographic(const std::string& definition);
/// The CRS's own name ("JGD2011"), for reports.
std::string crs_name(const std::string& definition);

}  // namespace keniki::crs
