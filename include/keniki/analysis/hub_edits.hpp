#pragma once
// Hubs moved, added or removed: the one rule `keniki run` (a [[scenarios]] entry with move_hubs,
// add_hubs, remove_hubs) and `keniki serve` (a planner dragging a hub) both follow, so that they
// give the same figures for the same edits.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"

namespace keniki::analysis {

/// Edits of a model's hubs, in the working CRS. Hubs are named by facility id.
struct HubEdits {
    struct Move {
        std::string hub;
        Point to;
    };
    struct Add {
        std::string id, name, kind;
        std::string tier;  ///< the tier (by id) whose hub it becomes
        Point at;
        std::optional<double> supply;  ///< for the [[access]] indices it joins (pipeline::access_hubs)
    };
    std::vector<std::string> remove;
    std::vector<Move> move;
    std::vector<Add> add;
    bool empty() const { return remove.empty() && move.empty() && add.empty(); }
};

/// The facilities and each tier's hubs after the edits.
struct HubSet {
    std::vector<Facility> facilities;                ///< the model's, moved ones at their new place, added ones appended
    std::vector<std::vector<std::int32_t>> tier_hubs;  ///< per tier: indices into `facilities`
};

/// Applies the edits to the model's hubs:
/// - remove: the facility is a hub of no tier any more (it stays in `facilities`, so that every other
///   index is unchanged);
/// - move: the facility stands at its new place, in every tier it is a hub of, at the same position
///   in each tier's hub list;
/// - add: a new facility (source "scenario") appended to `facilities` and to its tier's hubs, in the
///   order given.
/// Hub order matters only for ties (equally near hubs: the first in the list wins), and is the same
/// in `keniki run` and `keniki serve`. Throws DataError naming the hub when an id names no hub (or a
/// removed one), two facilities, an existing facility for an add, an unknown tier, or when a tier
/// would be left without a hub.
HubSet apply_hub_edits(const ModelInput& input, const HubEdits& edits);

}  // namespace keniki::analysis
