#include "util/gzip.hpp"

namespace netobs {

// 16 + MAX_WBITS: a gzip header and trailer, not a bare zlib stream.
GzipInflater::GzipInflater() : m_usable(inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK) {}

GzipInflater::~GzipInflater() {
  if (m_usable) inflateEnd(&m_stream);
}

bool GzipInflater::starts_gzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

bool GzipInflater::inflate(std::string_view& input, char* output, std::size_t capacity, std::size_t& produced) {
  produced = 0;
  if (!m_usable) return false;
  if (!input.empty()) {
    if (m_ended_a_member) inflateReset(&m_stream);  // the next member begins
    m_ended_a_member = false;
    m_between_members = false;
  }
  m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  m_stream.avail_in = static_cast<uInt>(input.size());
  m_stream.next_out = reinterpret_cast<Bytef*>(output);
  m_stream.avail_out = static_cast<uInt>(capacity);
  const int rc = ::inflate(&m_stream, Z_NO_FLUSH);
  input.remove_prefix(input.size() - m_stream.avail_in);
  produced = capacity - m_stream.avail_out;
  if (rc == Z_STREAM_END) {
    m_ended_a_member = true;
    m_between_members = true;
    return true;
  }
  // Z_BUF_ERROR: no progress was possible with this input or room; more of either continues.
  return rc == Z_OK || rc == Z_BUF_ERROR;
}

bool GzipInflater::inflate_all(std::string_view input, std::string& out) {
  char chunk[64 << 10];
  while (!input.empty()) {
    const std::size_t before = input.size();
    std::size_t produced = 0;
    if (!inflate(input, chunk, sizeof chunk, produced)) return false;
    out.append(chunk, produced);
    if (produced == 0 && input.size() == before) return false;  // stuck: not gzip data
  }
  return true;
}

}  // namespace netobs
