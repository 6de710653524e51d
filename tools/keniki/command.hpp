#pragma once
// The command line is a registry of subcommands, one file each (command_<name>.cpp). Each parses
// and validates its arguments first, touching no file, and only then does the work.

#include <functional>
#include <string>
#include <vector>

namespace keniki::cli {

struct Command {
    std::string name;
    std::string summary;  ///< one line for `keniki --help`
    std::string usage;    ///< full help text for `keniki NAME --help`
    std::function<int(const std::vector<std::string>& args)> run;
};

/// All subcommands, in the order `keniki --help` lists them.
const std::vector<Command>& commands();

Command make_info_command();
Command make_convert_command();
Command make_site_command();
Command make_run_command();
Command make_validate_command();
Command make_report_command();
Command make_isochrone_command();
Command make_serve_command();

}  // namespace keniki::cli
