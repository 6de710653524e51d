#include "keniki/core/memory_budget.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

namespace keniki {

namespace {

/// MemAvailable from /proc/meminfo, in bytes; 0 when it cannot be read.
std::uint64_t meminfo_available() {
    std::ifstream in("/proc/meminfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream is(line.substr(13));
            std::uint64_t kb = 0;
            if (is >> kb) return kb * 1024;
        }
    }
    return 0;
}

/// One number from a cgroup file ("max" = no limit); nullopt-like 0 when unreadable.
std::uint64_t cgroup_value(const char* path, bool& unlimited) {
    std::ifstream in(path);
    std::string v;
    unlimited = false;
    if (!(in >> v)) return 0;
    if (v == "max") {
        unlimited = true;
        return 0;
    }
    return std::strtoull(v.c_str(), nullptr, 10);
}

MemoryAvailable measure() {
    MemoryAvailable m;
    if (const char* env = std::getenv("KENIKI_MEMORY_LIMIT_MB"); env && *env) {
        char* end = nullptr;
        const unsigned long long mb = std::strtoull(env, &end, 10);
        if (end && *end == '\0') {
            m.bytes = static_cast<std::uint64_t>(mb) * 1024 * 1024;
            m.source = "KENIKI_MEMORY_LIMIT_MB=" + std::string(env);
            return m;
        }
    }
    m.bytes = meminfo_available();
    m.source = "MemAvailable in /proc/meminfo";
    if (m.bytes == 0) {
        const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
        if (pages > 0 && page > 0) {
            m.bytes = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
            m.source = "free physical pages (sysconf)";
        }
    }
    bool unlimited = true;
    const std::uint64_t limit = cgroup_value("/sys/fs/cgroup/memory.max", unlimited);
    if (!unlimited && limit > 0) {
        bool ignored = false;
        const std::uint64_t used = cgroup_value("/sys/fs/cgroup/memory.current", ignored);
        const std::uint64_t left = limit > used ? limit - used : 0;
        if (m.bytes == 0 || left < m.bytes) {
            m.bytes = left;
            m.source = "the cgroup's memory.max less memory.current";
        }
    }
    if (m.bytes == 0) {
        m.bytes = std::numeric_limits<std::uint64_t>::max();  // unknown: nothing is refused
        m.source = "unknown (no /proc/meminfo)";
    }
    return m;
}

std::atomic<std::uint64_t> g_reserved{0};

}  // namespace

void reserve_memory(std::uint64_t bytes) { g_reserved += bytes; }
std::uint64_t reserved_memory() { return g_reserved.load(); }

const MemoryAvailable& available_memory() {
    static const MemoryAvailable m = measure();
    return m;
}

std::uint64_t megabytes(std::uint64_t bytes) { return (bytes + 1024 * 1024 - 1) / (1024 * 1024); }

void check_memory(std::uint64_t estimate_bytes, const std::string& what, const std::string& change, const Where& where) {
    const MemoryAvailable& m = available_memory();
    const std::uint64_t held = reserved_memory();
    const std::uint64_t left = m.bytes > held ? m.bytes - held : 0;
    if (estimate_bytes <= left) return;
    const std::string earlier = held > 0 ? " less about " + std::to_string(megabytes(held)) + " MB for the inputs read before it" : "";
    throw ResourceError(what + " would need about " + std::to_string(megabytes(estimate_bytes)) + " MB of memory, and " +
                            std::to_string(megabytes(m.bytes)) + " MB are available (" + m.source + ")" + earlier + ", so keniki stops here rather than run out of memory. " + change +
                            " (or set KENIKI_MEMORY_LIMIT_MB to the MB this run may use, if the figure above is wrong)",
                        where);
}

}  // namespace keniki
