// `netobs completion SHELL`: print the completion script for bash, zsh or fish, generated from the
// CLI definition.
#include <iostream>

#include "completion_script.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_completion(const CLI::App& root, const CompletionOptions& options, std::ostream& out, std::ostream& err) {
  return write_result("completion", completion_script(root, options.shell), options.output, out, err);
}

void add_completion_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<CompletionOptions>();
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  set_examples(*cmd, {"netobs completion bash > ~/.local/share/bash-completion/completions/netobs",
                      "netobs completion fish > ~/.config/fish/completions/netobs.fish"});
  add_choice(*cmd, "shell", options->shell,
             Choices<Shell>{{"bash", Shell::bash}, {"zsh", Shell::zsh}, {"fish", Shell::fish}},
             "The shell: bash, zsh or fish")
      ->required()
      ->default_str("");  // required: help shows no default
  add_output_option(*cmd, options->output, "a shell script");
  add_quiet_option(*cmd, options->quiet);
  // The root app outlives the parse that runs this callback.
  cmd->callback([options, &app, &exit_code] { exit_code = run_completion(app, *options, std::cout, std::cerr); });
}

}  // namespace netobs::cli
