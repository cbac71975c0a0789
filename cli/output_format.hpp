// --format and --output/-o, the same on every command: one table of format names and aliases
// (`md` and `markdown`, `text` and `txt`, `yaml` and `yml`), of which each command accepts the
// formats it can write; -o names a file, never a format (`-o json` is kubectl's habit, a usage
// error here), and its extension either agrees with --format or, without --format, chooses it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "options.hpp"

namespace netobs::cli {

// Every output format a netobs command writes.
enum class FormatName { text, json, yaml, markdown, sarif, github, csv, dot, mermaid, svg, html };

// The names --format takes for `format`, the one help shows first ("md" before "markdown").
std::vector<std::string_view> format_names(FormatName format);

// The format an output file's extension names (out.json: json), if any.
std::optional<FormatName> format_of_extension(std::string_view path);

// Adds --output/-o FILE to `cmd`; a bare format name (`-o json`) is a usage error pointing to --format,
// as is a file named as an image (.png, .pdf: netobs writes none). `writes` is what a command
// without --format writes ("SQL"), said when -o names another format.
void add_output_option(CLI::App& cmd, std::string& output, std::string_view writes = "one format");

// Adds --format with every name and alias of the `accepted` formats, each parsed into the
// command's own value. After parsing, -o's extension (`output`) must name the format --format
// gave, and chooses it when --format was not given; an extension naming a format the command does
// not write leaves the default.
template <typename T>
CLI::Option* add_format_option(CLI::App& cmd, T& into, const std::vector<std::pair<FormatName, T>>& accepted,
                               const std::string& help, const std::string& output);

// The part of add_format_option that does not depend on the command's enum: after `cmd` is
// parsed, checks -o's extension against --format (`format_option`), or sets the format from it
// through `set` when --format was not given. `current` reads the command's format as a number.
void follow_output_extension(CLI::App& cmd, const CLI::Option* format_option,
                             std::vector<std::pair<FormatName, int>> accepted, const std::string& output,
                             std::function<int()> current, std::function<void(int)> set);

template <typename T>
CLI::Option* add_format_option(CLI::App& cmd, T& into, const std::vector<std::pair<FormatName, T>>& accepted,
                               const std::string& help, const std::string& output) {
  Choices<T> names;
  std::vector<std::pair<FormatName, int>> numbered;
  for (const auto& [format, value] : accepted) {
    for (const auto name : format_names(format)) names.emplace_back(std::string(name), value);
    numbered.emplace_back(format, static_cast<int>(value));
  }
  CLI::Option* option = add_choice(cmd, "--format", into, names, help);
  follow_output_extension(
      cmd, option, std::move(numbered), output, [&into] { return static_cast<int>(into); },
      [&into](int value) { into = static_cast<T>(value); });
  return option;
}

}  // namespace netobs::cli
