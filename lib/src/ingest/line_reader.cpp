#include "line_reader.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include <netobs/limits.hpp>
#include <netobs/option.hpp>

namespace netobs {
namespace {
// 256 KiB: a read() or inflate() call per block costs little per byte (larger blocks measured no
// faster), and the buffers stay a small part of the peak memory.
constexpr std::size_t k_block = 256 << 10;
}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::open(const std::string& path, const std::string& display) {
  auto source = open_file_source(path, display);
  if (!source) return tl::unexpected(source.error());
  return open(std::move(*source));
}

Result<std::unique_ptr<LineReader>> LineReader::open(std::unique_ptr<ByteSource> source) {
  std::unique_ptr<LineReader> reader(new LineReader());
  // A small file needs no full block (directories of small files, and the fuzz targets); a
  // longer line still grows the buffer.
  std::size_t block = k_block;
  if (const auto size = source->size(); size && *size < k_block) {
    block = std::max<std::size_t>(static_cast<std::size_t>(*size) + 1, 4096);
  }
  reader->m_source = std::move(source);
  reader->m_buf.resize(block);
  // Sniff the gzip magic from the raw bytes; they are then fed to the right path.
  std::size_t got = 0;
  char magic[2];
  std::size_t have = 0;
  while (have < 2) {
    if (!reader->read_raw(magic + have, 2 - have, got)) {
      return tl::unexpected(*reader->m_error);
    }
    if (got == 0) break;
    have += got;
  }
  if (GzipInflater::starts_gzip(std::string_view(magic, have))) {
    reader->m_gzip = true;
    reader->m_buf.resize(k_block);  // inflated, the content is larger than the file
    reader->m_zin.resize(block);
    reader->m_zin[0] = magic[0];
    reader->m_zin[1] = magic[1];
    reader->m_zin_left = std::string_view(reader->m_zin.data(), 2);
    reader->m_inflater = std::make_unique<GzipInflater>();
    if (!reader->m_inflater->usable()) {
      return make_error(ErrorKind::io, fmt::format("{}: cannot initialise gzip decoder", reader->display()));
    }
  } else {
    for (std::size_t i = 0; i < have; ++i) reader->m_buf[i] = magic[i];
    reader->m_end = have;
    if (have < 2) reader->m_eof = true;
  }
  return reader;
}

LineReader::~LineReader() = default;

bool LineReader::read_raw(char* into, std::size_t capacity, std::size_t& got) {
  auto read = m_source->read(into, capacity);
  if (!read) {
    m_error = read.error();
    return false;
  }
  got = *read;
  return true;
}

bool LineReader::fill() {
  if (m_error) return false;
  // Make room: move the unconsumed tail to the front, grow for lines longer than a block.
  if (m_begin > 0) {
    std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  if (m_end == m_buf.size()) {
    const std::size_t limit = m_max_line;
    if (m_buf.size() >= limit) return line_too_long();
    m_buf.resize(std::min(m_buf.size() * 2, limit));
  }
  if (!m_gzip) {
    if (m_eof) return false;
    std::size_t got = 0;
    if (!read_raw(m_buf.data() + m_end, m_buf.size() - m_end, got)) return false;
    if (got == 0) {
      m_eof = true;
      return false;
    }
    m_end += got;
    return true;
  }
  const std::size_t before = m_end;
  while (m_end == before) {
    if (m_zin_left.empty() && !m_eof) {
      std::size_t got = 0;
      if (!read_raw(m_zin.data(), m_zin.size(), got)) return false;
      if (got == 0) {
        m_eof = true;
      } else {
        m_zin_left = std::string_view(m_zin.data(), got);
      }
    }
    if (m_zin_left.empty() && m_eof) {
      if (!m_inflater->between_members()) {
        m_error = Error{ErrorKind::invalid_input,
                        fmt::format("truncated gzip stream (ends inside compressed data, after line {})", m_line),
                        SourceLocation{display()}};
      }
      return false;
    }
    std::size_t produced = 0;
    const bool inflated = m_inflater->inflate(m_zin_left, m_buf.data() + m_end, m_buf.size() - m_end, produced);
    m_end += produced;
    if (!inflated) {
      m_error = Error{ErrorKind::invalid_input,
                      fmt::format("corrupt gzip data after line {}: {}", m_line, m_inflater->reason()),
                      SourceLocation{display()}};
      return false;
    }
  }
  return true;
}

void LineReader::skip_byte_order_mark() {
  m_bom_checked = true;
  while (m_end - m_begin < 3 && fill()) {
  }
  const std::string_view start(m_buf.data() + m_begin, m_end - m_begin);
  if (start.starts_with("\xEF\xBB\xBF")) m_begin += 3;
}

Result<LineReader::Peek> LineReader::peek_lines(std::size_t lines) {
  constexpr std::size_t k_enough = 64 << 10;
  if (!m_bom_checked) skip_byte_order_mark();
  auto complete_lines = [&] {
    const std::string_view buffered(m_buf.data() + m_begin, m_end - m_begin);
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t nl = buffered.find('\n'); nl != std::string_view::npos; nl = buffered.find('\n', start)) {
      if (buffered.substr(start, nl - start).find_first_not_of(" \t\r") != std::string_view::npos) ++count;
      start = nl + 1;
    }
    return count;
  };
  bool more = true;
  while (m_end - m_begin < k_enough && complete_lines() < lines && (more = fill())) {
  }
  if (m_error) return tl::unexpected(*m_error);
  const std::size_t size = std::min(k_enough, m_end - m_begin);
  return Peek{std::string_view(m_buf.data() + m_begin, size), !more && size == m_end - m_begin};
}

Result<std::string_view> LineReader::peek_line() {
  constexpr std::size_t k_enough = 4096;
  if (!m_bom_checked) skip_byte_order_mark();
  // A line with content: blank lines before it do not count.
  auto has_line = [&] {
    const std::string_view buffered(m_buf.data() + m_begin, m_end - m_begin);
    const auto content = buffered.find_first_not_of(" \t\r\n");
    return content != std::string_view::npos && buffered.find('\n', content) != std::string_view::npos;
  };
  while (m_end - m_begin < k_enough && !has_line() && fill()) {
  }
  if (m_error) return tl::unexpected(*m_error);
  return std::string_view(m_buf.data() + m_begin, std::min(k_enough, m_end - m_begin));
}

bool LineReader::line_too_long() {
  m_error =
      Error{ErrorKind::limit,
            fmt::format("line longer than {} bytes (raise it with {})", m_max_line, spell(Option::max_line_bytes)),
            SourceLocation{display(), m_line + 1}};
  return false;
}

bool LineReader::next_body() {
  if (m_error || !m_eof || !m_source->more_bodies()) return false;
  m_eof = false;
  return true;
}

bool LineReader::next(std::string_view& line) {
  if (!m_bom_checked) skip_byte_order_mark();
  const std::size_t limit = m_max_line;
  std::size_t scanned = m_begin;
  for (;;) {
    const void* nl = std::memchr(m_buf.data() + scanned, '\n', m_end - scanned);
    if (nl) {
      const std::size_t pos = static_cast<std::size_t>(static_cast<const char*>(nl) - m_buf.data());
      std::size_t len = pos - m_begin;
      if (len > limit) return line_too_long();
      if (len > 0 && m_buf[m_begin + len - 1] == '\r') --len;
      line = std::string_view(m_buf.data() + m_begin, len);
      m_begin = pos + 1;
      ++m_line;
      return true;
    }
    const std::size_t pending = m_end - m_begin;
    if (!fill()) {
      if (m_error || pending == 0) return false;
      // The last line has no newline.
      std::size_t len = m_end - m_begin;
      if (len > limit) return line_too_long();
      if (len > 0 && m_buf[m_begin + len - 1] == '\r') --len;
      line = std::string_view(m_buf.data() + m_begin, len);
      m_begin = m_end;
      ++m_line;
      return true;
    }
    scanned = m_begin + pending;  // fill() moved the tail to the front; skip what was searched
  }
}

}  // namespace netobs
