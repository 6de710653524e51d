#include "keniki/network/isochrone.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "keniki/core/error.hpp"
#include "keniki/core/memory_budget.hpp"
#include "keniki/core/parallel.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::network {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// A reached piece of an edge with its cost along it: cost(p) = base_cost + |p - base_pos| * rate,
/// for p in [from, to], all on one side of base_pos (sign +1: p >= base_pos).
struct Piece {
    EdgeId edge;
    double from, to;
    std::uint32_t label;
    double base_cost, base_pos, rate;
    int sign;
    double cost_at(double p) const { return base_cost + std::abs(p - base_pos) * rate; }
};

void add_source_pieces(const RoadNetwork& net, const PlacedSource& s, Direction d, double cutoff_s, std::vector<Piece>& out) {
    if (!s.snap.ok() || !(s.start_s <= cutoff_s)) return;
    const EdgeId e = s.snap.edge;
    const double len = net.edge_length_m[e], o = s.snap.offset_m, rem = cutoff_s - s.start_s;
    // Towards v: outbound people travel u->v (forward); inbound, people beyond the source travel v->u to it.
    const double to_v_s = d == Direction::outbound ? net.edge_forward_s[e] : net.edge_backward_s[e];
    const double to_u_s = d == Direction::outbound ? net.edge_backward_s[e] : net.edge_forward_s[e];
    if (to_v_s != k_closed) {
        const double rate = len > 0 ? to_v_s / len : 0;
        const double cov = rate > 0 ? std::min(len - o, rem / rate) : len - o;
        out.push_back(Piece{e, o, o + cov, s.label, s.start_s, o, rate, +1});
    }
    if (to_u_s != k_closed) {
        const double rate = len > 0 ? to_u_s / len : 0;
        const double cov = rate > 0 ? std::min(o, rem / rate) : o;
        out.push_back(Piece{e, o - cov, o, s.label, s.start_s, o, rate, -1});
    }
}

void add_node_pieces(const RoadNetwork& net, const Dijkstra& search, Direction d, double cutoff_s, std::vector<Piece>& out) {
    const Graph& g = search.graph();
    const bool inbound = d == Direction::inbound;
    for (const NodeId x : search.settled_nodes()) {
        const double dx = search.cost(x);
        if (!(dx <= cutoff_s)) break;  // settled in order of cost
        const double rem = cutoff_s - dx;
        for (ArcId a = g.first_out[x]; a < g.first_out[x + 1]; ++a) {
            const EdgeId e = tag_edge(g.tag[a]);
            const bool x_is_u = tag_against(g.tag[a]) == inbound;
            const double len = net.edge_length_m[e], w = g.weight[a];
            const double rate = len > 0 ? w / len : 0;
            const double cov = rate > 0 ? std::min(len, rem / rate) : len;
            if (cov <= 0 && len > 0) continue;
            if (x_is_u) out.push_back(Piece{e, 0, cov, search.label(x), dx, 0, rate, +1});
            else out.push_back(Piece{e, len - cov, len, search.label(x), dx, len, rate, -1});
        }
    }
}

void emit(std::vector<Stretch>& out, EdgeId e, double from, double to, std::uint32_t label) {
    if (!out.empty() && out.back().edge == e && out.back().label == label && from <= out.back().to_m) {
        out.back().to_m = std::max(out.back().to_m, to);
        return;
    }
    out.push_back(Stretch{e, from, to, label});
}

/// Pieces of one edge with several labels: the lower envelope of their costs decides the label.
void split_edge(std::span<const Piece> pieces, std::vector<Stretch>& out) {
    std::vector<double> cuts;
    for (const Piece& p : pieces) {
        cuts.push_back(p.from);
        cuts.push_back(p.to);
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (std::size_t j = i + 1; j < pieces.size(); ++j) {
            const Piece &a = pieces[i], &b = pieces[j];
            if (a.label == b.label) continue;
            const double lo = std::max(a.from, b.from), hi = std::min(a.to, b.to);
            if (!(lo < hi)) continue;
            const double ka = a.rate * a.sign, kb = b.rate * b.sign;
            const double denom = ka - kb;
            if (denom == 0) continue;
            const double p = (b.base_cost - a.base_cost + ka * a.base_pos - kb * b.base_pos) / denom;
            if (p > lo && p < hi) cuts.push_back(p);
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double a = cuts[k], b = cuts[k + 1], mid = 0.5 * (a + b);
        const Piece* best = nullptr;
        double best_cost = k_inf;
        for (const Piece& p : pieces) {
            if (mid < p.from || mid > p.to) continue;
            const double c = p.cost_at(mid);
            if (c < best_cost || (c == best_cost && best && p.label < best->label)) {
                best = &p;
                best_cost = c;
            }
        }
        if (best) emit(out, best->edge, a, b, best->label);
    }
}

/// Part of a line between two distances along it.
LineString cut_line(std::span<const Point> line, double from, double to) {
    LineString out;
    if (line.empty()) return out;
    double at = 0;
    auto lerp = [](const Point& p, const Point& q, double t) { return Point{p.x() + t * (q.x() - p.x()), p.y() + t * (q.y() - p.y())}; };
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const double seg = std::hypot(line[i + 1].x() - line[i].x(), line[i + 1].y() - line[i].y());
        const double next = at + seg;
        if (next >= from && at <= to) {
            if (out.empty()) out.push_back(seg > 0 && from > at ? lerp(line[i], line[i + 1], (from - at) / seg) : line[i]);
            if (to < next) {
                out.push_back(seg > 0 ? lerp(line[i], line[i + 1], (to - at) / seg) : line[i + 1]);
                return out;
            }
            out.push_back(line[i + 1]);
        }
        at = next;
    }
    if (out.empty()) out.push_back(line.back());
    return out;
}

/// The access leg as far as the time allows, from the origin towards the road.
LineString access_leg(const Point& origin, const Snap& snap, double seconds, double foot_ms) {
    const double cov = std::min(snap.access_m, std::max(0.0, seconds) * foot_ms);
    if (!(cov > 0) || !(snap.access_m > 0)) return LineString{origin};
    const double t = cov / snap.access_m;
    return LineString{origin, Point{origin.x() + t * (snap.on_road.x() - origin.x()), origin.y() + t * (snap.on_road.y() - origin.y())}};
}

/// Seconds already spent when a source enters the road: its access leg, unless the options start the
/// time at the snapped point.
double start_seconds(const RoadNetwork& net, const Snap& snap, const IsochroneOptions& o) {
    return o.count_access ? access_seconds(net, snap.access_m) : 0.0;
}

/// Settled nodes within `cutoff_s` (settled_nodes() is in order of cost).
std::size_t nodes_within(const Dijkstra& search, double cutoff_s) {
    const auto settled = search.settled_nodes();
    return static_cast<std::size_t>(std::partition_point(settled.begin(), settled.end(), [&](NodeId x) { return search.cost(x) <= cutoff_s; }) -
                                    settled.begin());
}

/// Makes each threshold's area lie inside the next larger one's. Outlines of nested line sets are
/// each within a cell of their own truth but not always nested: where a notch between two buffers
/// resolves in one and not in the other, slivers under 2 m thick poke out (9 m^2 on Kumamoto's
/// 10-minute drive against its 30). A GEOS intersection per extra threshold takes them off (about
/// 150 ms on a city's 30-minute drive, nothing for one threshold); rings subtract anyway.
void nest(std::span<Isochrone> thresholds) {
    for (std::size_t k = thresholds.size() - 1; k-- > 0;)
        thresholds[k].area = geom::intersection(thresholds[k].area, thresholds[k + 1].area);
}

const geom::BufferLinesOptions& buffer_options(const IsochroneOptions& o) { return o.area.shape; }

std::vector<double> checked_minutes(std::span<const double> minutes) {
    std::vector<double> m(minutes.begin(), minutes.end());
    for (double v : m) {
        if (!(v > 0) || !std::isfinite(v)) throw UsageError("thresholds must be positive minutes, not " + std::to_string(v));
    }
    std::sort(m.begin(), m.end());
    m.erase(std::unique(m.begin(), m.end()), m.end());
    return m;
}

/// The outline's distance field fills a band 2 (side + cell) wide along the lines, at the requested
/// cell (issue 14: a 1-metre cell over a prefecture's roads is refused up front, with the estimate,
/// rather than left to exhaust the machine).
void check_outline_memory(std::span<const LineString> lines, const IsochroneOptions& o) {
    const double side = o.area.side_m;
    if (o.area.shape.method != geom::LineBuffer::outline) return;
    const double cell = o.area.shape.cell_m > 0 ? o.area.shape.cell_m : side / 5;
    if (!(cell > 0) || !(side > 0)) return;
    double length = 0;
    for (const auto& l : lines) {
        for (std::size_t i = 0; i + 1 < l.size(); ++i) length += std::hypot(l[i + 1].x() - l[i].x(), l[i + 1].y() - l[i].y());
    }
    const double reach = side + cell;
    const double corners = (length * 2 * reach + static_cast<double>(lines.size()) * M_PI * reach * reach) / (cell * cell);
    const double bytes = corners * static_cast<double>(memory_cost::per_raster_cell);
    if (bytes < 1e8) return;  // under 100 MB: not worth the message
    char what[200];
    std::snprintf(what, sizeof what, "the service area's outline grid (%.0f million cells of %g m along %.0f km of reached road, side %g m)", corners / 1e6,
                  cell, length / 1000, side);
    check_memory(bytes > 1.8e19 ? std::uint64_t{1} << 63 : static_cast<std::uint64_t>(bytes), what,
                 "Use a coarser cell: the cell is network.side_m / 5 in the plan (or keniki isochrone --cell), or a shorter reach", Where{});
}

}  // namespace

std::vector<Stretch> reached_stretches(const RoadNetwork& net, const Dijkstra& search, std::span<const PlacedSource> sources, Direction d,
                                       double cutoff_s, bool by_label) {
    std::vector<Piece> pieces;
    for (const PlacedSource& s : sources) add_source_pieces(net, s, d, cutoff_s, pieces);
    add_node_pieces(net, search, d, cutoff_s, pieces);
    std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
        if (a.edge != b.edge) return a.edge < b.edge;
        return a.from < b.from;
    });
    std::vector<Stretch> out;
    for (std::size_t b = 0; b < pieces.size();) {
        std::size_t e = b + 1;
        bool mixed = false;
        while (e < pieces.size() && pieces[e].edge == pieces[b].edge) {
            mixed = mixed || pieces[e].label != pieces[b].label;
            ++e;
        }
        const std::span<const Piece> group(pieces.data() + b, e - b);
        if (by_label && mixed) {
            split_edge(group, out);
        } else {
            std::uint32_t label = group.front().label;
            for (const Piece& p : group) label = std::min(label, p.label);
            for (const Piece& p : group) emit(out, p.edge, p.from, p.to, by_label ? p.label : label);
        }
        b = e;
    }
    return out;
}

double total_length(std::span<const Stretch> stretches) {
    double sum = 0;
    for (const Stretch& s : stretches) sum += s.to_m - s.from_m;
    return sum;
}

std::vector<LineString> stretch_lines(const RoadNetwork& net, std::span<const Stretch> stretches) {
    std::vector<LineString> out;
    out.reserve(stretches.size());
    for (const Stretch& s : stretches) {
        const auto line = net.edge_line(s.edge);
        const double len = net.edge_length_m[s.edge];
        if (s.from_m <= 0 && s.to_m >= len) {
            out.emplace_back(line.begin(), line.end());
            continue;
        }
        double measured = 0;
        for (std::size_t i = 1; i < line.size(); ++i) measured += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
        const double scale = len > 0 ? measured / len : 0;
        out.push_back(cut_line(line, s.from_m * scale, s.to_m * scale));
    }
    return out;
}

std::vector<Isochrone> isochrones(const Snapper& snapper, std::span<const Point> origins, std::span<const double> minutes_given,
                                  const IsochroneOptions& o) {
    const RoadNetwork& net = snapper.network();
    const std::vector<double> minutes = checked_minutes(minutes_given);
    const std::vector<Snap> snaps = snapper.snap_all(origins, o.snap.max_snap_m);
    std::vector<Isochrone> out(origins.size() * minutes.size());
    if (minutes.empty()) return out;
    parallel_chunks(
        origins.size(),
        [&](std::size_t b, std::size_t e) {
            Dijkstra search(search_graph(net, o.direction));
            for (std::size_t i = b; i < e; ++i) {
                const Snap& snap = snaps[i];
                for (std::size_t k = 0; k < minutes.size(); ++k) {
                    Isochrone& iso = out[i * minutes.size() + k];
                    iso.origin = i;
                    iso.minutes = minutes[k];
                    iso.from_minutes = o.rings && k > 0 ? minutes[k - 1] : 0;
                    iso.snapped = snap.ok();
                    iso.access_m = snap.ok() ? snap.access_m : 0;
                }
                if (!snap.ok()) continue;
                const PlacedSource src{snap, start_seconds(net, snap, o), 0};
                search.clear();
                add_source(search, net, src, o.direction);
                search.run(minutes.back() * 60);
                // A free access leg is drawn whole: it costs nothing.
                const double access_budget_s = o.count_access ? 0 : access_seconds(net, snap.access_m);
                MultiPolygon below;
                for (std::size_t k = 0; k < minutes.size(); ++k) {
                    Isochrone& iso = out[i * minutes.size() + k];
                    const double cutoff = minutes[k] * 60;
                    const auto stretches = reached_stretches(net, search, std::span(&src, 1), o.direction, cutoff);
                    iso.road_m = total_length(stretches);
                    iso.nodes = nodes_within(search, cutoff);
                    std::vector<LineString> lines = stretch_lines(net, stretches);
                    lines.push_back(access_leg(origins[i], snap, cutoff + access_budget_s, net.foot_speed_ms()));
                    check_outline_memory(lines, o);
                    MultiPolygon area = geom::buffer_lines(lines, o.area.side_m, buffer_options(o));
                    if (o.rings) {
                        iso.area = k == 0 ? area : geom::difference(area, below);
                        below = std::move(area);
                    } else {
                        iso.area = std::move(area);
                    }
                }
                if (!o.rings && o.area.shape.method == geom::LineBuffer::outline) nest(std::span(out).subspan(i * minutes.size(), minutes.size()));
            }
        },
        1);
    return out;
}

namespace {

AreaResult area_of(const Snapper& snapper, std::span<const Point> sources, std::span<const double> spent_s, double minutes, const IsochroneOptions& o,
                   bool split_by_source) {
    const RoadNetwork& net = snapper.network();
    AreaResult r;
    if (split_by_source) r.by_source.resize(sources.size());
    if (!(minutes >= 0)) throw UsageError("a reach must be >= 0 minutes");
    const std::vector<Snap> snaps = snapper.snap_all(sources, o.snap.max_snap_m);
    std::vector<PlacedSource> placed;
    std::vector<std::size_t> index_of;
    std::vector<double> spent_of;
    for (std::size_t j = 0; j < sources.size(); ++j) {
        const double spent = spent_s.empty() ? 0.0 : spent_s[j];
        if (!(spent < minutes * 60)) continue;  // no time left from this source
        if (!snaps[j].ok()) {
            r.unsnapped.push_back(j);
            continue;
        }
        placed.push_back(PlacedSource{snaps[j], spent + start_seconds(net, snaps[j], o), static_cast<std::uint32_t>(j)});
        index_of.push_back(j);
        spent_of.push_back(spent);
    }
    if (placed.empty()) return r;
    const double cutoff = minutes * 60;
    Dijkstra search(search_graph(net, o.direction));
    for (const auto& s : placed) add_source(search, net, s, o.direction);
    search.run(cutoff);
    const auto stretches = reached_stretches(net, search, placed, o.direction, cutoff, split_by_source);
    r.road_m = total_length(stretches);
    std::vector<LineString> lines = stretch_lines(net, stretches);
    for (std::size_t k = 0; k < placed.size(); ++k) {
        const double budget_s = cutoff - spent_of[k] + (o.count_access ? 0 : access_seconds(net, placed[k].snap.access_m));  // a free leg is drawn whole
        lines.push_back(access_leg(sources[index_of[k]], placed[k].snap, budget_s, net.foot_speed_ms()));
    }
    check_outline_memory(lines, o);
    r.area = geom::buffer_lines(lines, o.area.side_m, buffer_options(o));
    if (split_by_source) {
        std::vector<std::vector<LineString>> groups(sources.size());
        for (std::size_t s = 0; s < stretches.size(); ++s) groups[stretches[s].label].push_back(lines[s]);
        for (std::size_t k = 0; k < placed.size(); ++k) groups[index_of[k]].push_back(lines[stretches.size() + k]);
        r.by_source = geom::split_by_nearest_lines(r.area, groups, o.split_spacing_m);
    }
    return r;
}

}  // namespace

AreaResult service_area(const Snapper& snapper, std::span<const Point> sources, double minutes, const IsochroneOptions& o, bool split_by_source) {
    return area_of(snapper, sources, {}, minutes, o, split_by_source);
}

AreaResult service_area(const Snapper& snapper, std::span<const Point> sources, std::span<const double> spent_s, double minutes, const IsochroneOptions& o) {
    if (spent_s.size() != sources.size()) throw UsageError("service_area: one head start per source is needed");
    return area_of(snapper, sources, spent_s, minutes, o, false);
}

std::vector<SourceReach> reach_per_source(const Snapper& snapper, std::span<const Point> sources, double minutes, const IsochroneOptions& o) {
    const RoadNetwork& net = snapper.network();
    const std::vector<Snap> snaps = snapper.snap_all(sources, o.snap.max_snap_m);
    std::vector<SourceReach> out(sources.size());
    const double cutoff = minutes * 60;
    parallel_chunks(
        sources.size(),
        [&](std::size_t b, std::size_t e) {
            Dijkstra search(search_graph(net, o.direction));
            for (std::size_t j = b; j < e; ++j) {
                if (!snaps[j].ok()) continue;
                out[j].snapped = true;
                out[j].access_m = snaps[j].access_m;
                const PlacedSource src{snaps[j], start_seconds(net, snaps[j], o), 0};
                search.clear();
                add_source(search, net, src, o.direction);
                out[j].nodes = search.run(cutoff);
                out[j].road_m = total_length(reached_stretches(net, search, std::span(&src, 1), o.direction, cutoff));
            }
        },
        1);
    return out;
}

}  // namespace keniki::network
