#include "keniki/analysis/cost_model.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/nearest_point.hpp"

namespace keniki::analysis {

namespace {

class StraightLineCost final : public CostModel {
public:
    explicit StraightLineCost(int quadrant_segments) : m_segments(quadrant_segments) {}
    std::string describe() const override { return "straight-line distance"; }
    CostUnit unit() const override { return CostUnit::metres; }
    void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                 std::vector<double>& cost) const override {
        index::NearestPoint(hubs).nearest_all(origins, hub, cost);
    }
    MultiPolygon service_area(std::span<const Point> hubs, double reach) const override {
        return geom::buffer_points(hubs, reach, m_segments);
    }
    MultiPolygon service_area_per_hub(std::span<const Point> hubs, std::span<const double> reach) const override {
        return geom::buffer_points(hubs, reach, m_segments);  // every circle in one union
    }
    int circle_segments() const override { return m_segments; }

private:
    int m_segments;
};

}  // namespace

std::unique_ptr<CostModel> make_straight_line_cost(int quadrant_segments) { return std::make_unique<StraightLineCost>(quadrant_segments); }

}  // namespace keniki::analysis
