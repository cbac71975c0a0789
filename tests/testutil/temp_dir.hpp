// A fresh directory per test, removed afterwards, with helpers to write input files into it.
#pragma once

#include <filesystem>
#include <string>

namespace netobs::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to `name` inside the directory and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;
  // Writes `content` gzip-compressed (one member per entry of `members`, concatenated).
  std::string write_gzip(const std::string& name, const std::string& content, int members = 1) const;

 private:
  std::filesystem::path m_path;
};

// The bytes of `content` compressed as one gzip member.
std::string gzip(const std::string& content);

}  // namespace netobs::testing
