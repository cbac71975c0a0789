#include "testutil/temp_dir.hpp"

#include <fstream>
#include <stdexcept>

#include <unistd.h>
#include <zlib.h>

namespace netobs::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "netobs-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const auto path = m_path / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path.string();
}

std::string gzip(const std::string& content) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, content.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  zs.avail_in = static_cast<uInt>(content.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string TempDir::write_gzip(const std::string& name, const std::string& content, int members) const {
  std::string bytes;
  const std::size_t part = content.size() / static_cast<std::size_t>(members);
  for (int i = 0; i < members; ++i) {
    const std::size_t from = part * static_cast<std::size_t>(i);
    const std::size_t len = i == members - 1 ? content.size() - from : part;
    bytes += gzip(content.substr(from, len));
  }
  return write(name, bytes);
}

}  // namespace netobs::testing
