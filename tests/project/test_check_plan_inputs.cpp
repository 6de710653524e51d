// check_plan_inputs: files, layers and fields named by a plan, with the plan line that named them.

#include <gtest/gtest.h>

#include "keniki/project/plan.hpp"
#include "project/plan_test_support.hpp"

namespace keniki {
namespace {

namespace fs = std::filesystem;
using project::PlanProblem;
using test::line_with;
using test::with;

/// The reference plan with its relative paths made absolute (pointing at the fixtures), so that it
/// can be written anywhere and changed.
std::string reference_text() {
    std::string text = test::slurp(test::plan_fixtures() / "reference.toml");
    const std::string dir = fs::absolute(test::plan_fixtures()).lexically_normal().string() + "/";
    for (std::size_t pos = 0; (pos = text.find("path = \"", pos)) != std::string::npos;) {
        pos += 8;
        text.insert(pos, dir);
    }
    return text;
}

/// The census fixture plan with absolute paths.
std::string census_text() {
    std::string text = test::slurp(test::plan_fixtures() / "census" / "plan.toml");
    const std::string dir = fs::absolute(test::plan_fixtures() / "census").lexically_normal().string() + "/";
    for (std::size_t pos = 0; (pos = text.find("path = \"", pos)) != std::string::npos;) text.insert(pos += 8, dir);
    return with(text, "table = \"table.txt\"", "table = \"" + dir + "table.txt\"");
}

std::vector<PlanProblem> check(const std::string& text) {
    const auto plan = project::load_plan(test::write_plan(text));
    return project::check_plan_inputs(plan);
}

::testing::AssertionResult has_problem(const std::vector<PlanProblem>& problems, int line, const std::string& message) {
    for (const auto& p : problems) {
        if (p.line == line && p.message.find(message) != std::string::npos) return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "no problem at line " << line << " saying \"" << message << "\"; got:\n"
                                         << test::describe_all(problems);
}

TEST(CheckPlanInputs, ReferencePlanInputsAreAllThere) {
    const auto plan = project::load_plan(test::plan_fixtures() / "reference.toml");
    const auto problems = project::check_plan_inputs(plan);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

TEST(CheckPlanInputs, CensusPlanInputsAreAllThere) {
    const auto plan = project::load_plan(test::plan_fixtures() / "census" / "plan.toml");
    const auto problems = project::check_plan_inputs(plan);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

TEST(CheckPlanInputs, MissingFile) {
    const std::string text = with(reference_text(), "hubs.geojson\" }", "hubs_2019.geojson\" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "hubs_2019.geojson"));
    EXPECT_NE(problems[0].message.find("facilities 'hubs' source: "), std::string::npos) << problems[0].message;
    EXPECT_NE(problems[0].message.find("hubs_2019.geojson: no such file or directory"), std::string::npos) << problems[0].message;
}

TEST(CheckPlanInputs, UnknownLayer) {
    const std::string text = with(reference_text(), "city.geojson\" }", "city.geojson\", layer = \"town\" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "layer = \"town\""));
    EXPECT_NE(problems[0].message.find("study.boundary: "), std::string::npos) << problems[0].message;
    EXPECT_NE(problems[0].message.find("no layer named 'town'; the dataset has: city"), std::string::npos) << problems[0].message;
}

TEST(CheckPlanInputs, UnknownField) {
    const std::string text = with(reference_text(), "kind_field = \"kind\"", "kind_field = \"knd\"");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "kind_field = \"knd\""));
    EXPECT_EQ(problems[0].message,
              "facilities 'hubs': kind_field 'knd' is not a field of hubs.geojson (did you mean 'kind'?); its fields: hub_id, kind, name");
}

TEST(CheckPlanInputs, UnknownFieldsEverywhereAreAllReported) {
    std::string text = reference_text();
    text = with(text, "age75_field = \"is_75plus\"", "age75_field = \"is_75_plus\"");
    text = with(text, "id_field = \"hub_id\"", "id_field = \"id\"");
    text = with(text, "welfare_areas.geojson\" }, id_field = \"area_id\"", "welfare_areas.geojson\" }, id_field = \"areaid\"");
    text = with(text, "neighbourhoods.geojson\" }, id_field = \"area_id\", name_field = \"name\"",
                "neighbourhoods.geojson\" }, id_field = \"area_id\", name_field = \"namae\"");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 4u) << test::describe_all(problems);
    EXPECT_TRUE(has_problem(problems, line_with(text, "is_75_plus"),
                            "residents.age75_field 'is_75_plus' is not a field of residents.csv (did you mean 'is_75plus'?)"));
    EXPECT_TRUE(has_problem(problems, line_with(text, "id_field = \"id\""), "facilities 'hubs': id_field 'id' is not a field of hubs.geojson"));
    EXPECT_TRUE(has_problem(problems, line_with(text, "areaid"),
                            "tier 'welfare': units.id_field 'areaid' is not a field of welfare_areas.geojson (did you mean 'area_id'?)"));
    EXPECT_TRUE(has_problem(problems, line_with(text, "namae"),
                            "tier 'neighbourhood': units.name_field 'namae' is not a field of neighbourhoods.geojson"));
}

TEST(CheckPlanInputs, CsvResidentsNeedCoordinateColumns) {
    const std::string text = with(reference_text(), "residents.csv\" }", "no_coordinates.csv\" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 2u) << test::describe_all(problems);  // and is_75plus is not in that file
    EXPECT_TRUE(has_problem(problems, line_with(text, "no_coordinates.csv"),
                            "residents.source: no_coordinates.csv has no coordinate columns"));
    EXPECT_TRUE(has_problem(problems, line_with(text, "age75_field"), "residents.age75_field 'is_75plus' is not a field"));
}

TEST(CheckPlanInputs, NamedCoordinateColumnsMustExist) {
    const std::string text = with(reference_text(), "residents.csv\" }", "residents.csv\", x_field = \"lng\", y_field = \"lat\" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "x_field = \"lng\""));
    EXPECT_NE(problems[0].message.find("no column named 'lng'"), std::string::npos) << problems[0].message;
}

TEST(CheckPlanInputs, BadAttributeFilter) {
    const std::string text = with(reference_text(), "hubs.geojson\" }", "hubs.geojson\", where = \"kind = \" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "where = \"kind = \""));
    EXPECT_NE(problems[0].message.find("bad attribute filter"), std::string::npos) << problems[0].message;
}

TEST(CheckPlanInputs, BoundaryMustBePolygons) {
    const std::string text = with(reference_text(), "city.geojson\" }", "hubs.geojson\" }");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "boundary = "));
    EXPECT_EQ(problems[0].message, "study.boundary must be polygons, but hubs.geojson holds points (Point)");
}

TEST(CheckPlanInputs, DissolveFieldIsLookedUpInTheFinerTier) {
    const std::string text = with(census_text(), "dissolve_by = \"welfare_area_id\"", "dissolve_by = \"welfare_areaid\"");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "welfare_areaid"));
    EXPECT_EQ(problems[0].message.rfind("tier 'welfare': units.dissolve_by 'welfare_areaid' is not a field of neighbourhoods.geojson "
                                        "(did you mean 'welfare_area_id'?)",
                                        0),
              0u)
        << problems[0].message;
}

TEST(CheckPlanInputs, CensusColumnsAndKeyField) {
    std::string text = census_text();
    text = with(text, "key_field = \"KEY_CODE\"", "key_field = \"KEYCODE\"");
    text = with(text, "age75 = \"T001082020\"", "age75 = \"T00108202\"");
    const auto problems = check(text);
    ASSERT_EQ(problems.size(), 2u) << test::describe_all(problems);
    const int line = line_with(text, "census = ");
    EXPECT_TRUE(has_problem(problems, line, "residents.census.key_field 'KEYCODE' is not a field of small_areas.geojson (did you mean 'KEY_CODE'?)"));
    EXPECT_TRUE(has_problem(problems, line, "residents.census.age75 'T00108202' is not a column of table.txt (did you mean 'T001082020'?)"));
}

TEST(CheckPlanInputs, MissingCensusTable) {
    std::string text = test::slurp(test::plan_fixtures() / "census" / "plan.toml");
    const std::string dir = fs::absolute(test::plan_fixtures() / "census").lexically_normal().string() + "/";
    for (std::size_t pos = 0; (pos = text.find("path = \"", pos)) != std::string::npos;) text.insert(pos += 8, dir);
    const auto problems = check(text);  // table.txt is relative: not beside the temp plan
    ASSERT_EQ(problems.size(), 1u) << test::describe_all(problems);
    EXPECT_EQ(problems[0].line, line_with(text, "census = "));
    EXPECT_NE(problems[0].message.find("residents.census.table: "), std::string::npos) << problems[0].message;
    EXPECT_NE(problems[0].message.find("table.txt: no such file"), std::string::npos) << problems[0].message;
}

TEST(CheckPlanInputs, IizukaCensusSmallAreas) {
    const char* k_table = "iizuka/census_age_2020_tblT001082C40205.txt";
    const char* k_areas = "iizuka/census_small_areas_2020/r2ka40205.shp";
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const std::string fixtures = fs::absolute(test::plan_fixtures()).lexically_normal().string() + "/";
    const std::string text = "[study]\nname = \"飯塚市\"\nboundary = { path = \"" + (test::shared_data() / k_areas).string() +
                             "\" }\n[residents]\nsource = { path = \"" + (test::shared_data() / k_areas).string() +
                             "\" }\nkind = \"polygons\"\n"
                             "census = { table = \"" + (test::shared_data() / k_table).string() +
                             "\", population = \"T001082001\", age65 = \"総数６５歳以上\", age75 = \"総数７５歳以上\" }\n"
                             "[[facilities]]\nsource = { path = \"" + fixtures + "hubs.geojson\" }\n"
                             "[[tiers]]\nid = \"areas\"\nunits = { from = \"layer\", source = { path = \"" + (test::shared_data() / k_areas).string() +
                             "\" }, id_field = \"KEY_CODE\", name_field = \"S_NAME\" }\nhub_kinds = [\"salon\"]\nreach = { metres = 800 }\n";
    const auto problems = check(text);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);

    // The table's labels write 75 with full-width digits: the ASCII spelling is not a column.
    const std::string ascii = with(text, "総数７５歳以上", "総数75歳以上");
    const auto wrong = check(ascii);
    ASSERT_EQ(wrong.size(), 1u) << test::describe_all(wrong);
    EXPECT_EQ(wrong[0].line, line_with(ascii, "census = "));
    EXPECT_NE(wrong[0].message.find("residents.census.age75 '総数75歳以上' is not a column of census_age_2020_tblT001082C40205.txt"),
              std::string::npos)
        << wrong[0].message;
}

TEST(CheckPlanInputs, DemoPlan) {
    const fs::path demo = test::source_dir() / "data" / "demo";
    if (!fs::exists(demo / "residents.csv")) GTEST_SKIP() << (demo / "residents.csv").string() << " is absent: the demo data is not generated yet";
    const auto plan = project::load_plan(demo / "plan.toml");
    ASSERT_EQ(plan.tiers.size(), 3u);
    EXPECT_EQ(plan.tiers[0].units.from, project::UnitsSpec::From::boundary);
    EXPECT_EQ(plan.tiers[0].reach.metres, 15000.0);
    EXPECT_EQ(plan.tiers[2].hub_kinds, (std::vector<std::string>{"community_hall", "salon"}));
    EXPECT_EQ(plan.tiers[2].reach.metres, 1000.0);
    const auto problems = project::check_plan_inputs(plan);
    EXPECT_TRUE(problems.empty()) << test::describe_all(problems);
}

}  // namespace
}  // namespace keniki
