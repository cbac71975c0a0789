// Whole-field decimal numbers, as the text readers need them: the entire text, nothing else.
#pragma once

#include <charconv>
#include <string_view>

namespace netobs {

template <typename T>
bool parse_number(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace netobs
