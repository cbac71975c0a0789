#include "yaml_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using nlohmann::ordered_json;

bool plain_safe_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '_' || c == '-';
}

// Words YAML 1.1 readers (yaml-cpp, PyYAML, go-yaml v2) turn into booleans or null.
bool is_reserved_word(std::string lower) {
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  static constexpr std::array k_words{"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  return std::find(k_words.begin(), k_words.end(), lower) != k_words.end();
}

std::string scalar(const ordered_json& value) {
  if (value.is_string()) return yaml_scalar(value.get<std::string>());
  if (value.is_object()) return "{}";
  if (value.is_array()) return "[]";
  return k8s::to_json_text(value);  // numbers, booleans, null
}

void write_object(const ordered_json& object, int indent, bool inline_first, std::string& out);

void write_array(const ordered_json& array, int indent, std::string& out) {
  for (const auto& item : array) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += "- ";
    if (item.is_object() && !item.empty()) {
      write_object(item, indent + 2, true, out);
    } else if (item.is_array() && !item.empty()) {
      out += k8s::to_json_text(item) + "\n";  // JSON is valid flow-style YAML
    } else {
      out += scalar(item) + "\n";
    }
  }
}

void write_object(const ordered_json& object, int indent, bool inline_first, std::string& out) {
  bool first = true;
  for (const auto& [key, value] : object.items()) {
    if (!(first && inline_first)) out.append(static_cast<std::size_t>(indent), ' ');
    first = false;
    out += yaml_scalar(key) + ":";
    if (value.is_object() && !value.empty()) {
      out += "\n";
      write_object(value, indent + 2, false, out);
    } else if (value.is_array() && !value.empty()) {
      out += "\n";
      write_array(value, indent, out);
    } else {
      // Appended piecewise: gcc 12 at -O3 warns (-Wrestrict, a false positive) on " " + ....
      out += ' ';
      out += scalar(value);
      out += '\n';
    }
  }
}

}  // namespace

std::string yaml_scalar(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), plain_safe_char) &&
                     std::isalpha(static_cast<unsigned char>(text.front())) && !is_reserved_word(text);
  if (plain) return text;
  return k8s::to_json_text(ordered_json(text));  // a JSON string is a valid YAML double-quoted scalar
}

void write_yaml(const ordered_json& value, std::string& out) { write_object(value, 0, false, out); }

}  // namespace netobs
