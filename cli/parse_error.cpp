// CLI11's parse errors as netobs words them: "netobs CMD: message", the argument at fault named as
// the user typed it, and the nearest option for a mistyped one.
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "app.hpp"
#include "nearest_word.hpp"
#include "options.hpp"

namespace netobs::cli {
namespace {

// The command the error is about: the subcommand parsed, or the root.
const CLI::App& parsed_command(const CLI::App& app) {
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? app : *parsed.front();
}

// Long names only: any two one-letter options are one edit apart, so a short one suggests nothing.
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* option : cmd.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// An argument no option or positional takes: a mistyped option gets the nearest one.
std::string unexpected(const CLI::App& cmd, const std::string& argument) {
  if (!argument.starts_with("-") || argument == "-") {
    return fmt::format("unexpected argument '{}'", shown_argument(argument));
  }
  const std::string name = argument.substr(0, argument.find('='));
  const auto nearest = name.starts_with("--") ? nearest_word(name, option_names(cmd)) : std::nullopt;
  return fmt::format("unknown option '{}'{}", shown_argument(name),
                     nearest ? fmt::format(": did you mean '{}'?", *nearest) : std::string());
}

// A required option or positional not given: positionals by the name the usage line shows.
std::optional<std::string> missing(const CLI::App& cmd) {
  for (const CLI::Option* option : cmd.get_options()) {
    if (!option->get_required() || option->count() > 0) continue;
    if (option->get_positional()) {
      return fmt::format("missing argument '{}' ({})", option->get_name(true, false), option->get_description());
    }
    return fmt::format("{} is required", option->get_name());
  }
  return std::nullopt;
}

// CLI11's "--namespace: 1 required NAMESPACE missing": the option given without its value.
std::optional<std::string> without_value(const CLI::App& cmd, const std::string& what) {
  const auto colon = what.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const CLI::Option* option = cmd.get_option_no_throw(what.substr(0, colon));
  if (option == nullptr) return std::nullopt;
  return fmt::format("{} needs a value ({})", option->get_name(), option->get_type_name());
}

// CLI11 prefixes a positional's validation error with its name ("shell: 'x' is not one of ...").
std::string validation(const CLI::App& cmd, const std::string& what) {
  for (const CLI::Option* option : cmd.get_options()) {
    const std::string prefix = option->get_name(true, false) + ": ";
    if (option->get_positional() && what.starts_with(prefix)) {
      return fmt::format("{} {}", option->get_name(true, false), what.substr(prefix.size()));
    }
  }
  return what;
}

std::string parse_error_text(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App& cmd = parsed_command(app);
  std::string what = error.what();
  // CLI11 checks what is required before what is left over: a mistyped option would be reported
  // as a missing one ("--table is required" for `sql --tabel t`).
  // Arguments a subcommand did not take are handed up to the root.
  auto left_over = cmd.remaining();
  if (left_over.empty() && &cmd != &app) left_over = app.remaining();
  if (!left_over.empty() && (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr ||
                             dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr)) {
    return unexpected(cmd, left_over.front());
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (auto text = missing(cmd)) return *text;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    if (auto text = without_value(cmd, what)) return *text;
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) return validation(cmd, what);
  return what;
}

}  // namespace

int report_parse_error(const CLI::App& app, const std::vector<std::string>& args, const CLI::ParseError& error,
                       std::ostream& err) {
  const std::string who = message_prefix(args);
  fmt::print(err, "{}: {}\nRun '{} --help' for the options.\n", who, parse_error_text(app, error), who);
  return static_cast<int>(ExitCode::usage);
}

}  // namespace netobs::cli
