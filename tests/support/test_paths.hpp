#pragma once
// Where the tests find the real open data, the sources and the built command.

#include <filesystem>
#include <string>

namespace keniki::test {

/// ../shared/data beside the project root (overridable with KENIKI_SHARED_DATA in the environment).
std::filesystem::path shared_data();
/// True when `relative` exists under shared_data(); tests call GTEST_SKIP() with a message when not.
bool have_shared(const std::string& relative);
std::filesystem::path source_dir();
std::filesystem::path cli_path();

/// Runs a command with /bin/sh, capturing stdout and stderr apart.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult run_command(const std::string& command);
/// Runs the built `keniki` with the given arguments (already shell-quoted by the caller).
CommandResult run_keniki(const std::string& arguments);
/// A fresh empty directory under the system temp dir, removed by the caller if wanted.
std::filesystem::path fresh_temp_dir(const std::string& stem);
std::string shell_quote(const std::string& s);
/// The whole content of a file, as bytes.
std::string read_file(const std::filesystem::path& path);

}  // namespace keniki::test

#define KENIKI_REQUIRE_SHARED(relative)                                                              \
    do {                                                                                             \
        if (!::keniki::test::have_shared(relative))                                                 \
            GTEST_SKIP() << "real data " << (::keniki::test::shared_data() / (relative)).string()     \
                         << " is absent; this test needs ../shared/data beside the project";         \
    } while (0)
