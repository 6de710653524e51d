#pragma once
// Service areas along the road network, drawn from the road reached: every edge stretch within the
// threshold (partial edges cut exactly where the time runs out, computed from the settled costs at
// both ends), plus the access legs, buffered by a side distance and unioned (a traced outline of the
// distance field by default, GEOS on request). Optionally as rings (5 / 10-5 / 15-10 min), and split
// without overlap by the nearest source along the network.

#include <cstdint>
#include <span>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/network/network_options.hpp"
#include "keniki/network/search.hpp"

namespace keniki::network {

/// A reached stretch of one edge, [from_m, to_m] along its line from u, reached from the source
/// with `label` (the cheapest one there).
struct Stretch {
    EdgeId edge = 0;
    double from_m = 0, to_m = 0;
    std::uint32_t label = 0;
};

/// The road within cutoff_s of a search that has been run at least that far from `sources`. With
/// by_label, each piece of an edge goes to the label it is cheapest from (edges reached from two
/// sources are cut where the costs meet); otherwise overlapping stretches are merged regardless.
/// Sorted by edge, then position.
std::vector<Stretch> reached_stretches(const RoadNetwork& net, const Dijkstra& search, std::span<const PlacedSource> sources, Direction d,
                                       double cutoff_s, bool by_label = false);

double total_length(std::span<const Stretch> stretches);

/// The stretches' lines, cut from the edge lines at exactly from_m / to_m.
std::vector<LineString> stretch_lines(const RoadNetwork& net, std::span<const Stretch> stretches);

struct IsochroneOptions {
    AreaOptions area;             ///< side, outline or exact buffer, cell; several thresholds are clipped to nest
    SnapOptions snap;             ///< origins farther than snap.max_snap_m from every road are not placed (reported)
    Direction direction = Direction::outbound;  ///< isochrones: from the origin; service areas: see NetworkCost
    bool rings = false;           ///< each threshold minus the one below it
    /// true: the walk from each origin to its snapped road point counts against the threshold (an
    /// origin 80 m off the road has a minute less on the road). false: the time starts at the snapped
    /// point, as in pgRouting's pgr_drivingDistance and QGIS's service area; the access leg is then
    /// still drawn, whole, so the origin lies in its area.
    bool count_access = true;
    double split_spacing_m = 10;  ///< split by source: sampling of the road lines (boundary precision ~ half of it)
};

struct Isochrone {
    std::size_t origin = 0;     ///< index into the origins
    double minutes = 0;
    double from_minutes = 0;    ///< rings: the threshold below (0 for the first, and without rings)
    bool snapped = false;       ///< false: no road within max_snap_m; area empty
    double access_m = 0;        ///< from the origin to the road
    double road_m = 0;          ///< length of road reached within `minutes`: whole edges and the reached parts of partial ones (access leg not included)
    std::size_t nodes = 0;      ///< road-graph nodes (junctions, dead ends) reached within `minutes`
    MultiPolygon area;
};

/// One polygon per origin and threshold (minutes, sorted ascending), origin-major. Origins are worked
/// on in parallel, one search each up to the largest threshold.
std::vector<Isochrone> isochrones(const Snapper& snapper, std::span<const Point> origins, std::span<const double> minutes,
                                  const IsochroneOptions& options = {});

struct AreaResult {
    MultiPolygon area;                    ///< within the threshold of any placed source
    std::vector<MultiPolygon> by_source;  ///< when split: per source, the part nearest to it; no overlaps
    std::vector<std::size_t> unsnapped;   ///< sources farther than max_snap_m from every road
    double road_m = 0;                    ///< road reached
};

/// The area within `minutes` of any of the sources (one multi-source search), optionally split
/// without overlap by the source each stretch of road is nearest to along the network (the buffers'
/// overlaps go to the straight-line nearest stretch).
AreaResult service_area(const Snapper& snapper, std::span<const Point> sources, double minutes, const IsochroneOptions& options = {},
                        bool split_by_source = false);
/// The same with a head start per source: the seconds already spent when one stands there (a bus
/// stop reached after 23 minutes walks on for the rest); sources with no time left are left out.
AreaResult service_area(const Snapper& snapper, std::span<const Point> sources, std::span<const double> spent_s, double minutes,
                        const IsochroneOptions& options = {});

struct SourceReach {
    bool snapped = false;
    double access_m = 0;
    std::size_t nodes = 0;  ///< network nodes within the threshold
    double road_m = 0;      ///< road within the threshold, partial edges included
};

/// For every source what it reaches within `minutes` on its own (in parallel).
std::vector<SourceReach> reach_per_source(const Snapper& snapper, std::span<const Point> sources, double minutes,
                                          const IsochroneOptions& options = {});

}  // namespace keniki::network
