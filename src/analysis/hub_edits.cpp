#include "keniki/analysis/hub_edits.hpp"

#include <algorithm>
#include <set>

#include "keniki/core/error.hpp"

namespace keniki::analysis {

namespace {

/// The index of the one facility with this id that is a hub of some tier.
std::int32_t hub_index(const ModelInput& input, const std::vector<bool>& is_hub, const std::string& id, const char* what) {
    std::int32_t found = -1;
    std::size_t n = 0;
    for (std::size_t i = 0; i < input.facilities.size(); ++i) {
        if (input.facilities[i].id != id || !is_hub[i]) continue;
        found = static_cast<std::int32_t>(i);
        ++n;
    }
    if (n == 0) throw DataError(std::string(what) + ": '" + id + "' is the id of no hub of any tier");
    if (n > 1) throw DataError(std::string(what) + ": the id '" + id + "' names " + std::to_string(n) + " hubs (facility ids must be unique to be edited)");
    return found;
}

}  // namespace

HubSet apply_hub_edits(const ModelInput& input, const HubEdits& edits) {
    HubSet out;
    out.facilities = input.facilities;
    out.tier_hubs.reserve(input.tiers.size());
    std::vector<bool> is_hub(input.facilities.size(), false);
    for (const auto& t : input.tiers) {
        out.tier_hubs.push_back(t.hubs);
        for (const auto h : t.hubs) is_hub[static_cast<std::size_t>(h)] = true;
    }
    std::set<std::int32_t> removed;
    for (const auto& id : edits.remove) {
        const std::int32_t h = hub_index(input, is_hub, id, "remove_hubs");
        if (!removed.insert(h).second) throw DataError("remove_hubs: '" + id + "' is removed twice");
    }
    for (auto& hubs : out.tier_hubs) std::erase_if(hubs, [&](std::int32_t h) { return removed.count(h) > 0; });
    std::set<std::int32_t> moved;
    for (const auto& m : edits.move) {
        const std::int32_t h = hub_index(input, is_hub, m.hub, "move_hubs");
        if (removed.count(h)) throw DataError("move_hubs: '" + m.hub + "' is also removed (remove_hubs)");
        if (!moved.insert(h).second) throw DataError("move_hubs: '" + m.hub + "' is moved twice");
        out.facilities[static_cast<std::size_t>(h)].location = m.to;
    }
    for (const auto& a : edits.add) {
        if (a.id.empty()) throw DataError("add_hubs: a new hub needs an id");
        for (const auto& f : out.facilities)
            if (f.id == a.id) throw DataError("add_hubs: the id '" + a.id + "' is already a facility's (" + f.name + ")");
        std::size_t t = 0;
        while (t < input.tiers.size() && input.tiers[t].id != a.tier) ++t;
        if (t == input.tiers.size()) throw DataError("add_hubs: '" + a.id + "': no tier '" + a.tier + "'");
        Facility f;
        f.id = a.id;
        f.name = a.name.empty() ? a.id : a.name;
        f.kind = a.kind;
        f.source = "scenario";
        f.location = a.at;
        out.tier_hubs[t].push_back(static_cast<std::int32_t>(out.facilities.size()));
        out.facilities.push_back(std::move(f));
    }
    for (std::size_t t = 0; t < input.tiers.size(); ++t) {
        if (out.tier_hubs[t].empty()) throw DataError("remove_hubs: tier " + input.tiers[t].id + " would have no hub left");
    }
    return out;
}

}  // namespace keniki::analysis
