#include "keniki/serve/model.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <unordered_map>

#include <boost/geometry/algorithms/covered_by.hpp>

#include "keniki/analysis/network_cost.hpp"
#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/index/nearest_point.hpp"
#include "keniki/pipeline/stop_edits.hpp"
#include "keniki/transit/feed.hpp"
#include "pipeline/gtfs_stops.hpp"
#include "serve/grouping.hpp"

namespace keniki::serve {

namespace {

using detail::group;
using detail::same_place;

constexpr double k_inf = std::numeric_limits<double>::infinity();
/// analysis::detail::sum_units adds residents in blocks of this many and then the blocks in order:
/// summing a unit's members the same way gives the same figures to the last bit.
constexpr std::size_t k_block = 65536;

ResidentGrid make_grid(const std::vector<Point>& points, const std::vector<double>& cost) {
    ResidentGrid g;
    double x0 = k_inf, y0 = k_inf, x1 = -k_inf, y1 = -k_inf;
    for (const auto& p : points) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) continue;
        x0 = std::min(x0, p.x());
        y0 = std::min(y0, p.y());
        x1 = std::max(x1, p.x());
        y1 = std::max(y1, p.y());
    }
    if (!(x0 <= x1)) return g;  // no placed resident
    // About 64 residents a cell, at most 512 x 512 cells.
    const double w = std::max(x1 - x0, 1.0), h = std::max(y1 - y0, 1.0);
    const double cells = std::clamp(static_cast<double>(points.size()) / 64.0, 1.0, 262144.0);
    g.cell = std::max({std::sqrt(w * h / cells), w / 512, h / 512, 1.0});
    g.x0 = x0;
    g.y0 = y0;
    g.nx = static_cast<std::int32_t>(w / g.cell) + 1;
    g.ny = static_cast<std::int32_t>(h / g.cell) + 1;
    std::vector<std::int32_t> cell_of(points.size(), -1);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point& p = points[i];
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) continue;
        const auto cx = std::min(g.nx - 1, static_cast<std::int32_t>((p.x() - x0) / g.cell));
        const auto cy = std::min(g.ny - 1, static_cast<std::int32_t>((p.y() - y0) / g.cell));
        cell_of[i] = cy * g.nx + cx;
    }
    std::vector<std::int32_t> first;
    group(cell_of, static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny), first, g.members);
    g.first.assign(first.begin(), first.end());
    g.max_cost.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny), 0.0);
    for (std::size_t c = 0; c + 1 < g.first.size(); ++c)
        for (std::uint32_t k = g.first[c]; k < g.first[c + 1]; ++k) g.max_cost[c] = std::max(g.max_cost[c], cost[static_cast<std::size_t>(g.members[k])]);
    return g;
}

/// Squared distance as index::NearestPoint computes it (target minus query), so that comparisons and
/// the costs (its square root) are the same to the last bit.
double d2(const Point& target, const Point& q) {
    const double dx = target.x() - q.x(), dy = target.y() - q.y();
    return dx * dx + dy * dy;
}

/// The figures of one unit from its members (ascending piece indices) and their costs, as
/// analysis::detail::sum_units adds them.
template <typename CostOf>
UnitFigures sum_members(const analysis::ResidentPieces& pieces, const std::int32_t* first, const std::int32_t* last, double reach, CostOf cost_of) {
    UnitFigures f;
    analysis::PeopleCount block_people, block_beyond;
    std::size_t block = 0;
    std::vector<std::pair<double, double>> pairs;
    pairs.reserve(static_cast<std::size_t>(last - first));
    for (const std::int32_t* it = first; it != last; ++it) {
        const auto i = static_cast<std::size_t>(*it);
        if (i / k_block != block) {
            f.people += block_people;
            f.beyond_reach += block_beyond;
            block_people = {};
            block_beyond = {};
            block = i / k_block;
        }
        const analysis::PeopleCount w{pieces.population[i], pieces.age65[i], pieces.age75[i]};
        const double c = cost_of(i);
        block_people += w;
        if (!(c <= reach)) block_beyond += w;
        pairs.emplace_back(c, pieces.population[i]);
    }
    f.people += block_people;
    f.beyond_reach += block_beyond;
    f.cost = analysis::weighted_cost_stats_in_place(pairs);
    return f;
}

}  // namespace

Model::Model(const project::Plan& plan) : m_plan(plan) {
    m_inputs = pipeline::load_inputs(m_plan);
    m_results = pipeline::run(m_plan, m_inputs);
    const auto& in = m_inputs.input;
    m_tiers.resize(in.tiers.size());
    m_base.resize(in.tiers.size());
    for (std::size_t t = 0; t < in.tiers.size(); ++t) {
        const analysis::TierInput& ti = in.tiers[t];
        const analysis::TierResult& tr = m_results.model.tiers[t];
        Tier& tier = m_tiers[t];
        // Only straight-line costs draw circles: road-network and timetable tiers are recomputed whole.
        tier.straight = ti.cost->circle_segments() > 0;
        tier.network_mutex = std::make_unique<std::mutex>();
        group(tr.residents.unit, ti.units.size(), tier.unit_first, tier.unit_members);
        std::unordered_map<std::int32_t, std::int32_t> local_of;
        for (std::size_t j = 0; j < ti.hubs.size(); ++j) local_of.emplace(ti.hubs[j], static_cast<std::int32_t>(j));
        tier.base_local.resize(tr.residents.size());
        for (std::size_t i = 0; i < tr.residents.size(); ++i) {
            const auto h = tr.residents.hub[i];
            tier.base_local[i] = h < 0 ? -1 : local_of.at(h);
        }
        group(tier.base_local, ti.hubs.size(), tier.hub_first, tier.hub_members);
        if (tier.straight) tier.grid = make_grid(tr.residents.pieces->points, tr.residents.cost);
        group(tr.residents.pieces->resident, in.residents.size(), tier.resident_first, tier.resident_pieces);
        // The plan's own figures, as keniki run writes them.
        TierFigures& base = m_base[t];
        base.recompute = "unchanged";
        for (const auto& u : tr.units) {
            base.units.push_back(UnitFigures{u.people, u.beyond_reach, u.cost});
            base.people += u.people;
            base.beyond_reach += u.beyond_reach;
        }
    }
    // The access indices: the plan's pairs kept, so that a scenario searches only its new hubs' pairs.
    for (std::size_t k = 0; k < m_inputs.access.size(); ++k) {
        Access a;
        a.hubs = pipeline::access_hubs(m_inputs.access[k], in);
        a.table = pipeline::access_table(m_inputs.access[k], in.residents.points, a.hubs);
        {
            // The residents of each column, ascending (the table is by resident).
            a.column_first.assign(a.hubs.hubs.size() + 1, 0);
            for (const auto j : a.table.hub) ++a.column_first[j + 1];
            for (std::size_t j = 0; j < a.hubs.hubs.size(); ++j) a.column_first[j + 1] += a.column_first[j];
            a.column_residents.resize(a.table.pairs());
            std::vector<std::uint32_t> next(a.column_first.begin(), a.column_first.end() - 1);
            for (std::size_t i = 0; i < a.table.origins(); ++i)
                for (std::uint32_t p = a.table.first[i]; p < a.table.first[i + 1]; ++p) a.column_residents[next[a.table.hub[p]]++] = static_cast<std::int32_t>(i);
        }
        a.outcome = std::make_shared<const report::AccessOutcome>(m_results.access[k]);
        a.study = report::study_access(*a.outcome, in);
        a.straight = m_inputs.access[k].cost->circle_segments() > 0;
        if (a.straight) a.grid = make_grid(in.residents.points, std::vector<double>(in.residents.size(), 0.0));
        a.mutex = std::make_unique<std::mutex>();
        m_access.push_back(std::move(a));
    }
    // The plan's feeds as the run read them (pipeline::detail::feed_at keeps them: no second read).
    for (const auto& path : m_plan.transport.gtfs) {
        FeedInfo f;
        f.path = path;
        f.file = std::filesystem::path(path).filename().string();
        for (const auto& r : pipeline::detail::feed_at(path, m_inputs).routes) f.routes.push_back(FeedRoute{r.id, r.short_name, r.long_name});
        m_feeds.push_back(std::move(f));
    }
    give_back(take_transformer());  // the first, made while the plan loads rather than on a request
}

std::int32_t Model::tier_index(const std::string& id) const {
    for (std::size_t t = 0; t < m_inputs.input.tiers.size(); ++t)
        if (m_inputs.input.tiers[t].id == id) return static_cast<std::int32_t>(t);
    return -1;
}

std::unique_ptr<crs::Transformer> Model::take_transformer() const {
    {
        const std::lock_guard<std::mutex> lock(*m_transformers_mutex);
        if (!m_transformers.empty()) {
            auto t = std::move(m_transformers.back());
            m_transformers.pop_back();
            return t;
        }
    }
    return std::make_unique<crs::Transformer>("EPSG:4326", m_inputs.working_crs);
}

void Model::give_back(std::unique_ptr<crs::Transformer> t) const {
    const std::lock_guard<std::mutex> lock(*m_transformers_mutex);
    m_transformers.push_back(std::move(t));
}

Point Model::to_working(double lon, double lat) const {
    auto t = take_transformer();
    const Point p = t->forward(Point{lon, lat});
    give_back(std::move(t));
    return p;
}

Point Model::to_wgs84(const Point& working) const {
    auto t = take_transformer();
    const Point p = t->inverse(working);
    give_back(std::move(t));
    return p;
}
bool Model::in_study_area(const Point& p) const { return boost::geometry::covered_by(p, m_inputs.input.study_area); }

ScenarioResult Model::compute(const analysis::HubEdits& edits, const StopEdits& stop_edits) const {
    const auto& remove_stops = stop_edits.remove_layers;
    ScenarioResult r;
    r.hubs = analysis::apply_hub_edits(m_inputs.input, edits);
    r.tiers.reserve(m_tiers.size());
    for (std::size_t t = 0; t < m_tiers.size(); ++t) r.tiers.push_back(compute_tier(t, r.hubs));
    for (std::size_t k = 0; k < m_access.size(); ++k) r.access.push_back(compute_access(k, r.hubs, edits));
    if (m_results.transport) {
        const auto& base = *m_results.transport;
        TransportFigures tf;
        if (stop_edits.empty()) {
            tf.units = base.result.units;
            tf.study = base.result.study;
            tf.recompute = "unchanged";
        } else {
            // The stops of the layers left on, as pipeline::run_transport gathers a scenario's; with
            // routes or feeds off, the GTFS stops counted again on the plan's date without them.
            const bool timetable_edit = !stop_edits.remove_routes.empty() || !stop_edits.remove_feeds.empty();
            std::vector<analysis::Stop> stops;
            for (const auto& s : base.stops) {
                if (timetable_edit && s.source.rfind("gtfs", 0) == 0) continue;
                if (std::find(remove_stops.begin(), remove_stops.end(), s.source) == remove_stops.end()) stops.push_back(s);
            }
            if (timetable_edit) {
                // The feeds left on, from memory (read once by the run), counted on the plan's date.
                std::vector<transit::Feed> feeds;
                for (const auto& f : m_plan.transport.gtfs)
                    if (std::find(stop_edits.remove_feeds.begin(), stop_edits.remove_feeds.end(), f) == stop_edits.remove_feeds.end())
                        feeds.push_back(*m_inputs.feeds.at(f));
                pipeline::detail::GtfsStopsRequest req;
                req.removed_routes = stop_edits.remove_routes;
                req.service_day = m_plan.transport.service_day;
                req.date = transit::Date::parse(base.service_day.substr(0, 8));
                const auto gtfs = pipeline::detail::gtfs_stops(feeds, req, m_inputs.working_crs);
                stops.insert(stops.end(), gtfs.stops.begin(), gtfs.stops.end());
            }
            (void)pipeline::edit_stops(stops, base.stops, stop_edits.remove_ids, stop_edits.add);
            analysis::TransportResult after;
            {
                const std::lock_guard<std::mutex> lock(*m_transport_mutex);
                after = analysis::classify_transport(m_inputs.input, m_results.model, stops, base.options);
            }
            tf.units = std::move(after.units);
            tf.study = after.study;
            tf.recompute = "full";
        }
        r.transport = std::move(tf);
    }
    return r;
}

TierFigures Model::compute_tier(std::size_t t, const analysis::HubSet& hubs) const {
    const analysis::TierInput& ti = m_inputs.input.tiers[t];
    const analysis::TierResidents& res = m_results.model.tiers[t].residents;
    const analysis::ResidentPieces& pieces = *res.pieces;
    const Tier& tier = m_tiers[t];
    const std::vector<std::int32_t>& new_hubs = hubs.tier_hubs[t];
    const auto& facilities = m_inputs.input.facilities;

    // Which of the plan's hubs are gone from their place (removed or moved), which places are new.
    std::vector<std::int32_t> new_local(hubs.facilities.size(), -1);
    for (std::size_t j = 0; j < new_hubs.size(); ++j) new_local[static_cast<std::size_t>(new_hubs[j])] = static_cast<std::int32_t>(j);
    std::vector<std::int32_t> gone;  // base local indices
    for (std::size_t j = 0; j < ti.hubs.size(); ++j) {
        const auto f = static_cast<std::size_t>(ti.hubs[j]);
        if (new_local[f] < 0 || !same_place(hubs.facilities[f].location, facilities[f].location)) gone.push_back(static_cast<std::int32_t>(j));
    }
    std::vector<std::int32_t> arrived;  // new local indices
    for (std::size_t j = 0; j < new_hubs.size(); ++j) {
        const auto f = static_cast<std::size_t>(new_hubs[j]);
        if (f >= facilities.size() || !same_place(hubs.facilities[f].location, facilities[f].location)) arrived.push_back(static_cast<std::int32_t>(j));
    }
    if (gone.empty() && arrived.empty()) {
        TierFigures same = m_base[t];
        same.recompute = "unchanged";
        return same;
    }
    std::vector<Point> hub_points;
    hub_points.reserve(new_hubs.size());
    for (const auto h : new_hubs) hub_points.push_back(hubs.facilities[static_cast<std::size_t>(h)].location);

    TierFigures out;
    std::vector<std::uint8_t> unit_touched(ti.units.size(), 0);

    if (!tier.straight) {
        // Road network: every resident of the tier again (see the header).
        std::vector<std::int32_t> local;
        std::vector<double> cost;
        {
            const std::lock_guard<std::mutex> lock(*tier.network_mutex);
            ti.cost->nearest(pieces.points, hub_points, local, cost);
        }
        out.recompute = ti.cost->unit() == analysis::CostUnit::minutes && dynamic_cast<const analysis::NetworkCost*>(ti.cost) == nullptr ? "full (timetable)"
                                                                                                                                  : "full (road network)";
        out.revisited = pieces.size();
        for (std::size_t u = 0; u < ti.units.size(); ++u) {
            const std::int32_t* b = tier.unit_members.data() + tier.unit_first[u];
            const std::int32_t* e = tier.unit_members.data() + tier.unit_first[u + 1];
            bool changed = false;
            for (const std::int32_t* it = b; it != e && !changed; ++it) {
                const auto i = static_cast<std::size_t>(*it);
                changed = !(cost[i] == res.cost[i]) && !(std::isinf(cost[i]) && std::isinf(res.cost[i]));
            }
            if (!changed) {
                out.units.push_back(m_base[t].units[u]);
                continue;
            }
            out.changed_units.push_back(static_cast<std::int32_t>(u));
            out.units.push_back(sum_members(pieces, b, e, ti.reach, [&](std::size_t i) { return cost[i]; }));
        }
    } else {
        // Straight line, incrementally (see the header). The residents whose hub or cost changed: a
        // flag per resident (zeroed, 1 byte each) and their new local hub and cost in arrays left
        // uninitialised (only the pages of changed residents are ever touched).
        const std::size_t n = pieces.size();
        std::vector<std::uint8_t> is_changed(n, 0);
        const std::unique_ptr<std::int32_t[]> new_hub(new std::int32_t[n]);
        const std::unique_ptr<double[]> new_cost(new double[n]);
        std::vector<std::int32_t> changed;
        auto set = [&](std::int32_t i, std::int32_t hub, double cost) {
            const auto k = static_cast<std::size_t>(i);
            if (!is_changed[k]) {
                is_changed[k] = 1;
                changed.push_back(i);
            }
            new_hub[k] = hub;
            new_cost[k] = cost;
        };
        std::vector<std::int32_t> again;
        for (const auto j : gone) {
            const auto b = tier.hub_first[static_cast<std::size_t>(j)], e = tier.hub_first[static_cast<std::size_t>(j) + 1];
            again.insert(again.end(), tier.hub_members.begin() + b, tier.hub_members.begin() + e);
        }
        std::sort(again.begin(), again.end());
        if (!again.empty()) {
            std::vector<Point> queries;
            queries.reserve(again.size());
            for (const auto i : again) queries.push_back(pieces.points[static_cast<std::size_t>(i)]);
            std::vector<std::int32_t> local;
            std::vector<double> cost;
            index::NearestPoint(hub_points).nearest_all(queries, local, cost);
            for (std::size_t k = 0; k < again.size(); ++k) set(again[k], local[k], cost[k]);
        }
        std::size_t revisited = again.size();
        // Hubs at a new place: residents that may now be nearer to them than to their present hub.
        const ResidentGrid& g = tier.grid;
        for (const auto k : arrived) {
            const Point& p = hub_points[static_cast<std::size_t>(k)];
            for (std::int32_t cy = 0; cy < g.ny; ++cy) {
                const double ylo = g.y0 + cy * g.cell, yhi = ylo + g.cell;
                const double dy = p.y() < ylo ? ylo - p.y() : (p.y() > yhi ? p.y() - yhi : 0.0);
                for (std::int32_t cx = 0; cx < g.nx; ++cx) {
                    const auto c = static_cast<std::size_t>(cy) * static_cast<std::size_t>(g.nx) + static_cast<std::size_t>(cx);
                    if (g.first[c] == g.first[c + 1]) continue;
                    const double xlo = g.x0 + cx * g.cell, xhi = xlo + g.cell;
                    const double dx = p.x() < xlo ? xlo - p.x() : (p.x() > xhi ? p.x() - xhi : 0.0);
                    // A little slack: the cell bounds are rounded; a resident is compared exactly below.
                    if (std::sqrt(dx * dx + dy * dy) > g.max_cost[c] * (1 + 1e-9) + 1e-6) continue;
                    for (std::uint32_t m = g.first[c]; m < g.first[c + 1]; ++m) {
                        const std::int32_t i = g.members[m];
                        const Point& q = pieces.points[static_cast<std::size_t>(i)];
                        ++revisited;
                        std::int32_t cur;
                        if (is_changed[static_cast<std::size_t>(i)]) {
                            cur = new_hub[static_cast<std::size_t>(i)];
                        } else {
                            const auto base = tier.base_local[static_cast<std::size_t>(i)];
                            cur = base < 0 ? -1 : new_local[static_cast<std::size_t>(ti.hubs[static_cast<std::size_t>(base)])];
                        }
                        const double dn = d2(p, q);
                        bool take = cur < 0;
                        if (!take) {
                            const double dc = d2(hub_points[static_cast<std::size_t>(cur)], q);
                            take = dn < dc || (dn == dc && k < cur);
                        }
                        if (take) set(i, k, std::sqrt(dn));
                    }
                }
            }
        }
        out.recompute = "incremental";
        out.revisited = revisited;
        for (const auto i : changed) {
            const auto k = static_cast<std::size_t>(i);
            const auto u = res.unit[k];
            if (u >= 0 && !(new_cost[k] == res.cost[k])) unit_touched[static_cast<std::size_t>(u)] = 1;
        }
        for (std::size_t u = 0; u < ti.units.size(); ++u) {
            if (!unit_touched[u]) {
                out.units.push_back(m_base[t].units[u]);
                continue;
            }
            out.changed_units.push_back(static_cast<std::int32_t>(u));
            const std::int32_t* b = tier.unit_members.data() + tier.unit_first[u];
            const std::int32_t* e = tier.unit_members.data() + tier.unit_first[u + 1];
            out.units.push_back(sum_members(pieces, b, e, ti.reach, [&](std::size_t i) { return is_changed[i] ? new_cost[i] : res.cost[i]; }));
        }
    }
    for (const auto& u : out.units) {
        out.people += u.people;
        out.beyond_reach += u.beyond_reach;
    }
    return out;
}

}  // namespace keniki::serve
