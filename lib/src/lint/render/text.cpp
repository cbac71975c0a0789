#include <fmt/format.h>

#include <netobs/plural.hpp>

#include "lint/render/formats.hpp"

namespace netobs::lint {

std::string place(const Diagnostic& d) {
  const std::string& origin = d.location.file.empty() ? std::string("<input>") : d.location.file;
  if (d.in_file || d.object.empty()) return fmt::format("{}:{}:{}", origin, d.location.line, d.column);
  return fmt::format("{}: {}{}", origin, to_string(d.object), d.field.empty() ? "" : " " + d.field);
}

std::string render_text(const Report& report) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    out += fmt::format("{}: {}: {} [{}]\n", place(d), to_string(d.severity), d.message, d.rule);
  }
  const std::size_t errors = report.count(Severity::error), warnings = report.count(Severity::warning);
  // With -n, the policies of the namespaces reported on, and how many were checked in all (each
  // namespace's policies decide what reaches the others).
  std::string checked = counted(report.policies_read, "policy", "policies") + " checked";
  if (report.scoped) checked += fmt::format(" ({} in the namespaces reported on)", report.policies);
  out +=
      fmt::format("{}: {}, {}", checked, counted(errors, "error", "errors"), counted(warnings, "warning", "warnings"));
  if (const std::size_t infos = report.count(Severity::info); infos > 0) out += fmt::format(", {} info", infos);
  out += '\n';
  return out;
}

}  // namespace netobs::lint
