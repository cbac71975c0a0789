#include "yaml_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

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
  // A JSON string is a YAML double-quoted scalar once the characters YAML does not allow there raw
  // are escaped too: DEL, the C1 controls but NEL, the byte order mark and the line separators.
  const std::string json = k8s::to_json_text(ordered_json(text));
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto byte = [&](std::size_t at) { return at < json.size() ? static_cast<unsigned char>(json[at]) : 0U; };
    if (byte(i) == 0x7f) {
      out += "\\u007f";
    } else if (byte(i) == 0xc2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9f && byte(i + 1) != 0x85) {
      out += fmt::format("\\u{:04x}", byte(i + 1));
      ++i;
    } else if (byte(i) == 0xef && byte(i + 1) == 0xbb && byte(i + 2) == 0xbf) {
      out += "\\ufeff";
      i += 2;
    } else if (byte(i) == 0xe2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xa8 || byte(i + 2) == 0xa9)) {
      out += byte(i + 2) == 0xa8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += json[i];
    }
  }
  return out;
}

void write_yaml(const ordered_json& value, std::string& out) { write_object(value, 0, false, out); }

}  // namespace netobs
