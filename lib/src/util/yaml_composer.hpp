// YAML text to JSON values through libyaml's event parser. netobs composes the values itself,
// with an explicit stack, so depth, values per document, alias expansion and documents per file
// are counted as they happen (InputLimits) instead of trusting the input; a cycle through an
// alias is an error, not endless recursion.
#pragma once

#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/option.hpp>

#include "util/document.hpp"

namespace netobs {

// The documents of `text` (empty ones left out); with `keep_marks`, the position of every value.
// Syntax errors are invalid_input naming `origin` and the line; a limit is a limit error.
Result<std::vector<LocatedDocument>> compose_yaml(const std::string& text, const std::string& origin, bool keep_marks);

// "origin:line: what (limit N; raise it with --option)" as a limit error.
Error limit_error(const std::string& origin, std::size_t line, const std::string& what, std::size_t limit,
                  Option option);

}  // namespace netobs
