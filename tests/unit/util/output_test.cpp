#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/output.hpp>

#include "process.hpp"
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

// A signal while the temporary file is being written: the CLI's handler removes it, the old
// file stays, and the process dies of the signal.
TEST(Output, ASignalDuringTheWriteRemovesTheTemporaryFile) {
  testing::TempDir dir;
  const std::string path = dir.write("policies.yaml", "previous\n");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    cli::install_signal_handlers();
    // Large enough that the write is still going when the parent sees the temporary file.
    const std::string content(192U << 20, 'x');
    (void)write_file_atomically(path, content);
    _exit(0);
  }
  auto temporary = [&]() -> bool {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      if (entry.path().filename().string().starts_with(".policies.yaml.")) return true;
    }
    return false;
  };
  bool seen = false;
  for (int i = 0; i < 20000 && !seen; ++i) {
    seen = temporary();
    if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  kill(child, SIGINT);  // Ctrl-C; the CLI suite sends SIGTERM
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(seen) << "the child never started writing";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished the 192 MiB write before the signal";
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  EXPECT_FALSE(temporary());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "previous\n");
}

}  // namespace
}  // namespace netobs
