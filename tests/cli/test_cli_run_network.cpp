// keniki run with a [network] section, end to end through the built command: the demo's walking
// plan (data/demo/plan_walk.toml: the neighbourhood tier reached in 15 minutes at the elderly pace,
// 3.0 km/h = 50 m a minute, along data/demo/roads.geojson), and the same plan driven with the speed
// table of the plan.
//
// Independent checks: nobody walks a road shorter than the straight line to their hub (time x 50 m a
// minute >= the straight distance, from the written lon/lat by a local flat-earth formula, good to
// 0.1 % across the town); each unit's people beyond reach are the residents flagged beyond reach,
// and the flag follows the written time; each hub's catchment is the residents written with it as their
// hub; driving every class of the demo roads (residential, secondary, primary, trunk; no other class is
// there, and tagged limits are ignored) at 40 km/h never takes longer than at 20 km/h.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "keniki/network/travel_mode.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

json read_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

fs::path demo() { return source_dir() / "data/demo"; }

/// Runs `plan` into a fresh folder; returns the folder (empty on failure, reported).
fs::path run_plan(const fs::path& plan, const std::string& name) {
    const fs::path out = fresh_temp_dir(name) / "out";
    const auto r = run_keniki("run " + shell_quote(plan.string()) + " --out " + shell_quote(out.string()) + " --quiet");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? out : fs::path();
}

/// plan_walk.toml with every relative path made absolute and `from` replaced by `to`, written to a temp dir.
fs::path changed_walk_plan(const std::string& from, const std::string& to, const std::string& name) {
    std::ifstream in(demo() / "plan_walk.toml");
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string prefix = "path = \"" + demo().string() + "/";
    for (std::size_t at = 0; (at = text.find("path = \"", at)) != std::string::npos; at += prefix.size()) text.replace(at, 8, prefix);
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    const fs::path plan = fresh_temp_dir(name) / "plan.toml";
    std::ofstream(plan) << text;
    return plan;
}

struct Resident {
    double lon = 0, lat = 0;
    std::string unit, hub;
    std::optional<double> minutes;
    bool beyond = false;  ///< the written beyond_reach flag
};

std::vector<Resident> residents(const fs::path& out) {
    std::vector<Resident> all;
    const json doc = read_json(out / "residents.geojson");
    for (const auto& f : doc.at("features")) {
        const auto& p = f.at("properties");
        Resident r;
        r.lon = f.at("geometry").at("coordinates").at(0).get<double>();
        r.lat = f.at("geometry").at("coordinates").at(1).get<double>();
        r.unit = p.at("unit_neighbourhood").is_string() ? p.at("unit_neighbourhood").get<std::string>() : "";
        r.hub = p.at("hub_neighbourhood").is_string() ? p.at("hub_neighbourhood").get<std::string>() : "";
        if (p.at("time_neighbourhood_min").is_number()) r.minutes = p.at("time_neighbourhood_min").get<double>();
        r.beyond = p.at("beyond_reach_neighbourhood").get<int>() == 1;
        all.push_back(r);
    }
    return all;
}

TEST(RunNetwork, ElderlyWalkNeverBeatsTheStraightLineAndBeyondReachAddsUp) {
    const fs::path out = run_plan(demo() / "plan_walk.toml", "keniki-run-walk");
    ASSERT_FALSE(out.empty());
    const json summary = read_json(out / "summary.json");
    const json* tier = nullptr;
    for (const auto& t : summary.at("tiers"))
        if (t.at("id") == "neighbourhood") tier = &t;
    ASSERT_NE(tier, nullptr);
    EXPECT_EQ(tier->at("cost"), "elderly walking time along the road network (3.0 km/h)");
    EXPECT_EQ(tier->at("cost_unit"), "min");
    EXPECT_EQ(tier->at("reach"), 15.0);
    EXPECT_TRUE(tier->at("circles").is_null()) << "areas along roads, not circles";
    EXPECT_EQ(summary.at("tiers").at(0).at("circles").at("segments_per_quadrant"), 32) << "the straight-line city tier";

    std::map<std::string, std::pair<double, double>> hub_at;
    const json hubs = read_json(out / "hubs.geojson");
    for (const auto& f : hubs.at("features"))
        hub_at[f.at("properties").at("hub_id").get<std::string>()] = {f.at("geometry").at("coordinates").at(0).get<double>(),
                                                                      f.at("geometry").at("coordinates").at(1).get<double>()};
    const auto people = residents(out);
    ASSERT_EQ(people.size(), 19988u);
    std::map<std::string, double> beyond;
    std::size_t timed = 0;
    double longest_detour = 0;
    for (const auto& r : people) {
        // The flag follows the time (written to 0.1 min, so 15.0 may be just over 15).
        if (!r.minutes || *r.minutes > 15) {
            EXPECT_TRUE(r.beyond) << r.lon << "," << r.lat;
        } else if (*r.minutes < 15) {
            EXPECT_FALSE(r.beyond) << r.lon << "," << r.lat;
        }
        if (r.beyond) beyond[r.unit] += 1;
        if (!r.minutes) continue;
        ASSERT_TRUE(hub_at.count(r.hub)) << r.hub;
        const auto [hx, hy] = hub_at[r.hub];
        constexpr double k_m_per_deg = 6371008.8 * 3.14159265358979 / 180;
        const double dx = (hx - r.lon) * k_m_per_deg * std::cos((hy + r.lat) / 2 * 3.14159265358979 / 180), dy = (hy - r.lat) * k_m_per_deg;
        const double straight = std::hypot(dx, dy);
        // Times are written to 0.1 min (5 m at 50 m a minute).
        EXPECT_GE(*r.minutes * 50 + 2.5 + 0.002 * straight, straight) << r.lon << "," << r.lat << " to " << r.hub;
        longest_detour = std::max(longest_detour, *r.minutes * 50 / std::max(straight, 1.0));
        ++timed;
    }
    EXPECT_GT(timed, 18900u);  // the rest are more than 500 m from a road or cut off from every hub
    EXPECT_GT(longest_detour, 1.2);  // the roads do bend: some walks are much longer than the straight line
    double total_beyond = 0;
    for (const auto& u : tier->at("units")) {
        const std::string id = u.at("unit_id");
        EXPECT_DOUBLE_EQ(u.at("beyond_reach").at("pop_total").get<double>(), beyond[id]) << id;
        total_beyond += beyond[id];
    }
    EXPECT_DOUBLE_EQ(tier->at("beyond_reach").at("pop_total").get<double>(), total_beyond);

    // The hubs' catchments: per hub, the residents in a unit whose nearest hub it is (each resident is
    // one person). Those the roads bring to no hub are in no catchment: summary "no_hub". So the
    // catchments add up to in_units - no_hub, and their people within reach to in_units - beyond_reach.
    std::map<std::string, double> nearest, within;
    double no_hub = 0;
    for (const auto& r : people) {
        if (r.unit.empty()) continue;
        if (r.hub.empty()) {
            no_hub += 1;
            continue;
        }
        nearest[r.hub] += 1;
        if (!r.beyond) within[r.hub] += 1;
    }
    EXPECT_GT(no_hub, 0);
    EXPECT_DOUBLE_EQ(tier->at("no_hub").at("pop_total").get<double>(), no_hub);
    double sum_nearest = 0, sum_within = 0;
    for (const auto& h : tier->at("hub_figures")) {
        const std::string id = h.at("hub_id");
        EXPECT_DOUBLE_EQ(h.at("nearest").at("pop_total").get<double>(), nearest[id]) << id;
        EXPECT_DOUBLE_EQ(h.at("within_reach").at("pop_total").get<double>(), within[id]) << id;
        sum_nearest += h.at("nearest").at("pop_total").get<double>();
        sum_within += h.at("within_reach").at("pop_total").get<double>();
    }
    const double in_units = tier->at("in_units").at("pop_total").get<double>();
    EXPECT_DOUBLE_EQ(sum_nearest, in_units - no_hub);
    EXPECT_DOUBLE_EQ(sum_within, in_units - total_beyond);
}

/// The notes summary.json records with the roads.
std::vector<std::string> road_notes(const fs::path& out) {
    std::vector<std::string> notes;
    const json summary = read_json(out / "summary.json");
    for (const auto& input : summary.at("inputs"))
        if (input.value("role", std::string()) == "roads")
            for (const auto& note : input.value("notes", json::array())) notes.push_back(note.get<std::string>());
    return notes;
}

TEST(RunNetwork, WalkTagsFromThePlanAreAppliedAndRecorded) {
    // The demo's roads hold 14 trunk features, walkable by default; walk_tags takes them out of the
    // walk graph, and the rules in force are recorded with the roads.
    const fs::path plain = run_plan(changed_walk_plan("elderly_walk_kmh = 3.0", "elderly_walk_kmh = 3.0", "keniki-run-walk-rules"), "keniki-run-walk-rules-out");
    const fs::path changed = run_plan(changed_walk_plan("elderly_walk_kmh = 3.0", "elderly_walk_kmh = 3.0\nwalk_tags = \"highway=-trunk\"",
                                                        "keniki-run-walk-tags"),
                                      "keniki-run-walk-tags-out");
    ASSERT_FALSE(plain.empty());
    ASSERT_FALSE(changed.empty());
    auto note_starting = [](const std::vector<std::string>& notes, const std::string& start) {
        for (const auto& n : notes)
            if (n.rfind(start, 0) == 0) return n;
        return std::string();
    };
    const auto before = road_notes(plain), after = road_notes(changed);
    EXPECT_EQ(note_starting(before, "walk rules (default): highway = trunk, trunk_link, primary,"), std::string("walk rules (default): ") +
                                                                                                         network::default_walk_rules().describe());
    const std::string rules = note_starting(after, "walk rules ([network] walk_tags): highway = trunk_link, primary,");
    EXPECT_FALSE(rules.empty());
    EXPECT_EQ(rules.find("highway = trunk,"), std::string::npos) << rules;
    // Fewer edges in the walk graph ("walk elderly graph: N nodes, M edges, ...").
    auto edges = [&](const std::vector<std::string>& notes) {
        const std::string g = note_starting(notes, "walk elderly graph: ");
        const auto comma = g.find(", ");
        return g.empty() ? -1 : std::stoi(g.substr(comma + 2));
    };
    EXPECT_GT(edges(before), 0);
    EXPECT_GT(edges(after), 0);
    EXPECT_LT(edges(after), edges(before));
}

TEST(RunNetwork, DriveSpeedsFromThePlan) {
    const std::string reach = "reach = { mode = \"walk\", minutes = 15, elderly = true }";
    const std::string network = "[network]\n";
    auto plan_at = [&](int kmh) {
        const std::string k = std::to_string(kmh);
        const fs::path plan = changed_walk_plan(reach, "reach = { mode = \"drive\", minutes = 5 }", "keniki-run-drive-" + k);
        std::ifstream in(plan);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        text.replace(text.find(network), network.size(),
                     network + "drive_kmh = { residential = " + k + ", primary = " + k + ", secondary = " + k + ", trunk = " + k +
                         ", residental = 5 }\ndrive_default_kmh = " + k + "\nuse_maxspeed = false\n");
        std::ofstream(plan) << text;
        return plan;
    };
    const fs::path slow = run_plan(plan_at(20), "keniki-run-drive-20-out"), fast = run_plan(plan_at(40), "keniki-run-drive-40-out");
    ASSERT_FALSE(slow.empty());
    ASSERT_FALSE(fast.empty());
    const auto a = residents(slow), b = residents(fast);
    ASSERT_EQ(a.size(), b.size());
    double sum_slow = 0, sum_fast = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].minutes.has_value(), b[i].minutes.has_value()) << i;
        if (!a[i].minutes) continue;
        EXPECT_LE(*b[i].minutes, *a[i].minutes + 0.05) << i;  // written to 0.1 min
        sum_slow += *a[i].minutes;
        sum_fast += *b[i].minutes;
    }
    // The drive part halves; the walked access legs do not.
    EXPECT_LT(sum_fast, 0.75 * sum_slow);
    EXPECT_GT(sum_fast, 0.5 * sum_slow);
    // The speeds in force are recorded with the roads.
    bool noted = false;
    const json summary = read_json(fast / "summary.json");
    for (const auto& input : summary.at("inputs"))
        for (const auto& note : input.value("notes", json::array()))
            noted = noted || note.get<std::string>().find("drive speeds: living_street 10, motorway 80, motorway_link 40, primary 40,") == 0;
    EXPECT_TRUE(noted);
    // A class no road has (a typo here) is reported with the roads, not silently ignored.
    bool warned = false;
    for (const auto& input : summary.at("inputs"))
        for (const auto& note : input.value("notes", json::array()))
            warned = warned || note.get<std::string>() == "[network] drive_kmh.residental: no road open to cars has this class; its speed is not used";
    EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace keniki::test
