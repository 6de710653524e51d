#include "keniki/analysis/cost_model.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"
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
    CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const override {
        namespace bgi = boost::geometry::index;
        std::vector<std::pair<Point, std::uint32_t>> items;
        for (std::size_t j = 0; j < hubs.size(); ++j) items.emplace_back(hubs[j], static_cast<std::uint32_t>(j));
        const bgi::rtree<std::pair<Point, std::uint32_t>, bgi::quadratic<16>> tree(items.begin(), items.end());
        // Per chunk of origins its pairs, then one CSR in origin order.
        std::vector<std::vector<std::pair<std::uint32_t, double>>> found(origins.size());
        parallel_chunks(origins.size(), [&](std::size_t b, std::size_t e) {
            std::vector<std::pair<Point, std::uint32_t>> near;
            for (std::size_t i = b; i < e; ++i) {
                const Point& o = origins[i];
                near.clear();
                const Box box{Point{o.x() - limit, o.y() - limit}, Point{o.x() + limit, o.y() + limit}};
                tree.query(bgi::intersects(box), std::back_inserter(near));
                for (const auto& [p, j] : near) {
                    const double d = std::hypot(p.x() - o.x(), p.y() - o.y());
                    if (d <= limit) found[i].emplace_back(j, d);
                }
                std::sort(found[i].begin(), found[i].end());
            }
        });
        CostTable t;
        t.first.reserve(origins.size() + 1);
        t.first.push_back(0);
        for (const auto& f : found) {
            for (const auto& [j, d] : f) {
                t.hub.push_back(j);
                t.cost.push_back(d);
            }
            t.first.push_back(static_cast<std::uint32_t>(t.hub.size()));
        }
        return t;
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
