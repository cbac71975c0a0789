#include "completion_script.hpp"

#include <fmt/format.h>

#include "completion_model.hpp"

namespace netobs::cli {
namespace {

std::string joined(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

// Every spelling of an option: "--output", "-o".
std::vector<std::string> spellings(const OptionSpec& option) {
  std::vector<std::string> out;
  for (const auto& name : option.longs) out.push_back("--" + name);
  for (const auto& name : option.shorts) out.push_back("-" + name);
  return out;
}

std::string bash_command(const CommandSpec& command, const std::string& subcommands) {
  std::vector<std::string> files, silent, words;
  std::string choices;
  for (const auto& option : command.options) {
    const auto names = spellings(option);
    for (const auto& name : option.longs) words.push_back("--" + name);
    const std::string pattern = fmt::format("{}", fmt::join(names, "|"));
    if (option.value == ValueKind::file) files.insert(files.end(), names.begin(), names.end());
    if (option.value == ValueKind::text) silent.insert(silent.end(), names.begin(), names.end());
    if (option.value == ValueKind::choice) {
      choices += fmt::format("        {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n", pattern,
                             joined(option.choices));
    }
  }
  std::string out =
      fmt::format("    {})\n      case $prev in\n{}", command.name.empty() ? "\"\"" : command.name, choices);
  if (!files.empty())
    out += fmt::format("        {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", fmt::join(files, "|"));
  if (!silent.empty()) out += fmt::format("        {}) return ;;\n", fmt::join(silent, "|"));
  out += "      esac\n";
  const std::string options = joined(words);
  if (command.name.empty()) {
    return out + fmt::format("      COMPREPLY=($(compgen -W \"{} {}\" -- \"$cur\"))\n      ;;\n", subcommands, options);
  }
  std::string arguments = "COMPREPLY=($(compgen -f -- \"$cur\"))";
  if (command.positional == ValueKind::choice) {
    arguments = fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", joined(command.positional_choices));
  }
  return out + fmt::format(
                   "      if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n"
                   "      else\n        {}\n      fi\n      ;;\n",
                   options, arguments);
}

std::string bash_script(const std::vector<CommandSpec>& commands) {
  std::vector<std::string> names;
  for (std::size_t i = 1; i < commands.size(); ++i) names.push_back(commands[i].name);
  std::string out = fmt::format(
      "# bash completion for netobs, generated from its command line (netobs completion bash).\n"
      "# Install: source this file, or copy it to ~/.local/share/bash-completion/completions/netobs.\n"
      "_netobs() {{\n  local cur prev words cword\n  _init_completion 2>/dev/null || {{\n"
      "    cur=${{COMP_WORDS[COMP_CWORD]}}\n    prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "    words=(\"${{COMP_WORDS[@]}}\")\n    cword=$COMP_CWORD\n  }}\n  local sub=\"\" i\n"
      "  for ((i = 1; i < cword; i++)); do\n    case ${{words[i]}} in\n      {}) sub=${{words[i]}}; break ;;\n"
      "    esac\n  done\n  case $sub in\n",
      fmt::join(names, "|"));
  for (const auto& command : commands) out += bash_command(command, joined(names));
  return out + "  esac\n}\ncomplete -F _netobs netobs\n";
}

// One _arguments spec: '*--inventory[desc]:file:_files', {-o,--output}'[desc]:file:_files'.
std::string zsh_spec(const OptionSpec& option) {
  const auto names = spellings(option);
  const char* repeat = option.repeatable ? "*" : "";
  std::string out = names.size() == 1
                        ? fmt::format("'{}{}[", repeat, names[0])
                        : fmt::format("{}{{{}}}'[", option.repeatable ? "'*'" : "", fmt::join(names, ","));
  out += option.description + "]";
  switch (option.value) {
    case ValueKind::none:
      break;
    case ValueKind::file:
      out += ":file:_files";
      break;
    case ValueKind::choice:
      out += fmt::format(":value:({})", joined(option.choices));
      break;
    case ValueKind::text:
      out += ":value: ";
      break;
  }
  return out + "'";
}

std::string zsh_script(const std::vector<CommandSpec>& commands) {
  std::string out =
      "#compdef netobs\n# zsh completion for netobs, generated from its command line (netobs completion zsh).\n"
      "# Install: copy to a folder on $fpath as _netobs.\n\n_netobs() {\n  local -a subcommands\n  subcommands=(\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    out += fmt::format("    '{}:{}'\n", commands[i].name, commands[i].description);
  }
  out += "  )\n  _arguments -C \\\n";
  for (const auto& option : commands[0].options) {
    // --help and --version end the command line.
    const bool final =
        option.longs == std::vector<std::string>{"help"} || option.longs == std::vector<std::string>{"version"};
    out += fmt::format("    {}{} \\\n", final ? "'(- *)'" : "", zsh_spec(option));
  }
  out +=
      "    '1: :->subcommand' \\\n    '*:: :->args'\n  case $state in\n    subcommand) _describe 'subcommand' "
      "subcommands ;;\n"
      "    args)\n      case $words[1] in\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const CommandSpec& command = commands[i];
    out += fmt::format("        {})\n          _arguments \\\n", command.name);
    for (const auto& option : command.options) out += fmt::format("            {} \\\n", zsh_spec(option));
    const std::string argument =
        command.positional == ValueKind::choice
            ? fmt::format("'1:{}:({})'", command.positional_name, joined(command.positional_choices))
            : fmt::format("'*:{}:_files'", command.positional_name.empty() ? "file" : command.positional_name);
    out += fmt::format("            {}\n          ;;\n", argument);
  }
  return out + "      esac\n      ;;\n  esac\n}\n\n_netobs \"$@\"\n";
}

std::string fish_option(const std::string& condition, const OptionSpec& option) {
  std::string out = fmt::format("complete -c netobs -n \"{}\"", condition);
  for (const auto& name : option.shorts) out += " -s " + name;
  for (const auto& name : option.longs) out += " -l " + name;
  switch (option.value) {
    case ValueKind::none:
      break;
    case ValueKind::file:
      out += " -r -F";
      break;
    case ValueKind::choice:
      out += fmt::format(" -x -a '{}'", joined(option.choices));
      break;
    case ValueKind::text:
      out += " -x";
      break;
  }
  return out + fmt::format(" -d '{}'\n", option.description);
}

std::string fish_script(const std::vector<CommandSpec>& commands) {
  std::vector<std::string> names;
  for (std::size_t i = 1; i < commands.size(); ++i) names.push_back(commands[i].name);
  std::string out = fmt::format(
      "# fish completion for netobs, generated from its command line (netobs completion fish).\n"
      "# Install: copy to ~/.config/fish/completions/netobs.fish.\nset -l subcommands {}\ncomplete -c netobs -f\n",
      joined(names));
  const std::string top = "not __fish_seen_subcommand_from $subcommands";
  for (const auto& option : commands[0].options) out += fish_option(top, option);
  for (std::size_t i = 1; i < commands.size(); ++i) {
    out += fmt::format("complete -c netobs -n \"{}\" -a {} -d '{}'\n", top, commands[i].name, commands[i].description);
  }
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const CommandSpec& command = commands[i];
    const std::string condition = "__fish_seen_subcommand_from " + command.name;
    out += "\n";
    if (command.positional == ValueKind::choice) {
      out += fmt::format("complete -c netobs -n \"{}\" -a '{}'\n", condition, joined(command.positional_choices));
    } else if (command.positional == ValueKind::file) {
      out += fmt::format("complete -c netobs -n \"{}\" -F\n", condition);
    }
    for (const auto& option : command.options) out += fish_option(condition, option);
  }
  return out;
}

}  // namespace

std::string completion_script(const CLI::App& root, Shell shell) {
  const std::vector<CommandSpec> commands = completion_model(root);
  switch (shell) {
    case Shell::bash:
      return bash_script(commands);
    case Shell::zsh:
      return zsh_script(commands);
    case Shell::fish:
      return fish_script(commands);
  }
  return {};
}

}  // namespace netobs::cli
