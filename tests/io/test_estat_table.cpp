// e-Stat table reading (io::read_estat_table): refusals of values that cannot be what the columns
// mean, found by fuzzing (tools/fuzz/fuzz_estat_table). The real Iizuka table is read in
// tests/analysis/test_census_join.cpp.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/io/estat_table.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

/// A two-header-row table with one city row and one area row whose HYOSYO / HTKSYORI are given.
fs::path write_table(const std::string& stem, const std::string& hyosyo, const std::string& htksyori) {
    const fs::path dir = keniki::test::fresh_temp_dir(stem);
    const fs::path path = dir / "table.csv";
    std::ofstream(path) << "KEY_CODE,HYOSYO,CITYNAME,NAME,HTKSYORI,HTKSAKI,GASSAN,T001082001\n"
                           ",,,,,,,total\n"
                           "40205,1,city,,0,,,10\n"
                           "40205001,"
                        << hyosyo << ",city,area," << htksyori << ",,,10\n";
    return path;
}

void expect_refusal(const fs::path& path, const std::string& field, const std::string& fragment) {
    try {
        (void)keniki::io::read_estat_table(path.string());
        FAIL() << "expected a DataError";
    } catch (const keniki::DataError& e) {
        EXPECT_EQ(e.where().field, field);
        EXPECT_EQ(e.where().line, 4);
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    fs::remove_all(path.parent_path());
}

TEST(EstatTable, HyosyoTooLargeForALevelIsRefusedWithItsLine) {
    // Fuzz finding: "1e308" is a finite number, and was cast to int (undefined behaviour).
    expect_refusal(write_table("estat_hyosyo_big", "1e308", "0"), "HYOSYO", "not a level");
    expect_refusal(write_table("estat_hyosyo_long", "99999999999", "0"), "HYOSYO", "'99999999999'");
    expect_refusal(write_table("estat_hyosyo_frac", "2.5", "0"), "HYOSYO", "not a level");
    expect_refusal(write_table("estat_hyosyo_zero", "-3", "0"), "HYOSYO", "not a level");
}

TEST(EstatTable, HtksyoriOtherThanZeroOneTwoIsRefusedWithItsLine) {
    expect_refusal(write_table("estat_htksyori_big", "2", "-1e300"), "HTKSYORI", "must be 0, 1");
    expect_refusal(write_table("estat_htksyori_3", "2", "3"), "HTKSYORI", "'3'");
}

TEST(EstatTable, OrdinaryLevelsAndBlankSuppressionStillRead) {
    const fs::path path = write_table("estat_ok", "2", "");
    const auto table = keniki::io::read_estat_table(path.string());
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[1].hyosyo, 2);
    EXPECT_EQ(table.rows[1].htksyori, 0);
    fs::remove_all(path.parent_path());
}

}  // namespace
