// Errors the library reports to its callers: a kind that decides the exit code and a message
// that already names the file and line (or URL) where the problem is.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace netobs {

enum class ErrorKind {
  invalid_input,  // the data is not what it claims to be (bad record, not a Kubernetes List)
  io,             // a file or stream could not be read or written
  usage,          // the caller's options contradict each other
  network,        // a server could not be reached, or TLS failed
  timeout,        // a server did not answer in time
  kube_api,       // the Kubernetes API server refused or failed a request
  forbidden,      // the API server said the user may not (403)
  not_served,     // the API server does not serve the resource asked for (404)
  limit,          // an input exceeded a bound of InputLimits; the message names the option to raise it
};

struct Error {
  ErrorKind kind = ErrorKind::invalid_input;
  std::string message;  // lower-case, no trailing period, names the place
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> make_error(ErrorKind kind, std::string message) {
  return tl::unexpected<Error>(Error{kind, std::move(message)});
}

// Where a record or object came from, for messages. `line` is 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
};

}  // namespace netobs
