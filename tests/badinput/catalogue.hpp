#pragma once
// The bad-input catalogue: one row per broken input. Each row builds its input in a fresh temp dir,
// runs the built `keniki` on it and states what must happen: the exit code, fragments of the message
// (naming the file, layer, line, feature, field and why), fragments that must not appear (GDAL's raw
// wording, advice that does not apply), and for runs with an output folder that a refusal leaves
// nothing behind and a success reports what it skipped. tests/badinput/README.md lists the rows.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/test_paths.hpp"

namespace keniki::badinput {

/// One row's input, as its `build` made it.
struct Case {
    std::filesystem::path dir;                 ///< fresh temp dir holding the inputs
    std::string args;                          ///< arguments of `keniki` (shell-quoted)
    std::optional<std::filesystem::path> out;  ///< the output the command is asked to write (folder or file)
    bool out_existed = false;                  ///< `out` was made before the run (then a refusal must leave it as it was)
    std::string skip;                          ///< non-empty: the row cannot run here (GTEST_SKIP with this)
};

struct Row {
    std::string id;     ///< [a-z0-9_]: the test's name
    std::string input;  ///< what is broken, for the README table
    std::function<void(Case&)> build;
    int exit_code = 0;
    /// Must all appear in stderr; "{dir}" stands for the row's temp dir.
    std::vector<std::string> fragments;
    /// Must not appear in stderr (raw library messages, advice that does not apply).
    std::vector<std::string> never = {};
    /// Further checks of the result (output files, summary counts).
    std::function<void(const Case&, const test::CommandResult&)> check = {};
    /// Non-empty: the behaviour is not there yet; the row is skipped with this reason.
    std::string pending = {};
};

const std::vector<Row>& catalogue();

}  // namespace keniki::badinput
