#pragma once
// Progress lines on stderr, only when it is a terminal and --quiet was not given.

#include <chrono>
#include <string>

#include "keniki/pipeline/progress.hpp"

namespace keniki::cli {

class Progress final : public pipeline::Progress {
public:
    Progress(bool quiet, int stages);
    /// "[2/5] reading inputs" — ends the previous stage with its time.
    void stage(const std::string& what) override;
    void note(const std::string& what) override;  ///< an extra line within the current stage
    void done();

private:
    bool m_on;
    int m_stages;
    int m_current = 0;
    bool m_open = false;
    std::chrono::steady_clock::time_point m_started;
};

}  // namespace keniki::cli
