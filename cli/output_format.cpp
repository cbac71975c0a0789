#include "output_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace netobs::cli {
namespace {

struct FormatEntry {
  FormatName format;
  std::string_view name;
};

// Every name --format takes, the one help shows first for each format.
constexpr std::array k_format_names{
    FormatEntry{FormatName::text, "text"},         FormatEntry{FormatName::text, "txt"},
    FormatEntry{FormatName::json, "json"},         FormatEntry{FormatName::yaml, "yaml"},
    FormatEntry{FormatName::yaml, "yml"},          FormatEntry{FormatName::markdown, "md"},
    FormatEntry{FormatName::markdown, "markdown"}, FormatEntry{FormatName::sarif, "sarif"},
    FormatEntry{FormatName::github, "github"},     FormatEntry{FormatName::csv, "csv"},
    FormatEntry{FormatName::dot, "dot"},           FormatEntry{FormatName::mermaid, "mermaid"},
    FormatEntry{FormatName::svg, "svg"},           FormatEntry{FormatName::html, "html"},
};

// File extensions that name a format (github annotations have none).
constexpr std::array k_format_extensions{
    FormatEntry{FormatName::text, ".txt"},    FormatEntry{FormatName::json, ".json"},
    FormatEntry{FormatName::yaml, ".yaml"},   FormatEntry{FormatName::yaml, ".yml"},
    FormatEntry{FormatName::markdown, ".md"}, FormatEntry{FormatName::markdown, ".markdown"},
    FormatEntry{FormatName::sarif, ".sarif"}, FormatEntry{FormatName::csv, ".csv"},
    FormatEntry{FormatName::dot, ".dot"},     FormatEntry{FormatName::dot, ".gv"},
    FormatEntry{FormatName::mermaid, ".mmd"}, FormatEntry{FormatName::mermaid, ".mermaid"},
    FormatEntry{FormatName::svg, ".svg"},     FormatEntry{FormatName::html, ".html"},
    FormatEntry{FormatName::html, ".htm"},
};

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Image formats a user may expect a graph in: netobs writes their source (DOT, SVG) only.
std::optional<std::string> image_extension(const std::string& lower_path) {
  for (const std::string_view extension : {"png", "pdf", "jpg", "jpeg", "gif"}) {
    if (ends_with(lower_path, fmt::format(".{}", extension))) {
      std::string name(extension);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
      return name;
    }
  }
  return std::nullopt;
}

std::string_view shown_name(FormatName format) { return format_names(format).front(); }

}  // namespace

std::vector<std::string_view> format_names(FormatName format) {
  std::vector<std::string_view> names;
  for (const auto& entry : k_format_names) {
    if (entry.format == format) names.push_back(entry.name);
  }
  return names;
}

std::optional<FormatName> format_of_extension(std::string_view path) {
  const std::string lower = lowercase(path);
  // GitHub's code scanning upload takes lint.sarif.json as often as lint.sarif.
  if (ends_with(lower, ".sarif.json")) return FormatName::sarif;
  for (const auto& entry : k_format_extensions) {
    if (ends_with(lower, entry.name)) return entry.format;
  }
  return std::nullopt;
}

void add_output_option(CLI::App& cmd, std::string& output, std::string_view writes) {
  const CLI::Validator not_a_format(
      [&cmd, writes](std::string& value) -> std::string {
        const std::string lower = lowercase(value);
        const bool format_name = std::any_of(k_format_names.begin(), k_format_names.end(),
                                             [&](const FormatEntry& entry) { return entry.name == lower; });
        if (const auto image = image_extension(lower)) {
          return fmt::format(
              "'{}' names a {} image, which netobs does not write: graph writes SVG (--format svg), "
              "and DOT for Graphviz to convert (dot -T{})",
              value, *image, lowercase(*image));
        }
        if (!format_name) {
          // sql writes SQL, completion a shell script: a file named .json or .yaml would say it
          // holds what it does not (commands with --format check this against it instead). A .txt
          // holds anything.
          const auto named = format_of_extension(value);
          if (cmd.get_option_no_throw("--format") != nullptr || !named || *named == FormatName::text) return {};
          return fmt::format("'{}' names {} output, which this command does not write (it writes {})", value,
                             shown_name(*named), writes);
        }
        // Only a command with --format can be pointed at it (sql and completion write one format).
        if (cmd.get_option_no_throw("--format") == nullptr) {
          return fmt::format("'{}' is a format, but -o names the output file (this command writes {})", value, writes);
        }
        return fmt::format(
            "'{}' is a format, but -o names the output file: use --format {} (and -o FILE to write a file)", value,
            lower);
      },
      "");
  cmd.add_option("--output,-o", output,
                 "Write to FILE atomically instead of stdout (an interrupted run leaves FILE as it was)")
      ->type_name("FILE")
      ->check(not_a_format);
}

void follow_output_extension(CLI::App& cmd, const CLI::Option* format_option,
                             std::vector<std::pair<FormatName, int>> accepted, const std::string& output,
                             std::function<int()> current, std::function<void(int)> set) {
  cmd.parse_complete_callback([format_option, accepted = std::move(accepted), &output, current = std::move(current),
                               set = std::move(set)] {
    const auto named = format_of_extension(output);
    if (output.empty() || !named) return;
    const auto writes =
        std::find_if(accepted.begin(), accepted.end(), [&](const auto& entry) { return entry.first == *named; });
    if (format_option->count() == 0) {
      // The extension chooses among the formats the command writes; one it does not write would
      // leave a file whose name says what it is not.
      if (writes != accepted.end()) {
        set(writes->second);
        return;
      }
      std::string names;
      for (const auto& entry : accepted)
        names += fmt::format("{}{}", names.empty() ? "" : ", ", shown_name(entry.first));
      throw CLI::ValidationError(fmt::format("-o '{}' names {} output, which this command does not write ({})", output,
                                             shown_name(*named), names));
    }
    const auto given =
        std::find_if(accepted.begin(), accepted.end(), [&](const auto& entry) { return entry.second == current(); });
    if (given != accepted.end() && given->first == *named) return;
    throw CLI::ValidationError(
        fmt::format("-o '{}' names {} output but --format is {}: make them agree (or drop --format)", output,
                    shown_name(*named), given == accepted.end() ? std::string_view("?") : shown_name(given->first)));
  });
}

}  // namespace netobs::cli
