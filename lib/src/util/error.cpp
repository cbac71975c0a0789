#include <cstring>

#include <fmt/format.h>

#include <netobs/error.hpp>

namespace netobs {

std::string format_location(const SourceLocation& where) {
  if (!where.url.empty()) return where.url;
  if (where.file.empty()) return {};
  if (where.line == 0) return where.file;
  if (where.column == 0) return fmt::format("{}:{}", where.file, where.line);
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

tl::unexpected<Error> cannot_read(std::string_view name, int errnum) {
  return make_error(ErrorKind::io, fmt::format("{}: cannot read: {}", name, std::strerror(errnum)));
}

std::string describe(const Error& error) {
  const std::string place = format_location(error.where);
  return place.empty() ? error.message : fmt::format("{}: {}", place, error.message);
}

}  // namespace netobs
