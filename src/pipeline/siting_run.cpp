#include "keniki/pipeline/siting_run.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "keniki/core/bounds.hpp"
#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/index/polygon_index.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/project/read_options.hpp"
#include "keniki/siting/siting.hpp"

namespace keniki::pipeline {

namespace {

struct Candidates {
    std::vector<Point> points;
    std::vector<std::string> ids, names;
    std::string from;
};

std::string thousands(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string s = buf, out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i && (s.size() - i) % 3 == 0 && s[i - 1] != '-') out += ',';
        out += s[i];
    }
    return out;
}

Candidates grid_candidates(const MultiPolygon& study, double spacing) {
    Candidates c;
    const Box box = bounds_of(study);
    const double x0 = std::floor(box.min_corner().x() / spacing) * spacing, y0 = std::floor(box.min_corner().y() / spacing) * spacing;
    const auto cols = static_cast<std::size_t>(std::ceil((box.max_corner().x() - x0) / spacing));
    const auto rows = static_cast<std::size_t>(std::ceil((box.max_corner().y() - y0) / spacing));
    if (static_cast<double>(cols) * static_cast<double>(rows) > 4e6)
        throw UsageError("keniki site: a " + std::to_string(static_cast<int>(spacing)) + " m grid over the study area has " +
                         thousands(static_cast<double>(cols) * static_cast<double>(rows)) + " cells: give a larger --candidate-grid");
    const std::vector<MultiPolygon> study_parts{study};  // the index keeps a view of its polygons
    const index::PolygonIndex inside(study_parts, 0);
    std::vector<Point> centres;
    std::vector<std::pair<std::size_t, std::size_t>> cell;
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t k = 0; k < cols; ++k) {
            centres.push_back(Point{x0 + (static_cast<double>(k) + 0.5) * spacing, y0 + (static_cast<double>(r) + 0.5) * spacing});
            cell.emplace_back(k, r);
        }
    const std::vector<std::int32_t> where = inside.locate_all(centres);
    for (std::size_t i = 0; i < centres.size(); ++i) {
        if (where[i] < 0) continue;
        c.points.push_back(centres[i]);
        c.ids.push_back("G" + std::to_string(cell[i].first) + "_" + std::to_string(cell[i].second));
        c.names.push_back(c.ids.back());
    }
    char buf[128];
    std::snprintf(buf, sizeof buf, "grid of %g m: %s cell centres in the study area", spacing, thousands(static_cast<double>(c.points.size())).c_str());
    c.from = buf;
    return c;
}

Candidates layer_candidates(const project::LayerRef& ref, const std::string& name_field, const std::string& working_crs) {
    io::ReadOptions o = project::read_options(ref);
    o.require_geometry = true;
    Layer layer = io::read_layer(ref.path, o);
    if (layer.crs.empty()) throw DataError("the candidates layer declares no CRS; keniki cannot place it", Where{ref.path, layer.name});
    std::optional<std::size_t> name = name_field.empty() ? std::nullopt : layer.field_index(name_field);
    if (!name_field.empty() && !name) throw UsageError("keniki site: the candidates layer has no field '" + name_field + "'", Where{ref.path, layer.name, {}, name_field});
    if (!name) name = layer.field_index("name");
    if (!name) name = layer.field_index("名称");
    const crs::Transformer to_working(layer.crs, working_crs);
    Candidates c;
    std::size_t skipped = 0;
    for (auto& f : layer.features) {
        const std::optional<Point> place = geom::place_of(f.geometry);
        if (!place) {
            ++skipped;
            continue;
        }
        const Point at = *place;
        c.points.push_back(to_working.forward(at));
        c.ids.push_back("C" + std::to_string(f.id));
        c.names.push_back(name ? as_text(f.values[*name]) : c.ids.back());
    }
    if (c.points.empty()) throw DataError("the candidates layer has no point or polygon to place a site at", Where{ref.path, layer.name});
    c.from = ref.path + " (" + thousands(static_cast<double>(c.points.size())) + " candidates" +
             (skipped ? ", " + std::to_string(skipped) + " features without a location skipped" : std::string()) + ")";
    return c;
}

double group_of(const analysis::Residents& r, std::size_t i, const std::string& demand) {
    return demand == "pop_65plus" ? r.age65[i] : demand == "pop_75plus" ? r.age75[i] : r.population[i];
}

}  // namespace

report::SitingOutcome run_siting(const project::Plan& plan, ModelInputs& inputs, const analysis::ModelResult& model, const SitingRequest& rq,
                                 Progress& progress) {
    report::SitingOutcome out;
    std::optional<std::size_t> tier_index;
    std::string tier_ids;
    for (std::size_t t = 0; t < plan.tiers.size(); ++t) {
        if (plan.tiers[t].id == rq.tier) tier_index = t;
        tier_ids += (tier_ids.empty() ? "" : ", ") + plan.tiers[t].id;
    }
    if (!tier_index) throw UsageError("keniki site: --tier " + rq.tier + " is not a tier of the plan (" + tier_ids + ")");
    out.tier = *tier_index;
    const analysis::TierInput& tier = inputs.input.tiers[out.tier];
    out.objective = rq.objective;
    out.demand = rq.demand;
    out.hub_kind = plan.tiers[out.tier].hub_kinds.empty() ? std::string("new_site") : plan.tiers[out.tier].hub_kinds.front();
    char reach[160];
    std::snprintf(reach, sizeof reach, "%g %s, %s", tier.reach, std::string(analysis::unit_symbol(tier.cost->unit())).c_str(), tier.cost->describe().c_str());
    out.reach = reach;

    // Candidates.
    Candidates cand = rq.candidates ? layer_candidates(*rq.candidates, rq.candidate_name_field, inputs.working_crs)
                                    : grid_candidates(inputs.input.study_area, rq.grid_m);
    out.candidates = cand.from;
    out.candidate_count = cand.points.size();
    if (rq.objective != "cover_all" && rq.add > cand.points.size())
        throw UsageError("keniki site: --add " + std::to_string(rq.add) + " but there are only " + std::to_string(cand.points.size()) + " candidates");

    // Demand points: every resident, or cells of them.
    const analysis::Residents& res = inputs.input.residents;
    std::vector<Point> points;
    std::vector<std::uint32_t> point_of(res.size());
    if (rq.demand_cell_m > 0) {
        std::map<std::pair<long long, long long>, std::uint32_t> cell_of;
        std::vector<double> wx, wy, ww;
        std::vector<std::size_t> n;
        for (std::size_t i = 0; i < res.size(); ++i) {
            const auto key = std::make_pair(static_cast<long long>(std::floor(res.points[i].x() / rq.demand_cell_m)),
                                            static_cast<long long>(std::floor(res.points[i].y() / rq.demand_cell_m)));
            auto [it, fresh] = cell_of.emplace(key, static_cast<std::uint32_t>(ww.size()));
            if (fresh) {
                wx.push_back(0);
                wy.push_back(0);
                ww.push_back(0);
                n.push_back(0);
            }
            const std::uint32_t c = it->second;
            const double w = std::max(res.population[i], 1e-9);
            wx[c] += w * res.points[i].x();
            wy[c] += w * res.points[i].y();
            ww[c] += w;
            ++n[c];
            point_of[i] = c;
        }
        for (std::size_t c = 0; c < ww.size(); ++c) points.push_back(Point{wx[c] / ww[c], wy[c] / ww[c]});
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s cells of %g m (%s residents, each cell at its people's mean position)", thousands(static_cast<double>(points.size())).c_str(),
                      rq.demand_cell_m, thousands(static_cast<double>(res.size())).c_str());
        out.demand_points = buf;
    } else {
        points = res.points;
        for (std::size_t i = 0; i < res.size(); ++i) point_of[i] = static_cast<std::uint32_t>(i);
        out.demand_points = thousands(static_cast<double>(res.size())) + " residents, each at its own point";
    }

    // Sites: the candidates, then the tier's hubs (fixed); the pairs within the tier's reach.
    if (rq.free_existing) {
        for (const auto h : tier.hubs) {
            const auto& f = inputs.input.facilities[static_cast<std::size_t>(h)];
            cand.points.push_back(f.location);
            cand.ids.push_back(f.id);
            cand.names.push_back(f.name + " (existing)");
        }
        out.candidates += " + the tier's " + std::to_string(tier.hubs.size()) + " existing hubs, free to move";
        out.candidate_count = cand.points.size();
    }
    std::vector<Point> sites = cand.points;
    if (!rq.free_existing)
        for (const auto h : tier.hubs) sites.push_back(inputs.input.facilities[static_cast<std::size_t>(h)].location);
    progress.note("siting: pairs within " + out.reach + " between " + thousands(static_cast<double>(points.size())) + " demand points and " +
                  thousands(static_cast<double>(sites.size())) + " sites");
    const analysis::CostTable table = tier.cost->within(points, sites, tier.reach);
    siting::Problem problem;
    problem.demand.assign(points.size(), 0.0);
    for (std::size_t i = 0; i < res.size(); ++i) problem.demand[point_of[i]] += group_of(res, i, rq.demand);
    problem.candidates = cand.points.size();
    problem.fixed = rq.free_existing ? 0 : tier.hubs.size();
    problem.first = table.first;
    problem.site = table.hub;
    problem.cost = table.cost;
    problem.reach = tier.reach;
    siting::Options so;
    so.add = rq.add + (rq.free_existing ? tier.hubs.size() : 0);
    so.objective = rq.objective == "distance" ? siting::Objective::distance : rq.objective == "equity" ? siting::Objective::equity : siting::Objective::coverage;
    so.method = rq.method == "exact" ? siting::Method::exact : rq.method == "heuristic" ? siting::Method::heuristic : siting::Method::automatic;
    so.time_limit_s = rq.time_limit_s;
    progress.note("siting: " + rq.objective + ", " + std::to_string(cand.points.size()) + " candidates");
    const siting::Solution sol = rq.objective == "cover_all" ? siting::cover_all(problem, so) : siting::solve(problem, so);
    out.method = sol.method;
    out.optimal = sol.optimal;
    out.gap = sol.gap;
    out.objective_value = sol.objective;
    out.bound = sol.bound;

    // What each chosen site adds, in order, for every group; per unit before and after.
    std::vector<char> covered(points.size(), 0), open(sites.size(), 0);
    for (std::size_t j = cand.points.size(); j < sites.size(); ++j) open[j] = 1;  // the fixed hubs
    const auto refresh = [&] {
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (covered[i]) continue;
            for (std::uint32_t k = table.first[i]; k < table.first[i + 1]; ++k)
                if (open[table.hub[k]]) {
                    covered[i] = 1;
                    break;
                }
        }
    };
    const auto people_covered = [&] {
        analysis::PeopleCount p;
        for (std::size_t i = 0; i < res.size(); ++i)
            if (covered[point_of[i]]) p += analysis::PeopleCount{res.population[i], res.age65[i], res.age75[i]};
        return p;
    };
    for (std::size_t i = 0; i < res.size(); ++i) out.total += analysis::PeopleCount{res.population[i], res.age65[i], res.age75[i]};
    if (rq.free_existing)  // "now": the existing hubs where they are (the last candidates)
        for (std::size_t j = cand.points.size() - tier.hubs.size(); j < cand.points.size(); ++j) open[j] = 1;
    refresh();
    out.covered_before = people_covered();
    const auto unit_covered = [&] {
        std::vector<analysis::PeopleCount> u(model.tiers[out.tier].units.size());
        const analysis::TierResidents& tr = model.tiers[out.tier].residents;
        for (std::size_t i = 0; i < tr.size(); ++i) {
            if (tr.unit[i] < 0 || !covered[point_of[static_cast<std::size_t>(tr.pieces->resident[i])]]) continue;
            u[static_cast<std::size_t>(tr.unit[i])] += analysis::PeopleCount{tr.pieces->population[i], tr.pieces->age65[i], tr.pieces->age75[i]};
        }
        return u;
    };
    out.unit_before = unit_covered();
    if (rq.free_existing) {  // the sites are then counted from none at all, in their order
        std::fill(open.begin(), open.end(), 0);
        std::fill(covered.begin(), covered.end(), 0);
    }
    std::vector<Point> chosen_points;
    for (const auto j : sol.chosen) chosen_points.push_back(cand.points[j]);
    std::vector<MultiPolygon> unit_shapes;
    for (const auto& u : tier.units) unit_shapes.push_back(u.geometry);
    const index::PolygonIndex unit_index(unit_shapes, 0);
    const std::vector<std::int32_t> chosen_unit = unit_index.locate_all(chosen_points);
    analysis::PeopleCount before = rq.free_existing ? analysis::PeopleCount{} : out.covered_before;
    for (std::size_t r = 0; r < sol.chosen.size(); ++r) {
        open[sol.chosen[r]] = 1;
        refresh();
        report::ChosenSite c;
        c.rank = r + 1;
        c.id = cand.ids[sol.chosen[r]];
        c.name = cand.names[sol.chosen[r]];
        c.location = cand.points[sol.chosen[r]];
        c.covered_after = people_covered();
        c.gained = analysis::PeopleCount{c.covered_after.total - before.total, c.covered_after.age65 - before.age65, c.covered_after.age75 - before.age75};
        c.unit = chosen_unit[r];
        before = c.covered_after;
        out.chosen.push_back(std::move(c));
    }
    out.covered_after = people_covered();
    out.unit_after = unit_covered();
    return out;
}

}  // namespace keniki::pipeline
