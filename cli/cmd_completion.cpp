// `netobs completion SHELL`: print the completion script for bash, zsh or fish.
#include <iostream>

#include "commands.hpp"
#include "completion_scripts.hpp"

namespace netobs::cli {

ExitCode run_completion(const CompletionOptions& options, std::ostream& out) {
  if (options.shell == "bash") out << k_bash_completion;
  if (options.shell == "zsh") out << k_zsh_completion;
  if (options.shell == "fish") out << k_fish_completion;
  out.flush();
  return out ? ExitCode::ok : ExitCode::input_error;
}

void add_completion_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<CompletionOptions>();
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  cmd->add_option("shell", options->shell, "The shell")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([options, &exit_code] { exit_code = run_completion(*options, std::cout); });
}

}  // namespace netobs::cli
