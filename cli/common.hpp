// Pieces every subcommand shares: loading manifests (plus inventories), writing the result to
// stdout or atomically to --output, and one-value-per-use repeatable options.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <netobs/engine.hpp>
#include <netobs/manifest.hpp>

#include "commands.hpp"

namespace netobs::cli {

// Manifests from `paths` plus the pods of each inventory; prints "netobs <command>: <error>"
// and returns nullopt on failure.
std::optional<ManifestSet> load_inputs(const std::string& command, const std::vector<std::string>& paths,
                                       const std::vector<std::string>& inventories, std::ostream& err);

// Writes `text` to `output` atomically, or to `out` when `output` is empty.
ExitCode write_result(const std::string& command, const std::string& text, const std::string& output,
                      std::ostream& out, std::ostream& err);

IpBlockScope parse_scope(const std::string& text);

// Makes each repeatable option of `cmd` take one value per use, so `--inventory a.json dir/`
// leaves dir/ a positional argument.
void one_value_per_use(CLI::App& cmd);

}  // namespace netobs::cli
