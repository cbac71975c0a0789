// Reads a byte source (file, range, standard input, HTTP body) line by line in large blocks,
// inflating gzip (detected by its magic bytes, including multi-member streams as S3 writes them)
// on the way.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/limits.hpp>

#include "byte_source.hpp"
#include "util/gzip.hpp"

namespace netobs {

class LineReader {
 public:
  // Reads `source`, detecting gzip.
  static Result<std::unique_ptr<LineReader>> open(std::unique_ptr<ByteSource> source);
  // Opens `path` ("-" is standard input); `display` names it in messages.
  static Result<std::unique_ptr<LineReader>> open(const std::string& path, const std::string& display);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its end-of-line characters; false at the end of input or on an error
  // (then error() is set). The view stays valid until the next call.
  bool next(std::string_view& line);
  // The first bytes of the (decompressed) content without consuming them, for format detection:
  // at least the first line, or the first 4 KiB of it; never waits for more once a line is in.
  Result<std::string_view> peek_line();
  // The first `lines` lines with content (or the first 64 KiB, or all of a shorter input) without
  // consuming them, for detection from several records; a UTF-8 byte order mark is not part of it.
  struct Peek {
    std::string_view text;
    bool whole = false;  // `text` is all of the input
  };
  Result<Peek> peek_lines(std::size_t lines);
  // At the end of one body of a source that delivers several (ByteSource::more_bodies): true when
  // the next one is to be read, lines going on from there; false at the end of input.
  bool next_body();
  const std::optional<Error>& error() const { return m_error; }
  std::size_t line_number() const { return m_line; }
  const std::string& display() const { return m_source->display(); }
  const ByteSource& source() const { return *m_source; }
  bool gzip() const { return m_gzip; }

 private:
  LineReader() = default;
  // Appends at least some bytes to the buffer; false at end of input or on error.
  bool fill();
  // Sets the limit error for the line being read; returns false.
  bool line_too_long();
  bool read_raw(char* into, std::size_t capacity, std::size_t& got);
  // Drops a UTF-8 byte order mark (Windows editors and PowerShell write one) at the start.
  void skip_byte_order_mark();

  std::unique_ptr<ByteSource> m_source;
  bool m_gzip = false;
  bool m_eof = false;
  std::unique_ptr<GzipInflater> m_inflater;  // set for gzip input
  std::vector<char> m_zin;
  std::string_view m_zin_left;  // the part of m_zin not inflated yet
  std::vector<char> m_buf;
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  std::size_t m_line = 0;
  bool m_bom_checked = false;
  std::size_t m_max_line = input_limits().max_line_bytes;  // read once, not per line
  std::optional<Error> m_error;
};

}  // namespace netobs
