// Acceptance: every malformed policy of network-config-analyzer's bad-path suite that must be
// rejected yields at least one error with a location; the valid one yields none. Skipped where
// ../shared is absent.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/lint.hpp>

namespace netobs::lint {
namespace {

namespace fs = std::filesystem;
const fs::path k_dir = fs::path(NETOBS_SHARED_DIR) / "oracle" / "nca-bad-path";

std::vector<std::pair<std::string, int>> expectations() {
  std::vector<std::pair<std::string, int>> out;
  std::ifstream in(k_dir / "EXPECTED.tsv");
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

TEST(OracleBadPath, RejectedFilesHaveLocatedErrors) {
  if (!fs::exists(k_dir)) GTEST_SKIP() << "../shared/oracle is absent";
  const auto cases = expectations();
  ASSERT_GT(cases.size(), 50U);
  for (const auto& [file, expected] : cases) {
    LintInput input;
    input.paths = {(k_dir / file).string()};
    auto report = run_lint(input);
    ASSERT_TRUE(report) << file << ": " << report.error().message;
    const auto errors = report->count(Severity::error);
    if (expected == 1) {
      EXPECT_GT(errors, 0U) << file;
      for (const auto& d : report->diagnostics) {
        if (d.severity != Severity::error) continue;
        EXPECT_EQ(d.location.file, (k_dir / file).string());
        EXPECT_GT(d.location.line, 0U) << file << ": " << d.message;
      }
    } else {
      EXPECT_EQ(errors, 0U) << file;
    }
  }
}

}  // namespace
}  // namespace netobs::lint
