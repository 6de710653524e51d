#pragma once
// Helpers for the plan tests: fixture paths, plans written to temp files, the line of a text.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/project/plan.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {

inline std::filesystem::path plan_fixtures() { return source_dir() / "tests" / "fixtures" / "plans"; }

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Writes `text` as `name` in a fresh temp dir and returns its path.
inline std::filesystem::path write_plan(const std::string& text, const std::string& name = "plan.toml") {
    const auto dir = fresh_temp_dir("keniki-plan");
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// 1-based line of the first occurrence of `needle` in `text` (0 when absent, which fails the caller's check).
inline int line_with(const std::string& text, std::string_view needle) {
    const auto pos = text.find(needle);
    if (pos == std::string::npos) {
        ADD_FAILURE() << "test bug: '" << needle << "' is not in the plan text";
        return 0;
    }
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

/// `text` with the only occurrence of `from` replaced by `to`.
inline std::string with(std::string text, std::string_view from, std::string_view to) {
    const auto pos = text.find(from);
    if (pos == std::string::npos || text.find(from, pos + 1) != std::string::npos) {
        ADD_FAILURE() << "test bug: '" << from << "' must occur exactly once";
        return text;
    }
    return text.replace(pos, from.size(), to);
}

/// The problems load_plan reports for `text` (none when it loads).
inline std::vector<project::PlanProblem> load_problems(const std::string& text) {
    const auto path = write_plan(text);
    try {
        (void)project::load_plan(path);
    } catch (const project::PlanError& e) {
        return e.problems();
    }
    return {};
}

inline std::string describe_all(const std::vector<project::PlanProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += "  " + p.describe() + "\n";
    return out.empty() ? std::string("  (none)\n") : out;
}

}  // namespace keniki::test
