#include "support/test_paths.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/wait.h>

namespace keniki::test {

std::filesystem::path shared_data() {
    if (const char* env = std::getenv("KENIKI_SHARED_DATA"); env && *env) return env;
    return KENIKI_SHARED_DATA;
}

bool have_shared(const std::string& relative) { return std::filesystem::exists(shared_data() / relative); }

std::filesystem::path source_dir() { return KENIKI_SOURCE_DIR; }
std::filesystem::path cli_path() { return KENIKI_CLI; }

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::filesystem::path fresh_temp_dir(const std::string& stem) {
    static std::mt19937_64 rng{std::random_device{}()};
    auto dir = std::filesystem::temp_directory_path() / (stem + "-" + std::to_string(rng() % 100000000));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

CommandResult run_command(const std::string& command) {
    const auto dir = fresh_temp_dir("keniki-cmd");
    const auto out_path = dir / "out", err_path = dir / "err";
    const std::string full = command + " >" + shell_quote(out_path.string()) + " 2>" + shell_quote(err_path.string()) + " </dev/null";
    const int status = std::system(full.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    std::filesystem::remove_all(dir);
    return r;
}

CommandResult run_keniki(const std::string& arguments) { return run_command(shell_quote(cli_path().string()) + " " + arguments); }

}  // namespace keniki::test
