#include "keniki/core/staged_dir.hpp"

#include <string>
#include <system_error>

#include <unistd.h>

namespace keniki {

namespace fs = std::filesystem;

StagedDir::StagedDir(fs::path target) : m_target(std::move(target)) {
    m_staging = m_target;
    m_staging += ".tmp-" + std::to_string(getpid());
    fs::remove_all(m_staging);
    fs::create_directories(m_staging);
}

StagedDir::~StagedDir() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_staging, ec);
}

void StagedDir::commit() {
    if (fs::exists(m_target)) fs::remove_all(m_target);
    fs::rename(m_staging, m_target);
    m_committed = true;
}

}  // namespace keniki
