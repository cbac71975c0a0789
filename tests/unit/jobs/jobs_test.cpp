#include <string>

#include <gtest/gtest.h>

#include <netobs/jobs.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const std::string k_job_policies = std::string(NETOBS_SOURCE_DIR) + "/tests/data/cluster/policies.json";
const std::string k_job_inventory = std::string(NETOBS_SOURCE_DIR) + "/samples/flows/inventory.json";

const char* k_job_other_kind = R"(apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: c, namespace: shop}
spec: {selector: all()}
)";

StateOptions job_files(const std::vector<std::string>& manifests, const std::vector<std::string>& inventories = {}) {
  StateOptions state;
  state.manifests = manifests;
  state.inventories = inventories;
  return state;
}

TEST(Jobs, MessagesCarryTheKindTheyWereWrittenWith) {
  JobResult result;
  result.note("x.md: skipped");
  result.warn("2 malformed flow records skipped");
  result.say(MessageKind::progress, "3 observed edges from 9 records");
  result.fail(JobExit::input_error, "note: a file whose name reads like a note: cannot open");
  ASSERT_EQ(result.messages.size(), 4U);
  EXPECT_EQ(result.messages[0].kind, MessageKind::note);
  EXPECT_EQ(result.messages[0].text, "note: x.md: skipped");
  EXPECT_EQ(result.messages[1].kind, MessageKind::warning);
  EXPECT_EQ(result.messages[1].text, "warning: 2 malformed flow records skipped");
  EXPECT_EQ(result.messages[2].kind, MessageKind::progress);
  // The error that ends the run is an error, whatever its text says.
  EXPECT_EQ(result.messages[3].kind, MessageKind::error);
}

TEST(Jobs, ConnectivityRendersTheStateItLoaded) {
  ConnectivityJob job;
  job.state = job_files({k_job_policies}, {k_job_inventory});
  job.format = ConnectivityFormat::csv;
  const JobResult result = run_connectivity_job(job);
  EXPECT_EQ(result.exit, JobExit::ok);
  ASSERT_TRUE(result.output);
  EXPECT_NE(result.output->find("catalog"), std::string::npos) << *result.output;
  ASSERT_EQ(result.loads.size(), 1U);
  EXPECT_TRUE(result.loads.front().problems.empty());
}

TEST(Jobs, PoliciesOfOtherKindsAloneAreNothingToAnalyse) {
  const testing::TempDir dir;
  ConnectivityJob job;
  job.state = job_files({dir.write("calico.yaml", k_job_other_kind)});
  const JobResult result = run_connectivity_job(job);
  EXPECT_EQ(result.exit, JobExit::input_error);
  EXPECT_FALSE(result.output);
  ASSERT_EQ(result.messages.size(), 2U);
  EXPECT_EQ(result.messages.front().text.rfind("error: ", 0), 0U) << result.messages.front().text;
  EXPECT_NE(result.messages.back().text.find("nothing to analyse in"), std::string::npos)
      << result.messages.back().text;
}

TEST(Jobs, ExplainEndsWithFindingsWhenDenied) {
  ExplainJob job;
  job.state = job_files({k_job_policies}, {k_job_inventory});
  job.from = "catalog/catalog";
  job.to = "catalog/catalog-mysql";
  job.port = 3306;
  const JobResult denied = run_explain_job(job);
  EXPECT_EQ(denied.exit, JobExit::findings);
  ASSERT_TRUE(denied.output);
  job.from = "nowhere/nothing";
  const JobResult unknown = run_explain_job(job);
  EXPECT_NE(unknown.exit, JobExit::ok);
  EXPECT_FALSE(unknown.output);
}

TEST(Jobs, DiffStopsAtFilesThatDoNotParseUnlessAskedToCompareTheRest) {
  const testing::TempDir dir;
  DiffJob job;
  job.proposal = job_files({k_job_policies, dir.write("broken.yaml", "kind: [\n")});
  job.live = job_files({k_job_policies}, {k_job_inventory});
  const JobResult stopped = run_diff_job(job);
  EXPECT_EQ(stopped.exit, JobExit::input_error);
  EXPECT_EQ(stopped.unchecked, Unchecked::unparsable_files);
  EXPECT_EQ(stopped.unchecked_count, 1U);
  ASSERT_EQ(stopped.loads.size(), 2U);
  EXPECT_EQ(stopped.loads.front().problems.size(), 1U);
  job.skip_unparsable = true;
  const JobResult compared = run_diff_job(job);
  EXPECT_EQ(compared.exit, JobExit::ok) << (compared.messages.empty() ? "" : compared.messages.back().text);
  EXPECT_TRUE(compared.output);
  EXPECT_EQ(compared.unchecked, Unchecked::none);
}

TEST(Jobs, LintFailsOnTheThresholdItIsGiven) {
  const testing::TempDir dir;
  // Without policyTypes (policy-types-omitted): a warning, no error.
  const std::string policy = dir.write("p.yaml", R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: ui}}}]}]
)");
  LintJob job;
  job.state.manifests = {policy};
  job.state.views = StateViews::inventory_only;
  const JobResult on_errors = run_lint_job(job);
  ASSERT_TRUE(on_errors.output);
  job.fail_on = lint::Severity::warning;
  const JobResult on_warnings = run_lint_job(job);
  ASSERT_TRUE(on_warnings.output);
  EXPECT_EQ(on_errors.exit, JobExit::ok) << *on_errors.output;
  EXPECT_EQ(on_warnings.exit, JobExit::findings) << *on_warnings.output;
}

}  // namespace
}  // namespace netobs
