// Acceptance: for every np-guard netpol-analyzer diff golden, the connectivity section of
// `netobs diff cases/<new> --live cases/<old> --ipblock-scope external --format txt` is exactly
// that file. The project's own small case in tests/data/oracle runs where ../shared is absent.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/diff.hpp>

#include "commands.hpp"
#include "testutil/oracle.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

// The connectivity section of the txt output: from "Connectivity diff:" to the blank line.
std::string connectivity_section(const std::string& text) {
  const auto start = text.find("Connectivity diff:\n");
  if (start == std::string::npos) return {};
  const auto end = text.find("\n\n", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
}

class OracleDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(OracleDiff, ConnectivitySectionMatchesExpected) {
  const fs::path oracle = testing::oracle_root_of(GetParam());
  const std::string file = fs::path(GetParam()).filename().string();
  std::string names = file.substr(std::string("diff_between_").size());
  names = names.substr(0, names.size() - 4);
  // Case names may hold "_and_" themselves: split where both halves are cases.
  auto split = names.find("_and_");
  while (split != std::string::npos && !(fs::is_directory(oracle / "cases" / names.substr(0, split)) &&
                                         fs::is_directory(oracle / "cases" / names.substr(split + 5)))) {
    split = names.find("_and_", split + 1);
  }
  ASSERT_NE(split, std::string::npos);
  cli::DiffOptions options;
  options.proposed = {(oracle / "cases" / names.substr(0, split)).string()};
  options.live = {(oracle / "cases" / names.substr(split + 5)).string()};
  options.ipblock_scope = IpBlockScope::external;
  options.format = DiffFormat::txt;
  std::ostringstream out;
  std::ostringstream err;
  const cli::ExitCode code = cli::run_diff(options, out, err);
  const std::string expected = testing::read_file(oracle / "expected" / "diff" / file);
  EXPECT_EQ(connectivity_section(out.str()), expected) << err.str();
  if (!expected.empty()) {
    EXPECT_EQ(code, cli::ExitCode::findings);
    return;
  }
  // np-guard found no connectivity change: netobs must have read both cases and said so (an
  // input error prints no section either). Objects may still differ (the same meaning rewritten).
  EXPECT_NE(out.str().find("\nConnectivity: no change\n"), std::string::npos) << out.str() << err.str();
  const bool objects_changed = out.str().find("Policy objects: no change\n") == std::string::npos;
  EXPECT_EQ(code, objects_changed ? cli::ExitCode::findings : cli::ExitCode::ok) << out.str() << err.str();
}

INSTANTIATE_TEST_SUITE_P(NpGuard, OracleDiff,
                         ::testing::ValuesIn(testing::oracle_files("np-guard", "expected/diff", ".txt")),
                         testing::oracle_param_name);

}  // namespace
}  // namespace netobs
