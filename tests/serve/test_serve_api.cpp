// keniki serve's API against `keniki run`: a scenario's figures from POST /api/scenario/save equal, unit
// by unit, what the batch run writes for the saved [[scenarios]] block; incremental recomputation
// equals run_model on the edited inputs; bad requests get 4xx with a message and the server serves on.

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

#include "keniki/analysis/hub_edits.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/analysis/service_model.hpp"
#include "keniki/pipeline/access_run.hpp"
#include "serve/serve_fixture.hpp"
#include "support/rfc7946.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

json post(const std::string& path, const json& body, int expect = 200) {
    auto c = served_demo().client();
    const auto r = c.Post(path.c_str(), body.dump(), "application/json");
    EXPECT_TRUE(r) << path << ": no response";
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    return json::parse(r->body);
}

/// The demo plan with its paths made absolute and `extra` appended, written into `dir`.
fs::path plan_with(const fs::path& dir, const std::string& extra) {
    const fs::path demo = source_dir() / "data" / "demo";
    std::string text = read_file(demo / "plan.toml");
    text = std::regex_replace(text, std::regex("path = \""), "path = \"" + demo.string() + "/");
    const fs::path p = dir / "plan.toml";
    std::ofstream(p) << text << "\n" << extra;
    return p;
}

json read_json(const fs::path& p) { return json::parse(read_file(p)); }

/// The scenario the comparison uses: hubs of every kind moved, one removed, one added.
json demo_scenario(const std::string& id) {
    return json{{"id", id},
                {"name", "公民館の移転"},
                {"move_hubs", {{{"hub", "CH2"}, {"lon", 131.1321}, {"lat", 34.1653}}, {{"hub", "WC2"}, {"lon", 131.2101}, {"lat", 34.2012}}}},
                {"remove_hubs", {"SA09"}},
                {"add_hubs", {{{"id", "NEW1"}, {"name", "新サロン"}, {"tier", "neighbourhood"}, {"kind", "salon"}, {"lon", 131.2901}, {"lat", 34.2003}}}}};
}

TEST(ServeApi, PlanListsTiersHubsAndBounds) {
    auto c = served_demo().client();
    const auto r = c.Get("/api/plan");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json plan = json::parse(r->body);
    ASSERT_EQ(plan["tiers"].size(), 3u);
    EXPECT_EQ(plan["tiers"][2]["id"], "neighbourhood");
    EXPECT_TRUE(plan["tiers"][2]["incremental"].get<bool>());
    EXPECT_EQ(plan["hubs"].size(), 35u);  // every facility of the demo is a hub of one tier
    EXPECT_EQ(plan["people"].get<double>(), 19988.0);  // residents.csv: 19,988 rows, one person each
    const auto& b = plan["bounds"];
    EXPECT_LT(b[0][0].get<double>(), 34.15);
    EXPECT_GT(b[1][1].get<double>(), 131.3);
}

TEST(ServeApi, EveryFigureOfAScenarioEqualsWhatKenikiRunWrites) {
    ServedDemo& demo = served_demo();
    const json served = post("/api/scenario/save", demo_scenario("moved_hall"));
    ASSERT_TRUE(served.contains("saved"));
    const fs::path saved = served["saved"].get<std::string>();
    ASSERT_EQ(saved.parent_path(), demo.out_dir) << "saved only into --out";
    // The scenario changed something worth comparing.
    double moved = 0;
    for (const auto& t : served["tiers"]) moved += std::abs(t["totals"]["diff"]["beyond_reach_total"].get<double>());
    EXPECT_GT(moved, 0) << "the scenario should change who is beyond reach";

    const fs::path dir = fresh_temp_dir("keniki-serve-run");
    const fs::path plan = plan_with(dir, read_file(saved));
    const auto r = run_keniki("run " + shell_quote(plan.string()) + " --out " + shell_quote((dir / "out").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;

    std::size_t compared = 0, units = 0;
    for (const auto& tier : served["tiers"]) {
        units += tier["units"].size();
        const std::string id = tier["id"];
        const json after = read_json(dir / "out" / ("scenario_moved_hall_units_" + id + ".geojson"));
        const json before = read_json(dir / "out" / ("units_" + id + ".geojson"));
        ASSERT_EQ(after["features"].size(), tier["units"].size()) << id;
        for (std::size_t u = 0; u < tier["units"].size(); ++u) {
            const json& api = tier["units"][u];
            const json& run_after = after["features"][u]["properties"];
            const json& run_before = before["features"][u]["properties"];
            ASSERT_EQ(api["unit_id"], run_after["unit_id"]);
            for (const char* f : {"pop_total", "pop_65plus", "pop_75plus", "beyond_reach_total", "beyond_reach_65plus", "beyond_reach_75plus"}) {
                EXPECT_DOUBLE_EQ(api["after"][f].get<double>(), run_after[f].get<double>()) << id << " " << api["unit_id"] << " " << f;
                EXPECT_DOUBLE_EQ(api["before"][f].get<double>(), run_before[f].get<double>()) << id << " " << api["unit_id"] << " " << f;
                EXPECT_DOUBLE_EQ(api["diff"][f].get<double>(), run_after[f].get<double>() - run_before[f].get<double>());
                ++compared;
            }
            // keniki run rounds distances to 0.1 m.
            const std::pair<const char*, const char*> costs[] = {{"cost_mean", "dist_mean_m"}, {"cost_median", "dist_median_m"}, {"cost_p90", "dist_p90_m"}, {"cost_max", "dist_max_m"}};
            for (const auto& [a, b] : costs) {
                if (run_after[b].is_null()) {
                    EXPECT_TRUE(api["after"][a].is_null());
                    continue;
                }
                EXPECT_NEAR(api["after"][a].get<double>(), run_after[b].get<double>(), 0.05 + 1e-9) << id << " " << api["unit_id"] << " " << a;
            }
        }
        // Tier totals: the sum of the run's units.
        double beyond = 0;
        for (const auto& f : after["features"]) beyond += f["properties"]["beyond_reach_total"].get<double>();
        EXPECT_DOUBLE_EQ(tier["totals"]["after"]["beyond_reach_total"].get<double>(), beyond) << id;
    }
    EXPECT_EQ(compared, 6 * units) << "six figures of every unit of every tier";
    EXPECT_GT(units, 10u);
    // summary.json names the scenario's changes.
    const json summary = read_json(dir / "out" / "summary.json");
    ASSERT_EQ(summary["hub_scenarios"].size(), 1u);
    EXPECT_EQ(summary["hub_scenarios"][0]["changes"].size(), 4u);

    // The access index (csw on the welfare tier: WC2 moved): every unit's scores as keniki run writes them.
    ASSERT_EQ(served["access"].size(), 1u);
    EXPECT_EQ(served["access"][0]["recompute"], "incremental");
    EXPECT_EQ(served["access"][0]["new_columns"], 1) << "only WC2's pairs searched again";
    EXPECT_LT(served["access"][0]["searched_residents"].get<double>(), 19988 * 0.8) << "WC2 compared only with the residents near it";
    EXPECT_GT(served["access"][0]["searched_residents"].get<double>(), 1000);
    std::size_t scores = 0, changed_scores = 0;
    for (const auto& tier : served["tiers"]) {
        const std::string id = tier["id"];
        const json after = read_json(dir / "out" / ("scenario_moved_hall_units_" + id + ".geojson"));
        const json before = read_json(dir / "out" / ("units_" + id + ".geojson"));
        for (std::size_t u = 0; u < tier["units"].size(); ++u) {
            const json& api = tier["units"][u]["access"]["csw"];
            for (const char* g : {"pop_total", "pop_65plus", "pop_75plus"}) {
                const std::string col = std::string("access_csw_per1000_") + g;
                EXPECT_EQ(api["after"][std::string("per1000_") + g].get<double>(), after["features"][u]["properties"][col].get<double>()) << id << " unit " << u << " " << g;
                EXPECT_EQ(api["before"][std::string("per1000_") + g].get<double>(), before["features"][u]["properties"][col].get<double>()) << id << " unit " << u << " " << g;
                ++scores;
            }
            EXPECT_EQ(api["after"]["below"].get<bool>(), after["features"][u]["properties"]["access_csw_below"].get<int>() == 1) << id << " unit " << u;
            if (api["after"]["per1000_demand"] != api["before"]["per1000_demand"]) ++changed_scores;
        }
    }
    EXPECT_EQ(scores, 3 * units);
    EXPECT_GT(changed_scores, 0u) << "moving a welfare centre changes the CSW scores";
    const json& run_access = summary["hub_scenarios"][0]["access"][0];
    ASSERT_EQ(run_access["hubs"].size(), served["access"][0]["hubs"].size());
    for (std::size_t h = 0; h < run_access["hubs"].size(); ++h) {
        EXPECT_EQ(run_access["hubs"][h]["hub_id"], served["access"][0]["hubs"][h]["hub_id"]);
        EXPECT_EQ(run_access["hubs"][h]["per1000"].get<double>(), served["access"][0]["hubs"][h]["per1000"].get<double>()) << run_access["hubs"][h]["hub_id"];
    }
}

TEST(ServeApi, ANewCentresSupplyIsSharedAsTheTwoStepsSay) {
    // Every person aged 65+ of the demo lies within 6 km of a welfare centre, so the scores add up to
    // the supply: sum of score x demand = sum of staff (2SFCA's identity). The plan's 4 staff give a
    // whole-area mean of 4 / D per person; a new centre with 3 staff makes it 7 / D, whatever its place.
    const json plan = [] {
        auto c = served_demo().client();
        return json::parse(c.Get("/api/plan")->body);
    }();
    ASSERT_EQ(plan["access"].size(), 1u);
    const double mean_before = plan["access"][0]["study"]["per1000_demand"].get<double>();
    EXPECT_EQ(plan["access"][0]["study"]["supply_total"].get<double>(), 4.0) << "WC1 2 staff, WC2 1, WC3 1";
    const double demand = 4.0 / mean_before * 1000;  // people aged 65+ within reach
    const json three = post("/api/scenario", json{{"add_hubs", {{{"id", "WC9"}, {"tier", "welfare"}, {"lon", 131.2901}, {"lat", 34.2003}, {"supply", 3}}}}});
    ASSERT_EQ(three["access"].size(), 1u);
    EXPECT_NEAR(three["access"][0]["study"]["after"]["per1000_demand"].get<double>(), 7.0 / demand * 1000, 2e-6);
    EXPECT_EQ(three["access"][0]["new_columns"], 1);
    EXPECT_TRUE(three["access"][0]["notes"].empty());
    // Without a supply the new centre takes the median of the centres' staff (2, 1, 1: 1), and says so.
    const json median = post("/api/scenario", json{{"add_hubs", {{{"id", "WC9"}, {"tier", "welfare"}, {"lon", 131.2901}, {"lat", 34.2003}}}}});
    ASSERT_EQ(median["access"][0]["notes"].size(), 1u);
    EXPECT_NE(median["access"][0]["notes"][0].get<std::string>().find("new hub WC9 supplies 1 (staff: the median"), std::string::npos) << median["access"][0]["notes"];
    EXPECT_NEAR(median["access"][0]["study"]["after"]["per1000_demand"].get<double>(), 5.0 / demand * 1000, 2e-6);
    // Removing WC1 (2 staff) leaves 2.
    const json removed = post("/api/scenario", json{{"remove_hubs", {"WC1"}}});
    EXPECT_NEAR(removed["access"][0]["study"]["after"]["per1000_demand"].get<double>(), 2.0 / demand * 1000, 2e-6);
    EXPECT_EQ(removed["access"][0]["new_columns"], 0) << "a removal searches nothing: the other centres' pairs are kept";
    // A neighbourhood hub moved: the index is untouched.
    const json hall = post("/api/scenario", json{{"move_hubs", {{{"hub", "CH2"}, {"lon", 131.1321}, {"lat", 34.1653}}}}});
    EXPECT_EQ(hall["access"][0]["recompute"], "unchanged");
    // A negative supply is refused.
    post("/api/scenario", json{{"add_hubs", {{{"id", "WC9"}, {"tier", "welfare"}, {"lon", 131.2901}, {"lat", 34.2003}, {"supply", -1}}}}}, 400);
}

TEST(ServeApi, ABusLineSwitchedOffGivesTheTransportFiguresOfKenikiRun) {
    // The village buses off (the demo's own cut_local_buses scenario, saved again with a hub move):
    // every unit's people per class equal summary.json's scenario of the batch run.
    json body = demo_scenario("no_village_bus");
    body["remove_stops"] = {"bus_local"};
    const json served = post("/api/scenario/save", body);
    ASSERT_TRUE(served.contains("saved"));
    EXPECT_EQ(served["transport"]["recompute"], "full");
    const fs::path dir = fresh_temp_dir("keniki-serve-run-bus");
    const fs::path plan = plan_with(dir, read_file(served["saved"].get<std::string>()));
    const auto r = run_keniki("run " + shell_quote(plan.string()) + " --out " + shell_quote((dir / "out").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json summary = read_json(dir / "out" / "summary.json");
    const json* sc = nullptr;
    for (const auto& s : summary["scenarios"])
        if (s["id"] == "no_village_bus") sc = &s;
    ASSERT_NE(sc, nullptr) << "the saved scenario is a transport scenario of the run";
    const std::pair<const char*, const char*> classes[] = {{"convenient", "便利"}, {"inconvenient", "不便"}, {"blank", "空白"}};
    std::size_t compared = 0;
    double lost = 0;
    for (std::size_t t = 0; t < served["tiers"].size(); ++t) {
        for (std::size_t u = 0; u < served["tiers"][t]["units"].size(); ++u) {
            const json& api = served["tiers"][t]["units"][u]["transport"];
            const json& run = (*sc)["tiers"][t]["units"][u];
            ASSERT_EQ(served["tiers"][t]["units"][u]["unit_id"], run["unit_id"]);
            for (const auto& [en, ja] : classes) {
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_total"].get<double>(), run["classes"][ja]["pop_total"].get<double>()) << run["unit_id"] << " " << en;
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_65plus"].get<double>(), run["classes"][ja]["pop_65plus"].get<double>()) << run["unit_id"] << " " << en;
                ++compared;
            }
            lost += run["lost"]["pop_total"].get<double>();
        }
    }
    EXPECT_GT(compared, 30u);
    EXPECT_GT(lost, 0) << "switching the village buses off loses someone coverage";
    // The hub moves of the same saved block reproduce too (checked fully in the test above).
    const json after = read_json(dir / "out" / "scenario_no_village_bus_units_neighbourhood.geojson");
    for (std::size_t u = 0; u < after["features"].size(); ++u)
        EXPECT_DOUBLE_EQ(served["tiers"][2]["units"][u]["after"]["beyond_reach_total"].get<double>(), after["features"][u]["properties"]["beyond_reach_total"].get<double>());
}

TEST(ServeApi, SingleStopsRemovedAndAddedGiveTheTransportFiguresOfKenikiRun) {
    // Three trunk stops of the centre gone, a new stop with 12 departures in the east: saved, run by
    // keniki run, every unit's people per class equal.
    const json body{{"id", "stops_moved"},
                     {"remove_stop_ids", {"B001", "B002", "B003"}},
                     {"add_stop_points", {{{"id", "B999"}, {"name", "新バス停"}, {"kind", "bus_stop"}, {"departures_per_day", 12}, {"lon", 131.3101}, {"lat", 34.1702}}}}};
    const json served = post("/api/scenario/save", body);
    ASSERT_TRUE(served.contains("saved")) << served;
    EXPECT_NE(served["toml"].get<std::string>().find("departures_per_day = 12.0"), std::string::npos) << served["toml"];
    const fs::path dir = fresh_temp_dir("keniki-serve-run-stops");
    const fs::path plan = plan_with(dir, read_file(served["saved"].get<std::string>()));
    const auto r = run_keniki("run " + shell_quote(plan.string()) + " --out " + shell_quote((dir / "out").string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json summary = read_json(dir / "out" / "summary.json");
    const json* sc = nullptr;
    for (const auto& s : summary["scenarios"])
        if (s["id"] == "stops_moved") sc = &s;
    ASSERT_NE(sc, nullptr);
    EXPECT_EQ((*sc)["changes"].size(), 4u) << (*sc)["changes"];
    const std::pair<const char*, const char*> classes[] = {{"convenient", "便利"}, {"inconvenient", "不便"}, {"blank", "空白"}};
    double moved = 0;
    for (std::size_t t = 0; t < served["tiers"].size(); ++t) {
        for (std::size_t u = 0; u < served["tiers"][t]["units"].size(); ++u) {
            const json& api = served["tiers"][t]["units"][u]["transport"];
            const json& run = (*sc)["tiers"][t]["units"][u];
            for (const auto& [en, ja] : classes) {
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_total"].get<double>(), run["classes"][ja]["pop_total"].get<double>()) << run["unit_id"] << " " << en;
                EXPECT_DOUBLE_EQ(api["after"][std::string(en) + "_65plus"].get<double>(), run["classes"][ja]["pop_65plus"].get<double>()) << run["unit_id"] << " " << en;
            }
            moved += run["lost"]["pop_total"].get<double>() + run["gained"]["pop_total"].get<double>();
        }
    }
    EXPECT_GT(moved, 0) << "the stop edits change someone's class";
    // An id that names no stop is refused, naming it.
    const json bad = post("/api/scenario", {{"remove_stop_ids", {"B0000"}}}, 422);
    EXPECT_NE(bad["error"].get<std::string>().find("'B0000' is the id of no stop of the plan"), std::string::npos) << bad;
}

TEST(ServeApi, UnitsOfATierAreGeoJsonWithThePlansFigures) {
    auto c = served_demo().client();
    const auto r = c.Get("/api/units/welfare");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json gj = json::parse(r->body);
    EXPECT_EQ(gj["type"], "FeatureCollection");
    ASSERT_EQ(gj["features"].size(), served_demo().model->base().tiers[1].units.size());
    double people = 0;
    for (const auto& f : gj["features"]) {
        people += f["properties"]["pop_total"].get<double>();
        const double lon = f["geometry"]["coordinates"][0][0][0][0].get<double>();
        EXPECT_GT(lon, 131.0);  // WGS84 degrees, not plane metres
        EXPECT_LT(lon, 131.5);
        EXPECT_TRUE(f["properties"].contains("transport_blank_65plus"));
    }
    EXPECT_EQ(people, 19988.0);
    // RFC 7946, checked independently: lon/lat ranges, ring orientation, at most 7 decimals.
    const fs::path file = fresh_temp_dir("keniki-serve-units") / "welfare.geojson";
    std::ofstream(file) << r->body;
    EXPECT_EQ(rfc7946_problems(file.string()), std::vector<std::string>{});
}

TEST(ServeModel, IncrementalRecomputationEqualsRunModelOnTheEditedInputs) {
    // Random moves, adds and removes: every unit's figures equal a full run of the model.
    const serve::Model& model = *served_demo().model;
    const auto& in = model.inputs().input;
    std::mt19937 rng(13);
    const Box box = bounds_of(in.study_area);
    std::uniform_real_distribution<double> ux(box.min_corner().x(), box.max_corner().x()), uy(box.min_corner().y(), box.max_corner().y());
    auto inside = [&] {
        for (;;) {
            const Point p{ux(rng), uy(rng)};
            if (model.in_study_area(p)) return p;
        }
    };
    for (int round = 0; round < 12; ++round) {
        analysis::HubEdits e;
        const std::size_t t = static_cast<std::size_t>(round % 3);
        const auto& hubs = in.tiers[t].hubs;
        const auto pick = [&] { return in.facilities[static_cast<std::size_t>(hubs[rng() % hubs.size()])].id; };
        e.move.push_back({pick(), inside()});
        if (hubs.size() > 3 && round % 2 == 0) {
            const std::string r = pick();
            if (r != e.move[0].hub) e.remove.push_back(r);
        }
        if (round % 3 != 1) e.add.push_back({"R" + std::to_string(round), "random", "", in.tiers[t].id, inside(), std::nullopt});
        // A hub moved exactly onto another's place: the tie goes to the first in the list, in both.
        if (round == 5) e.add.push_back({"TIE", "tie", "", in.tiers[2].id, in.facilities[static_cast<std::size_t>(in.tiers[2].hubs[3])].location, std::nullopt});
        const serve::ScenarioResult served = model.compute(e);
        const analysis::HubSet hs = analysis::apply_hub_edits(in, e);
        analysis::ModelInput edited = in;
        edited.facilities = hs.facilities;
        for (std::size_t k = 0; k < edited.tiers.size(); ++k) edited.tiers[k].hubs = hs.tier_hubs[k];
        const analysis::ModelResult full = analysis::run_model(edited);
        for (std::size_t k = 0; k < full.tiers.size(); ++k) {
            for (std::size_t u = 0; u < full.tiers[k].units.size(); ++u) {
                const auto& a = served.tiers[k].units[u];
                const auto& b = full.tiers[k].units[u];
                EXPECT_EQ(a.beyond_reach.total, b.beyond_reach.total) << "round " << round << " tier " << k << " unit " << u;
                EXPECT_EQ(a.beyond_reach.age65, b.beyond_reach.age65);
                EXPECT_EQ(a.beyond_reach.age75, b.beyond_reach.age75);
                EXPECT_EQ(a.people.total, b.people.total);
                EXPECT_EQ(a.cost.mean, b.cost.mean) << "round " << round << " tier " << k << " unit " << u;
                EXPECT_EQ(a.cost.median, b.cost.median);
                EXPECT_EQ(a.cost.p90, b.cost.p90);
                EXPECT_EQ(a.cost.max, b.cost.max);
            }
        }
        // The access index, recomputed by columns, equals a whole recomputation on the edited hubs: the
        // same score for every resident, to the last bit.
        for (std::size_t k = 0; k < model.inputs().access.size(); ++k) {
            const auto& ai = model.inputs().access[k];
            const pipeline::AccessHubs ah = pipeline::access_hubs(ai, in, hs, e);
            const report::AccessOutcome whole = pipeline::access_outcome(ai, edited, full, ah, pipeline::access_table(ai, in.residents.points, ah));
            const report::AccessOutcome& part = *served.access[k].outcome;
            ASSERT_EQ(part.result.score.size(), whole.result.score.size());
            std::size_t differ = 0;
            for (std::size_t i = 0; i < whole.result.score.size(); ++i) differ += part.result.score[i] != whole.result.score[i];
            EXPECT_EQ(differ, 0u) << "round " << round;
            EXPECT_EQ(part.result.hub_ratio, whole.result.hub_ratio) << "round " << round;
            EXPECT_EQ(part.result.hub_demand, whole.result.hub_demand) << "round " << round;
            EXPECT_EQ(part.result.supply_reached, whole.result.supply_reached) << "round " << round;
            EXPECT_EQ(part.hubs, whole.hubs);
            EXPECT_EQ(part.supply_values, whole.supply_values);
            EXPECT_EQ(part.pairs, whole.pairs);
            // Every unit mean of every tier, to the last bit (only the units of rescored residents
            // are summed again).
            ASSERT_EQ(part.units.size(), whole.units.size());
            for (std::size_t tt = 0; tt < whole.units.size(); ++tt) {
                ASSERT_EQ(part.units[tt].size(), whole.units[tt].size());
                for (std::size_t u = 0; u < whole.units[tt].size(); ++u) {
                    const auto& a = part.units[tt][u];
                    const auto& b = whole.units[tt][u];
                    EXPECT_TRUE(a.people.total == b.people.total && a.people.age65 == b.people.age65 && a.people.age75 == b.people.age75 &&
                                a.score_sum.total == b.score_sum.total && a.score_sum.age65 == b.score_sum.age65 && a.score_sum.age75 == b.score_sum.age75)
                        << "round " << round << " tier " << tt << " unit " << u << ": score sum " << a.score_sum.total << " vs " << b.score_sum.total;
                }
            }
            const report::StudyAccess study = report::study_access(whole, in);
            EXPECT_EQ(served.access[k].study.mean, study.mean) << "round " << round;
            EXPECT_EQ(served.access[k].study.supply, study.supply);
            EXPECT_LE(served.access[k].rescored, in.residents.size());
            if (t == 1) {
                EXPECT_EQ(served.access[k].recompute, "incremental") << "round " << round << " edits the welfare centres";
                // Only the residents within reach of a changed centre are summed again (7,951 to
                // 14,003 of the demo's 19,988 in these rounds).
                EXPECT_LT(served.access[k].rescored, in.residents.size()) << "round " << round;
            }
        }
        // The neighbourhood tier (33 hubs, 1000 m): a move looks at a fraction of the residents again.
        if (t == 2) {
            EXPECT_LT(served.tiers[t].revisited, in.residents.size() / 2) << "incremental: not every resident again";
        }
    }
}

TEST(ServeApi, BadRequestsGetClearAnswersAndTheServerServesOn) {
    auto c = served_demo().client();
    {
        const auto r = c.Get("/api/units/no_such_tier");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 404);
        EXPECT_NE(r->body.find("no tier 'no_such_tier'"), std::string::npos) << r->body;
        EXPECT_NE(r->body.find("neighbourhood"), std::string::npos) << "names the tiers there are";
    }
    {
        const json j = post("/api/scenario", {{"move_hubs", {{{"hub", "CH2"}, {"lon", 135.5}, {"lat", 34.7}}}}}, 422);  // Osaka
        EXPECT_NE(j["error"].get<std::string>().find("move_hubs[0] (hub 'CH2') at lon 135.5"), std::string::npos) << j;
        EXPECT_NE(j["error"].get<std::string>().find("outside the study area"), std::string::npos) << j;
    }
    {
        const auto r = c.Post("/api/scenario", std::string(10 * 1024 * 1024, ' '), "application/json");
        ASSERT_TRUE(r) << "the server answers a 10 MB body";
        EXPECT_EQ(r->status, 413);
        EXPECT_NE(r->body.find("larger than the limit"), std::string::npos) << r->body;
    }
    {
        const auto r = c.Post("/api/scenario", "{\"move_hubs\": [", "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400);
        EXPECT_NE(r->body.find("not JSON"), std::string::npos) << r->body;
    }
    {
        const json j = post("/api/scenario", {{"move_hubs", {{{"hub", "CH2"}, {"lon", "131.1"}, {"lat", 34.1}}}}}, 400);
        EXPECT_EQ(j["error"], "move_hubs[0].lon must be a number, not string");
    }
    {
        const json j = post("/api/scenario", {{"mvoe_hubs", json::array()}}, 400);
        EXPECT_NE(j["error"].get<std::string>().find("unknown key \"mvoe_hubs\""), std::string::npos) << j;
    }
    {
        const json j = post("/api/scenario", {{"remove_hubs", {"NOPE"}}}, 422);
        EXPECT_NE(j["error"].get<std::string>().find("'NOPE' is the id of no hub"), std::string::npos) << j;
    }
    {
        const json j = post("/api/scenario", {{"remove_hubs", {"CC1"}}}, 422);
        EXPECT_NE(j["error"].get<std::string>().find("tier city would have no hub left"), std::string::npos) << j;
    }
    {
        const json j = post("/api/scenario/save", {{"id", "../../etc/x"}, {"remove_hubs", {"SA01"}}}, 400);
        EXPECT_NE(j["error"].get<std::string>().find("letters, digits"), std::string::npos) << j;
    }
    {
        const json j = post("/api/scenario", {{"remove_stops", {"bus_locl"}}}, 422);
        EXPECT_NE(j["error"].get<std::string>().find("no [[transport.stops]] layer 'bus_locl' (layers: rail, bus_trunk, bus_local)"), std::string::npos) << j;
    }
    {
        const auto r = c.Get("/api/scenario");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 405);
    }
    const auto r = c.Get("/api/plan");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << "still serving after the bad requests";
}

TEST(ServeApi, MangledBodiesGetFourHundredsNeverACrash) {
    // Truncations and byte flips of a valid scenario, deep nesting just under the size limit, odd
    // values: every answer is 200 or a 4xx with an "error", and the server serves on.
    auto c = served_demo().client();
    const std::string valid = demo_scenario("x").dump();
    std::mt19937 rng(7);
    std::vector<std::string> bodies;
    for (std::size_t k = 0; k < valid.size(); k += 7) bodies.push_back(valid.substr(0, k));
    for (int k = 0; k < 150; ++k) {
        std::string b = valid;
        b[rng() % b.size()] = static_cast<char>(rng() % 256);
        bodies.push_back(b);
    }
    bodies.push_back(std::string(400000, '[') + std::string(400000, ']'));
    bodies.push_back(R"({"move_hubs": [{"hub": "CH2", "lon": 1e400, "lat": 34}]})");
    bodies.push_back(R"({"move_hubs": [{"hub": "CH2", "lon": -0.0, "lat": -91}]})");
    bodies.push_back(R"({"add_hubs": [{"id": "", "tier": "city", "lon": 131.2, "lat": 34.15}]})");
    bodies.push_back(R"({"add_hubs": [{"id": "CH1", "tier": "city", "lon": 131.2, "lat": 34.15}]})");
    bodies.push_back(R"({"move_hubs": [{"hub": "CH2", "lon": 131.13, "lat": 34.16}, {"hub": "CH2", "lon": 131.14, "lat": 34.16}]})");
    bodies.push_back("\xef\xbb\xbf{}");
    bodies.push_back("null");
    std::size_t ok = 0, refused = 0;
    for (const auto& b : bodies) {
        const auto r = c.Post("/api/scenario", b, "application/json");
        ASSERT_TRUE(r) << "no answer to a body of " << b.size() << " bytes";
        if (r->status == 200) {
            ++ok;
            continue;
        }
        EXPECT_GE(r->status, 400) << b;
        EXPECT_LT(r->status, 500) << b << " -> " << r->body;
        EXPECT_TRUE(json::parse(r->body).contains("error")) << r->body;
        ++refused;
    }
    EXPECT_GT(refused, bodies.size() / 2);
    const auto r = c.Get("/api/plan");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
}

TEST(ServeApi, ConcurrentScenariosGetTheirOwnAnswers) {
    // 8 clients at once, each with its own scenario: every answer equals the one computed alone.
    const std::vector<std::string> hubs = {"CH1", "CH2", "CH3", "CH4", "SA01", "SA02", "SA10", "SA12"};
    std::vector<json> alone;
    for (const auto& h : hubs) alone.push_back(post("/api/scenario", {{"remove_hubs", {h}}})["tiers"]);
    std::vector<std::thread> threads;
    std::vector<int> mismatches(hubs.size(), 0);
    for (std::size_t k = 0; k < hubs.size(); ++k) {
        threads.emplace_back([&, k] {
            auto c = served_demo().client();
            for (int i = 0; i < 10; ++i) {
                const auto r = c.Post("/api/scenario", json{{"remove_hubs", {hubs[k]}}}.dump(), "application/json");
                if (!r || r->status != 200 || json::parse(r->body)["tiers"] != alone[k]) ++mismatches[k];
            }
        });
    }
    for (auto& t : threads) t.join();
    for (std::size_t k = 0; k < hubs.size(); ++k) EXPECT_EQ(mismatches[k], 0) << hubs[k];
}

TEST(ServeApi, TheSavedScenarioReadsBackToTheSameCoordinates) {
    serve::ScenarioRequest s;
    s.id = "x";
    s.name = "引用符\"と\\";
    s.move_hubs.push_back({"CH2", 131.1321, 34.1653, 0});
    const std::string toml = serve::scenario_toml(s);
    EXPECT_NE(toml.find("lon = 131.1321, lat = 34.1653"), std::string::npos) << toml;
    EXPECT_NE(toml.find("name = \"引用符\\\"と\\\\\""), std::string::npos) << toml;
}

}  // namespace
}  // namespace keniki::test
