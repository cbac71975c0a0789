#include "man_page.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

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

// "Show what ... (exit 1: differences)" -> "show what ..."; "netobs: least-privilege ..." ->
// "least-privilege ...".
std::string name_line_summary(const std::string& program, std::string description) {
  if (description.starts_with(program + ": ")) {
    description.erase(0, program.size() + 2);
  }
  const std::size_t remark = description.find(" (exit ");
  if (remark != std::string::npos) {
    description.erase(remark);
  }
  if (!description.empty()) {
    description.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(description.front())));
  }
  return description;
}

// What each exit code means for one command (`command` empty: netobs itself); the codes are
// cli::ExitCode, the meanings those the README's command table gives.
std::vector<std::pair<int, std::string>> exit_statuses(const std::string& command) {
  static const std::map<std::string, std::string> k_success{
      {"recommend", "the policies were written"},
      {"connectivity", "the connections were listed"},
      {"explain", "the connection is allowed"},
      {"lint", "no finding at or above --fail-on"},
      {"diff", "no difference"},
      {"graph", "the graph was drawn"},
      {"sql", "the query was printed"},
      {"completion", "the script was printed"},
  };
  static const std::map<std::string, std::string> k_findings{
      {"", "findings or differences (lint, diff; explain: the connection is denied)"},
      {"explain", "the connection is denied"},
      {"lint", "findings at or above --fail-on (error by default)"},
      {"diff", "differences (as kubectl diff)"},
  };
  static const std::map<std::string, std::string> k_input_error{
      {"", "input or runtime error"},
      {"recommend", "input or runtime error: an unreadable file, a truncated gzip stream, no usable record"},
      {"lint", "input error, also a run with nothing to check (no NetworkPolicy, or --flows with no usable record)"},
      {"diff", "input or cluster error, also a side that does not parse"},
      {"graph", "input or runtime error (svg and html need Graphviz's dot)"},
      {"completion", "the script could not be written"},
      {"sql", "the query could not be written"},
  };
  const auto success = k_success.find(command);
  std::vector<std::pair<int, std::string>> statuses{{0, success == k_success.end() ? "success" : success->second}};
  if (const auto findings = k_findings.find(command); findings != k_findings.end()) {
    statuses.emplace_back(1, findings->second);
  }
  statuses.emplace_back(2, "usage error: an unknown option, a bad value, a missing argument");
  const auto input_error = k_input_error.find(command);
  statuses.emplace_back(3, input_error == k_input_error.end() ? "input or runtime error" : input_error->second);
  return statuses;
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
  std::vector<const CLI::Option*> options =
      command.get_options([](const CLI::Option* o) { return o->nonpositional(); });
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
  // whatis(1) and apropos(1) read "name \- summary": the name as typed, the summary lower-case
  // and without --help's exit-code remark (EXIT STATUS lists them).
  out +=
      fmt::format(".SH NAME\n{} \\- {}\n", name, roff(name_line_summary(root.get_name(), command.get_description())));
  out += ".SH SYNOPSIS\n";
  if (&root == &command) {
    out += fmt::format(".B {}\n[\\fIOPTIONS\\fR] \\fISUBCOMMAND\\fR ...\n", roff(root.get_name()));
  } else {
    out += fmt::format(".B {} {}\n[\\fIOPTIONS\\fR]", roff(root.get_name()), roff(command.get_name()));
    for (const CLI::Option* positional :
         command.get_options([](const CLI::Option* o) { return o->get_positional(); })) {
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
      out += fmt::format(".TP\n\\fB{}\\fR\n{} (see \\fB{}\\fR(1))\n", roff(sub->get_name()),
                         roff(sub->get_description()), roff(page_name(root, *sub)));
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
  out += ".SH EXIT STATUS\n";
  for (const auto& [code, meaning] : exit_statuses(&root == &command ? "" : command.get_name())) {
    out += fmt::format(".TP\n{}\n{}\n", code, roff(meaning));
  }
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
