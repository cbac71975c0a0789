#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netobs/output.hpp>

namespace netobs {
namespace {

// The temporary file being written, for a signal handler: a fixed buffer and an atomic flag,
// since a handler may neither allocate nor lock.
char g_pending[4096];
std::atomic<bool> g_has_pending{false};

// Marks `temp` as pending for as long as it lives.
class PendingOutput {
 public:
  explicit PendingOutput(const std::string& temp) {
    if (temp.size() >= sizeof g_pending) return;
    std::memcpy(g_pending, temp.c_str(), temp.size() + 1);
    g_has_pending.store(true);
  }
  ~PendingOutput() { g_has_pending.store(false); }
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;
};

}  // namespace

void remove_pending_output() noexcept {
  if (g_has_pending.exchange(false)) ::unlink(g_pending);
}

namespace {

// Writes `content` to what `path` already is (a device such as /dev/null, a FIFO): no temporary
// file can stand in for it, and a rename would replace it with a plain file.
Result<void> write_in_place(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return make_error(ErrorKind::io, fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string message = fmt::format("{}: write failed: {}", path, std::strerror(errno));
      ::close(fd);
      return make_error(ErrorKind::io, message);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    return make_error(ErrorKind::io, fmt::format("{}: close failed: {}", path, std::strerror(errno)));
  return {};
}

}  // namespace

Result<void> write_file_atomically(const std::string& requested, const std::string& content) {
  std::error_code error;
  const auto status = std::filesystem::status(requested, error);  // through symbolic links
  if (!error && std::filesystem::is_directory(status)) {
    return make_error(ErrorKind::io, fmt::format("{}: is a directory", requested));
  }
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return write_in_place(requested, content);
  }
  // A symbolic link keeps pointing where it did: the file it names is replaced, not the link.
  std::string path = requested;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(requested, error))) {
    const auto resolved = std::filesystem::weakly_canonical(requested, error);
    if (!error) path = resolved.string();
  }
  const std::filesystem::path target(path);
  // Built piecewise: gcc 12 at -O3 warns (-Wrestrict, a false positive) on "." + ... + "...".
  std::string name = ".";
  name += target.filename().string();
  name += ".XXXXXX";
  std::string temp = (target.parent_path() / name).string();
  // No signal may land between creating the temporary file and recording its name.
  sigset_t interrupting;
  sigset_t previous;
  sigemptyset(&interrupting);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&interrupting, sig);
  pthread_sigmask(SIG_BLOCK, &interrupting, &previous);
  const int fd = mkstemp(temp.data());
  const int mkstemp_errno = errno;
  const PendingOutput pending(fd >= 0 ? temp : std::string(sizeof g_pending, 'x'));
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot create a temporary file beside it: {}", path,
                                                 std::strerror(mkstemp_errno)));
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
