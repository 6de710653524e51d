// load_plan: the reference plan binds as documented; every kind of mistake is reported with its
// line, all of them at once.

#include <regex>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/project/plan.hpp"
#include "project/plan_test_support.hpp"

namespace keniki {
namespace {

namespace fs = std::filesystem;
using project::PlanProblem;
using test::line_with;
using test::with;

// A small valid plan that the mistake tests below change in one place each.
const std::string k_base = R"([study]
name = "架空市"
boundary = { path = "city.geojson" }

[residents]
source = { path = "residents.csv" }
kind = "points"
age65_field = "is_65plus"

[[facilities]]
id = "hubs"
source = { path = "hubs.geojson" }

[[tiers]]  # city
id = "city"
units = { from = "boundary" }
hub_kinds = ["consultation_center"]
reach = { mode = "straight", metres = 15000 }

[[tiers]]  # area
id = "area"
units = { from = "layer", source = { path = "welfare_areas.geojson" }, id_field = "area_id" }
hub_kinds = ["welfare_center"]
facilities = "hubs"
reach = { mode = "straight", metres = 6000 }

[output]
lang = "ja"

[analysis]
buffer_segments = 16
)";

TEST(LoadPlan, BasePlanLoads) {
    const auto problems = test::load_problems(k_base);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

TEST(LoadPlan, ReferencePlanBindsEveryValue) {
    const fs::path file = test::plan_fixtures() / "reference.toml";
    const std::string text = test::slurp(file);
    const project::Plan plan = project::load_plan(file);
    const fs::path dir = fs::absolute(test::plan_fixtures()).lexically_normal();

    EXPECT_EQ(plan.file, fs::absolute(file).lexically_normal());
    EXPECT_EQ(plan.study.name, "架空市");
    EXPECT_EQ(plan.study.boundary.path, (dir / "city.geojson").string());
    EXPECT_EQ(plan.study.boundary.line, line_with(text, "boundary = { path = \"city.geojson\" }"));
    EXPECT_EQ(plan.study.working_crs, "auto");

    EXPECT_EQ(plan.residents.source.path, (dir / "residents.csv").string());
    EXPECT_EQ(plan.residents.kind, project::ResidentKind::points);
    EXPECT_EQ(plan.residents.method, project::Apportionment::centroid);
    EXPECT_EQ(plan.residents.population_field, "");
    EXPECT_EQ(plan.residents.age65_field, "is_65plus");
    EXPECT_EQ(plan.residents.age75_field, "is_75plus");
    EXPECT_FALSE(plan.residents.census.has_value());

    ASSERT_EQ(plan.facilities.size(), 1u);
    EXPECT_EQ(plan.facilities[0].id, "hubs");
    EXPECT_EQ(plan.facilities[0].source.path, (dir / "hubs.geojson").string());
    EXPECT_EQ(plan.facilities[0].kind_field, "kind");
    EXPECT_EQ(plan.facilities[0].name_field, "name");
    EXPECT_EQ(plan.facilities[0].id_field, "hub_id");
    EXPECT_EQ(plan.facilities[0].line, line_with(text, "[[facilities]]"));

    ASSERT_EQ(plan.tiers.size(), 3u);
    const auto& city = plan.tiers[0];
    EXPECT_EQ(city.id, "city");
    EXPECT_EQ(city.name, "市圏域");
    EXPECT_EQ(city.name_en, "City");
    EXPECT_EQ(city.units.from, project::UnitsSpec::From::boundary);
    EXPECT_EQ(city.hub_kinds, std::vector<std::string>{"consultation_center"});
    EXPECT_EQ(city.facilities, "hubs");
    EXPECT_EQ(city.reach.mode, "straight");
    EXPECT_EQ(city.reach.metres, 15000.0);
    EXPECT_EQ(city.reach.line, line_with(text, "reach = { mode = \"straight\", metres = 15000 }"));

    const auto& welfare = plan.tiers[1];
    EXPECT_EQ(welfare.id, "welfare");
    EXPECT_EQ(welfare.name, "福祉圏域");
    EXPECT_EQ(welfare.units.from, project::UnitsSpec::From::layer);
    EXPECT_EQ(welfare.units.source.path, (dir / "welfare_areas.geojson").string());
    EXPECT_EQ(welfare.units.id_field, "area_id");
    EXPECT_EQ(welfare.units.name_field, "name");
    EXPECT_EQ(welfare.facilities, "hubs") << "the only facilities entry is filled in";
    EXPECT_EQ(welfare.reach.metres, 6000.0);

    const auto& hood = plan.tiers[2];
    EXPECT_EQ(hood.units.source.path, (dir / "neighbourhoods.geojson").string());
    EXPECT_EQ(hood.hub_kinds, (std::vector<std::string>{"community_hall", "salon"}));
    EXPECT_EQ(hood.reach.metres, 1000.0);
    EXPECT_EQ(hood.line, line_with(text, "id = \"neighbourhood\"") - 1);

    EXPECT_TRUE(plan.output.geojson);
    EXPECT_TRUE(plan.output.geopackage);
    EXPECT_TRUE(plan.output.csv);
    EXPECT_TRUE(plan.output.residents);
    EXPECT_EQ(plan.output.csv_encoding, "UTF-8-BOM");
    EXPECT_EQ(plan.output.lang, "ja");
    EXPECT_DOUBLE_EQ(plan.analysis.nesting_tolerance, 0.01);
    EXPECT_EQ(plan.analysis.buffer_segments, 32);

    EXPECT_EQ(plan.line_of("residents.age75_field"), line_with(text, "age75_field = \"is_75plus\""));
    EXPECT_EQ(plan.line_of("facilities[0].kind_field"), line_with(text, "kind_field = \"kind\""));
    EXPECT_EQ(plan.line_of("tiers[2].units"), line_with(text, "source = { path = \"neighbourhoods.geojson\" }, id_field"));
    EXPECT_EQ(plan.line_of("no.such.key", -1), -1);
}

TEST(LoadPlan, TheReferencePlanDocumentsEveryKeyTheLoaderAccepts) {
    // Every key of every table the loader accepts appears in reference.toml as "key =" (in a value or
    // in the comments that document the optional sections), or as a table-array header "[[x.key]]".
    const std::string text = test::read_file(test::plan_fixtures() / "reference.toml");
    std::size_t checked = 0;
    for (const auto& table : project::plan_keys()) {
        for (const auto& key : table.keys) {
            const std::regex mention("(^|[\\s{,#(])" + key + "\\s*=|\\[\\[\\w+\\." + key + "\\]\\]");
            EXPECT_TRUE(std::regex_search(text, mention)) << "reference.toml does not document " << table.table << "." << key;
            ++checked;
        }
    }
    EXPECT_GE(checked, 80u);  // 14 tables; a shrinking list would mean keys_of() lost some
    // The sections themselves.
    for (const char* header : {"[study]", "[residents]", "[[facilities]]", "[[tiers]]", "[output]", "[analysis]", "[network]", "[transport]",
                               "[[transport.stops]]", "[[scenarios]]", "[[scenarios.add_stops]]"})
        EXPECT_NE(text.find(header), std::string::npos) << header;
}

TEST(LoadPlan, DefaultsWhenKeysAreLeftOut) {
    const auto path = test::write_plan(R"([study]
name = "x"
boundary = { path = "b.gpkg" }
[residents]
source = { path = "r.gpkg" }
[[facilities]]
source = { path = "f.gpkg" }
[[tiers]]
id = "only"
units = { from = "boundary" }
hub_kinds = ["salon"]
reach = { metres = 500 }
)");
    const auto plan = project::load_plan(path);
    EXPECT_EQ(plan.study.working_crs, "auto");
    EXPECT_EQ(plan.residents.kind, project::ResidentKind::points);
    ASSERT_EQ(plan.facilities.size(), 1u);
    EXPECT_EQ(plan.facilities[0].id, "facilities");
    EXPECT_EQ(plan.facilities[0].kind_field, "kind");
    ASSERT_EQ(plan.tiers.size(), 1u);
    EXPECT_EQ(plan.tiers[0].facilities, "facilities");
    EXPECT_EQ(plan.tiers[0].name, "only");
    EXPECT_EQ(plan.tiers[0].name_en, "only");
    EXPECT_EQ(plan.tiers[0].reach.mode, "straight");
    EXPECT_EQ(plan.output.csv_encoding, "UTF-8-BOM");
    EXPECT_EQ(plan.output.lang, "ja");
    EXPECT_EQ(plan.analysis.buffer_segments, 32);  // circles within 0.05 % of their area
}

TEST(LoadPlan, ResolvesRelativePathsAgainstThePlanFolderAndLeavesConnectionStringsAlone) {
    const auto path = test::write_plan(with(with(with(k_base, "path = \"city.geojson\"", "path = \"PG:dbname=gis user=planner\""),
                                                 "path = \"residents.csv\"", "path = \"../shared/./people.csv\""),
                                            "path = \"hubs.geojson\"", "path = \"/srv/data/hubs.gpkg\""));
    const auto plan = project::load_plan(path);
    const fs::path dir = fs::absolute(path).parent_path();
    EXPECT_EQ(plan.study.boundary.path, "PG:dbname=gis user=planner");
    EXPECT_EQ(plan.residents.source.path, (dir.parent_path() / "shared" / "people.csv").string());
    EXPECT_EQ(plan.facilities[0].source.path, "/srv/data/hubs.gpkg");
    EXPECT_EQ(plan.tiers[1].units.source.path, (dir / "welfare_areas.geojson").string());
}

TEST(LoadPlan, CensusTablePathIsResolvedAndBound) {
    const auto path = test::write_plan(with(with(k_base, "kind = \"points\"", "kind = \"polygons\"\nmethod = \"area_weighted\""),
                                            "age65_field = \"is_65plus\"",
                                            "census = { table = \"stats/t.txt\", population = \"T001082001\", age65 = \"総数６５歳以上\" }"));
    const auto plan = project::load_plan(path);
    EXPECT_EQ(plan.residents.kind, project::ResidentKind::polygons);
    EXPECT_EQ(plan.residents.method, project::Apportionment::area_weighted);
    ASSERT_TRUE(plan.residents.census.has_value());
    EXPECT_EQ(plan.residents.census->table, (fs::absolute(path).parent_path() / "stats" / "t.txt").string());
    EXPECT_EQ(plan.residents.census->key_field, "KEY_CODE");
    EXPECT_EQ(plan.residents.census->population, "T001082001");
    EXPECT_EQ(plan.residents.census->age65, "総数６５歳以上");
    EXPECT_EQ(plan.residents.census->age75, "");
    EXPECT_EQ(plan.residents.census->suppression, project::CensusSuppression::keep);
    EXPECT_EQ(plan.residents.census->split_by, "JINKO");
}

TEST(LoadPlan, AccessBlocksBindAndMistakesAreNamed) {
    const auto path = test::write_plan(k_base + R"(
[[access]]
id = "csw"
tier = "area"
supply_field = "staff"
demand = "pop_65plus"
method = "e2sfca"
catchment = { mode = "straight", metres = 6000 }
decay = { bands = [[2000, 1.0], [4000, 0.68], [6000, 0.22]] }
threshold_per_1000 = 0.3

[[access]]
id = "halls"
hub_kinds = ["welfare_center"]
catchment = { metres = 1500 }
)");
    const auto plan = project::load_plan(path);
    ASSERT_EQ(plan.access.size(), 2u);
    const auto& a = plan.access[0];
    EXPECT_EQ(a.tier, "area");
    EXPECT_EQ(a.supply_field, "staff");
    EXPECT_EQ(a.demand, "pop_65plus");
    EXPECT_EQ(a.method, "e2sfca");
    ASSERT_TRUE(a.catchment.has_value());
    EXPECT_DOUBLE_EQ(a.catchment->metres, 6000);
    EXPECT_EQ(a.decay.kind, "bands");
    EXPECT_EQ(a.decay.bands, (std::vector<std::pair<double, double>>{{2000, 1.0}, {4000, 0.68}, {6000, 0.22}}));
    EXPECT_EQ(a.threshold_per_1000, 0.3);
    const auto& b = plan.access[1];
    EXPECT_EQ(b.method, "2sfca");
    EXPECT_EQ(b.demand, "pop_total");
    EXPECT_EQ(b.facilities, "hubs") << "the only facilities entry is filled in";
    EXPECT_EQ(b.hub_kinds, std::vector<std::string>{"welfare_center"});

    const auto problems = [&](const std::string& block) {
        std::string all;
        for (const auto& p : test::load_problems(k_base + "\n[[access]]\nid = \"x\"\n" + block)) all += p.message + "\n";
        return all;
    };
    EXPECT_NE(problems("tier = \"welfare\"\n").find("tier = \"welfare\" names no tier"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\nhub_kinds = [\"salon\"]\n").find("either tier"), std::string::npos);
    EXPECT_NE(problems("hub_kinds = [\"salon\"]\n").find("missing key 'catchment'"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\nmethod = \"e2sfca\"\n").find("needs a decay"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\ndecay = { gaussian = true }\n").find("2sfca\" weighs everyone"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\nmethod = \"gravity\"\ndecay = { bands = [[10, 1], [5, 0.5]] }\n").find("rising upper costs"),
              std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\nmethod = \"gravity\"\ndecay = { power = 1, gaussian = true }\n").find("exactly one of"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\ndemand = \"pop_80plus\"\n").find("demand must be"), std::string::npos);
    EXPECT_NE(problems("tier = \"area\"\ncatchment = { mode = \"walk\", minutes = 10 }\n").find("needs a [network] section"), std::string::npos);
}

TEST(LoadPlan, CensusSuppressionSplitIsBoundAndOtherValuesAreRefused) {
    const std::string polygons = with(k_base, "kind = \"points\"", "kind = \"polygons\"");
    const auto census = [&](const std::string& extra) {
        return test::write_plan(with(polygons, "age65_field = \"is_65plus\"",
                                     "census = { table = \"t.txt\", population = \"T001082001\"" + extra + " }"));
    };
    const auto plan = project::load_plan(census(", suppression = \"split\", split_by = \"area\""));
    EXPECT_EQ(plan.residents.census->suppression, project::CensusSuppression::split);
    EXPECT_EQ(plan.residents.census->split_by, "area");
    try {
        (void)project::load_plan(census(", suppression = \"spread\""));
        FAIL() << "suppression = spread loaded";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("residents.census.suppression is \"keep\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not \"spread\""), std::string::npos) << e.what();
    }
    try {
        (void)project::load_plan(census(", split_by = \"SETAI\""));
        FAIL() << "split_by without split loaded";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("split_by only applies with suppression = \"split\""), std::string::npos) << e.what();
    }
}

TEST(LoadPlan, ErrorListsEveryProblemOnePerLineAndIsAUsageError) {
    const fs::path file = test::plan_fixtures() / "three_mistakes.toml";
    try {
        (void)project::load_plan(file);
        FAIL() << "three_mistakes.toml loaded";
    } catch (const UsageError& e) {
        const auto* plan_error = dynamic_cast<const project::PlanError*>(&e);
        ASSERT_NE(plan_error, nullptr);
        const auto& problems = plan_error->problems();
        ASSERT_EQ(problems.size(), 3u) << e.what();
        EXPECT_EQ(problems[0].line, 8);
        EXPECT_NE(problems[0].message.find("residents.kind must be \"points\" or \"polygons\", not \"point\" (did you mean \"points\"?)"),
                  std::string::npos)
            << problems[0].message;
        EXPECT_EQ(problems[1].line, 18);
        EXPECT_NE(problems[1].message.find("tier 'city': facilities = \"hub\" names no [[facilities]] entry (did you mean \"hubs\"?)"),
                  std::string::npos)
            << problems[1].message;
        EXPECT_EQ(problems[2].line, 19);
        EXPECT_NE(problems[2].message.find("tier 'city': unknown key 'meters' in reach (did you mean 'metres'?)"), std::string::npos)
            << problems[2].message;
        const std::string shown = file.string();
        EXPECT_EQ(std::string(e.what()), problems[0].describe() + "\n" + problems[1].describe() + "\n" + problems[2].describe());
        EXPECT_EQ(problems[0].describe().rfind(shown + ":8: residents.kind", 0), 0u) << problems[0].describe();
    }
}

TEST(PlanProblem, DescribeNamesFileAndLine) {
    EXPECT_EQ((PlanProblem{"plan.toml", 12, "bad"}).describe(), "plan.toml:12: bad");
    EXPECT_EQ((PlanProblem{"plan.toml", 0, "bad"}).describe(), "plan.toml: bad");
}

TEST(LoadPlan, SyntaxErrorGivesTomlMessageAndLine) {
    const std::string text = with(k_base, "name = \"架空市\"", "name = \"架空市");
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "name = \"架空市"));
    EXPECT_NE(problems[0].message.find("TOML syntax error"), std::string::npos) << problems[0].message;
    EXPECT_NE(problems[0].message.find("string"), std::string::npos) << "toml++'s own description is kept: " << problems[0].message;
}

TEST(LoadPlan, MissingPlanFileIsAPlanError) {
    EXPECT_THROW((void)project::load_plan(test::fresh_temp_dir("keniki-plan") / "absent.toml"), project::PlanError);
}

TEST(LoadPlan, ByteOrderMarkIsAccepted) {
    const auto problems = test::load_problems("\xEF\xBB\xBF" + k_base);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

// ---- one mistake at a time: exactly one problem, at the expected line, saying the expected thing ----

struct Mistake {
    const char* name;
    const char* from;      ///< text of the base plan to change
    const char* to;        ///< what it becomes
    const char* at;        ///< text on the line the problem must point at (nullptr: not tied to a line)
    const char* message;   ///< part of the expected message
};

void PrintTo(const Mistake& m, std::ostream* os) { *os << m.name; }

class OneMistake : public ::testing::TestWithParam<Mistake> {};

TEST_P(OneMistake, IsReportedWithItsLine) {
    const Mistake& m = GetParam();
    const std::string text = with(k_base, m.from, m.to);
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << "plan:\n" << text << "problems:\n" << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, m.at ? line_with(text, m.at) : 0) << problems[0].describe();
    EXPECT_NE(problems[0].message.find(m.message), std::string::npos) << "message: " << problems[0].message << "\nexpected: " << m.message;
}

const Mistake k_mistakes[] = {
    // unknown keys
    {"unknown_key_near_miss", "metres = 6000", "meters = 6000", "meters = 6000",
     "tier 'area': unknown key 'meters' in reach (did you mean 'metres'?)"},
    {"unknown_key_far", "age65_field = \"is_65plus\"", "colour = \"red\"", "colour", "unknown key 'colour' in [residents]"},
    {"unknown_tier_key", "hub_kinds = [\"welfare_center\"]", "hub_kinds = [\"welfare_center\"]\nhubkinds = [\"salon\"]", "hubkinds",
     "tier 'area': unknown key 'hubkinds' (did you mean 'hub_kinds'?)"},
    {"unknown_layer_ref_key", "{ path = \"hubs.geojson\" }", "{ path = \"hubs.geojson\", layr = \"hubs\" }", "layr",
     "facilities 'hubs': unknown key 'layr' in source (did you mean 'layer'?)"},
    {"unknown_section", "[residents]", "[reidents]", "[reidents]", "unknown section [reidents] (did you mean [residents]?)"},
    {"unknown_output_key", "lang = \"ja\"", "language = \"ja\"", "language", "unknown key 'language' in [output]"},
    // missing keys
    {"missing_boundary_path", "boundary = { path = \"city.geojson\" }", "boundary = { layer = \"city\" }", "boundary =",
     "missing key 'path' in study.boundary"},
    {"missing_boundary", "boundary = { path = \"city.geojson\" }", "", "[study]", "missing key 'boundary' in [study]"},
    {"missing_residents_source", "source = { path = \"residents.csv\" }", "", "[residents]", "missing key 'source' in [residents]"},
    {"missing_study", "[study]\nname = \"架空市\"\nboundary = { path = \"city.geojson\" }\n", "", nullptr, "missing section [study]"},
    {"missing_tier_id", "id = \"area\"", "", "[[tiers]]  # area", "tier 2: missing key 'id'"},
    {"missing_units", "units = { from = \"layer\", source = { path = \"welfare_areas.geojson\" }, id_field = \"area_id\" }", "",
     "[[tiers]]  # area", "tier 'area': missing key 'units'"},
    {"missing_hub_kinds", "hub_kinds = [\"welfare_center\"]", "", "[[tiers]]  # area", "tier 'area': missing key 'hub_kinds'"},
    {"missing_reach", "reach = { mode = \"straight\", metres = 6000 }", "", "[[tiers]]  # area", "tier 'area': missing key 'reach'"},
    {"missing_metres", "mode = \"straight\", metres = 6000", "mode = \"straight\"", "reach = { mode = \"straight\" }",
     "tier 'area': missing key 'metres' in reach"},
    {"missing_units_from", "units = { from = \"boundary\" }", "units = { }", "units = { }", "tier 'city': missing key 'from' in units"},
    // wrong types
    {"string_for_number", "metres = 6000", "metres = \"6000\"", "metres = \"6000\"",
     "tier 'area': reach.metres must be a number, not a string"},
    {"string_for_layer_ref", "boundary = { path = \"city.geojson\" }", "boundary = \"city.geojson\"", "boundary =",
     "study.boundary must be a table such as { path = \"city.geojson\" }, not a string"},
    {"string_for_bool", "lang = \"ja\"", "geojson = \"yes\"", "geojson = \"yes\"", "output.geojson must be true or false, not a string"},
    {"float_for_integer", "buffer_segments = 16", "buffer_segments = 16.5", "buffer_segments",
     "analysis.buffer_segments must be a whole number, not a floating-point number"},
    {"string_for_list", "hub_kinds = [\"welfare_center\"]", "hub_kinds = \"welfare_center\"", "hub_kinds = \"welfare_center\"",
     "tier 'area': hub_kinds must be a list of strings"},
    {"number_for_string", "name = \"架空市\"", "name = 42", "name = 42", "study.name must be a string, not an integer"},
    // invalid values
    {"invalid_kind", "kind = \"points\"", "kind = \"point\"", "kind = \"point\"",
     "residents.kind must be \"points\" or \"polygons\", not \"point\" (did you mean \"points\"?)"},
    {"invalid_method", "kind = \"points\"", "kind = \"polygons\"\nmethod = \"area\"", "method",
     "residents.method must be \"centroid\" or \"area_weighted\", not \"area\""},
    {"area_weighted_points", "kind = \"points\"", "kind = \"points\"\nmethod = \"area_weighted\"", "method",
     "residents.method = \"area_weighted\" applies to polygon residents only"},
    {"invalid_from", "from = \"boundary\"", "from = \"boundry\"", "boundry",
     "tier 'city': units.from must be \"boundary\", \"layer\" or \"tier\", not \"boundry\" (did you mean \"boundary\"?)"},
    {"invalid_mode", "mode = \"straight\", metres = 6000", "mode = \"bike\", metres = 6000", "bike",
     "tier 'area': reach.mode must be \"straight\", \"walk\", \"drive\" or \"transit\", not \"bike\""},
    {"walk_needs_network", "mode = \"straight\", metres = 6000", "mode = \"walk\", minutes = 15", "walk",
     "tier 'area': reach mode \"walk\" runs along roads: the plan needs a [network] section"},
    {"elderly_only_walking", "mode = \"straight\", metres = 15000", "mode = \"straight\", metres = 15000, elderly = true", "elderly",
     "tier 'city': reach.elderly applies to mode = \"walk\" only"},
    {"invalid_csv_encoding", "lang = \"ja\"", "csv_encoding = \"sjis\"", "sjis",
     "output.csv_encoding must be \"utf-8-bom\", \"utf-8\" or \"cp932\", not \"sjis\""},
    {"invalid_lang", "lang = \"ja\"", "lang = \"jp\"", "jp", "output.lang must be \"ja\" or \"en\", not \"jp\" (did you mean \"ja\"?)"},
    {"invalid_layer_encoding", "{ path = \"hubs.geojson\" }", "{ path = \"hubs.geojson\", encoding = \"latin1\" }", "latin1",
     "facilities 'hubs': source.encoding must be \"\", \"auto\", \"utf-8\" or \"cp932\""},
    {"invalid_working_crs", "name = \"架空市\"", "name = \"架空市\"\nworking_crs = \"JGD2011\"", "JGD2011",
     "study.working_crs must be \"auto\" or an EPSG code"},
    {"metres_zero", "metres = 6000", "metres = 0", "metres = 0", "tier 'area': reach.metres must be greater than 0, not 0"},
    {"metres_negative", "metres = 15000", "metres = -2.5", "metres = -2.5", "tier 'city': reach.metres must be greater than 0, not -2.5"},
    {"minutes_with_straight", "metres = 6000", "metres = 6000, minutes = 10", "minutes = 10",
     "tier 'area': reach.minutes is for road-network reach"},
    {"drive_speed_negative", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\ndrive_kmh = { residential = -5 }",
     "drive_kmh", "network.drive_kmh.residential must be greater than 0 (km/h), not -5"},
    {"drive_speed_not_a_number", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\ndrive_kmh = { primary = \"fast\" }",
     "drive_kmh", "primary"},
    {"drive_speed_infinite", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\ndrive_kmh = { residential = inf }",
     "drive_kmh", "network.drive_kmh.residential must be greater than 0 (km/h), not inf"},
    {"walk_speed_infinite", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\nwalk_kmh = inf",
     "walk_kmh", "network.walk_kmh must be a number greater than 0"},
    {"maxspeed_factor_out_of_range", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\nmaxspeed_factor = 8",
     "maxspeed_factor", "network.maxspeed_factor scales tagged speed limits: greater than 0 and at most 2, not 8"},
    {"walk_tags_unknown_key", "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\nwalk_tags = \"fot_no=+use_sidepath\"",
     "walk_tags", "network.walk_tags: unknown key 'fot_no' (the keys are highway, foot_yes, foot_no)"},
    {"empty_hub_kinds", "hub_kinds = [\"welfare_center\"]", "hub_kinds = []", "hub_kinds = []", "tier 'area': hub_kinds is empty"},
    {"nesting_tolerance_out_of_range", "buffer_segments = 16", "nesting_tolerance = 1.5", "nesting_tolerance",
     "analysis.nesting_tolerance is a share of a unit's area: it must be at least 0 and below 1, not 1.5"},
    {"only_x_field", "{ path = \"residents.csv\" }", "{ path = \"residents.csv\", x_field = \"lon\" }", "residents.csv",
     "give both residents.source.x_field and residents.source.y_field, or neither"},
    {"tier_id_not_ascii", "id = \"area\"", "id = \"福祉\"", "id = \"福祉\"", "tier id \"福祉\" may hold only ASCII letters"},
    {"empty_path", "{ path = \"hubs.geojson\" }", "{ path = \"\" }", "path = \"\"", "facilities 'hubs': source.path must not be empty"},
    // references and counts
    {"duplicate_tier_id", "id = \"area\"", "id = \"city\"  # again", "# again", "tier id 'city' is used twice (first at line 14)"},
    {"unknown_facilities", "facilities = \"hubs\"", "facilities = \"hub\"", "facilities = \"hub\"",
     "tier 'area': facilities = \"hub\" names no [[facilities]] entry (did you mean \"hubs\"?); the plan has \"hubs\""},
    {"units_tier_unknown", "units = { from = \"boundary\" }", "units = { from = \"tier\", tier = \"aera\", dissolve_by = \"w\" }", "aera",
     "tier 'city': units.tier = \"aera\" names no tier (did you mean \"area\"?)"},
    {"units_tier_not_finer", "units = { from = \"layer\", source = { path = \"welfare_areas.geojson\" }, id_field = \"area_id\" }",
     "units = { from = \"tier\", tier = \"city\", dissolve_by = \"w\" }", "tier = \"city\"",
     "tier 'area': units.tier = \"city\" must name a finer tier, listed after this one; 'city' is listed before it"},
    {"units_tier_itself", "units = { from = \"layer\", source = { path = \"welfare_areas.geojson\" }, id_field = \"area_id\" }",
     "units = { from = \"tier\", tier = \"area\", dissolve_by = \"w\" }", "tier = \"area\"", "tier 'area': units.tier names the tier itself"},
    {"layer_without_source", "{ from = \"layer\", source = { path = \"welfare_areas.geojson\" }, id_field = \"area_id\" }",
     "{ from = \"layer\", id_field = \"area_id\" }", "from = \"layer\"", "tier 'area': missing key 'source' in units"},
    {"dissolve_by_missing_for_tier", "units = { from = \"boundary\" }", "units = { from = \"tier\", tier = \"area\" }", "tier = \"area\"",
     "tier 'city': units.dissolve_by is needed with from = \"tier\""},
    {"dissolve_by_empty_for_tier", "units = { from = \"boundary\" }", "units = { from = \"tier\", tier = \"area\", dissolve_by = \"\" }",
     "tier = \"area\"", "tier 'city': units.dissolve_by is needed with from = \"tier\""},
    {"source_with_boundary", "units = { from = \"boundary\" }", "units = { from = \"boundary\", source = { path = \"x.gpkg\" } }",
     "x.gpkg", "tier 'city': units.source is not used with from = \"boundary\""},
    {"id_field_and_dissolve_by", "id_field = \"area_id\" }", "id_field = \"area_id\", dissolve_by = \"w\" }", "dissolve_by",
     "tier 'area': units.id_field and units.dissolve_by exclude each other"},
    {"census_with_points", "age65_field = \"is_65plus\"", "census = { table = \"t.txt\", population = \"T001082001\" }", "census",
     "residents.census joins an e-Stat table to small-area polygons: it needs kind = \"polygons\""},
    {"census_without_population", "kind = \"points\"", "kind = \"polygons\"\ncensus = { table = \"t.txt\" }", "census",
     "missing key 'population' in residents.census"},
};

INSTANTIATE_TEST_SUITE_P(Plan, OneMistake, ::testing::ValuesIn(k_mistakes), [](const auto& info) { return std::string(info.param.name); });

TEST(LoadPlan, DriveSpeedsBindOverTheBuiltInOnes) {
    const std::string text = with(k_base, "buffer_segments = 16",
                                  "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\n"
                                  "drive_kmh = { residential = 25, \"国道\" = 45.5 }\ndrive_default_kmh = 15\nuse_maxspeed = false\n"
                                  "maxspeed_factor = 0.7");
    ASSERT_TRUE(test::load_problems(text).empty()) << test::describe_all(test::load_problems(text));
    const project::Plan plan = project::load_plan(test::write_plan(text));
    EXPECT_EQ(plan.network.drive_kmh_classes, (std::vector<std::string>{"residential", "国道"}));
    EXPECT_EQ(plan.network.travel.drive_kmh.at("residential"), 25);
    EXPECT_EQ(plan.network.travel.drive_kmh.at("国道"), 45.5);
    EXPECT_EQ(plan.network.travel.drive_default_kmh, 15);
    EXPECT_EQ(plan.network.travel.use_maxspeed, false);
    EXPECT_EQ(plan.network.travel.maxspeed_factor, 0.7);
    // The other classes keep their built-in speeds.
    EXPECT_EQ(plan.network.travel.drive_kmh.at("primary"), network::default_drive_speeds().at("primary"));
    // Left out: the built-in speeds stay (no overrides at all).
    const project::Plan plain = project::load_plan(test::write_plan(with(k_base, "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }")));
    EXPECT_TRUE(plain.network.drive_kmh_classes.empty());
    const network::TravelOptions built_in;
    EXPECT_EQ(plain.network.travel.drive_kmh, built_in.drive_kmh);
    EXPECT_EQ(plain.network.travel.drive_default_kmh, built_in.drive_default_kmh);
    EXPECT_EQ(plain.network.travel.use_maxspeed, built_in.use_maxspeed);
    EXPECT_EQ(plain.network.travel.maxspeed_factor, built_in.maxspeed_factor);
}

TEST(LoadPlan, WalkTagsBindOverTheBuiltInRules) {
    const std::string text = with(k_base, "buffer_segments = 16",
                                  "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }\nwalk_tags = \"highway=-steps; foot_no=+use_sidepath\"");
    ASSERT_TRUE(test::load_problems(text).empty()) << test::describe_all(test::load_problems(text));
    const project::Plan plan = project::load_plan(test::write_plan(text));
    EXPECT_EQ(plan.network.walk.highway.size(), 20u);  // 21 built in, less steps
    EXPECT_FALSE(plan.network.walk.walkable_class("steps"));
    EXPECT_EQ(plan.network.walk.foot_no, (std::vector<std::string>{"no", "private", "use_sidepath"}));
    EXPECT_EQ(plan.network.walk.foot_yes, network::default_walk_rules().foot_yes);
    const project::Plan plain = project::load_plan(test::write_plan(with(k_base, "buffer_segments = 16", "buffer_segments = 16\n[network]\nroads = { path = \"r.osm.pbf\" }")));
    EXPECT_EQ(plain.network.walk, network::default_walk_rules());
}

TEST(LoadPlan, SectionThatIsNotATable) {
    const std::string text = "analysis = 3\n" + with(k_base, "[analysis]\nbuffer_segments = 16\n", "");
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, 1);
    EXPECT_NE(problems[0].message.find("[analysis] must be a table (a section), not an integer"), std::string::npos)
        << problems[0].message;
}

TEST(LoadPlan, NoTiersAtAll) {
    const auto cut = k_base.find("[[tiers]]  # city");
    const std::string text = k_base.substr(0, cut) + "[output]\nlang = \"ja\"\n";
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, 0);
    EXPECT_NE(problems[0].message.find("missing [[tiers]]: give 1 to 5 tiers"), std::string::npos) << problems[0].message;
}

TEST(LoadPlan, EmptyTiersArray) {
    const auto cut = k_base.find("[[tiers]]  # city");
    const std::string text = "tiers = []\n" + k_base.substr(0, cut);
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, 1);
    EXPECT_NE(problems[0].message.find("tiers is empty: give 1 to 5 tiers"), std::string::npos) << problems[0].message;
}

TEST(LoadPlan, SixTiersAreTooMany) {
    std::string text = k_base;
    for (int i = 3; i <= 6; ++i) {
        text += "\n[[tiers]]  # t" + std::to_string(i) + "\nid = \"t" + std::to_string(i) +
                "\"\nunits = { from = \"boundary\" }\nhub_kinds = [\"salon\"]\nreach = { metres = 500 }\n";
    }
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "[[tiers]]  # t6"));
    EXPECT_NE(problems[0].message.find("at most 5 tiers are supported; this plan has 6"), std::string::npos) << problems[0].message;
}

TEST(LoadPlan, FiveTiersAreFine) {
    std::string text = k_base;
    for (int i = 3; i <= 5; ++i) {
        text += "\n[[tiers]]\nid = \"t" + std::to_string(i) + "\"\nunits = { from = \"boundary\" }\nhub_kinds = [\"salon\"]\nreach = { metres = 500 }\n";
    }
    const auto problems = test::load_problems(text);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

TEST(LoadPlan, DuplicateFacilityIds) {
    const std::string text = with(k_base, "source = { path = \"hubs.geojson\" }",
                                  "source = { path = \"hubs.geojson\" }\n\n[[facilities]]\nid = \"hubs\"  # again\nsource = { path = \"more.geojson\" }");
    const auto problems = test::load_problems(text);
    // The second entry repeats the id; and the tier without `facilities` now has two to choose from.
    ASSERT_EQ(problems.size(), 2u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "id = \"hubs\"  # again"));
    EXPECT_NE(problems[0].message.find("facilities id 'hubs' is used twice (first at line 10)"), std::string::npos) << problems[0].message;
    EXPECT_EQ(problems[1].line, line_with(text, "[[tiers]]  # city"));
    EXPECT_NE(problems[1].message.find("tier 'city': the plan has several [[facilities]]"), std::string::npos) << problems[1].message;
}

TEST(LoadPlan, FacilitiesMustBeNamedWhenThereAreSeveral) {
    const std::string text = with(k_base, "source = { path = \"hubs.geojson\" }",
                                  "source = { path = \"hubs.geojson\" }\n\n[[facilities]]\nid = \"shops\"\nsource = { path = \"shops.geojson\" }");
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "[[tiers]]  # city"));
    EXPECT_NE(problems[0].message.find("tier 'city': the plan has several [[facilities]]: name the one with this tier's hubs, "
                                       "facilities = \"hubs\" or \"shops\""),
              std::string::npos)
        << problems[0].message;
}

TEST(LoadPlan, TiersNeedFacilities) {
    const std::string text = with(k_base, "[[facilities]]\nid = \"hubs\"\nsource = { path = \"hubs.geojson\" }\n", "");
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 2u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "[[tiers]]  # city"));
    EXPECT_NE(problems[0].message.find("tier 'city': the plan has no [[facilities]]"), std::string::npos) << problems[0].message;
    EXPECT_EQ(problems[1].line, line_with(text, "facilities = \"hubs\""));
    EXPECT_NE(problems[1].message.find("names no [[facilities]] entry (the plan has none)"), std::string::npos) << problems[1].message;
}

TEST(LoadPlan, DissolvingAFinerTierLoads) {
    const std::string text = with(k_base, "units = { from = \"boundary\" }", "units = { from = \"tier\", tier = \"area\", dissolve_by = \"w\" }");
    const auto path = test::write_plan(text);
    const auto plan = project::load_plan(path);
    EXPECT_EQ(plan.tiers[0].units.from, project::UnitsSpec::From::tier);
    EXPECT_EQ(plan.tiers[0].units.tier, "area");
    EXPECT_EQ(plan.tiers[0].units.dissolve_by, "w");
}

TEST(LoadPlan, ManyMistakesAreAllReportedInLineOrder) {
    std::string text = with(k_base, "kind = \"points\"", "kind = \"pts\"");
    text = with(text, "metres = 15000", "metres = \"far\"");
    text = with(text, "from = \"layer\"", "from = \"polygons\"");
    text = with(text, "lang = \"ja\"", "lang = \"fr\"");
    const auto problems = test::load_problems(text);
    ASSERT_EQ(problems.size(), 4u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "pts"));
    EXPECT_EQ(problems[1].line, line_with(text, "far"));
    EXPECT_EQ(problems[2].line, line_with(text, "polygons"));
    EXPECT_EQ(problems[3].line, line_with(text, "fr\""));
}

TEST(DescribePlan, WritesEveryDefaultAndLoadsAgainAsTheSamePlan) {
    const auto plan = project::load_plan(test::plan_fixtures() / "reference.toml");
    const std::string text = project::describe_plan(plan);
    for (const char* expected : {"working_crs = \"auto\"", "kind = \"points\"", "kind_field = \"kind\"", "facilities = \"hubs\"",
                                 "csv_encoding = \"utf-8-bom\"", "nesting_tolerance = 0.01",
                                 "buffer_segments = 32  # per quarter circle: each circle's area 0.040 % short of pi r^2",
                                 "reach = { mode = \"straight\", metres = 15000 }", "name_en = \"Welfare area\""}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
    }
    EXPECT_NE(text.find((fs::absolute(test::plan_fixtures()).lexically_normal() / "city.geojson").string()), std::string::npos);
    EXPECT_EQ(text.find("method ="), std::string::npos) << "method is for polygon residents only";

    const auto again = project::load_plan(test::write_plan(text));
    const std::string text2 = project::describe_plan(again);
    EXPECT_EQ(text.substr(text.find('\n')), text2.substr(text2.find('\n')));
}

TEST(DescribePlan, EscapesStringsAndWritesCensus) {
    const std::string text = with(with(k_base, "kind = \"points\"", "kind = \"polygons\""), "age65_field = \"is_65plus\"",
                                  "census = { table = \"t.txt\", population = \"総数\" }");
    auto plan = project::load_plan(test::write_plan(with(text, "name = \"架空市\"", R"(name = "架空 \"市\"\\")")));
    EXPECT_EQ(plan.study.name, "架空 \"市\"\\");
    const std::string described = project::describe_plan(plan);
    EXPECT_NE(described.find("[residents.census]"), std::string::npos) << described;
    EXPECT_NE(described.find("method = \"centroid\""), std::string::npos) << described;
    const auto again = project::load_plan(test::write_plan(described));
    EXPECT_EQ(again.study.name, plan.study.name);
    ASSERT_TRUE(again.residents.census.has_value());
    EXPECT_EQ(again.residents.census->population, "総数");
}

}  // namespace
}  // namespace keniki
