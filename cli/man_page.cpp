#include "man_page.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

namespace netobs::cli {
namespace {

// Text for roff: backslashes escaped, and no line may start with a control character.
std::string roff(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string page_name(const CLI::App& root, const CLI::App& command) {
  return &root == &command ? root.get_name() : root.get_name() + "-" + command.get_name();
}

// "\fB-o\fR, \fB--output\fR \fIFILE\fR"
std::string option_heading(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& name : option.get_snames()) names.push_back(fmt::format("\\fB{}\\fR", roff("-" + name)));
  for (const auto& name : option.get_lnames()) names.push_back(fmt::format("\\fB{}\\fR", roff("--" + name)));
  std::string heading = fmt::format("{}", fmt::join(names, ", "));
  // CLI11 appends a check's own name ("FILE:FILE"); the first part is the one to show.
  const std::string type = option.get_type_name().substr(0, option.get_type_name().find(':'));
  if (option.get_expected_min() > 0 && !type.empty()) heading += fmt::format(" \\fI{}\\fR", roff(type));
  return heading;
}

void render_options(std::string& out, const CLI::App& command) {
  std::vector<const CLI::Option*> options = command.get_options([](const CLI::Option* o) { return o->nonpositional(); });
  if (options.empty()) return;
  out += ".SH OPTIONS\n";
  std::string group;
  for (const CLI::Option* option : options) {
    if (option->get_group() != group && !option->get_group().empty() && option->get_group() != "Options") {
      group = option->get_group();
      out += fmt::format(".SS {}\n", roff(group));
    }
    out += fmt::format(".TP\n{}\n{}", option_heading(*option), roff(option->get_description()));
    if (!option->get_default_str().empty()) out += fmt::format(" (default: {})", roff(option->get_default_str()));
    out += "\n";
  }
}

}  // namespace

std::string render_man_page(const CLI::App& root, const CLI::App& command, const std::string& version) {
  std::string name = page_name(root, command);
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  std::string out = fmt::format(".TH {} 1 \"\" \"{}\" \"netobs manual\"\n", upper, roff(version));
  out += fmt::format(".SH NAME\n{} \\- {}\n", roff(name), roff(command.get_description()));
  out += ".SH SYNOPSIS\n";
  if (&root == &command) {
    out += fmt::format(".B {}\n[\\fIOPTIONS\\fR] \\fISUBCOMMAND\\fR ...\n", roff(root.get_name()));
  } else {
    out += fmt::format(".B {} {}\n[\\fIOPTIONS\\fR]", roff(root.get_name()), roff(command.get_name()));
    for (const CLI::Option* positional : command.get_options([](const CLI::Option* o) { return o->get_positional(); })) {
      out += fmt::format(" [\\fI{}\\fR...]", roff(positional->get_name()));
    }
    out += "\n";
  }
  const std::vector<const CLI::Option*> positionals =
      command.get_options([](const CLI::Option* o) { return o->get_positional(); });
  if (!positionals.empty()) {
    out += ".SH ARGUMENTS\n";
    for (const CLI::Option* positional : positionals) {
      out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(positional->get_name()), roff(positional->get_description()));
    }
  }
  render_options(out, command);
  if (&root == &command) {
    out += ".SH COMMANDS\n";
    for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; })) {
      out += fmt::format(".TP\n\\fB{}\\fR\n{} (see \\fB{}\\fR(1))\n", roff(sub->get_name()), roff(sub->get_description()),
                         roff(page_name(root, *sub)));
    }
  }
  // The examples of --help ("Examples:" then one indented command line each).
  std::istringstream footer(command.get_footer());
  std::string line;
  bool examples = false;
  while (std::getline(footer, line)) {
    if (line == "Examples:") {
      out += ".SH EXAMPLES\n";
      examples = true;
    } else if (examples && line.starts_with("  ")) {
      out += fmt::format(".PP\n.nf\n{}\n.fi\n", roff(line.substr(2)));
    }
  }
  out += ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nfindings or differences (lint, diff, explain: denied)\n"
         ".TP\n2\nusage error\n.TP\n3\ninput or runtime error\n";
  out += ".SH SEE ALSO\n";
  std::vector<std::string> others;
  if (&root != &command) others.push_back(fmt::format("\\fB{}\\fR(1)", roff(root.get_name())));
  for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub != &command) others.push_back(fmt::format("\\fB{}\\fR(1)", roff(page_name(root, *sub))));
  }
  out += fmt::format("{}\n", fmt::join(others, ", "));
  return out;
}

}  // namespace netobs::cli
