// Acceptance: for every np-guard netpol-analyzer case with an expected connectivity list (its
// NetworkPolicy suite, and its AdminNetworkPolicy/BaselineAdminNetworkPolicy suite),
// `connectivity --ipblock-scope external` gives exactly that list (txt) and the same JSON.
// The project's own small case in tests/data/oracle runs where ../shared is absent.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <netobs/connectivity.hpp>

#include "testutil/oracle.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

// Each expected file names its case: ROOT/expected/connlist/CASE_connlist_output.EXT.
ConnectivityReport report_of(const std::string& expected_file, const std::string& suffix) {
  const std::string file = fs::path(expected_file).filename().string();
  const fs::path root = testing::oracle_root_of(expected_file);
  auto set = load_manifests({(root / "cases" / file.substr(0, file.size() - suffix.size())).string()});
  EXPECT_TRUE(set) << (set ? "" : describe(set.error()));
  if (!set) return {};
  static std::vector<ManifestSet> keep;  // the engine refers to the set
  keep.push_back(std::move(*set));
  return compute_connectivity(PolicyEngine(keep.back(), IpBlockScope::external));
}

class OracleTxt : public ::testing::TestWithParam<std::string> {};
class OracleJson : public ::testing::TestWithParam<std::string> {};

TEST_P(OracleTxt, MatchesExpectedList) {
  const std::string expected = testing::read_file(GetParam());
  ASSERT_FALSE(expected.empty()) << GetParam();
  EXPECT_EQ(render_connectivity(report_of(GetParam(), "_connlist_output.txt"), ConnectivityFormat::txt), expected);
}

TEST_P(OracleJson, MatchesExpectedJson) {
  const auto expected = nlohmann::json::parse(testing::read_file(GetParam()));
  EXPECT_EQ(nlohmann::json::parse(
                render_connectivity(report_of(GetParam(), "_connlist_output.json"), ConnectivityFormat::json)),
            expected);
}

INSTANTIATE_TEST_SUITE_P(NpGuard, OracleTxt,
                         ::testing::ValuesIn(testing::oracle_files("np-guard", "expected/connlist",
                                                                   "_connlist_output.txt")),
                         testing::oracle_param_name);
INSTANTIATE_TEST_SUITE_P(NpGuard, OracleJson,
                         ::testing::ValuesIn(testing::oracle_files("np-guard", "expected/connlist",
                                                                   "_connlist_output.json")),
                         testing::oracle_param_name);

INSTANTIATE_TEST_SUITE_P(NpGuardAnp, OracleTxt,
                         ::testing::ValuesIn(testing::oracle_files("np-guard-anp", "expected/connlist",
                                                                   "_connlist_output.txt")),
                         testing::oracle_param_name);
INSTANTIATE_TEST_SUITE_P(NpGuardAnp, OracleJson,
                         ::testing::ValuesIn(testing::oracle_files("np-guard-anp", "expected/connlist",
                                                                   "_connlist_output.json")),
                         testing::oracle_param_name);

}  // namespace
}  // namespace netobs
