// The whole command line of netobs in one place: main() parses with it, and the man page
// generator renders it, so help, man pages and behaviour cannot drift apart.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace netobs::cli {

inline constexpr const char* k_app_description =
    "netobs: least-privilege Kubernetes NetworkPolicies from observed network flows";

// Adds --version, the input limits and every subcommand to `app`; a subcommand's run sets
// `exit_code`.
void add_commands(CLI::App& app, ExitCode& exit_code);

// The arguments netobs parses (argv[0] first): `netobs help [COMMAND]` becomes
// `netobs [COMMAND] --help`. An unknown command is a usage error naming the nearest command
// ("did you mean 'lint'?"): it is printed and the answer is empty.
std::optional<std::vector<std::string>> command_line(const CLI::App& app, int argc, const char* const* argv,
                                                     std::ostream& err);

// "netobs CMD", what every message of a run of `args` (command_line()'s) starts with; "netobs"
// without a command.
std::string message_prefix(const std::vector<std::string>& args);

// Sets the library's clock from NETOBS_NOW when it is set; prints a usage error (message_prefix)
// and returns false when it is not an RFC 3339 time.
bool set_clock(const std::vector<std::string>& args, std::ostream& err);

// Prints a parse error of `app` as every netobs error reads, "netobs CMD: message", with where the
// options are listed: an unknown option with the nearest one, a missing argument by the name the
// usage line shows, an option without its value. Returns the usage exit code.
int report_parse_error(const CLI::App& app, const std::vector<std::string>& args, const CLI::ParseError& error,
                       std::ostream& err);

// The version line: "netobs X.Y.Z (git REVISION)".
const char* version_line();

}  // namespace netobs::cli
