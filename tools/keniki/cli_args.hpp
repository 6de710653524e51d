#pragma once
// A small, strict argument parser: `--name value`, `--name=value`, flags, positionals. Unknown
// options and missing values are UsageErrors (exit 2) naming the option.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace keniki::cli {

class Args {
public:
    /// `with_value`: options that take a value; `flags`: options that do not. Both without "--".
    Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value, const std::set<std::string>& flags,
         const std::string& command);

    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string value_or(const std::string& name, const std::string& fallback) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    /// Exactly `n` positionals, or a UsageError naming `what`.
    void expect_positionals(std::size_t n, const std::string& what) const;

private:
    std::string m_command;
    std::set<std::string> m_flags;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positionals;
};

/// The extension of `path`, lowered: ".geojson", ".gpkg".
std::string lower_extension(const std::string& path);

}  // namespace keniki::cli
