// Acceptance: every malformed policy of network-config-analyzer's bad-path suite that must be
// rejected yields at least one error with a location; the valid one yields none. The project's
// own small case in tests/data/oracle runs where ../shared is absent.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/lint.hpp>

#include "testutil/oracle.hpp"

namespace netobs::lint {
namespace {

namespace fs = std::filesystem;
std::vector<std::pair<std::string, int>> expectations(const fs::path& dir) {
  std::vector<std::pair<std::string, int>> out;
  std::ifstream in(dir / "EXPECTED.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string file;
    int expected = 0;
    fields >> file >> expected;
    out.emplace_back(file, expected);
  }
  return out;
}

void check_cases(const fs::path& dir, const std::vector<std::pair<std::string, int>>& cases) {
  for (const auto& [file, expected] : cases) {
    LintInput input;
    input.paths = {(dir / file).string()};
    auto report = run_lint(input);
    ASSERT_TRUE(report) << file << ": " << describe(report.error());
    const auto errors = report->count(Severity::error);
    if (expected == 1) {
      EXPECT_GT(errors, 0U) << file;
      for (const auto& d : report->diagnostics) {
        if (d.severity != Severity::error) continue;
        EXPECT_EQ(d.location.file, (dir / file).string());
        EXPECT_GT(d.location.line, 0U) << file << ": " << d.message;
      }
    } else {
      EXPECT_EQ(errors, 0U) << file;
    }
  }
}

TEST(OracleBadPath, RejectedFilesHaveLocatedErrors) {
  for (const fs::path& dir : testing::oracle_roots("nca-bad-path")) {
    const auto cases = expectations(dir);
    // ../shared's suite has more than 50 files; the project's own, a few.
    ASSERT_GT(cases.size(), dir.string().starts_with(NETOBS_SOURCE_DIR) ? 2U : 50U) << dir;
    check_cases(dir, cases);
  }
}

}  // namespace
}  // namespace netobs::lint
