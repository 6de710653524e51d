#include "analysis/tier_residents.hpp"

#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/bounds.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/polygon_index.hpp"

namespace keniki::analysis::detail {

namespace bgi = boost::geometry::index;

namespace {

void add(TierResidents& out, const Point& p, double share, const Residents& in, std::size_t i, std::int32_t unit) {
    out.points.push_back(p);
    out.population.push_back(in.population[i] * share);
    out.age65.push_back(in.age65[i] * share);
    out.age75.push_back(in.age75[i] * share);
    out.resident.push_back(static_cast<std::int32_t>(i));
    out.unit.push_back(unit);
}

}  // namespace

TierResidents residents_for_tier(const Residents& in, const std::vector<Unit>& units) {
    TierResidents out;
    if (!in.area_weighted) {
        std::vector<MultiPolygon> geometries;
        geometries.reserve(units.size());
        for (const auto& u : units) geometries.push_back(u.geometry);
        // The grid pays off only for many points; a few hundred are answered by the R-tree alone.
        const index::PolygonIndex where(geometries, in.size() > 20000 ? 256 : 0);
        out.points = in.points;
        out.population = in.population;
        out.age65 = in.age65;
        out.age75 = in.age75;
        out.resident.resize(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) out.resident[i] = static_cast<std::int32_t>(i);
        out.unit = where.locate_all(out.points);
        return out;
    }
    // Area-weighted apportionment: each polygon's people are split by the share of its area in each
    // unit; each piece sits at an interior point of the piece. What lies in no unit stays "outside".
    std::vector<std::pair<Box, std::int32_t>> boxes;
    for (std::size_t u = 0; u < units.size(); ++u) boxes.emplace_back(bounds_of(units[u].geometry), static_cast<std::int32_t>(u));
    const bgi::rtree<std::pair<Box, std::int32_t>, bgi::quadratic<16>> tree(boxes.begin(), boxes.end());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const MultiPolygon& poly = in.polygons[i];
        const double whole = geom::area(poly);
        double assigned = 0;
        if (whole > 0) {
            for (auto it = tree.qbegin(bgi::intersects(bounds_of(poly))); it != tree.qend(); ++it) {
                const MultiPolygon piece = geom::intersection(poly, units[static_cast<std::size_t>(it->second)].geometry);
                const double a = geom::area(piece);
                if (a <= 0) continue;
                const double share = std::min(1.0 - assigned, a / whole);
                assigned += share;
                add(out, geom::interior_point(piece), share, in, i, it->second);
            }
        }
        const double rest = whole > 0 ? 1.0 - assigned : 1.0;
        if (rest > 1e-9) add(out, in.points[i], rest, in, i, -1);
    }
    return out;
}

}  // namespace keniki::analysis::detail
