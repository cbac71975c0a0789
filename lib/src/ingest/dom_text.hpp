#pragma once

#include <string_view>

#include <simdjson.h>

namespace netobs {

// The string member `key` of a parsed JSON object, or empty when it is missing or not a string:
// the line-per-record readers treat both as "not given".
inline std::string_view text_at(const simdjson::dom::element& parent, std::string_view key) {
  std::string_view value;
  return parent[key].get(value) == simdjson::SUCCESS ? value : std::string_view{};
}

}  // namespace netobs
