#include "keniki/core/output_path.hpp"

#include <filesystem>
#include <system_error>

#include <unistd.h>

#include "keniki/core/error.hpp"

namespace keniki {

namespace fs = std::filesystem;

namespace {

/// The folder the new entry goes into must exist as a folder (or be creatable: its nearest existing
/// ancestor is a writable folder) and be writable.
void check_parent(const fs::path& target, const std::string& command) {
    fs::path ancestor = target.parent_path();
    if (ancestor.empty()) ancestor = ".";
    std::error_code ec;
    while (!fs::exists(ancestor, ec) && ancestor.has_parent_path() && ancestor.parent_path() != ancestor) ancestor = ancestor.parent_path();
    if (!fs::exists(ancestor, ec)) ancestor = ".";
    if (!fs::is_directory(ancestor, ec))
        throw UsageError(command + ": cannot create " + target.string() + ": " + ancestor.string() + " is a file, not a folder");
    if (::access(ancestor.c_str(), W_OK | X_OK) != 0)
        throw UsageError(command + ": cannot create " + target.string() + ": " + ancestor.string() + " is not writable");
}

}  // namespace

void check_output_dir(const std::string& dir, bool overwrite, const std::string& command) {
    const fs::path target(dir);
    std::error_code ec;
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec))
            throw UsageError(command + ": " + dir + " is a file, not a folder: --out needs a folder (a new one, or an old one with --overwrite)");
        if (!overwrite) throw UsageError(command + ": " + dir + " exists; add --overwrite to replace it");
    }
    check_parent(target, command);  // the outputs are staged in a sibling folder and renamed into place
}

void check_output_file(const std::string& file, bool overwrite, const std::string& command) {
    const fs::path target(file);
    std::error_code ec;
    if (fs::exists(target, ec)) {
        if (fs::is_directory(target, ec)) throw UsageError(command + ": " + file + " is a folder, not a file");
        if (!overwrite) throw UsageError(command + ": " + file + " exists; add --overwrite to replace it");
    }
    check_parent(target, command);
}

}  // namespace keniki
