#pragma once
// Output paths checked before any work: a run that would fail at the end because --out names a
// file, a folder inside a file or a read-only place is refused up front (UsageError, exit 2) with
// the path and the reason, and nothing is written.

#include <string>

namespace keniki {

/// `dir` may be created as a folder (or replaced, with `overwrite`). `command` opens the message
/// ("keniki run").
void check_output_dir(const std::string& dir, bool overwrite, const std::string& command);

/// `file` may be created as a file (or replaced, with `overwrite`).
void check_output_file(const std::string& file, bool overwrite, const std::string& command);

}  // namespace keniki
