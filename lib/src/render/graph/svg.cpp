#include <cstring>

#include <fmt/format.h>

#include <netobs/option.hpp>

#include "render/graph/formats.hpp"
#include "util/subprocess.hpp"

namespace netobs {
namespace {

// Layout of a large graph takes dot a while; a runaway one is stopped.
constexpr SubprocessLimits k_dot_limits{300'000, std::size_t{256} << 20};

}  // namespace

Result<std::string> graph_svg(const GraphView& view) {
  const SubprocessResult dot = run_subprocess({"dot", "-Tsvg"}, {}, graph_dot(view), k_dot_limits);
  if (dot.exec_errno == ENOENT) {
    return make_error(ErrorKind::io,
                      "svg and html are drawn by Graphviz's dot, which is not on PATH: install "
                      "Graphviz (Debian and Ubuntu: apt install graphviz), or write " +
                          spell(Option::format) + " dot");
  }
  if (dot.exec_errno != 0)
    return make_error(ErrorKind::io, fmt::format("cannot run dot: {}", std::strerror(dot.exec_errno)));
  if (dot.timed_out) return make_error(ErrorKind::timeout, "dot did not finish the layout within 300 s");
  if (dot.too_large) return make_error(ErrorKind::limit, "dot wrote more than 256 MiB of SVG");
  if (dot.status != 0) {
    const std::string first_line = first_error_line(dot);
    return make_error(ErrorKind::io, fmt::format("dot -Tsvg exited with status {}{}{}", dot.status,
                                                 first_line.empty() ? "" : ": ", first_line));
  }
  return dot.out;
}

}  // namespace netobs
