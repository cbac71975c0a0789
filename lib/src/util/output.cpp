#include <netobs/output.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace netobs {

Result<void> write_file_atomically(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  std::string temp = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot create a temporary file beside it: {}", path,
                                                 std::strerror(errno)));
  }
  auto fail = [&](const char* what) {
    const std::string message = fmt::format("{}: {}: {}", path, what, std::strerror(errno));
    ::close(fd);
    std::remove(temp.c_str());
    return make_error(ErrorKind::io, message);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    written += static_cast<std::size_t>(n);
  }
  // Policies are meant to be applied to a cluster; keep the usual permissions of a new file.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("chmod failed");
  if (::fsync(fd) != 0) return fail("fsync failed");
  if (::close(fd) != 0) {
    std::remove(temp.c_str());
    return make_error(ErrorKind::io, fmt::format("{}: close failed: {}", path, std::strerror(errno)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string message = fmt::format("{}: rename failed: {}", path, std::strerror(errno));
    std::remove(temp.c_str());
    return make_error(ErrorKind::io, message);
  }
  return {};
}

}  // namespace netobs
