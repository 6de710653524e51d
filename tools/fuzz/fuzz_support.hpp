#pragma once
// Shared by the libFuzzer targets: a private scratch folder per process, and the rule for what counts
// as a finding. keniki::Error (UsageError, DataError, PlanError) is an expected refusal and is
// swallowed by the targets; anything else that escapes (another exception type, a sanitizer report,
// a crash, a hang) is a bug that libFuzzer reports.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

namespace keniki::fuzz {

/// A folder of this process's own under $TMPDIR (or /tmp), made on first use, removed at exit.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::filesystem::path d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("keniki_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratch_dir(), ec);
        });
        return d;
    }();
    return dir;
}

/// Writes `bytes` to `path` (truncating), returns the path as text.
inline std::string write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) std::abort();  // the harness itself failed: not a finding about keniki
    return path.string();
}

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace keniki::fuzz
