// Man pages from the CLI definition itself (app.hpp): netobs(1) and netobs-SUBCOMMAND(1), with
// every option, its values and default, as `--help` shows them.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace netobs::cli {

// The roff source of the page of `command` (the root app, or one of its subcommands).
std::string render_man_page(const CLI::App& root, const CLI::App& command, const std::string& version);

}  // namespace netobs::cli
