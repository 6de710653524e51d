#pragma once
// What the benchmark programs share: deterministic random inputs, run statistics, table formatting
// and running shell commands.

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
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

// ---------------------------------------------------------------------------------------------
// Timing with CPU figures and markdown tables (first used by bench_network; the older programs keep
// their own copies of the same logic).

/// CPU time so far: the whole machine's busy seconds (/proc/stat: user, nice, system, irq, softirq,
/// steal; < 0 when unknown) and this process's own seconds, reaped children included (getrusage).
struct CpuSample {
    double machine_busy = -1;
    double own = 0;
};

inline CpuSample cpu_sample() {
    CpuSample c;
    std::ifstream in("/proc/stat");
    std::string label;
    unsigned long long v[8] = {};
    in >> label;
    for (auto& x : v) in >> x;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    if (in && label == "cpu" && tick > 0) c.machine_busy = static_cast<double>(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / tick;
    rusage self{}, kids{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    c.own = tv_seconds(self.ru_utime) + tv_seconds(self.ru_stime) + tv_seconds(kids.ru_utime) + tv_seconds(kids.ru_stime);
    return c;
}

/// Stats of k wall-time samples, with the CPU seconds the runs took (`own`, summed over the runs)
/// and the machine's busy seconds meanwhile (`busy`, < 0 when unknown) for the others' load.
inline Stats stats_with_cpu(std::vector<double> wall_samples, double own, double busy) {
    const double wall = std::accumulate(wall_samples.begin(), wall_samples.end(), 0.0);
    Stats st = stats_of(std::move(wall_samples));
    st.cpu_per_run = own / st.runs;
    const double cores = std::max(1u, std::thread::hardware_concurrency());
    if (busy >= 0 && wall >= 0.05) st.others = std::clamp((busy - own) / (wall * cores), 0.0, 1.0);
    return st;
}

/// Times k runs of fn (steady_clock); `before` runs ahead of each, untimed and not counted in the CPU.
template <typename Fn, typename Before>
Stats time_runs(int k, Fn&& fn, Before&& before) {
    std::vector<double> s;
    double own = 0, busy = 0;
    bool known = true;
    for (int r = 0; r < k; ++r) {
        before();
        const CpuSample c0 = cpu_sample();
        const auto t0 = Clock::now();
        fn();
        s.push_back(seconds_since(t0));
        const CpuSample c1 = cpu_sample();
        own += c1.own - c0.own;
        busy += c1.machine_busy - c0.machine_busy;
        known = known && c0.machine_busy >= 0 && c1.machine_busy >= 0;
    }
    return stats_with_cpu(std::move(s), own, known ? busy : -1);
}

template <typename Fn>
Stats time_runs(int k, Fn&& fn) {
    return time_runs(k, std::forward<Fn>(fn), [] {});
}

/// One row of a benchmark table.
struct TableRow {
    std::string step;
    Stats s;
    std::string target;        ///< "< 1 s", or empty for none
    std::optional<bool> pass;  ///< set with the target
    std::string note;
};

/// A row with a target: passes when the median is below `limit_s`.
inline TableRow row_with_target(std::string step, const Stats& s, double limit_s, std::string note = {}) {
    TableRow r{std::move(step), s, {}, s.median < limit_s, std::move(note)};
    r.target = limit_s >= 1 ? "< " + fixed(limit_s, 0) + " s" : "< " + fixed(limit_s * 1000, 0) + " ms";
    return r;
}

/// The table as markdown: step, median / min / max seconds (3 decimals; 4 or 6 for steps under 10 ms / 1 ms), CPU s/run,
/// others' load, target, pass/fail, note.
inline void print_rows(std::ostream& out, const std::vector<TableRow>& rows) {
    out << "| step | median s | min s | max s | CPU s/run | others' load | target | pass/fail | note |\n"
           "|---|---:|---:|---:|---:|---:|---|---|---|\n";
    for (const TableRow& r : rows) {
        const int d = r.s.max < 0.001 ? 6 : (r.s.max < 0.01 ? 4 : 3);  // sub-millisecond steps keep their digits
        out << "| " << r.step << " | " << fixed(r.s.median, d) << " | " << fixed(r.s.min, d) << " | " << fixed(r.s.max, d) << " | "
            << (r.s.cpu_per_run >= 0 ? fixed(r.s.cpu_per_run, 2) : "—") << " | " << (r.s.others >= 0 ? fixed(100 * r.s.others, 0) + " %" : "—")
            << " | " << (r.target.empty() ? "—" : r.target) << " | " << (r.pass ? (*r.pass ? "pass" : "**FAIL**") : "—") << " | " << r.note
            << " |\n";
    }
}

/// "42 %" of part in whole ("—" when whole is 0).
inline std::string percent_of(double part, double whole) { return whole > 0 ? fixed(100 * part / whole, 0) + " %" : "—"; }

/// The CPU model from /proc/cpuinfo ("unknown CPU" when it cannot be read).
inline std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    for (std::string l; std::getline(in, l);) {
        if (l.rfind("model name", 0) == 0) return l.substr(l.find(':') + 2);
    }
    return "unknown CPU";
}

}  // namespace keniki::bench
