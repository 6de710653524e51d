#pragma once
// `keniki serve` on the demo as a subprocess on a free port: its pid, the address from its first line
// of stdout (printed once it listens), its stderr in a file; SIGTERM when done.

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include <sys/types.h>
#include <unistd.h>

#include "support/test_paths.hpp"

namespace keniki::test {

struct ServeProcess {
    pid_t pid = -1;
    std::string url;
    std::string first_line;
    std::filesystem::path err_file;
    FILE* out = nullptr;
    /// `args`: further options (already shell-quoted), after `serve data/demo/plan.toml --port 0 --quiet`.
    explicit ServeProcess(const std::string& args, const std::filesystem::path& plan = source_dir() / "data" / "demo" / "plan.toml") {
        err_file = fresh_temp_dir("keniki-serve-stderr") / "stderr.txt";
        const std::string cmd = "echo $$; exec " + shell_quote(cli_path().string()) + " serve " +
                                shell_quote(plan.string()) + " --port 0 --quiet " + args + " 2>" +
                                shell_quote(err_file.string());
        out = popen(cmd.c_str(), "r");
        if (!out) return;
        char line[512];
        if (fgets(line, sizeof line, out)) pid = static_cast<pid_t>(std::stol(line));
        if (fgets(line, sizeof line, out)) {
            first_line = line;
            const auto b = first_line.find("http://"), e = first_line.find(' ', b);
            if (b != std::string::npos) url = first_line.substr(b, e - b);
        }
    }
    std::string err() const { return read_file(err_file); }
    ~ServeProcess() {
        if (pid > 0) kill(pid, SIGTERM);
        if (out) pclose(out);
    }
};

}  // namespace keniki::test
