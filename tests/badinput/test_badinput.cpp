// Runs every row of the bad-input catalogue (catalogue.cpp) against the built `keniki`: the exit
// code, the message, that nothing is crashed or half-written, and the row's own checks.
// KENIKI_BADINPUT_SHOW=1 in the environment prints every row's exit code and stderr, for review.
// DISABLED_PrintReadmeTable prints the catalogue as the Markdown table of tests/badinput/README.md:
//   build/tests/test_badinput --gtest_also_run_disabled_tests --gtest_filter='*PrintReadmeTable'

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "badinput/catalogue.hpp"
#include "badinput/inputs.hpp"
#include "support/test_paths.hpp"

namespace keniki::badinput {
namespace {

std::string with_dir(std::string text, const fs::path& dir) {
    for (auto at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}", at)) {
        text.replace(at, 5, dir.string());
        at += dir.string().size();
    }
    return text;
}

/// Files beside `out` that a staged write left behind ("out.tmp-1234", "x.tmp-1234.geojson").
std::vector<std::string> leftovers(const fs::path& out) {
    std::vector<std::string> found;
    std::error_code ec;
    const fs::path parent = out.parent_path();
    if (!fs::is_directory(parent, ec)) return found;
    const std::string stem = out.stem().string() + ".tmp-";
    for (const auto& e : fs::directory_iterator(parent, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(stem, 0) == 0 || name.rfind(out.filename().string() + ".tmp-", 0) == 0) found.push_back(name);
    }
    return found;
}

}  // namespace

/// gtest names a row by its id (instead of dumping its bytes).
void PrintTo(const Row& row, std::ostream* os) { *os << row.id; }

namespace {

class BadInput : public ::testing::TestWithParam<Row> {};

TEST_P(BadInput, RefusedOrReportedAsCatalogued) {
    const Row& row = GetParam();
    if (!row.pending.empty()) GTEST_SKIP() << "pending: " << row.pending;
    Case c;
    c.dir = test::fresh_temp_dir("keniki-badinput-" + row.id);
    row.build(c);
    if (!c.skip.empty()) GTEST_SKIP() << c.skip;
    ASSERT_FALSE(c.args.empty()) << "the row builds no command";
    const bool out_before = c.out && fs::exists(*c.out);
    ASSERT_EQ(out_before, c.out_existed) << "the row's premise about its output path does not hold";

    const test::CommandResult r = test::run_keniki(c.args);
    SCOPED_TRACE("keniki " + c.args);
    if (std::getenv("KENIKI_BADINPUT_SHOW")) std::cout << "[" << row.id << "] exit " << r.exit_code << "\n" << r.err << "\n";
    EXPECT_EQ(r.exit_code, row.exit_code) << "stderr:\n" << r.err;
    // Never a crash, a sanitizer report or an unclassified failure.
    for (const char* bad : {"internal error", "AddressSanitizer", "runtime error:", "LeakSanitizer", "terminate called"})
        EXPECT_EQ(r.err.find(bad), std::string::npos) << "stderr holds '" << bad << "':\n" << r.err;
    if (row.exit_code != 0) {
        EXPECT_EQ(r.err.rfind("keniki: error: ", 0), 0u) << r.err;
        EXPECT_EQ(r.out, "") << "a refusal prints no partial result";
    }
    for (const auto& part : row.fragments) {
        const std::string want = with_dir(part, c.dir);
        EXPECT_NE(r.err.find(want), std::string::npos) << "stderr lacks \"" << want << "\":\n" << r.err;
    }
    for (const auto& part : row.never) EXPECT_EQ(r.err.find(part), std::string::npos) << "stderr holds \"" << part << "\":\n" << r.err;
    if (c.out) {
        if (row.exit_code != 0 && !c.out_existed) {
            EXPECT_FALSE(fs::exists(*c.out)) << "a refusal leaves no output: " << *c.out;
        }
        const auto left = leftovers(*c.out);
        EXPECT_TRUE(left.empty()) << "staged output left behind: " << left.front();
        if (row.exit_code == 0) {
            EXPECT_TRUE(fs::exists(*c.out)) << *c.out;
        }
    }
    if (row.check && r.exit_code == row.exit_code) row.check(c, r);
    if (!HasFailure()) fs::remove_all(c.dir);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(catalogue()),
                         [](const ::testing::TestParamInfo<Row>& info) { return info.param.id; });

TEST(BadInputCatalogue, HasAtLeastFiftyDistinctRows) {
    const auto& rows = catalogue();
    EXPECT_GE(rows.size(), 50u);
    std::set<std::string> ids;
    for (const Row& row : rows) {
        EXPECT_TRUE(ids.insert(row.id).second) << "id used twice: " << row.id;
        EXPECT_FALSE(row.input.empty()) << row.id;
        EXPECT_TRUE(std::all_of(row.id.begin(), row.id.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; }))
            << row.id;
        // A refusal must say where: at least one fragment names a file, path or plan line.
        if (row.exit_code != 0) {
            EXPECT_FALSE(row.fragments.empty()) << row.id << " checks no message";
        }
    }
}

TEST(BadInputCatalogue, ZipWriterMakesArchivesGdalReads) {
    // The premise of the zip rows: the unbroken feed.zip written by make_zip is read as it is.
    const fs::path dir = test::fresh_temp_dir("keniki-badinput-zip");
    write_file(dir / "feed.zip", make_zip(entries(good_feed())).bytes);
    const test::CommandResult r = test::run_keniki("info --json " + q(dir / "feed.zip"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"feature_count\": 2"), std::string::npos) << r.out;
    fs::remove_all(dir);
}

std::string cell(std::string text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') out += "\\|";
        else if (ch == '\n') out += "\\n";
        else out += ch;
    }
    return out;
}

TEST(BadInputCatalogue, DISABLED_PrintReadmeTable) {
    std::cout << "| id | input | exit | message fragment |\n|---|---|---|---|\n";
    for (const Row& row : catalogue()) {
        std::string fragments;
        for (const auto& f : row.fragments) fragments += (fragments.empty() ? "" : " · ") + ("`" + cell(f) + "`");
        if (fragments.empty()) fragments = "(success: see the row's checks)";
        if (!row.pending.empty()) fragments += " — **pending**";
        std::cout << "| " << row.id << " | " << cell(row.input) << " | " << row.exit_code << " | " << fragments << " |\n";
    }
}

}  // namespace
}  // namespace keniki::badinput
