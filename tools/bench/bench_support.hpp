#pragma once
// What the benchmark programs share: the command line, deterministic random inputs, timing with CPU
// figures, markdown tables, running shell commands, and a PostgreSQL server to compare against.

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
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "keniki/core/layer.hpp"

namespace keniki::bench {

/// A layer of the synthetic inputs the benchmarks write (features added by add_feature).
inline Layer new_layer(const std::string& name, const std::string& crs, std::vector<Field> fields) {
    Layer l;
    l.name = name;
    l.crs = crs;
    l.fields = std::move(fields);
    return l;
}

/// Appends a feature with the next id (1-based).
inline void add_feature(Layer& layer, Geometry g, std::vector<Value> values) {
    Feature f;
    f.id = static_cast<std::int64_t>(layer.features.size()) + 1;
    f.geometry = std::move(g);
    f.values = std::move(values);
    layer.features.push_back(std::move(f));
}


using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// The command line and main()

/// A benchmark program's command line, read option by option. A problem prints "<program>: problem"
/// and the usage text to stderr and ends the program with exit code 2 (so do -h and --help, without
/// the problem).
class CommandLine {
public:
    CommandLine(int argc, char** argv, std::string program, std::string usage)
        : m_argc(argc), m_argv(argv), m_program(std::move(program)), m_usage(std::move(usage)) {}

    /// Moves to the next option; false at the end.
    bool next() {
        if (++m_i >= m_argc) return false;
        m_option = m_argv[m_i];
        if (m_option == "-h" || m_option == "--help") fail("");
        return true;
    }
    const std::string& option() const { return m_option; }

    /// The option's value: the next argument.
    std::string value() {
        if (m_i + 1 >= m_argc) fail(m_option + " needs a value");
        return m_argv[++m_i];
    }
    /// The option's value as a whole number of at least `minimum`.
    std::size_t count(std::size_t minimum) {
        const long long n = std::atoll(value().c_str());
        if (n < static_cast<long long>(minimum)) fail(m_option + " must be at least " + std::to_string(minimum));
        return static_cast<std::size_t>(n);
    }
    /// The option's value as a number above 0.
    double positive() {
        const double v = std::atof(value().c_str());
        if (!(v > 0)) fail(m_option + " must be positive");
        return v;
    }

    [[noreturn]] void unknown() const { fail("unknown argument '" + m_option + "'"); }
    [[noreturn]] void fail(const std::string& problem) const {
        if (!problem.empty()) std::cerr << m_program << ": " << problem << "\n";
        std::cerr << m_usage;
        std::exit(2);
    }

private:
    int m_argc;
    char** m_argv;
    int m_i = 0;
    std::string m_program, m_usage;
    std::string m_option;
};

/// The body of a benchmark's main(): its exit code, or 1 with "<program>: what" on stderr when it throws.
template <typename Body>
int report_errors(const char* program, Body&& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
}

/// The project root these benchmarks were built from (<project>/tools/bench/bench_support.hpp -> <project>).
/// CMake gives the absolute source directory (__FILE__ is relative to the build directory, so it
/// only worked when the program ran from there).
inline std::filesystem::path project_dir() {
#ifdef KENIKI_SOURCE_DIR
    return std::filesystem::path(KENIKI_SOURCE_DIR);
#else
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
#endif
}

/// ../shared/data beside the project root (where the benchmarks' real data lives); the relative path
/// "../shared/data" when it is not there.
inline std::filesystem::path shared_data_dir() {
    namespace fs = std::filesystem;
    const fs::path candidate = project_dir().parent_path() / "shared" / "data";
    std::error_code ec;
    return fs::exists(candidate, ec) ? candidate : fs::path("../shared/data");
}

/// The `keniki` command of the same build as this program (<build>/tools/bench/<program> ->
/// <build>/keniki); "keniki" (looked up in PATH) when /proc/self/exe cannot be read.
inline std::string built_keniki() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "keniki";
    return (self.parent_path().parent_path().parent_path() / "keniki").string();
}

/// The working directory for files a benchmark writes: the one given, or a fresh temporary one
/// ("<tmp>/<prefix>-<pid>") that is removed again when this goes out of scope.
class WorkDir {
public:
    WorkDir(const std::string& given, const std::string& prefix)
        : m_temporary(given.empty()),
          m_path(m_temporary ? std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(getpid())) : std::filesystem::path(given)) {
        std::filesystem::create_directories(m_path);
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    ~WorkDir() {
        std::error_code ec;
        if (m_temporary) std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    bool m_temporary;
    std::filesystem::path m_path;
};

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
    double cpu_per_run = -1;  ///< CPU seconds (user+system) per run, as cpu_sample() counts them; < 0: unknown
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

inline std::string last_line(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    const auto start = s.rfind('\n');
    return start == std::string::npos ? s : s.substr(start + 1);
}

/// std::system with the command echoed to stderr ("<program>: $ command") and logged with its exit
/// code (for the report); returns the exit code.
inline int run_logged(const std::string& program, const std::string& command, std::vector<std::string>& log) {
    std::cerr << program << ": $ " << command << "\n";
    const int status = std::system(command.c_str());
    const int rc = status == -1 ? -1 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    log.push_back("`" + command + "` → exit " + std::to_string(rc));
    return rc;
}

// ---------------------------------------------------------------------------------------------
// Timing with CPU figures, and markdown tables

/// The machine's cores as std::thread sees them (at least 1).
inline double core_count() { return std::max(1u, std::thread::hardware_concurrency()); }

/// The machine's busy seconds from the "cpu" line of /proc/stat (user, nice, system, irq, softirq,
/// steal: the benchmarks share their cores with other work); < 0 when it cannot be read.
inline double machine_busy_seconds(std::istream& proc_stat_cpu_line) {
    std::string label;
    unsigned long long v[8] = {};
    proc_stat_cpu_line >> label;
    for (auto& x : v) proc_stat_cpu_line >> x;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    if (!proc_stat_cpu_line || label != "cpu" || tick <= 0) return -1;
    return static_cast<double>(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / tick;
}

/// CPU time so far: the whole machine's busy seconds (< 0 when unknown) and this process's own
/// seconds, reaped children included (getrusage).
struct CpuSample {
    double machine_busy = -1;
    double own = 0;
};

inline CpuSample cpu_sample() {
    CpuSample c;
    std::ifstream in("/proc/stat");
    c.machine_busy = machine_busy_seconds(in);
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
    if (busy >= 0 && wall >= 0.05) st.others = std::clamp((busy - own) / (wall * core_count()), 0.0, 1.0);
    return st;
}

/// Accumulates the CPU figures of runs timed elsewhere (a subprocess, a psql script) for stats_with_cpu.
struct CpuTotals {
    double own = 0, busy = 0;
    bool known = true;  ///< the machine's busy time could be read before and after every run

    void add(const CpuSample& before, const CpuSample& after) {
        own += after.own - before.own;
        busy += after.machine_busy - before.machine_busy;
        known = known && before.machine_busy >= 0 && after.machine_busy >= 0;
    }
    Stats stats(std::vector<double> wall_samples) const { return stats_with_cpu(std::move(wall_samples), own, known ? busy : -1); }
};

/// Times k runs of fn (steady_clock); `before` runs ahead of each, untimed and not counted in the CPU.
template <typename Fn, typename Before>
Stats time_runs(int k, Fn&& fn, Before&& before) {
    std::vector<double> s;
    CpuTotals cpu;
    for (int r = 0; r < k; ++r) {
        before();
        const CpuSample c0 = cpu_sample();
        const auto t0 = Clock::now();
        fn();
        s.push_back(seconds_since(t0));
        cpu.add(c0, cpu_sample());
    }
    return cpu.stats(std::move(s));
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

/// Whether every row with a target passed.
inline bool all_passed(const std::vector<TableRow>& rows) {
    return std::all_of(rows.begin(), rows.end(), [](const TableRow& r) { return !r.pass || *r.pass; });
}

/// A heading line and the items as a markdown list ("\nChecks:\n- a\n- b\n"); nothing when there are none.
inline void print_list(std::ostream& out, const std::string& heading, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << "\n" << heading << "\n";
    for (const auto& i : items) out << "- " << i << "\n";
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

/// "2 cores (nproc), <CPU model>".
inline std::string machine_description() { return std::to_string(static_cast<unsigned>(core_count())) + " cores (nproc), " + cpu_model(); }

// ---------------------------------------------------------------------------------------------
// A PostgreSQL server to compare against (PostGIS, pgRouting)

/// What a benchmark needs of a server.
struct PgWanted {
    std::string program;                  ///< "bench_network": for the messages and the apt-get log's name
    std::string flag;                     ///< "--with-pgrouting": installs and starts a server
    std::string extensions;               ///< "PostGIS and pgRouting", in words
    std::string check_sql;                ///< answers only where the extensions are there
    std::vector<std::string> packages;    ///< Debian packages that bring them (with PostgreSQL 15)
    std::vector<std::string> create;      ///< CREATE EXTENSION names, in order
    std::string database;                 ///< the scratch database created in the local cluster
};

/// How psql reaches the server.
struct PgServer {
    bool ok = false;
    std::string why_not;            ///< when !ok
    std::string psql;               ///< command prefix that reads a script on stdin
    bool superuser = false;         ///< may read /proc through pg_read_file (the server's CPU time)
    bool started_cluster = false;   ///< stopped again by finish_postgres
    std::string created_database;   ///< dropped again by finish_postgres
    std::vector<std::string> log;   ///< what was installed / started, for the report
};

inline std::string as_postgres(const std::string& command) { return "su postgres -c " + quoted(command); }

inline bool installed(const std::string& package) {
    return shell("dpkg-query -W -f='${Status}' " + package + " 2>/dev/null | grep -q 'install ok installed'").first == 0;
}

/// A server with the extensions: the one plain `psql` reaches (PG* variables), or with `install`
/// (root) the local Debian cluster, the packages installed with apt-get when missing, the cluster
/// started when it is down, and a fresh scratch database with the extensions, over the unix socket
/// as the postgres user.
inline PgServer prepare_postgres(const PgWanted& w, bool install) {
    PgServer pg;
    if (shell("command -v psql").first == 0) {
        const auto [rc, out] = shell("psql -XAtqw -c " + quoted(w.check_sql) + " </dev/null");
        if (rc == 0) {
            pg.ok = true;
            pg.psql = "psql -XAtqw";
            pg.superuser = first_line(shell("psql -XAtqw -c 'SELECT usesuper FROM pg_user WHERE usename = current_user' </dev/null").second) == "t";
            return pg;
        }
        if (!install) {
            pg.why_not = "plain `psql` reached no server with " + w.extensions + " (" + first_line(out) + "); run with " + w.flag +
                         " (as root) to install and start one";
            return pg;
        }
    } else if (!install) {
        pg.why_not = "`psql` is not installed; run with " + w.flag + " (as root) to install PostgreSQL with " + w.extensions + " with apt-get";
        return pg;
    }
    if (geteuid() != 0) {
        pg.why_not = w.flag + " needs root (apt-get, pg_ctlcluster, su postgres)";
        return pg;
    }
    std::string missing;
    for (const auto& p : w.packages) {
        if (!installed(p)) missing += " " + p;
    }
    if (!missing.empty()) {
        const std::string apt_log = "/tmp/keniki_" + w.program + "_apt.log";
        const std::string apt_install = "DEBIAN_FRONTEND=noninteractive apt-get install -y" + missing;
        if (run_logged(w.program, apt_install + " >" + apt_log + " 2>&1", pg.log) != 0) {
            // The package lists may be missing or stale on a fresh machine.
            run_logged(w.program, "apt-get update >>" + apt_log + " 2>&1", pg.log);
            if (run_logged(w.program, apt_install + " >>" + apt_log + " 2>&1", pg.log) != 0) {
                pg.why_not = "apt-get install" + missing + " failed (see " + apt_log + ")";
                return pg;
            }
        }
    }
    if (shell("pg_ctlcluster 15 main status").first != 0) {
        if (run_logged(w.program, "pg_ctlcluster 15 main start", pg.log) != 0) {
            pg.why_not = "`pg_ctlcluster 15 main start` failed";
            return pg;
        }
        pg.started_cluster = true;
    }
    auto admin = [](const std::string& sql) { return as_postgres("psql -XAtqw -d postgres -c " + quoted(sql)) + " </dev/null"; };
    shell(admin("DROP DATABASE IF EXISTS " + w.database));
    if (const auto [rc, out] = shell(admin("CREATE DATABASE " + w.database)); rc != 0) {
        pg.why_not = "CREATE DATABASE failed: " + first_line(out);
        return pg;
    }
    pg.created_database = w.database;
    pg.psql = as_postgres("psql -XAtqw -d " + w.database);
    std::string create, names;
    for (const auto& e : w.create) {
        create += "CREATE EXTENSION " + e + "; ";
        names += (names.empty() ? "" : " / ") + e;
    }
    // (Not pg.psql + " -c ...": pg.psql is `su postgres -c '...'`, and su takes the last -c as its command.)
    // (bench::quoted: std::quoted would win for a non-const string by argument-dependent lookup.)
    if (const auto [rc, out] = shell(as_postgres("psql -XAtqw -d " + w.database + " -c " + bench::quoted(create)) + " </dev/null"); rc != 0) {
        pg.why_not = "CREATE EXTENSION " + names + " failed: " + first_line(out);
        return pg;
    }
    pg.ok = true;
    pg.superuser = true;
    return pg;
}

/// Drops the scratch database and stops the cluster again, where prepare_postgres made them.
inline void finish_postgres(PgServer& pg, const std::string& program) {
    if (!pg.created_database.empty())
        shell(as_postgres("psql -XAtqw -d postgres -c " + quoted("DROP DATABASE IF EXISTS " + pg.created_database)) + " </dev/null");
    pg.created_database.clear();
    if (pg.started_cluster) run_logged(program, "pg_ctlcluster 15 main stop", pg.log);
    pg.started_cluster = false;
}

/// Timed statements in a psql script, with the server's CPU time around each. The script brackets
/// each statement with probe("PRE", name) and probe("POST", name) and turns \timing on for it alone;
/// psql prints "Time: …" (wall time as the client sees it). A superuser session's probes read the
/// backend's own CPU time (/proc/self/stat) plus what the postmaster reaped meanwhile (its cutime +
/// cstime: the parallel workers), and the machine's busy time (/proc/stat), for the same CPU and
/// others'-load columns as keniki's rows; elsewhere those stay unknown.
class PsqlTimings {
public:
    /// Once at the top of the script (after \set ON_ERROR_STOP): the postmaster's pid for the probes.
    static void write_setup(std::ostream& s, bool superuser) {
        if (superuser) s << "SELECT split_part(pg_read_file('postmaster.pid'), E'\\n', 1) AS pmpid \\gset\n";
    }
    static void write_probe(std::ostream& s, bool superuser, const char* tag, const std::string& name) {
        if (superuser)
            s << "SELECT '" << tag << "|" << name << "|' || rtrim(split_part(pg_read_file('/proc/self/stat'), ') ', 2), E'\\n') || '|' || "
              << "split_part(pg_read_file('/proc/stat'), E'\\n', 1) || '|' || rtrim(split_part(pg_read_file('/proc/' || :'pmpid' || '/stat'), ') ', 2), E'\\n');\n";
        else
            s << "SELECT '" << tag << "|" << name << "|';\n";
    }
    /// A statement between its probes, timed.
    static void write_timed(std::ostream& s, bool superuser, const std::string& name, const std::string& statement) {
        write_probe(s, superuser, "PRE", name);
        s << "\\timing on\n" << statement << "\n\\timing off\n";
        write_probe(s, superuser, "POST", name);
    }

    /// Takes in one line of psql's output: false when it is neither a time nor a probe (the caller's).
    bool read(const std::string& l) {
        if (l.rfind("Time: ", 0) == 0) {
            if (!m_current.empty()) m_samples[m_current].wall.push_back(std::atof(l.c_str() + 6) / 1000.0);
            return true;
        }
        const bool pre = l.rfind("PRE|", 0) == 0;
        if (!pre && l.rfind("POST|", 0) != 0) return false;
        const std::string rest = l.substr(pre ? 4 : 5);
        const auto bar = rest.find('|');
        const std::string name = rest.substr(0, bar);
        double cpu = 0, busy = 0;
        const bool ok = bar != std::string::npos && parse_probe(rest.substr(bar + 1), cpu, busy);
        if (pre) {
            m_current = name;
            m_before = {busy, cpu};
            m_before_ok = ok;
            return true;
        }
        Samples& smp = m_samples[name];
        if (ok && m_before_ok) smp.cpu.add(m_before, CpuSample{busy, cpu});
        else smp.cpu_known = false;
        m_current.clear();
        return true;
    }

    /// Whether each of the statements was timed exactly k times.
    template <typename Names>
    bool timed(const Names& names, int k) const {
        return std::all_of(std::begin(names), std::end(names), [&](const auto& name) {
            const auto it = m_samples.find(name);
            return it != m_samples.end() && it->second.wall.size() == static_cast<std::size_t>(k);
        });
    }
    /// The statement's runs (nothing known: zeros).
    Stats stats(const std::string& name) const {
        const auto it = m_samples.find(name);
        if (it == m_samples.end() || it->second.wall.empty()) return {};
        const Samples& smp = it->second;
        return smp.cpu_known ? smp.cpu.stats(smp.wall) : stats_of(smp.wall);
    }
    /// The statement's times added up as one run (several statements under one name: loading).
    Stats total(const std::string& name) const {
        const auto it = m_samples.find(name);
        if (it == m_samples.end() || it->second.wall.empty()) return {};
        const Samples& smp = it->second;
        const std::vector<double> sum{std::accumulate(smp.wall.begin(), smp.wall.end(), 0.0)};
        return smp.cpu_known ? smp.cpu.stats(sum) : stats_of(sum);
    }

private:
    struct Samples {
        std::vector<double> wall;
        CpuTotals cpu;
        bool cpu_known = true;
    };

    // "<backend stat from the state on>|cpu  user nice system ...|<postmaster stat from the state on>"
    static bool parse_probe(const std::string& rest, double& cpu, double& busy) {
        std::vector<std::string> parts;
        for (std::size_t b = 0;;) {
            const auto e = rest.find('|', b);
            parts.push_back(rest.substr(b, e == std::string::npos ? std::string::npos : e - b));
            if (e == std::string::npos) break;
            b = e + 1;
        }
        const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
        if (parts.size() != 3 || tick <= 0) return false;
        auto fields = [](const std::string& t) {
            std::istringstream is(t);
            std::vector<std::string> f;
            for (std::string w; is >> w;) f.push_back(w);
            return f;
        };
        const auto self = fields(parts[0]), pm = fields(parts[2]);
        std::istringstream machine(parts[1]);
        busy = machine_busy_seconds(machine);
        if (self.size() < 13 || pm.size() < 15 || busy < 0) return false;
        // From the state (field 3) on: utime, stime are fields 14, 15; cutime, cstime 16, 17.
        cpu = (std::atof(self[11].c_str()) + std::atof(self[12].c_str()) + std::atof(pm[13].c_str()) + std::atof(pm[14].c_str())) / tick;
        return true;
    }

    std::map<std::string, Samples> m_samples;
    std::string m_current;
    CpuSample m_before;
    bool m_before_ok = false;
};

}  // namespace keniki::bench
