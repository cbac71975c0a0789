// Writing result files so that a failure never leaves a half-written file behind.
#pragma once

#include <string>

#include <netobs/error.hpp>

namespace netobs {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over `path`.
// On any error the temporary file is removed, `path` is untouched and an io error is returned.
Result<void> write_file_atomically(const std::string& path, const std::string& content);

}  // namespace netobs
