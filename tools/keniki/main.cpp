// keniki: where welfare services reach people, and where they don't.
// One catch for the whole program: typed errors become a message on stderr and an exit code
// (0 ok, 1 the input cannot be analysed, 2 usage error).

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "command.hpp"
#include "keniki/core/error.hpp"

namespace keniki::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {make_run_command(), make_validate_command(), make_report_command(), make_isochrone_command(), make_site_command(), make_serve_command(), make_info_command(), make_convert_command()};
    return all;
}

namespace {

void print_help(std::ostream& out) {
    out << "keniki " KENIKI_VERSION " - welfare service areas (圏域): who is reached, who is not\n\n"
           "usage: keniki COMMAND [options]\n\ncommands:\n";
    for (const auto& c : commands()) {
        out << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ') << c.summary << "\n";
    }
    out << "\n`keniki COMMAND --help` describes a command. Exit codes: 0 ok, 1 bad input data, 2 usage error.\n";
}

}  // namespace
}  // namespace keniki::cli

int main(int argc, char** argv) {
    using namespace keniki;
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) {
            cli::print_help(std::cerr);
            return 2;
        }
        if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
            cli::print_help(std::cout);
            return 0;
        }
        if (args[0] == "--version") {
            std::cout << "keniki " KENIKI_VERSION "\n";
            return 0;
        }
        for (const auto& c : cli::commands()) {
            if (c.name != args[0]) continue;
            std::vector<std::string> rest(args.begin() + 1, args.end());
            for (const auto& a : rest) {
                if (a == "--help" || a == "-h") {
                    std::cout << c.usage;
                    return 0;
                }
            }
            return c.run(rest);
        }
        throw UsageError("unknown command '" + args[0] + "' (see keniki --help)");
    } catch (const UsageError& e) {
        std::cerr << "keniki: error: " << e.what() << "\n";
        return 2;
    } catch (const DataError& e) {
        std::cerr << "keniki: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "keniki: internal error: " << e.what() << "\n";
        return 1;
    }
}
