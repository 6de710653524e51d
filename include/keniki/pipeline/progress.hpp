#pragma once
// What a long run tells whoever waits for it: the command line prints it on a terminal, a server or
// a benchmark may log it or say nothing. The pipeline calls it; it never decides where text goes.

#include <string>

namespace keniki::pipeline {

class Progress {
public:
    virtual ~Progress() = default;
    /// A new stage of the run ("reading inputs"); ends the previous one.
    virtual void stage(const std::string& what) { (void)what; }
    /// An extra line within the current stage ("residents: residents.gpkg").
    virtual void note(const std::string& what) { (void)what; }
};

/// Says nothing: for callers that do not show progress.
inline Progress& silent_progress() {
    static Progress quiet;
    return quiet;
}

}  // namespace keniki::pipeline
