// "Did you mean": the nearest of some words (commands, options) to a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netobs::cli {

// The word of `candidates` that `word` was probably meant to be: the nearest by edit distance,
// when near enough (a third of the word, at least 2), or one that `word` begins.
std::optional<std::string> nearest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace netobs::cli
