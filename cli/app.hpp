// The whole command line of netobs in one place: main() parses with it, and the man page
// generator renders it, so help, man pages and behaviour cannot drift apart.
#pragma once

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace netobs::cli {

inline constexpr const char* k_app_description =
    "netobs: least-privilege Kubernetes NetworkPolicies from observed network flows";

// Adds --version, the input limits and every subcommand to `app`; a subcommand's run sets
// `exit_code`.
void add_commands(CLI::App& app, ExitCode& exit_code);

// The version line: "netobs X.Y.Z (git REVISION)".
const char* version_line();

}  // namespace netobs::cli
