// Counts in messages and reports: "1 policy checked", "2 policies checked". Every count a user
// reads goes through counted(), so no message says "1 records" or "file(s)".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace netobs {

// `count` followed by the noun in the number it needs: `one` for 1, else `many`.
inline std::string counted(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

}  // namespace netobs
