// The Iizuka census join: the 149 small areas with the 2020 census age table (T001082) must add up
// exactly to the table's own city-total row, for total population and for 65+ and 75+.

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "keniki/analysis/census_join.hpp"
#include "keniki/core/error.hpp"
#include "keniki/io/estat_table.hpp"
#include "keniki/io/read_layer.hpp"
#include "support/test_paths.hpp"

namespace keniki {
namespace {

const char* k_table = "iizuka/census_age_2020_tblT001082C40205.txt";
const char* k_areas = "iizuka/census_small_areas_2020/r2ka40205.shp";

TEST(EstatTable, ReadsIizukaAgeTableAsPublished) {
    KENIKI_REQUIRE_SHARED(k_table);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    EXPECT_EQ(table.city_code, "40205");
    ASSERT_TRUE(table.total_row.has_value());
    // 167 lines: the code header, the label header, the city row and 165 small-area rows.
    EXPECT_EQ(table.rows.size(), 166u);
    // Column labels come from the second header row, decoded from CP932.
    ASSERT_TRUE(table.column("総数６５歳以上").has_value());
    EXPECT_EQ(*table.column("総数６５歳以上"), *table.column("T001082019"));
    EXPECT_EQ(table.column_labels.front(), "総数、年齢「不詳」含む");
    // The city row as printed in the file: 126364 people, 39727 aged 65+, 19681 aged 75+.
    const auto& city = table.rows[*table.total_row];
    EXPECT_EQ(city.cells[*table.column("T001082001")].value, 126364.0);
    EXPECT_EQ(city.cells[*table.column("T001082019")].value, 39727.0);
    EXPECT_EQ(city.cells[*table.column("T001082020")].value, 19681.0);
    // Suppression, as in the file: 長尾 40205066004 is counted in 筑穂元吉 40205065004 (HTKSAKI 065004),
    // and 40205065004 carries the merged areas 066004 and 066006 (GASSAN).
    const auto nagao = table.find_row("40205066004");
    ASSERT_TRUE(nagao.has_value());
    EXPECT_EQ(table.rows[*nagao].htksyori, 2);
    EXPECT_EQ(table.rows[*nagao].htksaki, "40205065004");
    EXPECT_TRUE(table.rows[*nagao].cells[0].secret);
    const auto motoyoshi = table.find_row("40205065004");
    ASSERT_TRUE(motoyoshi.has_value());
    EXPECT_EQ(table.rows[*motoyoshi].htksyori, 1);
    EXPECT_EQ(table.rows[*motoyoshi].gassan, (std::vector<std::string>{"40205066004", "40205066006"}));
    // "-" reads as zero: 芳雄町 has no children aged 0-4.
    const auto yoshio = table.find_row("402050160");
    ASSERT_TRUE(yoshio.has_value());
    EXPECT_EQ(table.rows[*yoshio].cells[*table.column("T001082002")].value, 0.0);
}

TEST(CensusJoin, IizukaSmallAreasConserveTheCityTotals) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    Layer areas = io::read_layer((test::shared_data() / k_areas).string());
    ASSERT_EQ(areas.features.size(), 149u);

    analysis::CensusJoinOptions options;
    options.columns = {{"T001082001", "pop_total"}, {"総数６５歳以上", "pop_65plus"}, {"総数７５歳以上", "pop_75plus"}};
    const auto report = analysis::join_census(areas, table, options);

    EXPECT_EQ(report.joined, 149u);
    EXPECT_TRUE(report.layer_keys_not_in_table.empty());
    EXPECT_TRUE(report.table_keys_not_in_layer.empty()) << "people lost: " << report.table_keys_not_in_layer.size() << " rows";
    EXPECT_TRUE(report.secret_cells.empty());
    // Exactly the city row: nobody lost, nobody counted twice.
    EXPECT_EQ(report.joined_totals[0], 126364.0);
    EXPECT_EQ(report.joined_totals[1], 39727.0);
    EXPECT_EQ(report.joined_totals[2], 19681.0);
    EXPECT_EQ(report.table_totals[0], 126364.0);
    // The three areas whose people are counted elsewhere get 0 (keep, the default), and say where.
    ASSERT_EQ(report.suppressed.size(), 3u);
    EXPECT_EQ(report.split_by, "");
    for (const auto& s : report.suppressed) EXPECT_EQ(s.given[0], 0.0) << s.key;
    // Independent check: the boundary file's own JINKO field (same census) adds up to the same total.
    const auto jinko = areas.field_index("JINKO");
    ASSERT_TRUE(jinko.has_value());
    double jinko_sum = 0;
    for (const auto& f : areas.features) jinko_sum += as_number(f.values[*jinko]).value_or(0.0);
    EXPECT_EQ(jinko_sum, 126364.0);
}

/// The joined figure of `column` for the area `key`.
double figure(const Layer& areas, const std::string& key, const std::string& field) {
    for (const auto& f : areas.features)
        if (as_text(f.values[*areas.field_index("KEY_CODE")]) == key) return as_number(f.values[*areas.field_index(field)]).value_or(-1);
    ADD_FAILURE() << "no area " << key;
    return -1;
}

// 秘匿処理 in the Iizuka table: 長尾 066004 and 066006 are counted in 筑穂元吉 065004 (220 people in the
// table), 長尾 066005 in 長尾 066001 (1353). The boundary file's own JINKO, unsuppressed, says
// 171 + 29 + 20 = 220 and 1298 + 55 = 1353 (read with ogrinfo on r2ka40205.shp), so a split by JINKO
// must give exactly JINKO for the total, and the city row for every column.
TEST(CensusJoin, IizukaSuppressedAreasSplitByJinkoGetTheirOwnPeople) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    Layer areas = io::read_layer((test::shared_data() / k_areas).string());
    analysis::CensusJoinOptions options;
    options.columns = {{"T001082001", "pop_total"}, {"総数６５歳以上", "pop_65plus"}, {"総数７５歳以上", "pop_75plus"}};
    options.suppression = analysis::Suppression::split;
    const auto report = analysis::join_census(areas, table, options);

    EXPECT_EQ(report.split_by, "JINKO");
    ASSERT_EQ(report.suppressed.size(), 3u);
    EXPECT_EQ(figure(areas, "40205065004", "pop_total"), 171.0);
    EXPECT_EQ(figure(areas, "40205066004", "pop_total"), 29.0);
    EXPECT_EQ(figure(areas, "40205066006", "pop_total"), 20.0);
    EXPECT_EQ(figure(areas, "40205066001", "pop_total"), 1298.0);
    EXPECT_EQ(figure(areas, "40205066005", "pop_total"), 55.0);
    // Every area now carries exactly its JINKO.
    const auto jinko = *areas.field_index("JINKO");
    for (const auto& f : areas.features)
        EXPECT_EQ(as_number(f.values[*areas.field_index("pop_total")]), as_number(f.values[jinko])) << as_text(f.values[0]);
    // Each suppressed area names its target and what it got.
    for (const auto& s : report.suppressed) {
        EXPECT_TRUE(s.target == "40205065004" || s.target == "40205066001") << s.key;
        EXPECT_FALSE(s.target_name.empty());
    }
    // The city row, exactly, for all three columns (whole people by largest remainders).
    EXPECT_EQ(report.joined_totals[0], 126364.0);
    EXPECT_EQ(report.joined_totals[1], 39727.0);
    EXPECT_EQ(report.joined_totals[2], 19681.0);
    // 65+ of a group follows JINKO too: the shares add up to the target row's printed figure.
    const double row65 = *table.rows[*table.find_row("40205065004")].cells[*table.column("T001082019")].value;
    EXPECT_EQ(figure(areas, "40205065004", "pop_65plus") + figure(areas, "40205066004", "pop_65plus") +
                  figure(areas, "40205066006", "pop_65plus"),
              row65);
    for (const char* key : {"40205065004", "40205066004", "40205066006", "40205066001", "40205066005"})
        EXPECT_EQ(figure(areas, key, "pop_65plus"), std::floor(figure(areas, key, "pop_65plus"))) << key << " whole people";
}

TEST(CensusJoin, IizukaSuppressedAreasSplitByArea) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    Layer areas = io::read_layer((test::shared_data() / k_areas).string());
    analysis::CensusJoinOptions options;
    options.columns = {{"T001082001", "pop_total"}};
    options.suppression = analysis::Suppression::split;
    options.split_field = "";
    const auto report = analysis::join_census(areas, table, options);
    EXPECT_EQ(report.split_by, "area");
    // 1353 people over 066001 (AREA 1,450,747.030 m2) and 066005 (14,381.456 m2), the shapefile's AREA
    // field: 1353 x 14381.456 / 1465128.486 = 13.28 -> 13 people, 1340 in 066001. (The polygons here are
    // in lon/lat degrees, whose area ratio matches the metric one to within the rounding.)
    EXPECT_EQ(figure(areas, "40205066005", "pop_total"), 13.0);
    EXPECT_EQ(figure(areas, "40205066001", "pop_total"), 1340.0);
    EXPECT_EQ(report.joined_totals[0], 126364.0);
}

TEST(CensusJoin, SplitByAFieldTheLayerLacksIsAUsageError) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    Layer areas = io::read_layer((test::shared_data() / k_areas).string());
    analysis::CensusJoinOptions options;
    options.columns = {{"T001082001", "pop_total"}};
    options.suppression = analysis::Suppression::split;
    options.split_field = "NO_SUCH";
    EXPECT_THROW(analysis::join_census(areas, table, options), UsageError);
}

TEST(CensusJoin, ReportsKeysThatDidNotJoin) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    io::ReadOptions only_two;
    only_two.where = "KEY_CODE IN ('402050010', '402050020')";
    Layer areas = io::read_layer((test::shared_data() / k_areas).string(), only_two);
    ASSERT_EQ(areas.features.size(), 2u);
    // A feature with a key the table does not have.
    areas.features.push_back(areas.features.front());
    areas.features.back().values[*areas.field_index("KEY_CODE")] = std::string("402059999");
    const auto report = analysis::join_census(areas, table, {"KEY_CODE", {{"T001082001", "pop_total"}}});
    EXPECT_EQ(report.joined, 2u);
    EXPECT_EQ(report.layer_keys_not_in_table, std::vector<std::string>{"402059999"});
    // 吉原町 828 + 宮町 435, as printed in the table.
    EXPECT_EQ(report.joined_totals[0], 828.0 + 435.0);
    // Every other leaf row is listed as not joined: 149 leaves in the city minus the 2 joined.
    EXPECT_EQ(report.table_keys_not_in_layer.size(), 147u);
}

TEST(CensusJoin, AggregateRowWithItsOwnSubAreasIsDoubleCounting) {
    KENIKI_REQUIRE_SHARED(k_table);
    KENIKI_REQUIRE_SHARED(k_areas);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    io::ReadOptions one;
    one.where = "KEY_CODE = '40205009001'";  // 片島一丁目, a sub-area of 片島 402050090
    Layer areas = io::read_layer((test::shared_data() / k_areas).string(), one);
    ASSERT_EQ(areas.features.size(), 1u);
    areas.features.push_back(areas.features.front());
    areas.features.back().values[*areas.field_index("KEY_CODE")] = std::string("402050090");
    EXPECT_THROW(analysis::join_census(areas, table, {"KEY_CODE", {{"T001082001", "pop_total"}}}), DataError);
}

TEST(CensusJoin, UnknownColumnIsAUsageError) {
    KENIKI_REQUIRE_SHARED(k_table);
    const auto table = io::read_estat_table((test::shared_data() / k_table).string());
    Layer areas;
    areas.fields = {{"KEY_CODE", FieldType::text}};
    EXPECT_THROW(analysis::join_census(areas, table, {"KEY_CODE", {{"T999", "x"}}}), UsageError);
    EXPECT_THROW(analysis::join_census(areas, table, {"NO_SUCH", {{"T001082001", "x"}}}), UsageError);
}

}  // namespace
}  // namespace keniki
