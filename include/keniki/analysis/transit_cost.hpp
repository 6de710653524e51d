#pragma once
// The timetable cost model: door-to-door minutes by walking and the bus (or train) that runs, for
// a round trip (transit/round_trip.hpp). A resident's cost to a hub is the outward door-to-door time
// of the best departure in the window that leaves a way home by home_by, each leg within the
// limit; infinite when there is no such round trip, so "beyond reach" is "cannot make the round
// trip". Each resident is given the hub with the smallest such cost.
//
// Walking (to and from stops, between stops, and all the way) is the walk model's: straight-line
// metres x a detour factor at a walking speed, or minutes along the roads of [network].

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "keniki/analysis/cost_model.hpp"
#include "keniki/transit/round_trip.hpp"
#include "keniki/transit/timetable.hpp"

namespace keniki::analysis {

/// How walking is costed: a model (straight-line metres or walking minutes) and the seconds one of
/// its units takes.
struct TransitWalk {
    std::shared_ptr<const CostModel> model;
    double seconds_per_unit = 1;    ///< straight line: detour / (m/s); along the roads: 60
    double straight_m_per_s = 1;    ///< for drawing service areas: straight-line metres covered per second
    std::string description;        ///< "straight line x 1.3 at 3.0 km/h"
};

struct TransitOptions {
    transit::RoundTripOptions trip;
    double max_walk_s = 600;      ///< to a stop from home, from a stop to the hub
    double max_transfer_s = 300;  ///< a footpath between two stops
    std::string service;          ///< the date and why ("20260406 (weekday: ...)")
};

/// The last nearest() call, per origin: the round trip to its hub and the walk all the way.
struct TransitDetail {
    std::vector<transit::RoundTrip> trips;
    std::vector<transit::Seconds> walk;        ///< to that hub, k_never when too far
    std::size_t origins_near_no_stop = 0;      ///< no stop within max_walk_s
    std::vector<std::size_t> hubs_near_no_stop;
    std::size_t iterations = 0;                ///< rRAPTOR iterations, all hubs
};

class TransitCost final : public CostModel {
public:
    /// `stops`: one point per timetable stop, in the working CRS. The footpaths between stops are
    /// set here from the walk model.
    TransitCost(transit::Timetable timetable, std::vector<Point> stops, TransitWalk walk, TransitOptions options);

    std::string describe() const override;
    CostUnit unit() const override { return CostUnit::minutes; }
    void nearest(std::span<const Point> origins, std::span<const Point> hubs, std::vector<std::int32_t>& hub,
                 std::vector<double>& cost) const override;
    CostTable within(std::span<const Point> origins, std::span<const Point> hubs, double limit) const override;
    /// Where one can be within `reach` minutes of a hub by the best connection of the window: circles
    /// walked from each stop with the minutes its ride leaves, and around the hub itself.
    MultiPolygon service_area(std::span<const Point> hubs, double reach) const override;

    TransitDetail last_detail() const;
    const transit::Timetable& timetable() const { return m_forward; }
    const TransitOptions& options() const { return m_options; }
    const TransitWalk& walk() const { return m_walk; }
    /// The timetable's stops in the working CRS.
    std::span<const Point> stops() const { return m_stops; }

    /// Every (origin, hub) round trip (hub-major: [hub][origin]) with the window statistics.
    std::vector<std::vector<transit::RoundTrip>> all_trips(std::span<const Point> origins, std::span<const Point> hubs) const;

private:
    struct Legs;
    Legs legs(std::span<const Point> origins, std::span<const Point> hubs, double direct_limit_s) const;

    transit::Timetable m_forward, m_backward;
    std::vector<Point> m_stops;
    TransitWalk m_walk;
    TransitOptions m_options;
    mutable std::mutex m_mutex;
    mutable TransitDetail m_detail;
};

}  // namespace keniki::analysis
