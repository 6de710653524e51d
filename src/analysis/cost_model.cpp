#include "keniki/analysis/cost_model.hpp"

#include <algorithm>

#include "keniki/core/error.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::analysis {

MultiPolygon CostModel::service_area_per_hub(std::span<const Point> hubs, std::span<const double> reach) const {
    if (reach.size() != hubs.size()) throw DataError("service_area_per_hub: one reach per hub is needed");
    std::vector<double> distinct(reach.begin(), reach.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    MultiPolygon all;
    for (const double r : distinct) {
        std::vector<Point> group;
        for (std::size_t i = 0; i < hubs.size(); ++i) {
            if (reach[i] == r) group.push_back(hubs[i]);
        }
        all = geom::union_two(all, service_area(group, r));
    }
    return all;
}

}  // namespace keniki::analysis
