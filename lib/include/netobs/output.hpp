// Writing result files so that a failure never leaves a half-written file behind.
#pragma once

#include <string>

#include <netobs/error.hpp>

namespace netobs {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over `path`.
// On any error the temporary file is removed, `path` is untouched and an io error is returned.
// While it runs, the temporary file's name is held where remove_pending_output() finds it.
Result<void> write_file_atomically(const std::string& path, const std::string& content);

// Removes the temporary file of a write_file_atomically() in progress, if any. Async-signal-safe:
// a SIGINT, SIGTERM or SIGPIPE handler calls it so an interrupted run leaves the previous file
// intact and nothing beside it.
void remove_pending_output() noexcept;

}  // namespace netobs
