#include "keniki/analysis/transit_isochrone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "keniki/geom/overlay.hpp"
#include "keniki/network/snap.hpp"
#include "keniki/transit/raptor.hpp"

namespace keniki::analysis {

std::vector<TransitIsochrone> transit_isochrones(const TransitCost& cost, std::span<const Point> origins, std::span<const double> minutes,
                                                 const TransitIsochroneOptions& o) {
    const transit::Timetable& tt = cost.timetable();
    const TransitWalk& walk = cost.walk();
    const std::size_t n = tt.stops.size();
    std::vector<transit::Seconds> departures;
    for (transit::Seconds t = o.depart; t < o.depart + std::max<transit::Seconds>(o.window, 1); t += std::max<transit::Seconds>(o.step, 1)) departures.push_back(t);
    const double largest = minutes.empty() ? 0 : *std::max_element(minutes.begin(), minutes.end());
    std::vector<TransitIsochrone> out;
    const CostTable access = walk.model->within(origins, cost.stops(), o.max_walk_s / walk.seconds_per_unit);
    transit::RaptorOptions ro;
    ro.max_transfers = o.max_transfers;
    ro.horizon = departures.back() + static_cast<transit::Seconds>(std::lround(largest * 60));
    transit::Raptor search(tt, ro);
    for (std::size_t i = 0; i < origins.size(); ++i) {
        // Minutes to every stop per departure, latest departure first (labels kept: range RAPTOR).
        std::vector<std::vector<transit::Seconds>> times(n);
        std::vector<transit::RaptorSource> sources;
        for (std::size_t d = departures.size(); d-- > 0;) {
            const transit::Seconds t = departures[d];
            sources.clear();
            for (std::uint32_t k = access.first[i]; k < access.first[i + 1]; ++k)
                sources.push_back({access.hub[k], t + static_cast<transit::Seconds>(std::lround(access.cost[k] * walk.seconds_per_unit))});
            if (d + 1 == departures.size()) search.run(sources);
            else search.run_more(sources);
            for (std::uint32_t s = 0; s < n; ++s) {
                const transit::Seconds a = search.arrival(s);
                if (a != transit::k_never) times[s].push_back(a - t);
            }
        }
        // Each stop at the percentile of the window (minutes with no way count as never).
        std::vector<double> at(n, std::numeric_limits<double>::infinity());
        const std::size_t samples = departures.size();
        const auto rank = std::min(samples - 1, static_cast<std::size_t>(o.percentile * static_cast<double>(samples - 1) + 0.5));
        for (std::uint32_t s = 0; s < n; ++s) {
            auto& v = times[s];
            if (v.size() <= rank) continue;  // reached at fewer minutes than the percentile needs
            std::sort(v.begin(), v.end());
            at[s] = v[rank];
        }
        for (const double m : minutes) {
            TransitIsochrone iso;
            iso.origin = i;
            iso.minutes = m;
            const double budget = m * 60;
            std::vector<Point> centres{origins[i]};
            std::vector<double> spent{0.0};
            for (std::uint32_t s = 0; s < n; ++s) {
                if (at[s] < budget) {
                    centres.push_back(cost.stops()[s]);
                    spent.push_back(at[s]);
                    ++iso.stops_reached;
                }
            }
            if (o.roads) {
                iso.area = network::service_area(*o.roads, centres, spent, m, o.road_options).area;
            } else {
                std::vector<double> radii;
                for (std::size_t k = 0; k < centres.size(); ++k) {
                    const double left = budget - spent[k];
                    radii.push_back(k == 0 ? left * walk.straight_m_per_s : std::min(left, o.max_walk_s) * walk.straight_m_per_s);
                }
                iso.area = geom::buffer_points(centres, radii, 8);
            }
            out.push_back(std::move(iso));
        }
    }
    return out;
}

}  // namespace keniki::analysis
