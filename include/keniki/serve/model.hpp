#pragma once
// `keniki serve`'s model: a plan read and run once, kept in memory, and scenarios (hubs moved, added,
// removed) recomputed against it. Read-only after construction: any number of threads may call
// compute() at once; each works on its own copy of what its scenario changes.
//
// Recomputation, per tier whose hubs change:
// - straight-line tiers, incrementally and exactly: the residents of a removed or moved hub look for
//   their nearest hub again among the scenario's hubs (index::NearestPoint, as run_model does); for
//   each hub at a new place (moved or added) only the residents of the grid cells it can be nearer to
//   than their present hub (cell distance <= the cell's largest present cost) are compared with it.
//   Ties go to the hub first in the tier's hub list, as in run_model. Only the units with a resident
//   whose hub or cost changed are summed again.
// - road-network tiers: the whole tier again (NetworkCost::nearest for every resident, serialised by a
//   mutex per tier since a network cost model keeps its last report); this is the documented fallback.
// Unit figures follow the rules of the batch run (analysis::detail::sum_units): the same sums in the
// same order, beyond reach when !(cost <= reach), analysis::weighted_cost_stats for the cost figures.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/hub_edits.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/access_run.hpp"
#include "keniki/pipeline/model_inputs.hpp"
#include "keniki/pipeline/run.hpp"
#include "keniki/project/plan.hpp"

namespace keniki::serve {

/// The figures of one unit the API returns.
struct UnitFigures {
    analysis::PeopleCount people;
    analysis::PeopleCount beyond_reach;
    analysis::CostStats cost;
};

struct TierFigures {
    std::vector<UnitFigures> units;   ///< in the tier's unit order
    analysis::PeopleCount people;     ///< sum over the units
    analysis::PeopleCount beyond_reach;
    std::vector<std::int32_t> changed_units;  ///< units whose figures were summed again
    std::string recompute;            ///< "unchanged", "incremental", "full (road network)"
    std::size_t revisited = 0;        ///< residents (pieces) whose nearest hub was looked at again
};

/// Transport-poor zones with stop layers switched off: analysis::classify_transport again with the
/// remaining stops (a full reclassification, serialised by a mutex: the documented fallback for stops).
struct TransportFigures {
    std::vector<std::vector<analysis::ClassFigures>> units;  ///< [tier][unit]
    analysis::ClassFigures study;
    std::string recompute;  ///< "unchanged" or "full"
};

/// Stops switched off or added ([[scenarios]] remove_stops, remove_stop_ids, add_stop_points).
struct StopEdits {
    std::vector<std::string> remove_layers;  ///< [[transport.stops]] layer ids
    std::vector<std::string> remove_ids;     ///< single stops by id
    std::vector<analysis::Stop> add;         ///< in the working CRS (pipeline::added_stop)
    std::vector<std::string> remove_routes;  ///< GTFS routes off: route id, short or long name ([[scenarios]] remove_routes)
    std::vector<std::string> remove_feeds;   ///< GTFS feeds off: resolved paths of [transport].gtfs ([[scenarios]] remove_gtfs)
    bool empty() const { return remove_layers.empty() && remove_ids.empty() && add.empty() && remove_routes.empty() && remove_feeds.empty(); }
};

/// An [[access]] index on the scenario's hubs (pipeline/access_run.hpp's rule, as `keniki run`'s
/// hub scenarios), recomputed by columns. The plan's (resident, hub) pairs are kept for every hub that
/// stays where it was; the index's cost model finds the pairs of hubs at a new place only (with a
/// straight-line catchment, only among the residents of grid cells within the catchment of it).
/// Step 1 (each hub's demand and ratio) is summed again only for the new columns: a kept column has
/// the same pairs and so the same demand. Step 2 (a resident's score) is summed again only for the
/// residents with a pair to a changed column (gone, new, or its supply changed), and the unit means
/// only for the units of those residents; every other figure is the plan's. The sums run in the
/// order analysis::access_scores and unit_access run them, so the figures are the same to the last bit
/// as a whole recomputation's (and keniki run's).
struct AccessFigures {
    std::shared_ptr<const report::AccessOutcome> outcome;  ///< the plan's own when unchanged
    report::StudyAccess study;      ///< whole-area figures
    std::string recompute;          ///< "unchanged" or "incremental"
    std::size_t new_columns = 0;    ///< hubs whose pairs were searched (moved or added)
    std::size_t searched = 0;       ///< residents those hubs were compared with (straight line: only those near them)
    std::size_t rescored = 0;       ///< residents whose score was summed again
    std::vector<std::string> notes; ///< assumed supplies of new hubs
};

struct ScenarioResult {
    analysis::HubSet hubs;
    std::vector<TierFigures> tiers;
    std::optional<TransportFigures> transport;  ///< when the plan has [transport]
    std::vector<AccessFigures> access;          ///< per [[access]] index, in plan order
};

/// Where each resident of a tier stands in a grid over the residents (straight-line tiers).
struct ResidentGrid {
    double x0 = 0, y0 = 0, cell = 1;
    std::int32_t nx = 0, ny = 0;
    std::vector<std::uint32_t> first;    ///< nx * ny + 1 entries: pieces of cell c are members[first[c] .. first[c + 1])
    std::vector<std::int32_t> members;   ///< piece indices, ascending within a cell
    std::vector<double> max_cost;        ///< per cell: the largest present cost of its pieces
};

/// A route of the plan's GTFS feeds, for the page's switches.
struct FeedRoute {
    std::string id, short_name, long_name;
};
struct FeedInfo {
    std::string path;  ///< as resolved in the plan ([transport].gtfs)
    std::string file;  ///< its file or folder name
    std::vector<FeedRoute> routes;
};

class Model {
public:
    /// Reads the plan's inputs and runs it once (pipeline::load_inputs and run).
    explicit Model(const project::Plan& plan);

    const project::Plan& plan() const { return m_plan; }
    const pipeline::ModelInputs& inputs() const { return m_inputs; }
    const pipeline::Results& results() const { return m_results; }
    const analysis::ModelResult& base() const { return m_results.model; }
    /// The plan's own figures (no edit).
    const std::vector<TierFigures>& base_figures() const { return m_base; }
    /// Index of the tier with this id, or -1.
    std::int32_t tier_index(const std::string& id) const;
    /// Whether the tier's cost is the straight line (incremental recomputation).
    bool straight(std::size_t tier) const { return m_tiers[tier].straight; }
    /// The plan's [[access]] indices as the run computed them.
    const report::AccessOutcome& base_access(std::size_t k) const { return *m_access[k].outcome; }
    const report::StudyAccess& base_access_study(std::size_t k) const { return m_access[k].study; }
    /// The plan's GTFS feeds and their routes (empty without [transport].gtfs).
    const std::vector<FeedInfo>& feeds() const { return m_feeds; }

    /// The figures with the edits applied. Throws DataError (apply_hub_edits) for edits that name no
    /// hub, and the like.
    /// `stops`: stop layers off, single stops removed or added (transport reclassified, see TransportFigures).
    ScenarioResult compute(const analysis::HubEdits& edits, const StopEdits& stops = {}) const;

    /// WGS84 -> working CRS and back. Transformers (PROJ objects serve one thread at a time, and making
    /// one reads PROJ's database: ~10 ms) are kept in a pool: a request takes one and gives it back, so
    /// a new connection on one of the server's 64 threads does not make its own.
    Point to_working(double lon, double lat) const;
    Point to_wgs84(const Point& working) const;
    /// Whether a working-CRS point lies in the study area.
    bool in_study_area(const Point& working) const;

private:
    struct Tier {
        bool straight = false;
        std::vector<std::int32_t> unit_first, unit_members;  ///< pieces per unit (CSR, ascending)
        std::vector<std::int32_t> hub_first, hub_members;    ///< pieces per hub (local index, CSR)
        std::vector<std::int32_t> base_local;                ///< per piece: local index of its nearest hub (-1: none)
        ResidentGrid grid;
        std::vector<std::int32_t> resident_first, resident_pieces;  ///< pieces per ModelInput resident (CSR, ascending)
        std::unique_ptr<std::mutex> network_mutex;
    };

    struct Access {
        pipeline::AccessHubs hubs;      ///< the plan's
        analysis::CostTable table;      ///< the plan's pairs within the catchment
        std::vector<std::uint32_t> column_first;    ///< per hub (column): its residents are column_residents[column_first[j] ..)
        std::vector<std::int32_t> column_residents; ///< ascending within a column
        std::shared_ptr<const report::AccessOutcome> outcome;
        report::StudyAccess study;          ///< the plan's whole-area figures
        bool straight = false;              ///< straight-line catchment: new hubs search only the residents near them
        ResidentGrid grid;                  ///< over the residents (straight-line catchments)
        std::unique_ptr<std::mutex> mutex;  ///< cost models keep a last report
    };

    TierFigures compute_tier(std::size_t t, const analysis::HubSet& hubs) const;
    AccessFigures compute_access(std::size_t k, const analysis::HubSet& hubs, const analysis::HubEdits& edits) const;

    project::Plan m_plan;
    pipeline::ModelInputs m_inputs;
    pipeline::Results m_results;
    std::vector<Tier> m_tiers;
    std::vector<TierFigures> m_base;
    std::vector<FeedInfo> m_feeds;
    std::vector<Access> m_access;
    std::unique_ptr<std::mutex> m_transport_mutex = std::make_unique<std::mutex>();
    std::unique_ptr<crs::Transformer> take_transformer() const;
    void give_back(std::unique_ptr<crs::Transformer> t) const;
    mutable std::vector<std::unique_ptr<crs::Transformer>> m_transformers;
    std::unique_ptr<std::mutex> m_transformers_mutex = std::make_unique<std::mutex>();
};

}  // namespace keniki::serve
