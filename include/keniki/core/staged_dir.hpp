#pragma once
// All-or-nothing output folders: a folder is built beside its final place ("DIR.tmp-<pid>") and
// renamed into place by commit(); when it is never committed (an exception on the way), the
// destructor removes it, so a failed run leaves nothing behind.

#include <filesystem>

namespace keniki {

class StagedDir {
public:
    /// Creates the staging folder beside `target` (removing a stale one of this process).
    explicit StagedDir(std::filesystem::path target);
    ~StagedDir();
    StagedDir(const StagedDir&) = delete;
    StagedDir& operator=(const StagedDir&) = delete;

    /// Where to write until commit().
    const std::filesystem::path& path() const noexcept { return m_staging; }
    /// Replaces `target` (an old one is removed) with the staging folder.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_staging;
    bool m_committed = false;
};

}  // namespace keniki
