#include "prom_api.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <simdjson.h>

namespace netobs {
namespace {

using simdjson::dom::element;

// The `data` of a successful answer, or what went wrong.
PromApiAnswer envelope(simdjson::dom::parser& parser, std::string_view body, element& data) {
  PromApiAnswer answer;
  element root;
  std::string_view state;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS ||
      root["status"].get(state) != simdjson::SUCCESS) {
    answer.problem = "the answer is not Prometheus API JSON";
    return answer;
  }
  if (state == "success") {
    answer.ok = root["data"].get(data) == simdjson::SUCCESS;
    if (!answer.ok) answer.problem = "a successful answer without data";
    return answer;
  }
  std::string_view type, error;
  if (root["errorType"].get(type) != simdjson::SUCCESS) type = "unknown";
  if (root["error"].get(error) != simdjson::SUCCESS) error = "no message";
  answer.too_many_samples = type == "execution" && error.find("too many samples") != std::string_view::npos;
  answer.problem = fmt::format("the query failed: {}: {}", type, error);
  return answer;
}

bool plain_label_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string prom_label_literal(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

PromApiAnswer read_vector_answer(std::string_view body, std::string_view metric, std::string& text) {
  simdjson::dom::parser parser;
  element data;
  PromApiAnswer answer = envelope(parser, body, data);
  if (!answer.ok) return answer;
  std::string_view type;
  simdjson::dom::array result;
  if (data["resultType"].get(type) != simdjson::SUCCESS || type != "vector" ||
      data["result"].get(result) != simdjson::SUCCESS) {
    return {false, "the answer is not an instant vector", false};
  }
  const std::size_t before = text.size();
  for (element row : result) {
    simdjson::dom::object labels;
    simdjson::dom::array value;
    std::string_view number;
    double time = 0;
    if (row["metric"].get(labels) != simdjson::SUCCESS || row["value"].get(value) != simdjson::SUCCESS ||
        value.at(0).get(time) != simdjson::SUCCESS || value.at(1).get(number) != simdjson::SUCCESS ||
        !std::isfinite(time) || std::abs(time) > 1e13 || number.find_first_of(" \t\r\n") != std::string_view::npos) {
      text.resize(before);
      return {false, "a result without its metric or value", false};
    }
    text += metric;
    char separator = '{';
    for (auto [key, label] : labels) {
      std::string_view label_value;
      // Only names the text format can carry (Prometheus 3 allows any UTF-8): never a line break.
      if (key == "__name__" || !plain_label_name(key) || label.get(label_value) != simdjson::SUCCESS ||
          label_value.empty()) {
        continue;
      }
      fmt::format_to(std::back_inserter(text), "{}{}={}", separator, key, prom_label_literal(label_value));
      separator = ',';
    }
    if (separator == '{') text += '{';
    fmt::format_to(std::back_inserter(text), "}} {} {}\n", number, static_cast<std::int64_t>(time * 1000));
  }
  return answer;
}

PromApiAnswer read_label_values_answer(std::string_view body, std::vector<std::string>& values) {
  simdjson::dom::parser parser;
  element data;
  PromApiAnswer answer = envelope(parser, body, data);
  if (!answer.ok) return answer;
  simdjson::dom::array list;
  if (data.get(list) != simdjson::SUCCESS) return {false, "the label's values are not a list", false};
  for (element value : list) {
    std::string_view name;
    if (value.get(name) == simdjson::SUCCESS && !name.empty()) values.emplace_back(name);
  }
  return answer;
}

}  // namespace netobs
