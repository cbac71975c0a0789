// Acceptance: every malformed AdminNetworkPolicy/BaselineAdminNetworkPolicy of np-guard's bad-path
// suite yields a located error that says what np-guard's alert says, and connectivity refuses it.
// The project's own small case in tests/data/oracle runs where ../shared is absent.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/jobs.hpp>
#include <netobs/lint.hpp>

#include "testutil/oracle.hpp"

namespace netobs::lint {
namespace {

namespace fs = std::filesystem;

// What each of np-guard's alerts says, in the words netobs's message must contain.
const std::map<std::string, std::string>& alert_words() {
  static const std::map<std::string, std::string> k_words{
      {"alerts.ANPEgressRulePeersErr", "to field must be defined and contain at least one item"},
      {"alerts.ANPIngressRulePeersErr", "from field must be defined and contain at least one item"},
      {"alerts.UnknownRuleActionErr", "unrecognized action"},
      {"alerts.PriorityValueErr", "Priority value must be between 0-1000"},
      {"alerts.OneFieldSetSubjectErr", "exactly one field must be set in a subject"},
      {"alerts.OneFieldSetRulePeerErr", "exactly one field must be set in a rule peer"},
      {"alerts.ANPPortsError", "exactly one field must be set in an AdminNetworkPolicyPort"},
      {"alerts.BANPNameAssertion", "metadata.name=default"},
      {"alerts.SamePriorityErr", "has the same priority"},
  };
  return k_words;
}

std::vector<std::pair<std::string, std::string>> anp_expectations(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(dir / "EXPECTED.tsv");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, alert;
    fields >> name >> alert;
    if (!name.empty()) out.emplace_back(name, alert.substr(0, alert.find('(')));
  }
  return out;
}

TEST(OracleAnpBadPath, EachCaseIsALocatedErrorWithNpGuardsReason) {
  for (const fs::path& root : testing::oracle_roots("np-guard-anp")) {
    const fs::path dir = root / "bad-path";
    const auto cases = anp_expectations(dir);
    ASSERT_GT(cases.size(), dir.string().starts_with(NETOBS_SOURCE_DIR) ? 0U : 16U) << dir;
    for (const auto& [name, alert] : cases) {
      ASSERT_TRUE(alert_words().contains(alert)) << name << ": " << alert;
      LintInput input;
      input.paths = {(dir / name).string()};
      auto report = run_lint(input);
      ASSERT_TRUE(report) << name << ": " << describe(report.error());
      bool said = false;
      for (const auto& d : report->diagnostics) {
        if (d.severity != Severity::error) continue;
        EXPECT_TRUE(d.location.file.starts_with((dir / name).string())) << d.location.file;
        EXPECT_GT(d.location.line, 0U) << name << ": " << d.message;
        said = said || d.message.find(alert_words().at(alert)) != std::string::npos;
      }
      EXPECT_TRUE(said) << name << ": no error says '" << alert_words().at(alert) << "'";

      ConnectivityJob job;
      job.state.manifests = {(dir / name).string()};
      const JobResult result = run_connectivity_job(job);
      EXPECT_EQ(result.exit, JobExit::input_error) << name;
      EXPECT_FALSE(result.output) << name;
    }
  }
}

}  // namespace
}  // namespace netobs::lint
