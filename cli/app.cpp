#include "app.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/clock.hpp>
#include <netobs/time.hpp>

#include "nearest_word.hpp"
#include "process.hpp"
#include "revision.hpp"

namespace netobs::cli {

namespace {

// The command `word` was probably meant to be.
std::optional<std::string> nearest_command(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return nearest_word(word, names);
}

bool is_command(const CLI::App& app, const std::string& word) {
  const auto subcommands = app.get_subcommands({});
  return std::any_of(subcommands.begin(), subcommands.end(),
                     [&](const CLI::App* sub) { return sub->get_name() == word; });
}

}  // namespace

std::optional<std::vector<std::string>> command_line(const CLI::App& app, int argc, const char* const* argv,
                                                     std::ostream& err) {
  std::vector<std::string> args(argv, argv + argc);
  if (args.size() < 2 || args[1].starts_with("-")) return args;
  if (args[1] == "help") {
    // `netobs help COMMAND` is `netobs COMMAND --help`, as in kubectl and hubble.
    args.erase(args.begin() + 1);
    if (args.size() > 2) {
      fmt::print(err, "netobs help: give one command (netobs help COMMAND)\n");
      return std::nullopt;
    }
    args.emplace_back("--help");
  }
  if (args.size() < 2 || args[1].starts_with("-") || is_command(app, args[1])) return args;
  const auto nearest = nearest_command(app, args[1]);
  fmt::print(err, "netobs: unknown command '{}'{} ('netobs --help' lists the commands)\n", args[1],
             nearest ? fmt::format(": did you mean '{}'?", *nearest) : std::string());
  return std::nullopt;
}

std::string message_prefix(const std::vector<std::string>& args) {
  // After command_line(), a word in second place is the command.
  const bool in_command = args.size() > 1 && !args[1].starts_with("-");
  return in_command ? "netobs " + args[1] : std::string("netobs");
}

bool set_clock(const std::vector<std::string>& args, std::ostream& err) {
  // NETOBS_NOW fixes the library's clock (an RFC 3339 time), so relative times such as
  // --since -24h give the same answer on every run: for tests and for reproducing a report.
  const char* fixed_now = std::getenv("NETOBS_NOW");
  if (fixed_now == nullptr || *fixed_now == '\0') return true;
  const auto seconds = parse_rfc3339(fixed_now);
  if (!seconds) {
    fmt::print(err, "{}: NETOBS_NOW '{}': expected an RFC 3339 time (2026-11-28T10:00:00Z)\n", message_prefix(args),
               fixed_now);
    return false;
  }
  set_fixed_now(*seconds);
  return true;
}

const char* version_line() { return "netobs " NETOBS_VERSION " (git " NETOBS_GIT_REVISION ")"; }

void add_commands(CLI::App& app, ExitCode& exit_code) {
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line());
  add_limit_options(app);
  add_recommend_command(app, exit_code);
  add_connectivity_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_lint_command(app, exit_code);
  add_diff_command(app, exit_code);
  add_graph_command(app, exit_code);
  add_sql_command(app, exit_code);
  add_completion_command(app, exit_code);
}

}  // namespace netobs::cli
