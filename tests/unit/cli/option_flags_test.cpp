// The command line's spelling of the options the library names (cli/option_flags.hpp) is a flag
// that netobs really accepts: the library's messages never send a user to an option that is gone.
#include "option_flags.hpp"

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include <netobs/option.hpp>

#include "app.hpp"

namespace netobs::cli {
namespace {

// The root command and every subcommand, depth first.
void collect_commands(const CLI::App& app, std::vector<const CLI::App*>& out) {
  out.push_back(&app);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) collect_commands(*sub, out);
}

bool some_command_accepts(const std::vector<const CLI::App*>& commands, const std::string& flag) {
  for (const CLI::App* command : commands) {
    for (const CLI::Option* option : command->get_options()) {
      if (option->check_name(flag)) return true;
    }
  }
  return false;
}

TEST(OptionFlags, EveryOptionTheLibraryNamesIsAFlagOfSomeCommand) {
  CLI::App app{k_app_description, "netobs"};
  ExitCode exit_code = ExitCode::ok;
  add_commands(app, exit_code);
  std::vector<const CLI::App*> commands;
  collect_commands(app, commands);
  for (const Option option : all_options()) {
    const std::string flag = option_flag(option);
    EXPECT_TRUE(some_command_accepts(commands, flag))
        << option_name(option) << " is spelled " << flag << ", which no netobs command accepts";
  }
}

TEST(OptionFlags, FlagsAreTheNamesWithDashes) {
  EXPECT_EQ(option_flag(Option::max_depth), "--max-depth");
  EXPECT_EQ(option_flag(Option::prometheus_token_file), "--prometheus-token-file");
  EXPECT_EQ(option_flag(Option::namespaces), "-n");
  EXPECT_EQ(option_flag(Option::all_namespaces), "-A");
}

}  // namespace
}  // namespace netobs::cli
