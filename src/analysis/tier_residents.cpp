#include "analysis/tier_residents.hpp"

#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/bounds.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::analysis::detail {

namespace bgi = boost::geometry::index;

namespace {

void add(ResidentPieces& pieces, std::vector<std::int32_t>& units, MultiPolygon piece, const Point& p, double share, const Residents& in,
         std::size_t i, std::int32_t unit) {
    pieces.polygons.push_back(std::move(piece));
    pieces.points.push_back(p);
    pieces.population.push_back(in.population[i] * share);
    pieces.age65.push_back(in.age65[i] * share);
    pieces.age75.push_back(in.age75[i] * share);
    pieces.resident.push_back(static_cast<std::int32_t>(i));
    units.push_back(unit);
}

}  // namespace

std::shared_ptr<const ResidentPieces> shared_points(const Residents& in) {
    if (in.area_weighted) return nullptr;
    auto pieces = std::make_shared<ResidentPieces>();
    pieces->points = in.points;
    pieces->population = in.population;
    pieces->age65 = in.age65;
    pieces->age75 = in.age75;
    pieces->resident.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) pieces->resident[i] = static_cast<std::int32_t>(i);
    return pieces;
}

index::PolygonIndex unit_index(const Residents& in, const std::vector<Unit>& units) {
    std::vector<MultiPolygon> geometries;
    geometries.reserve(units.size());
    for (const auto& u : units) geometries.push_back(u.geometry);
    // The grid pays off only for many points; a few hundred are answered by the R-tree alone.
    return index::PolygonIndex(geometries, !in.area_weighted && in.size() > 20000 ? 256 : 0);
}

TierResidents residents_for_tier(const Residents& in, const std::shared_ptr<const ResidentPieces>& points, const std::vector<Unit>& units,
                                 const index::PolygonIndex& where) {
    TierResidents out;
    if (!in.area_weighted) {
        out.pieces = points;
        out.unit = where.locate_all(points->points);
        return out;
    }
    auto pieces = std::make_shared<ResidentPieces>();
    // Area-weighted apportionment: each polygon's people are split by the share of its area in each
    // unit; each piece sits at an interior point of the piece. What lies in no unit stays "outside".
    std::vector<std::pair<Box, std::int32_t>> boxes;
    for (std::size_t u = 0; u < units.size(); ++u) boxes.emplace_back(bounds_of(units[u].geometry), static_cast<std::int32_t>(u));
    const bgi::rtree<std::pair<Box, std::int32_t>, bgi::quadratic<16>> tree(boxes.begin(), boxes.end());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const MultiPolygon& poly = in.polygons[i];
        const double whole = geom::area(poly);
        double assigned = 0;
        std::vector<std::int32_t> touched;
        if (whole > 0) {
            for (auto it = tree.qbegin(bgi::intersects(bounds_of(poly))); it != tree.qend(); ++it) {
                const MultiPolygon& unit = units[static_cast<std::size_t>(it->second)].geometry;
                MultiPolygon piece = geom::intersection(poly, unit);
                const double a = geom::area(piece);
                if (a <= 0) continue;
                const double share = std::min(1.0 - assigned, a / whole);
                assigned += share;
                touched.push_back(it->second);
                const Point at = geom::interior_point(piece);
                add(*pieces, out.unit, std::move(piece), at, share, in, i, it->second);
            }
        }
        const double rest = whole > 0 ? 1.0 - assigned : 1.0;
        if (rest > 1e-9) {
            MultiPolygon outside = poly;  // what no unit takes
            for (const auto u : touched) outside = geom::difference(outside, units[static_cast<std::size_t>(u)].geometry);
            add(*pieces, out.unit, outside.empty() ? poly : std::move(outside), in.points[i], rest, in, i, -1);
        }
    }
    out.pieces = std::move(pieces);
    return out;
}

}  // namespace keniki::analysis::detail
