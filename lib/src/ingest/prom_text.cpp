#include "prom_text.hpp"

#include <charconv>

#include <fmt/format.h>

namespace netobs {
namespace {

bool is_name_start(char c, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}
bool is_name_char(char c, bool colon) { return is_name_start(c, colon) || (c >= '0' && c <= '9'); }

// The name at the start of `rest` (metric names may hold ':', label names not), consumed.
std::string_view take_name(std::string_view& rest, bool colon) {
  std::size_t n = 0;
  if (rest.empty() || !is_name_start(rest[0], colon)) return {};
  while (n < rest.size() && is_name_char(rest[n], colon)) ++n;
  const std::string_view name = rest.substr(0, n);
  rest.remove_prefix(n);
  return name;
}

void skip_blanks(std::string_view& rest) {
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
}

std::string_view take_token(std::string_view& rest) {
  skip_blanks(rest);
  std::size_t n = 0;
  while (n < rest.size() && rest[n] != ' ' && rest[n] != '\t') ++n;
  const std::string_view token = rest.substr(0, n);
  rest.remove_prefix(n);
  return token;
}

// A quoted label value starting after its opening quote, unescaped into `into`; consumes the
// closing quote.
std::optional<std::string> take_label_value(std::string_view& rest, std::string& into) {
  into.clear();
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '"') {
      rest.remove_prefix(i + 1);
      return std::nullopt;
    }
    if (c != '\\') {
      into.push_back(c);
      continue;
    }
    if (++i == rest.size()) break;
    switch (rest[i]) {
      case '\\':
        into.push_back('\\');
        break;
      case '"':
        into.push_back('"');
        break;
      case 'n':
        into.push_back('\n');
        break;
      default:
        return fmt::format("unknown escape '\\{}' in a label value", rest[i]);
    }
  }
  return std::string("label value without its closing quote");
}

std::optional<std::string> parse_labels(std::string_view& rest, PromLine& into) {
  std::size_t count = 0;
  while (true) {
    skip_blanks(rest);
    if (rest.empty()) return std::string("label set without its closing '}'");
    if (rest.front() == '}') {
      rest.remove_prefix(1);
      break;
    }
    const std::string_view name = take_name(rest, false);
    if (name.empty()) return std::string("expected a label name");
    skip_blanks(rest);
    if (rest.empty() || rest.front() != '=') return fmt::format("expected '=' after label {}", name);
    rest.remove_prefix(1);
    skip_blanks(rest);
    if (rest.empty() || rest.front() != '"') return fmt::format("expected a quoted value for label {}", name);
    rest.remove_prefix(1);
    if (++count > k_max_prom_labels) return fmt::format("more than {} labels", k_max_prom_labels);
    if (into.labels.size() < count) into.labels.emplace_back();
    auto& [key, value] = into.labels[count - 1];
    key = name;
    if (auto error = take_label_value(rest, value)) return error;
    skip_blanks(rest);
    if (!rest.empty() && rest.front() == ',')
      rest.remove_prefix(1);
    else if (rest.empty() || rest.front() != '}')
      return fmt::format("expected ',' or '}}' after label {}", name);
  }
  into.labels.resize(count);
  return std::nullopt;
}

std::optional<std::string> parse_metadata(std::string_view rest, PromLine& into) {
  // rest is after "#"
  skip_blanks(rest);
  const std::string_view keyword = take_token(rest);
  if (keyword == "EOF" && rest.find_first_not_of(" \t") == std::string_view::npos) {
    into.kind = PromLineKind::eof;
    return std::nullopt;
  }
  PromLineKind kind = PromLineKind::comment;
  if (keyword == "HELP") kind = PromLineKind::help;
  if (keyword == "TYPE") kind = PromLineKind::type;
  if (keyword == "UNIT") kind = PromLineKind::unit;
  if (kind == PromLineKind::comment) {
    into.kind = kind;
    return std::nullopt;
  }
  skip_blanks(rest);
  into.name = take_name(rest, true);
  if (into.name.empty()) return fmt::format("# {} without a metric name", keyword);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t')
    return fmt::format("bad metric name in # {}", keyword);
  if (!rest.empty()) rest.remove_prefix(1);
  into.text = kind == PromLineKind::help ? rest : take_token(rest);
  if (kind == PromLineKind::type) {
    for (std::string_view type :
         {"counter", "gauge", "histogram", "gaugehistogram", "summary", "untyped", "unknown", "info", "stateset"}) {
      if (into.text == type) {
        into.kind = kind;
        return std::nullopt;
      }
    }
    return fmt::format("unknown metric type '{}'", into.text);
  }
  into.kind = kind;
  return std::nullopt;
}

}  // namespace

std::string_view PromLine::label(std::string_view key) const {
  for (const auto& [label_name, label_value] : labels) {
    if (label_name == key) return label_value;
  }
  return {};
}

std::optional<double> parse_prom_value(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::string> parse_prom_line(std::string_view line, PromLine& into) {
  into.kind = PromLineKind::blank;
  into.name = {};
  into.text = {};
  into.timestamp.reset();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view rest = line;
  skip_blanks(rest);
  if (rest.empty()) return std::nullopt;
  if (rest.front() == '#') return parse_metadata(rest.substr(1), into);
  into.name = take_name(rest, true);
  if (into.name.empty()) return std::string("expected a metric name");
  const std::size_t before_blanks = rest.size();
  skip_blanks(rest);
  bool separated = rest.size() < before_blanks;
  if (!rest.empty() && rest.front() == '{') {
    rest.remove_prefix(1);
    if (auto error = parse_labels(rest, into)) return error;
    separated = !rest.empty() && (rest.front() == ' ' || rest.front() == '\t');
  } else {
    into.labels.clear();
  }
  if (!separated || rest.find_first_not_of(" \t") == std::string_view::npos) {
    return std::string("expected a space and a value after the metric");
  }
  const std::string_view value_text = take_token(rest);
  const auto value = parse_prom_value(value_text);
  if (!value) return fmt::format("bad sample value '{}'", value_text);
  into.value = *value;
  const std::string_view timestamp_text = take_token(rest);
  if (!timestamp_text.empty() && timestamp_text != "#") {
    const auto timestamp = parse_prom_value(timestamp_text);
    if (!timestamp || *timestamp != *timestamp) return fmt::format("bad timestamp '{}'", timestamp_text);
    into.timestamp = timestamp;
    skip_blanks(rest);
  } else if (timestamp_text == "#") {
    rest = std::string_view("#");  // an exemplar follows the value directly
  }
  // OpenMetrics exemplars (" # {...} value") carry a trace, not a flow: ignored.
  if (!rest.empty() && rest.front() != '#') return std::string("unexpected text after the sample");
  into.kind = PromLineKind::sample;
  return std::nullopt;
}

}  // namespace netobs
