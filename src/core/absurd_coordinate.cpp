#include "keniki/core/absurd_coordinate.hpp"

#include <cmath>
#include <variant>

#include <boost/geometry/algorithms/for_each.hpp>

#include "keniki/core/layer.hpp"

namespace keniki {

std::optional<std::string> absurd_coordinate(const Geometry& g) {
    std::optional<std::string> why;
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (!std::is_same_v<T, Empty>) {
                std::size_t vertex = 0;
                boost::geometry::for_each_point(v, [&](const Point& p) {
                    for (const double c : {p.x(), p.y()}) {
                        if (why) break;
                        if (!std::isfinite(c))
                            why = "vertex " + std::to_string(vertex) + " has a coordinate that is not a finite number (" +
                                  std::string(std::isnan(c) ? "NaN" : c > 0 ? "inf" : "-inf") + ")";
                        else if (std::abs(c) > k_absurd_coordinate)
                            why = "vertex " + std::to_string(vertex) + " has the coordinate " + as_text(Value{c}) +
                                  ", which is absurd in any CRS (nothing on Earth lies that far from a projection's origin): a "
                                  "corrupt or mis-scaled value";
                    }
                    ++vertex;
                });
            }
        },
        g);
    return why;
}

}  // namespace keniki
