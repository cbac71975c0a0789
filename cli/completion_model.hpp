// What a completion script needs to know of the CLI definition, read from CLI11 once for the
// three shells' writers (completion_script.cpp).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace netobs::cli {

enum class ValueKind {
  none,    // a flag
  file,    // a file or directory name (type FILE, PATH or DIR)
  choice,  // one of `choices` (an enumerated option, or a CLI::IsMember check)
  text,    // anything else: nothing to offer
};

struct OptionSpec {
  std::vector<std::string> longs;   // without "--"
  std::vector<std::string> shorts;  // without "-"
  ValueKind value = ValueKind::none;
  std::vector<std::string> choices;
  bool repeatable = false;
  std::string description;  // one short clause of the help text
};

struct CommandSpec {
  std::string name;  // empty for netobs itself
  std::string description;
  std::vector<OptionSpec> options;
  ValueKind positional = ValueKind::none;  // what the arguments are
  std::vector<std::string> positional_choices;
  std::string positional_name;
};

// netobs itself first, then each subcommand in the order of the definition.
std::vector<CommandSpec> completion_model(const CLI::App& root);

}  // namespace netobs::cli
