// The one gzip inflater: files read by LineReader and bodies served gzipped as they are (a .gz
// file, no Content-Encoding) both go through it. Multi-member streams (`cat a.gz b.gz`, rotated
// logs) are read as one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <zlib.h>

namespace netobs {

class GzipInflater {
 public:
  GzipInflater();
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Whether `head` (at least its first two bytes) starts a gzip stream.
  static bool starts_gzip(std::string_view head);

  // False when zlib could not set up (out of memory); nothing can be inflated then.
  bool usable() const { return m_usable; }

  // Inflates from the front of `input` into `output` (at most `capacity` bytes) as far as either
  // goes, removing what it consumed from `input`; `produced` is what it wrote. False on corrupt
  // data (reason() says why).
  bool inflate(std::string_view& input, char* output, std::size_t capacity, std::size_t& produced);

  // Inflates all of `input`, appending to `out`; false on corrupt data.
  bool inflate_all(std::string_view input, std::string& out);

  // True before any input and after a member ended: a stream may end here without being truncated.
  bool between_members() const { return m_between_members; }

  const char* reason() const { return m_stream.msg != nullptr ? m_stream.msg : "inflate failed"; }

 private:
  z_stream m_stream{};
  bool m_usable = false;
  bool m_between_members = true;
  bool m_ended_a_member = false;
};

}  // namespace netobs
