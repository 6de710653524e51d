// Access indices through `keniki run` on the demo town (data/demo/plan.toml's [[access]] "csw":
// the welfare centres' staff shared by the people aged 65+ within 6 km, E2SFCA with bands up to
// 2 km: 1, 4 km: 0.68, 6 km: 0.22). The scores in the output are checked against a brute-force
// E2SFCA written out in this test over every (resident, centre) pair, from the GeoPackage's own
// residents and hubs layers (working CRS, metres); and the supply is conserved: the units' 65+
// people times their mean score add up to the 4 staff.

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "keniki/io/read_layer.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

double band_weight(double d) { return d <= 2000 ? 1.0 : d <= 4000 ? 0.68 : d <= 6000 ? 0.22 : 0.0; }

TEST(RunAccess, DemoCswScoresMatchABruteForceE2sfcaAndConserveTheSupply) {
    const auto out = fresh_temp_dir("keniki-run-access") / "out";
    const auto r = run_keniki("run " + shell_quote((source_dir() / "data/demo/plan.toml").string()) + " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json s = json::parse(read_file(out / "summary.json"));
    ASSERT_EQ(s["access"].size(), 1u);
    const json& a = s["access"][0];
    EXPECT_EQ(a["method"], "e2sfca");
    EXPECT_EQ(a["demand"], "pop_65plus");
    EXPECT_EQ(a["score_unit"], "supply (staff) per 1,000 people aged 65+");

    io::ReadOptions res_opt, hub_opt;
    res_opt.layer = "residents";
    hub_opt.layer = "hubs";
    const Layer residents = io::read_layer((out / "keniki.gpkg").string(), res_opt);
    const Layer hubs = io::read_layer((out / "keniki.gpkg").string(), hub_opt);
    const auto a65 = *residents.field_index("pop_65plus"), score = *residents.field_index("access_csw_per1000");
    const auto kind = *hubs.field_index("kind"), staff = *hubs.field_index("access_csw_supply");
    std::vector<Point> centres;
    std::vector<double> supply;
    for (const auto& f : hubs.features) {
        if (as_text(f.values[kind]) != "welfare_center") continue;
        centres.push_back(std::get<Point>(f.geometry));
        supply.push_back(*as_number(f.values[staff]));
    }
    ASSERT_EQ(centres.size(), 3u);
    EXPECT_EQ(supply, (std::vector<double>{2, 1, 1}));  // tools/make_demo: two CSWs at the first centre
    std::vector<double> demand(centres.size(), 0.0);
    const auto dist = [&](const Feature& f, std::size_t j) {
        const Point& p = std::get<Point>(f.geometry);
        return std::hypot(p.x() - centres[j].x(), p.y() - centres[j].y());
    };
    for (const auto& f : residents.features)
        for (std::size_t j = 0; j < centres.size(); ++j) demand[j] += *as_number(f.values[a65]) * band_weight(dist(f, j));
    std::size_t compared = 0;
    for (std::size_t i = 0; i < residents.features.size(); i += 7) {
        const Feature& f = residents.features[i];
        double expect = 0;
        for (std::size_t j = 0; j < centres.size(); ++j) expect += supply[j] / demand[j] * band_weight(dist(f, j));
        EXPECT_NEAR(*as_number(f.values[score]), expect * 1000, 1e-5) << "resident " << f.id;
        ++compared;
    }
    EXPECT_GT(compared, 2000u);
    for (std::size_t j = 0; j < centres.size(); ++j) EXPECT_NEAR(a["hubs"][j]["demand_in_catchment"].get<double>(), demand[j], 1e-2) << j;

    // Conservation per tier: Σ units (65+ people x mean score) = 4 staff (everyone lives in a unit).
    for (const auto& jt : a["tiers"]) {
        const std::string id = jt["id"];
        const json* tier = nullptr;
        for (const auto& t : s["tiers"])
            if (t["id"] == id) tier = &t;
        ASSERT_NE(tier, nullptr);
        double sum = 0;
        for (std::size_t u = 0; u < jt["units"].size(); ++u)
            sum += jt["units"][u]["per1000"]["pop_65plus"].get<double>() / 1000 * (*tier)["units"][u]["people"]["pop_65plus"].get<double>();
        EXPECT_NEAR(sum, 4.0, 1e-3) << id;
    }
    // The plan's threshold (0.3 per 1,000 aged 65+) lists the neighbourhoods below it, and the units
    // table (CSV) carries the columns.
    std::size_t below = 0;
    for (const auto& u : a["tiers"][2]["units"]) below += u["below"].get<bool>() && u["per1000"]["pop_65plus"].get<double>() < 0.3;
    EXPECT_EQ(below, a["tiers"][2]["below_threshold"].size());
    EXPECT_GT(below, 0u);
    const std::string csv = read_file(out / "units_neighbourhood.csv");
    for (const char* col : {"access_csw_per1000_pop_total", "access_csw_per1000_pop_65plus", "access_csw_per1000_pop_75plus", "access_csw_below"})
        EXPECT_NE(csv.find(col), std::string::npos) << col;
}

}  // namespace
}  // namespace keniki::test
