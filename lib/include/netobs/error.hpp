// Errors the library reports to its callers: a kind that decides the exit code and what callers
// may retry, where the problem is (file, line, column or URL) as fields, and the problem itself.
// The text a user reads is composed at the edge by describe(): "file:line:col: message".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace netobs {

enum class ErrorKind {
  invalid_input,      // the data is not what it claims to be (bad record, not a Kubernetes List)
  io,                 // a file or stream could not be read or written
  usage,              // the caller's options contradict each other
  network,            // a server could not be reached
  tls,                // a TLS handshake or certificate check failed: waiting does not mend it
  auth,               // a server refused the credentials (401, or 403 for a token)
  timeout,            // a server did not answer in time
  kube_api,           // the Kubernetes API server refused or failed a request
  forbidden,          // the API server said the user may not (403)
  not_served,         // the API server does not serve the resource asked for (404)
  limit,              // an input exceeded a bound of InputLimits; the message names the option to raise it
  no_cluster_config,  // no kubeconfig and not in a pod: the cluster cannot be read at all
};

// Where a record, object or problem came from. `line` and `column` are 1-based; 0 means
// unknown. `url` names a place reached over HTTP instead of a file.
struct SourceLocation {
  SourceLocation() = default;
  SourceLocation(std::string file_name, std::size_t line_number = 0, std::size_t column_number = 0)
      : file(std::move(file_name)), line(line_number), column(column_number) {}
  static SourceLocation at_url(std::string address) {
    SourceLocation where;
    where.url = std::move(address);
    return where;
  }

  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string url;

  bool empty() const { return file.empty() && url.empty(); }
};

struct Error {
  Error() = default;
  Error(ErrorKind error_kind, std::string text, SourceLocation location = {})
      : kind(error_kind), message(std::move(text)), where(std::move(location)) {}

  ErrorKind kind = ErrorKind::invalid_input;
  // Lower-case, no trailing period. Without `where` it names the place itself (older call sites);
  // with it, the problem alone.
  std::string message;
  SourceLocation where;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> make_error(ErrorKind kind, std::string message) {
  return tl::unexpected<Error>(Error{kind, std::move(message), {}});
}

inline tl::unexpected<Error> make_error(ErrorKind kind, SourceLocation where, std::string message) {
  return tl::unexpected<Error>(Error{kind, std::move(message), std::move(where)});
}

// A file that cannot be opened or read, said alike by every reader: "NAME: cannot read: No such
// file or directory" (the system's reason for `errnum`).
tl::unexpected<Error> cannot_read(std::string_view name, int errnum);

// "file:line:col", "file:line", "file" or the URL; empty when the location is.
std::string format_location(const SourceLocation& where);

// The one text of an error for people: "file:line:col: message", or the message alone.
std::string describe(const Error& error);

}  // namespace netobs
