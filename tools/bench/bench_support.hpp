#pragma once
// What the benchmark programs share: deterministic random inputs, run statistics, table formatting
// and running shell commands.

#include <sys/time.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace keniki::bench {

using Clock = std::chrono::steady_clock;

/// Deterministic random numbers (splitmix64 with hand-written distributions, so the generated city
/// is the same with every standard library).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    double normal(double mean, double sd) {
        const double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)) % n; }

private:
    std::uint64_t m_state;
};

/// Wall-clock figures of repeated runs, with the CPU they took and how busy the machine was.
struct Stats {
    double median = 0, min = 0, max = 0;
    int runs = 0;
    double cpu_per_run = -1;  ///< CPU seconds (user+system) per run, as the program's cpu_now() counts them; < 0: unknown
    double others = -1;       ///< share of the machine's CPU time taken by other processes during the runs; < 0: unknown
};

inline Stats stats_of(std::vector<double> s) {
    std::sort(s.begin(), s.end());
    Stats st;
    st.runs = static_cast<int>(s.size());
    st.min = s.front();
    st.max = s.back();
    const std::size_t h = s.size() / 2;
    st.median = s.size() % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
    return st;
}

inline double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

inline double tv_seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); }

inline std::string fixed(double v, int decimals = 3) {
    char b[32];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

/// Runs a shell command line and returns its exit code and output (stdout and stderr).
inline std::pair<int, std::string> shell(const std::string& command) {
    std::string out;
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (!p) return {-1, "popen failed"};
    char buf[4096];
    std::size_t got = 0;
    while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, got);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char ch : s) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return q + "'";
}

inline std::string first_line(const std::string& s) {
    const auto end = s.find('\n');
    std::string l = s.substr(0, end);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.pop_back();
    return l;
}

}  // namespace keniki::bench
