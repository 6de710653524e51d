#include "keniki/report/output_layers.hpp"

#include "keniki/geom/overlay.hpp"

#include <cmath>

namespace keniki::report {

namespace {

using analysis::ModelInput;
using analysis::ModelResult;
using analysis::TierResult;

/// Builds a layer row by row with typed columns declared once.
class LayerBuilder {
public:
    LayerBuilder(std::string name, std::string crs) {
        m_layer.name = std::move(name);
        m_layer.crs = std::move(crs);
    }
    LayerBuilder& column(const std::string& name, FieldType type) {
        m_layer.fields.push_back(Field{name, type});
        return *this;
    }
    Feature& row(Geometry g) {
        Feature f;
        f.id = static_cast<std::int64_t>(m_layer.features.size()) + 1;
        f.geometry = std::move(g);
        f.values.resize(m_layer.fields.size());
        m_layer.features.push_back(std::move(f));
        m_col = 0;
        return m_layer.features.back();
    }
    /// Sets the next column of the current row; NaN and infinity become null.
    LayerBuilder& set(Value v) {
        if (const auto* d = std::get_if<double>(&v); d && !std::isfinite(*d)) v = std::monostate{};
        m_layer.features.back().values[m_col++] = std::move(v);
        return *this;
    }
    Layer take() { return std::move(m_layer); }

private:
    Layer m_layer;
    std::size_t m_col = 0;
};

double round_to(double v, double step) { return std::isfinite(v) ? std::round(v / step) * step : v; }
double share(double part, double whole) { return whole > 0 ? part / whole : NAN; }

std::string cost_prefix(const TierResult& t) { return t.cost_unit == analysis::CostUnit::metres ? "dist" : "time"; }
std::string unit_of(const TierResult& t) { return std::string(analysis::unit_symbol(t.cost_unit)); }

Layer units_layer(const ModelInput& in, const ModelResult& r, std::size_t t, const std::string& crs) {
    const TierResult& tier = r.tiers[t];
    const std::string p = cost_prefix(tier), u = "_" + unit_of(tier);
    LayerBuilder b("units_" + tier.id, crs);
    b.column("tier", FieldType::text).column("unit_id", FieldType::text).column("unit_name", FieldType::text)
        .column("parent_id", FieldType::text).column("parent_overlap_share", FieldType::real).column("area_km2", FieldType::real)
        .column("pop_total", FieldType::real).column("pop_65plus", FieldType::real).column("pop_75plus", FieldType::real)
        .column("share_65plus", FieldType::real).column("share_75plus", FieldType::real)
        .column("hubs_n", FieldType::integer).column("hub_ids", FieldType::text)
        .column(p + "_mean" + u, FieldType::real).column(p + "_median" + u, FieldType::real).column(p + "_p90" + u, FieldType::real)
        .column(p + "_max" + u, FieldType::real).column("reach" + u, FieldType::real)
        .column("beyond_reach_total", FieldType::real).column("beyond_reach_65plus", FieldType::real)
        .column("beyond_reach_75plus", FieldType::real).column("beyond_reach_share", FieldType::real)
        .column("beyond_reach_65plus_share", FieldType::real).column("gap_area_km2", FieldType::real)
        .column("nearest_hub_elsewhere_total", FieldType::real).column("nearest_hub_elsewhere_units", FieldType::text);
    for (std::size_t i = 0; i < tier.units.size(); ++i) {
        const auto& unit = tier.units[i];
        b.row(Geometry{in.tiers[t].units[i].geometry});
        std::string hub_ids;
        for (const auto h : unit.hubs_inside) hub_ids += (hub_ids.empty() ? "" : ";") + in.facilities[static_cast<std::size_t>(h)].id;
        std::string elsewhere;
        for (const auto& [other, people] : unit.nearest_hub_elsewhere_by_unit) {
            const std::string name = other < 0 ? "(outside all units)" : tier.units[static_cast<std::size_t>(other)].id;
            elsewhere += (elsewhere.empty() ? "" : ";") + name + ":" + std::to_string(static_cast<long long>(std::llround(people)));
        }
        const bool parent = unit.parent >= 0 && t > 0;
        b.set(tier.id).set(unit.id).set(unit.name)
            .set(parent ? Value{r.tiers[t - 1].units[static_cast<std::size_t>(unit.parent)].id} : Value{})
            .set(t > 0 ? Value{round_to(unit.parent_overlap_share, 1e-6)} : Value{})
            .set(round_to(unit.area_m2 / 1e6, 1e-6))
            .set(unit.people.total).set(unit.people.age65).set(unit.people.age75)
            .set(round_to(share(unit.people.age65, unit.people.total), 1e-6)).set(round_to(share(unit.people.age75, unit.people.total), 1e-6))
            .set(static_cast<std::int64_t>(unit.hubs_inside.size())).set(hub_ids)
            .set(unit.cost.defined ? Value{round_to(unit.cost.mean, 0.1)} : Value{})
            .set(unit.cost.defined ? Value{round_to(unit.cost.median, 0.1)} : Value{})
            .set(unit.cost.defined ? Value{round_to(unit.cost.p90, 0.1)} : Value{})
            .set(unit.cost.defined ? Value{round_to(unit.cost.max, 0.1)} : Value{})
            .set(tier.reach)
            .set(unit.beyond_reach.total).set(unit.beyond_reach.age65).set(unit.beyond_reach.age75)
            .set(round_to(share(unit.beyond_reach.total, unit.people.total), 1e-6))
            .set(round_to(share(unit.beyond_reach.age65, unit.people.age65), 1e-6))
            .set(round_to(unit.gap_area_m2 / 1e6, 1e-6))
            .set(unit.nearest_hub_elsewhere.total).set(elsewhere);
    }
    return b.take();
}

Layer service_area_layer(const ModelResult& r, std::size_t t, const std::string& crs) {
    const TierResult& tier = r.tiers[t];
    LayerBuilder b("service_area_" + tier.id, crs);
    b.column("tier", FieldType::text).column("cost", FieldType::text).column("reach_" + unit_of(tier), FieldType::real)
        .column("area_km2", FieldType::real);
    b.row(Geometry{tier.service_area});
    const double a = geom::area(tier.service_area);
    b.set(tier.id).set(tier.cost_description).set(tier.reach).set(round_to(a / 1e6, 1e-6));
    return b.take();
}

Layer gaps_layer(const ModelResult& r, std::size_t t, const std::string& crs) {
    const TierResult& tier = r.tiers[t];
    LayerBuilder b("gaps_" + tier.id, crs);
    b.column("tier", FieldType::text).column("unit_id", FieldType::text).column("unit_name", FieldType::text)
        .column("gap_area_km2", FieldType::real).column("beyond_reach_total", FieldType::real)
        .column("beyond_reach_65plus", FieldType::real).column("beyond_reach_75plus", FieldType::real);
    for (const auto& unit : tier.units) {
        if (unit.gap.empty()) continue;
        b.row(Geometry{unit.gap});
        b.set(tier.id).set(unit.id).set(unit.name).set(round_to(unit.gap_area_m2 / 1e6, 1e-6))
            .set(unit.beyond_reach.total).set(unit.beyond_reach.age65).set(unit.beyond_reach.age75);
    }
    return b.take();
}

Value unit_id_of(const TierResult& tier, std::int32_t u) {
    return u < 0 ? Value{} : Value{tier.units[static_cast<std::size_t>(u)].id};
}

/// Every hub of the tier at its place with its catchment (担当): the residents in a unit whose nearest
/// hub it is, those of them within reach, and their cost. Over the rows, nearest_pop_total adds up to
/// the units' people less those with no hub, within_reach_pop_total to the units' people less beyond_reach.
Layer hub_figures_layer(const ModelInput& in, const ModelResult& r, std::size_t t, const std::string& crs) {
    const TierResult& tier = r.tiers[t];
    const std::string p = cost_prefix(tier), u = "_" + unit_of(tier);
    LayerBuilder b("hubs_" + tier.id, crs);
    b.column("tier", FieldType::text).column("hub_id", FieldType::text).column("hub_name", FieldType::text).column("kind", FieldType::text)
        .column("unit_id", FieldType::text).column("unit_name", FieldType::text)
        .column("nearest_pop_total", FieldType::real).column("nearest_pop_65plus", FieldType::real).column("nearest_pop_75plus", FieldType::real)
        .column("within_reach_pop_total", FieldType::real).column("within_reach_pop_65plus", FieldType::real)
        .column("within_reach_pop_75plus", FieldType::real).column("within_reach_share", FieldType::real)
        .column(p + "_mean" + u, FieldType::real).column(p + "_max" + u, FieldType::real).column("reach" + u, FieldType::real);
    for (const auto& hub : tier.hubs) {
        const auto& f = in.facilities[static_cast<std::size_t>(hub.facility)];
        b.row(Geometry{f.location});
        b.set(tier.id).set(f.id).set(f.name).set(f.kind).set(unit_id_of(tier, hub.unit))
            .set(hub.unit < 0 ? Value{} : Value{tier.units[static_cast<std::size_t>(hub.unit)].name})
            .set(hub.nearest.total).set(hub.nearest.age65).set(hub.nearest.age75)
            .set(hub.within_reach.total).set(hub.within_reach.age65).set(hub.within_reach.age75)
            .set(round_to(share(hub.within_reach.total, hub.nearest.total), 1e-6))
            .set(hub.cost_defined ? Value{round_to(hub.mean_cost, 0.1)} : Value{})
            .set(hub.cost_defined ? Value{round_to(hub.max_cost, 0.1)} : Value{})
            .set(tier.reach);
    }
    return b.take();
}

Value hub_id_of(const ModelInput& in, std::int32_t h) {
    return h < 0 ? Value{} : Value{in.facilities[static_cast<std::size_t>(h)].id};
}

std::vector<Layer> residents_layers(const ModelInput& in, const ModelResult& r, const std::string& crs) {
    std::vector<Layer> out;
    if (!in.residents.area_weighted) {
        LayerBuilder b("residents", crs);
        b.column("source_id", FieldType::integer).column("label", FieldType::text).column("pop_total", FieldType::real)
            .column("pop_65plus", FieldType::real).column("pop_75plus", FieldType::real);
        for (const auto& tier : r.tiers) {
            const std::string p = cost_prefix(tier);
            b.column("unit_" + tier.id, FieldType::text).column("hub_" + tier.id, FieldType::text)
                .column(p + "_" + tier.id + "_" + unit_of(tier), FieldType::real).column("beyond_reach_" + tier.id, FieldType::integer);
        }
        for (std::size_t i = 0; i < in.residents.size(); ++i) {
            b.row(Geometry{in.residents.points[i]});
            b.set(in.residents.source_id[i]).set(i < in.residents.labels.size() ? Value{in.residents.labels[i]} : Value{}).set(in.residents.population[i]).set(in.residents.age65[i]).set(in.residents.age75[i]);
            for (const auto& tier : r.tiers) {
                const auto& res = tier.residents;
                b.set(unit_id_of(tier, res.unit[i])).set(hub_id_of(in, res.hub[i])).set(round_to(res.cost[i], 0.1))
                    .set(static_cast<std::int64_t>(!(res.cost[i] <= tier.reach)));
            }
        }
        out.push_back(b.take());
        return out;
    }
    for (const auto& tier : r.tiers) {
        const std::string p = cost_prefix(tier);
        LayerBuilder b("residents_" + tier.id, crs);
        b.column("source_id", FieldType::integer).column("unit_id", FieldType::text).column("pop_total", FieldType::real)
            .column("pop_65plus", FieldType::real).column("pop_75plus", FieldType::real).column("hub_id", FieldType::text)
            .column(p + "_" + unit_of(tier), FieldType::real).column("beyond_reach", FieldType::integer);
        const auto& res = tier.residents;
        const auto& pieces = *res.pieces;
        for (std::size_t i = 0; i < res.size(); ++i) {
            b.row(Geometry{pieces.points[i]});
            b.set(in.residents.source_id[static_cast<std::size_t>(pieces.resident[i])]).set(unit_id_of(tier, res.unit[i]))
                .set(pieces.population[i]).set(pieces.age65[i]).set(pieces.age75[i]).set(hub_id_of(in, res.hub[i]))
                .set(round_to(res.cost[i], 0.1)).set(static_cast<std::int64_t>(!(res.cost[i] <= tier.reach)));
        }
        out.push_back(b.take());
    }
    return out;
}

Layer hubs_layer(const ModelInput& in, const ModelResult& r, const std::string& crs) {
    LayerBuilder b("hubs", crs);
    b.column("hub_id", FieldType::text).column("name", FieldType::text).column("kind", FieldType::text).column("source", FieldType::text)
        .column("hub_of_tiers", FieldType::text);
    // The tiers each facility is a hub of, in one pass over the tiers' hub lists (a scan of every
    // tier's hubs per facility was quadratic: 200,000 hubs took most of a minute here).
    std::vector<std::string> tiers_of(in.facilities.size());
    for (std::size_t t = 0; t < in.tiers.size(); ++t) {
        for (const auto hub : in.tiers[t].hubs) {
            std::string& tiers = tiers_of[static_cast<std::size_t>(hub)];
            tiers += (tiers.empty() ? "" : ";") + r.tiers[t].id;
        }
    }
    for (std::size_t h = 0; h < in.facilities.size(); ++h) {
        const auto& f = in.facilities[h];
        b.row(Geometry{f.location});
        b.set(f.id).set(f.name).set(f.kind).set(f.source).set(tiers_of[h]);
    }
    return b.take();
}

}  // namespace

std::vector<const Layer*> OutputLayers::all() const {
    std::vector<const Layer*> out;
    for (const auto* group : {&units, &service_areas, &gaps, &hub_figures, &residents, &extra, &sites})
        for (const auto& l : *group) out.push_back(&l);
    out.push_back(&hubs);
    return out;
}

std::vector<const Layer*> OutputLayers::tables() const {
    std::vector<const Layer*> out;
    for (const auto* group : {&units, &hub_figures, &sites})
        for (const auto& l : *group) out.push_back(&l);
    return out;
}

OutputLayers build_output_layers(const ModelInput& input, const ModelResult& result, const std::string& working_crs,
                                 const LayerOptions& options) {
    OutputLayers out;
    for (std::size_t t = 0; t < result.tiers.size(); ++t) {
        out.units.push_back(units_layer(input, result, t, working_crs));
        out.service_areas.push_back(service_area_layer(result, t, working_crs));
        out.gaps.push_back(gaps_layer(result, t, working_crs));
        out.hub_figures.push_back(hub_figures_layer(input, result, t, working_crs));
    }
    if (options.residents) out.residents = residents_layers(input, result, working_crs);
    out.hubs = hubs_layer(input, result, working_crs);
    return out;
}

}  // namespace keniki::report
