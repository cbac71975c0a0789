// Shared by the fuzz targets: readers that open paths get the input as a file, and every target
// runs under tight input limits so libFuzzer explores the limit paths instead of running out of
// memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

#include <netobs/limits.hpp>

namespace netobs::fuzz {

// The path of an in-memory file holding `data`; the same file is rewritten on every call.
inline std::string as_file(const std::uint8_t* data, std::size_t size) {
  static const int fd = memfd_create("netobs-fuzz-input", 0);
  if (fd < 0) std::abort();
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
  return "/proc/self/fd/" + std::to_string(fd);
}

inline void set_fuzz_limits() {
  InputLimits limits;
  limits.max_depth = 64;
  limits.max_nodes = 20000;
  limits.max_alias_nodes = 2000;
  limits.max_documents = 100;
  limits.max_line_bytes = 1 << 20;
  limits.max_file_bytes = 4 << 20;
  set_input_limits(limits);
}

}  // namespace netobs::fuzz

// Every target sets the limits before its first input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  netobs::fuzz::set_fuzz_limits();
  return 0;
}
