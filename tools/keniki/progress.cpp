#include "progress.hpp"

#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace keniki::cli {

Progress::Progress(bool quiet, int stages) : m_on(!quiet && isatty(STDERR_FILENO)), m_stages(stages) {}

void Progress::stage(const std::string& what) {
    if (!m_on) return;
    done();
    ++m_current;
    m_started = std::chrono::steady_clock::now();
    m_open = true;
    std::cerr << "keniki: [" << m_current << "/" << m_stages << "] " << what << " ..." << std::flush;
}

void Progress::note(const std::string& what) {
    if (m_on) std::cerr << "\n         " << what << std::flush;
}

void Progress::done() {
    if (!m_on || !m_open) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, " %.2f s\n", s);
    std::cerr << buf;
    m_open = false;
}

}  // namespace keniki::cli
