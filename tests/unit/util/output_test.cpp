#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

// -o /dev/null, a FIFO or a symbolic link: what is there stays what it is (a rename over /dev/null
// as root replaced the system's device with a plain file).
TEST(Output, ADeviceOrFifoIsWrittenInPlaceNotReplaced) {
  testing::TempDir dir;
  // A FIFO stands for every such file here: a regression tested on /dev/null itself would break the machine.
  const std::string fifo = (dir.path() / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string read_back;
  std::thread reader([&] {
    std::ifstream in(fifo);
    std::stringstream content;
    content << in.rdbuf();
    read_back = content.str();
  });
  ASSERT_TRUE(write_file_atomically(fifo, "through the pipe\n"));
  reader.join();
  EXPECT_EQ(read_back, "through the pipe\n");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_FALSE(write_file_atomically(dir.path().string(), "x"));  // a directory is an error
}

TEST(Output, ASymbolicLinkKeepsPointingAtTheFileItNames) {
  testing::TempDir dir;
  const std::string target = dir.write("target.yaml", "old\n");
  const auto link = dir.path() / "link.yaml";
  std::filesystem::create_symlink(target, link);
  ASSERT_TRUE(write_file_atomically(link.string(), "new\n"));
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  std::ifstream in(target);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "new\n");
}

TEST(Output, FailureLeavesNothingBehind) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "missing-dir" / "out.yaml").string();
  auto result = write_file_atomically(path, "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::io);
  EXPECT_NE(describe(result.error()).find("out.yaml"), std::string::npos);
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
