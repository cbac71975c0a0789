#include "byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect_state.hpp"
#include "util/document.hpp"

namespace netobs {
namespace {

class FdSource final : public ByteSource {
 public:
  FdSource(std::string display, int fd, bool owned, CollectState* collect)
      : ByteSource(std::move(display)), m_fd(fd), m_owned(owned), m_collect(collect) {
    struct stat info {};
    m_regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (m_regular) {
      m_size = static_cast<std::uint64_t>(info.st_size);
      posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
  }
  ~FdSource() override {
    if (m_owned) ::close(m_fd);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  std::optional<std::uint64_t> size() const override { return m_regular ? std::optional(m_size) : std::nullopt; }

  Result<std::size_t> read(char* into, std::size_t capacity) override {
    if (capacity == 0) return 0;
    for (;;) {
      // A pipe or terminal may stay silent for hours: wait in slices, so a signal or the
      // deadline ends the collection even when no byte comes.
      if (!m_regular && m_collect) {
        if (m_collect->should_stop()) return 0;
        pollfd waiting{m_fd, POLLIN, 0};
        const int ready = ::poll(&waiting, 1, 250);
        m_collect->tick();
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
      }
      const ssize_t n = ::read(m_fd, into, capacity);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno == EINTR) {
        if (m_collect && m_collect->should_stop()) return 0;
        continue;
      }
      return cannot_read(display(), errno);
    }
  }

 private:
  int m_fd;
  bool m_owned;
  CollectState* m_collect;
  bool m_regular = false;
  std::uint64_t m_size = 0;
};

Result<std::unique_ptr<FdSource>> open_fd(const std::string& path, const std::string& display, CollectState* collect) {
  if (path == k_stdin_path) return std::make_unique<FdSource>(display, STDIN_FILENO, false, collect);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_read(display, errno);
  return std::make_unique<FdSource>(display, fd, true, collect);
}

// Bytes already in memory (an answer turned into text, for the reader of its format).
class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string text, std::string display) : ByteSource(std::move(display)), m_text(std::move(text)) {}
  Result<std::size_t> read(char* into, std::size_t capacity) override {
    const std::size_t n = std::min(capacity, m_text.size() - m_at);
    std::copy_n(m_text.data() + m_at, n, into);
    m_at += n;
    return n;
  }

 private:
  std::string m_text;
  std::size_t m_at = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_memory_source(std::string text, std::string display) {
  return std::make_unique<MemorySource>(std::move(text), std::move(display));
}

Result<std::unique_ptr<ByteSource>> open_file_source(const std::string& path, const std::string& display,
                                                     CollectState* collect) {
  if (path == k_stdin_path) {
    if (auto kept = kept_stdin_text()) return open_memory_source(std::move(*kept), display);
  }
  auto source = open_fd(path, display, collect);
  if (!source) return tl::unexpected(source.error());
  return std::unique_ptr<ByteSource>(std::move(*source));
}

}  // namespace netobs
