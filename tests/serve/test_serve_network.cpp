// keniki serve on a road-network tier (data/demo/plan_walk.toml: the neighbourhood tier reached on
// foot along the roads): the documented fallback recomputes that tier whole, and its figures equal
// run_model on the edited inputs; the straight-line tiers stay incremental.

#include <gtest/gtest.h>

#include "keniki/analysis/hub_edits.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/serve/model.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

TEST(ServeNetwork, AHubMoveOnAWalkingTierEqualsRunModel) {
    const project::Plan plan = project::load_plan(source_dir() / "data" / "demo" / "plan_walk.toml");
    const serve::Model model(plan);
    ASSERT_FALSE(model.straight(2)) << "the neighbourhood tier walks along the roads";
    EXPECT_TRUE(model.straight(1));
    const auto& in = model.inputs().input;
    analysis::HubEdits e;
    e.move.push_back({"CH2", model.to_working(131.1321, 34.1653)});
    e.remove.push_back("SA09");
    e.move.push_back({"WC2", model.to_working(131.2101, 34.2012)});
    const serve::ScenarioResult served = model.compute(e);
    EXPECT_EQ(served.tiers[2].recompute, "full (road network)");
    EXPECT_EQ(served.tiers[1].recompute, "incremental");
    EXPECT_EQ(served.tiers[0].recompute, "unchanged");

    const analysis::HubSet hs = analysis::apply_hub_edits(in, e);
    analysis::ModelInput edited = in;
    edited.facilities = hs.facilities;
    for (std::size_t k = 0; k < edited.tiers.size(); ++k) edited.tiers[k].hubs = hs.tier_hubs[k];
    const analysis::ModelResult full = analysis::run_model(edited);
    double changed = 0;
    for (std::size_t t = 0; t < full.tiers.size(); ++t) {
        for (std::size_t u = 0; u < full.tiers[t].units.size(); ++u) {
            const auto& a = served.tiers[t].units[u];
            const auto& b = full.tiers[t].units[u];
            EXPECT_EQ(a.beyond_reach.total, b.beyond_reach.total) << "tier " << t << " unit " << u;
            EXPECT_EQ(a.beyond_reach.age65, b.beyond_reach.age65);
            EXPECT_EQ(a.beyond_reach.age75, b.beyond_reach.age75);
            EXPECT_EQ(a.cost.mean, b.cost.mean);
            EXPECT_EQ(a.cost.p90, b.cost.p90);
            changed += std::abs(a.beyond_reach.total - model.base_figures()[t].units[u].beyond_reach.total);
        }
    }
    EXPECT_GT(changed, 0) << "the edits move people in or out of reach";
}

}  // namespace
}  // namespace keniki::test
