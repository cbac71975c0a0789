#include <fmt/format.h>

#include "lint/render/formats.hpp"

namespace netobs::lint {

std::string render_text(const Report& report) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", d.location.file.empty() ? "<input>" : d.location.file, d.location.line,
                       d.column, to_string(d.severity), d.message, d.rule);
  }
  const std::size_t errors = report.count(Severity::error), warnings = report.count(Severity::warning);
  out += fmt::format("{} policies checked: {} error{}, {} warning{}", report.policies, errors, errors == 1 ? "" : "s",
                     warnings, warnings == 1 ? "" : "s");
  if (const std::size_t infos = report.count(Severity::info); infos > 0) out += fmt::format(", {} info", infos);
  out += '\n';
  return out;
}

}  // namespace netobs::lint
