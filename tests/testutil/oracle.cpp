#include "testutil/oracle.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace netobs::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::filesystem::path shared_dir() { return NETOBS_SHARED_DIR; }

std::string shared_problem(const std::filesystem::path& shared, const std::filesystem::path& part) {
  std::error_code ec;
  const bool present = std::filesystem::exists(shared, ec);
  if (ec) return shared.string() + ": " + ec.message();
  if (!present) return {};
  const std::filesystem::path folder = shared / part;
  const std::filesystem::directory_iterator entries(folder, ec);
  if (ec) return folder.string() + ": " + ec.message();
  if (entries == std::filesystem::directory_iterator()) return folder.string() + ": empty";
  return {};
}

std::vector<std::filesystem::path> oracle_roots(const std::string& name) {
  std::vector<std::filesystem::path> roots;
  std::error_code ec;
  if (std::filesystem::exists(shared_dir(), ec) || ec) roots.push_back(shared_dir() / "oracle" / name);
  roots.push_back(std::filesystem::path(NETOBS_SOURCE_DIR) / "tests" / "data" / "oracle" / name);
  return roots;
}

std::vector<std::string> oracle_files(const std::string& name, const std::string& subdir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& root : oracle_roots(name)) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root / subdir, ec)) {
      if (entry.path().filename().string().ends_with(suffix)) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

std::filesystem::path oracle_root_of(const std::string& file, int levels) {
  std::filesystem::path root(file);
  for (int i = 0; i < levels; ++i) root = root.parent_path();
  return root;
}

std::string oracle_param_name(const ::testing::TestParamInfo<std::string>& info) {
  const bool local = info.param.starts_with(std::string(NETOBS_SOURCE_DIR) + "/tests/data/");
  std::string name = (local ? "local_" : "shared_") + std::filesystem::path(info.param).filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace netobs::testing
