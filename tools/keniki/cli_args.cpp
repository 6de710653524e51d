#include "cli_args.hpp"

#include <filesystem>

#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value, const std::set<std::string>& flags,
           const std::string& command)
    : m_command(command) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2), val;
            const auto eq = name.find('=');
            const bool inline_value = eq != std::string::npos;
            if (inline_value) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (with_value.count(name)) {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw UsageError("keniki " + command + ": option --" + name + " needs a value");
                    val = argv[++i];
                }
                m_values[name] = val;
            } else if (flags.count(name) && !inline_value) {
                m_flags.insert(name);
            } else {
                throw UsageError("keniki " + command + ": unknown option --" + name + " (see keniki " + command + " --help)");
            }
        } else if (a == "-v") {
            if (!flags.count("verbose")) throw UsageError("keniki " + command + ": unknown option -v");
            m_flags.insert("verbose");
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            throw UsageError("keniki " + command + ": unknown option " + a + " (see keniki " + command + " --help)");
        } else {
            m_positionals.push_back(a);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::value_or(const std::string& name, const std::string& fallback) const { return value(name).value_or(fallback); }

void Args::expect_positionals(std::size_t n, const std::string& what) const {
    if (m_positionals.size() != n)
        throw UsageError("keniki " + m_command + ": expected " + what + " (see keniki " + m_command + " --help)");
}

std::string lower_extension(const std::string& path) { return text::ascii_lower(std::filesystem::path(path).extension().string()); }

}  // namespace keniki::cli
