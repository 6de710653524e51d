#include "keniki/core/great_circle.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace keniki {

double great_circle_m(double lon1, double lat1, double lon2, double lat2) {
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * k_earth_mean_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace keniki
