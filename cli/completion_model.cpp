#include "completion_model.hpp"

#include <cctype>

namespace netobs::cli {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(separator, start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The kind of value from the type CLI11 shows: "yaml|json" (add_choice), "TEXT:{a,b}"
// (IsMember), "FILE" or "FILE:FILE" (a file), or anything else.
void read_value(const CLI::Option& option, ValueKind& kind, std::vector<std::string>& choices) {
  const std::string type = option.get_type_name();
  const std::string head = type.substr(0, type.find(':'));
  if (const auto open = type.find('{'); open != std::string::npos && type.find('}', open) != std::string::npos) {
    kind = ValueKind::choice;
    choices = split(type.substr(open + 1, type.find('}', open) - open - 1), ',');
  } else if (head.find('|') != std::string::npos) {
    kind = ValueKind::choice;
    choices = split(head, '|');
  } else if (head == "FILE" || head == "PATH" || head == "DIR") {
    kind = ValueKind::file;
  } else {
    kind = ValueKind::text;
  }
}

// The first clause of a help text: "Output format" from "Output format (svg and html need dot)". Brackets, colons and
// quotes are left out, which no shell's description syntax then has to escape.
std::string short_description(const std::string& help) {
  std::string out;
  const std::string text = help.substr(0, help.find("e.g."));
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ';' || c == ':' || c == '(' || c == '\n' || (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ')))
      break;
    if (c == '[' || c == ']' || c == '\'' || c == '"' || c == '`' || c == '$' || c == '\\') continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  if (out.size() > 70) out = out.substr(0, out.rfind(' ', 70));
  return out;
}

CommandSpec command_spec(const CLI::App& app, const std::string& name) {
  CommandSpec spec{name, short_description(app.get_description()), {}, ValueKind::none, {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) {
      read_value(*option, spec.positional, spec.positional_choices);
      if (spec.positional == ValueKind::text) spec.positional = ValueKind::file;  // arguments are paths
      spec.positional_name = option->get_name();
      continue;
    }
    OptionSpec out;
    out.longs = option->get_lnames();
    out.shorts = option->get_snames();
    if (option->get_expected_min() > 0) read_value(*option, out.value, out.choices);  // flags take none
    out.repeatable = option->get_items_expected_max() > 1 && out.value != ValueKind::none;
    out.description = short_description(option->get_description());
    spec.options.push_back(std::move(out));
  }
  return spec;
}

}  // namespace

std::vector<CommandSpec> completion_model(const CLI::App& root) {
  std::vector<CommandSpec> out{command_spec(root, "")};
  for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; })) {
    out.push_back(command_spec(*sub, sub->get_name()));
  }
  return out;
}

}  // namespace netobs::cli
