// Shell completion scripts generated from the CLI definition (cli/app.cpp), so every subcommand,
// option and enumerated value the parser knows is completed, and nothing it does not.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace netobs::cli {

// The completion script of `root` (the netobs app with its subcommands) for `shell`.
std::string completion_script(const CLI::App& root, Shell shell);

}  // namespace netobs::cli
