// `netobs completion SHELL`: print the completion script for bash, zsh or fish.
#include <iostream>

#include "common.hpp"
#include "completion_scripts.hpp"

namespace netobs::cli {

ExitCode run_completion(const CompletionOptions& options, std::ostream& out, std::ostream& err) {
  std::string script;
  if (options.shell == "bash") script = k_bash_completion;
  if (options.shell == "zsh") script = k_zsh_completion;
  if (options.shell == "fish") script = k_fish_completion;
  return write_result("completion", script, options.output, out, err);
}

void add_completion_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<CompletionOptions>();
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  set_examples(*cmd, {"netobs completion bash > ~/.local/share/bash-completion/completions/netobs",
                      "netobs completion fish > ~/.config/fish/completions/netobs.fish"});
  cmd->add_option("shell", options->shell, "The shell")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  add_output_option(*cmd, options->output);
  cmd->callback([options, &exit_code] { exit_code = run_completion(*options, std::cout, std::cerr); });
}

}  // namespace netobs::cli
