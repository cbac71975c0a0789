#include "app.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/clock.hpp>
#include <netobs/time.hpp>

#include "process.hpp"
#include "revision.hpp"

namespace netobs::cli {

namespace {

// The number of single-character edits that turn `a` into `b` (Levenshtein).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The command `word` was probably meant to be: the nearest by edit distance, when near enough
// (a third of the word, at least 2) or when `word` begins it.
std::optional<std::string> nearest_command(const CLI::App& app, const std::string& word) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string& name = sub->get_name();
    const std::size_t distance = name.starts_with(word) ? 0 : edit_distance(word, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
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

int report_parse_error(const std::vector<std::string>& args, const CLI::ParseError& error, std::ostream& err) {
  const std::string who = message_prefix(args);
  fmt::print(err, "{}: {}\nRun '{} --help' for the options.\n", who, error.what(), who);
  return static_cast<int>(ExitCode::usage);
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
