#include "keniki/analysis/transit_cost.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "keniki/core/parallel.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::analysis {

namespace {

using transit::k_never;
using transit::Seconds;
using transit::StopWalk;

/// CSR lists of (index, seconds) from a cost table in the walk model's unit.
struct WalkLists {
    std::vector<std::uint32_t> first;
    std::vector<StopWalk> items;
    std::span<const StopWalk> of(std::size_t i) const { return std::span(items).subspan(first[i], first[i + 1] - first[i]); }
};

WalkLists walk_lists(const CostTable& t, double seconds_per_unit, double max_s) {
    WalkLists w;
    w.first.assign(t.origins() + 1, 0);
    for (std::size_t i = 0; i < t.origins(); ++i) {
        for (std::uint32_t k = t.first[i]; k < t.first[i + 1]; ++k) {
            const double s = t.cost[k] * seconds_per_unit;
            if (s <= max_s) w.items.push_back(StopWalk{t.hub[k], static_cast<Seconds>(std::lround(s))});
        }
        w.first[i + 1] = static_cast<std::uint32_t>(w.items.size());
    }
    return w;
}

/// The walk all the way to hub `h` among an origin's hubs within walking, k_never when too far.
Seconds walk_to(std::span<const StopWalk> direct, std::size_t h) {
    for (const auto& d : direct)
        if (d.stop == h) return d.seconds;
    return k_never;
}

}  // namespace

struct TransitCost::Legs {
    WalkLists access;     ///< per origin: stops near home
    WalkLists hub_stops;  ///< per hub: stops near the hub
    WalkLists direct;     ///< per origin: hubs within walking (index = hub)
    std::vector<transit::HubProfile> profiles;  ///< per hub: its two range searches
};

TransitCost::TransitCost(transit::Timetable timetable, std::vector<Point> stops, TransitWalk walk, TransitOptions options)
    : m_forward(std::move(timetable)), m_stops(std::move(stops)), m_walk(std::move(walk)), m_options(std::move(options)) {
    // Footpaths between stops, from the walk model.
    const CostTable t = m_walk.model->within(m_stops, m_stops, m_options.max_transfer_s / m_walk.seconds_per_unit);
    std::vector<std::vector<transit::Footpath>> by(m_stops.size());
    for (std::size_t i = 0; i < t.origins(); ++i)
        for (std::uint32_t k = t.first[i]; k < t.first[i + 1]; ++k)
            if (t.hub[k] != i) by[i].push_back(transit::Footpath{t.hub[k], static_cast<Seconds>(std::lround(t.cost[k] * m_walk.seconds_per_unit))});
    m_forward.set_footpaths(by);
    m_backward = transit::reversed(m_forward);
}

std::string TransitCost::describe() const {
    const auto& o = m_options.trip;
    return "door-to-door time by timetable (walk + public transport) on " + m_options.service + ", leaving " + transit::format_gtfs_time(o.window_start).substr(0, 5) +
           "-" + transit::format_gtfs_time(o.window_end).substr(0, 5) + ", home by " + transit::format_gtfs_time(o.home_by).substr(0, 5) + ", at most " +
           std::to_string(o.max_transfers) + " transfer" + (o.max_transfers == 1 ? "" : "s") + "; walking " + m_walk.description;
}

TransitCost::Legs TransitCost::legs(std::span<const Point> origins, std::span<const Point> hubs, double direct_limit_s) const {
    Legs l;
    const double spu = m_walk.seconds_per_unit;
    l.access = walk_lists(m_walk.model->within(origins, m_stops, m_options.max_walk_s / spu), spu, m_options.max_walk_s);
    l.hub_stops = walk_lists(m_walk.model->within(hubs, m_stops, m_options.max_walk_s / spu), spu, m_options.max_walk_s);
    l.direct = walk_lists(m_walk.model->within(origins, hubs, direct_limit_s / spu), spu, direct_limit_s);
    l.profiles.resize(hubs.size());
    parallel_chunks(hubs.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t h = b; h < e; ++h) l.profiles[h] = transit::hub_profile(m_forward, m_backward, l.hub_stops.of(h), m_options.trip);
    }, 1);
    return l;
}

std::vector<std::vector<transit::RoundTrip>> TransitCost::all_trips(std::span<const Point> origins, std::span<const Point> hubs) const {
    const Legs l = legs(origins, hubs, static_cast<double>(m_options.trip.limit));
    std::vector<std::vector<transit::RoundTrip>> out(hubs.size(), std::vector<transit::RoundTrip>(origins.size()));
    parallel_chunks(origins.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            for (std::size_t h = 0; h < hubs.size(); ++h) out[h][i] = transit::round_trip(l.profiles[h], l.access.of(i), walk_to(l.direct.of(i), h), m_options.trip, true);
        }
    }, 256);
    return out;
}

void TransitCost::nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub, std::vector<double>& cost) const {
    const Legs l = legs(origins, hubs, static_cast<double>(m_options.trip.limit));
    const auto& profiles = l.profiles;
    TransitDetail detail;
    for (std::size_t h = 0; h < hubs.size(); ++h) {
        detail.iterations += profiles[h].iterations;
        if (l.hub_stops.of(h).empty()) detail.hubs_near_no_stop.push_back(h);
    }
    hub.assign(origins.size(), -1);
    cost.assign(origins.size(), std::numeric_limits<double>::infinity());
    detail.trips.assign(origins.size(), transit::RoundTrip{});
    detail.walk.assign(origins.size(), k_never);
    parallel_chunks(origins.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto access = l.access.of(i);
            const auto direct = l.direct.of(i);
            // The hub of the best round trip; with none, the one reached soonest one way (it stays the
            // resident's hub, beyond reach); with no way at all, none.
            std::int32_t pick = -1;
            Seconds pick_best = k_never, pick_one_way = k_never, pick_walk = k_never;
            bool pick_served = false;
            for (std::size_t h = 0; h < hubs.size(); ++h) {
                const Seconds walk = walk_to(direct, h);
                if (access.empty() && walk == k_never) continue;
                const transit::RoundTrip r = transit::round_trip(profiles[h], access, walk, m_options.trip, false);
                const Seconds one_way = std::min(r.fastest_transit, walk);
                const bool better = r.served ? (!pick_served || r.best < pick_best) : (!pick_served && one_way != k_never && (pick_one_way == k_never || one_way < pick_one_way));
                if (better) {
                    pick = static_cast<std::int32_t>(h);
                    pick_served = r.served;
                    pick_best = r.best;
                    pick_one_way = one_way;
                    pick_walk = walk;
                }
            }
            if (pick >= 0) {
                hub[i] = pick;
                detail.trips[i] = transit::round_trip(profiles[static_cast<std::size_t>(pick)], access, pick_walk, m_options.trip, true);
                detail.walk[i] = pick_walk;
                if (pick_served) cost[i] = pick_best / 60.0;
            }
        }
    }, 256);
    for (std::size_t i = 0; i < origins.size(); ++i)
        if (l.access.of(i).empty()) ++detail.origins_near_no_stop;
    const std::lock_guard lock(m_mutex);
    m_detail = std::move(detail);
}

CostTable TransitCost::within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const {
    const auto trips = all_trips(origins, hubs);
    CostTable t;
    t.first.push_back(0);
    for (std::size_t i = 0; i < origins.size(); ++i) {
        for (std::size_t h = 0; h < hubs.size(); ++h) {
            const auto& r = trips[h][i];
            if (r.served && r.best / 60.0 <= limit) {
                t.hub.push_back(static_cast<std::uint32_t>(h));
                t.cost.push_back(r.best / 60.0);
            }
        }
        t.first.push_back(static_cast<std::uint32_t>(t.hub.size()));
    }
    return t;
}

MultiPolygon TransitCost::service_area(std::span<const Point> hubs, double reach) const {
    transit::RoundTripOptions o = m_options.trip;
    o.limit = static_cast<Seconds>(std::lround(reach * 60));
    const double spu = m_walk.seconds_per_unit;
    const WalkLists hub_stops = walk_lists(m_walk.model->within(hubs, m_stops, m_options.max_walk_s / spu), spu, m_options.max_walk_s);
    // Per stop, the most time left for walking from home: reach minus the shortest ride to a hub.
    std::vector<double> left(m_stops.size(), -1);
    for (std::size_t h = 0; h < hubs.size(); ++h) {
        const transit::HubProfile p = transit::hub_profile(m_forward, m_backward, hub_stops.of(h), o);
        for (std::uint32_t s = 0; s < m_stops.size(); ++s)
            for (const auto& [ld, T] : p.outward(s))
                if (ld <= o.window_end) left[s] = std::max(left[s], static_cast<double>(o.limit - (T - ld)));
    }
    std::vector<Point> centres;
    std::vector<double> radii;
    const double max_walk_m = m_options.max_walk_s * m_walk.straight_m_per_s;
    for (std::uint32_t s = 0; s < m_stops.size(); ++s) {
        if (left[s] <= 0) continue;
        centres.push_back(m_stops[s]);
        radii.push_back(std::min(max_walk_m, left[s] * m_walk.straight_m_per_s));
    }
    for (const auto& h : hubs) {
        centres.push_back(h);
        radii.push_back(static_cast<double>(o.limit) * m_walk.straight_m_per_s);
    }
    return geom::buffer_points(centres, radii, 8);
}

TransitDetail TransitCost::last_detail() const {
    const std::lock_guard lock(m_mutex);
    return m_detail;
}

}  // namespace keniki::analysis
