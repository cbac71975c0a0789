#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/output.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

TEST(Output, ReplacesTheFileWhole) {
  testing::TempDir dir;
  const std::string path = dir.write("policies.yaml", "old content that is longer than the new one\n");
  ASSERT_TRUE(write_file_atomically(path, "new\n"));
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "new\n");
  // No temporary file is left beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(Output, FailureLeavesNothingBehind) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "missing-dir" / "out.yaml").string();
  auto result = write_file_atomically(path, "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::io);
  EXPECT_NE(result.error().message.find("out.yaml"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace netobs
