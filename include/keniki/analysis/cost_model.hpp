#pragma once
// How far a resident is from a hub, and what a hub's service area looks like. Straight-line distance
// now; the road network plugs in behind the same interface (batch calls: no virtual call per point).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/geom/circle.hpp"

namespace keniki::analysis {

/// What a cost counts: metres along the ground or minutes of travel.
enum class CostUnit { metres, minutes };

/// The unit as it appears in column names and summary.json: "m" or "min".
constexpr std::string_view unit_symbol(CostUnit u) noexcept { return u == CostUnit::metres ? "m" : "min"; }

/// Every (origin, hub) pair within a limit, by origin (CSR): the hubs of origin i are
/// hub[first[i] .. first[i+1]) with their costs, in increasing hub index.
struct CostTable {
    std::vector<std::uint32_t> first;  ///< origins + 1 entries
    std::vector<std::uint32_t> hub;
    std::vector<double> cost;
    std::size_t origins() const { return first.empty() ? 0 : first.size() - 1; }
    std::size_t pairs() const { return hub.size(); }
};

class CostModel {
public:
    virtual ~CostModel() = default;
    /// What a cost is, for outputs: "straight-line distance".
    virtual std::string describe() const = 0;
    /// What the costs it returns count.
    virtual CostUnit unit() const = 0;
    /// For every origin: the index of the cheapest hub (-1 when there is none) and its cost.
    virtual void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                         std::vector<double>& cost) const = 0;
    /// Every hub within `limit` of every origin, with its cost (catchments of access indices and
    /// siting). Origins that cannot be placed (off every road) get no pair.
    virtual CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const = 0;
    /// The area within `reach` of any of the hubs.
    virtual MultiPolygon service_area(std::span<const Point> hubs, double reach) const = 0;
    /// The area within reach[i] of hub i for any i (stations and bus stops with their own radii).
    /// By default one service_area per distinct reach, unioned.
    virtual MultiPolygon service_area_per_hub(std::span<const Point> hubs, std::span<const double> reach) const;
    /// Segments per quarter circle of the circles its service areas are made of (for summary.json);
    /// 0 when they are not circles (road networks).
    virtual int circle_segments() const { return 0; }
};

/// Straight-line (Euclidean) distance in the metric working CRS; service areas are unions of circles
/// drawn with `quadrant_segments` segments per quarter circle (geom/circle.hpp: 32 keeps each within
/// 0.040 % of its area).
std::unique_ptr<CostModel> make_straight_line_cost(int quadrant_segments = geom::k_circle_segments);

}  // namespace keniki::analysis
