// Acceptance: for every np-guard netpol-analyzer case with an expected connectivity list,
// `connectivity --ipblock-scope external` gives exactly that list (txt) and the same JSON.
// Skipped where ../shared is absent.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <netobs/connectivity.hpp>

#include "testutil/oracle.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;
const fs::path k_oracle = fs::path(NETOBS_SHARED_DIR) / "oracle" / "np-guard";

std::vector<std::string> cases_with(const std::string& suffix) {
  std::vector<std::string> cases;
  if (!fs::exists(k_oracle)) return {"(absent)"};
  for (const auto& entry : fs::directory_iterator(k_oracle / "expected" / "connlist")) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(suffix)) cases.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

ConnectivityReport report_of(const std::string& name) {
  auto set = load_manifests({(k_oracle / "cases" / name).string()});
  EXPECT_TRUE(set) << (set ? "" : set.error().message);
  if (!set) return {};
  static std::vector<ManifestSet> keep;  // the engine refers to the set
  keep.push_back(std::move(*set));
  return compute_connectivity(PolicyEngine(keep.back(), IpBlockScope::external));
}

class OracleTxt : public ::testing::TestWithParam<std::string> {};
class OracleJson : public ::testing::TestWithParam<std::string> {};

TEST_P(OracleTxt, MatchesExpectedList) {
  if (!fs::exists(k_oracle)) GTEST_SKIP() << "../shared/oracle is absent";
  const std::string expected = testing::read_file(k_oracle / "expected" / "connlist" / (GetParam() + "_connlist_output.txt"));
  EXPECT_EQ(render_connectivity(report_of(GetParam()), ConnectivityFormat::txt), expected);
}

TEST_P(OracleJson, MatchesExpectedJson) {
  if (!fs::exists(k_oracle)) GTEST_SKIP() << "../shared/oracle is absent";
  const auto expected = nlohmann::json::parse(testing::read_file(k_oracle / "expected" / "connlist" / (GetParam() + "_connlist_output.json")));
  EXPECT_EQ(nlohmann::json::parse(render_connectivity(report_of(GetParam()), ConnectivityFormat::json)), expected);
}

INSTANTIATE_TEST_SUITE_P(NpGuard, OracleTxt, ::testing::ValuesIn(cases_with("_connlist_output.txt")), testing::param_name);
INSTANTIATE_TEST_SUITE_P(NpGuard, OracleJson, ::testing::ValuesIn(cases_with("_connlist_output.json")), testing::param_name);

}  // namespace
}  // namespace netobs
