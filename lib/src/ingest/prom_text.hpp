// One line of the Prometheus text exposition format or OpenMetrics: HELP/TYPE/UNIT metadata,
// `# EOF`, comments, and samples `name{label="value",...} value [timestamp] [# exemplar]`.
// Label values are unescaped (\\, \", \n) and may hold ',', '}' and '='.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netobs {

enum class PromLineKind : std::uint8_t { blank, comment, help, type, unit, eof, sample };

struct PromLine {
  PromLineKind kind = PromLineKind::blank;
  std::string_view name;  // the family (metadata) or the sample's metric name
  std::string_view text;  // HELP text, TYPE or UNIT value (still escaped)
  // Unescaped label values; the vector's storage is reused from line to line.
  std::vector<std::pair<std::string_view, std::string>> labels;
  double value = 0;
  std::optional<double> timestamp;  // as written: milliseconds (Prometheus) or seconds (OpenMetrics)

  // The value of label `key`, or empty.
  std::string_view label(std::string_view key) const;
};

// At most this many labels on one sample: more is an error, not work without end.
inline constexpr std::size_t k_max_prom_labels = 256;

// Parses `line` (no newline) into `into`. Returns an error message, or nullopt on success.
std::optional<std::string> parse_prom_line(std::string_view line, PromLine& into);

// A sample value: a decimal or hex float, NaN, +Inf, -Inf (any case, as Prometheus accepts).
std::optional<double> parse_prom_value(std::string_view text);

}  // namespace netobs
