#include <fmt/format.h>

#include "lint/render/formats.hpp"

namespace netobs::lint {
namespace {

// Workflow command escaping: data escapes %, CR and LF; properties also ':' and ','.
std::string escape_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(const std::string& text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string render_github(const Report& report) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    const char* command = d.severity == Severity::error     ? "error"
                          : d.severity == Severity::warning ? "warning"
                                                            : "notice";
    if (!d.in_file) {
      // No file of the repository holds a cluster object: an annotation without one, naming it.
      out += fmt::format("::{} title={}::{}: {}\n", command, escape_property(d.rule), escape_data(place(d)),
                         escape_data(d.message));
      continue;
    }
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command, escape_property(d.location.file),
                       d.location.line, d.column, escape_property(d.rule), escape_data(d.message));
  }
  return out;
}

}  // namespace netobs::lint
