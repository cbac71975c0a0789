// -n in the library jobs: the whole state is read, only what involves the named namespaces is
// reported (tests/data/scope: b admits only c, so a/web cannot reach b/db).
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include <netobs/jobs.hpp>

namespace netobs {
namespace {

const std::string k_scope_state = std::string(NETOBS_SOURCE_DIR) + "/tests/data/scope/state.yaml";
const std::string k_scope_proposed = std::string(NETOBS_SOURCE_DIR) + "/tests/data/scope/proposed.yaml";

StateOptions scope_state(const std::string& path) {
  StateOptions state;
  state.manifests = {path};
  return state;
}

bool scope_said(const JobResult& result, const std::string& text) {
  return std::any_of(result.messages.begin(), result.messages.end(),
                     [&](const auto& message) { return message.text.find(text) != std::string::npos; });
}

TEST(JobScope, ConnectivityReportsRowsWithAnEndInScopeJudgedByEveryNamespace) {
  ConnectivityJob job;
  job.state = scope_state(k_scope_state);
  job.format = ConnectivityFormat::csv;
  const JobResult all = run_connectivity_job(job);
  ASSERT_TRUE(all.output);
  EXPECT_NE(all.output->find("b/db[Deployment],c/cache[Deployment]"), std::string::npos) << *all.output;
  job.namespaces = ReportScope{{"a"}};
  const JobResult scoped = run_connectivity_job(job);
  EXPECT_EQ(scoped.exit, JobExit::ok);
  ASSERT_TRUE(scoped.output);
  const std::string& out = *scoped.output;
  EXPECT_NE(out.find("a/web[Deployment],c/cache[Deployment]"), std::string::npos) << out;
  EXPECT_NE(out.find("c/cache[Deployment],a/web[Deployment]"), std::string::npos) << out;
  // b's policy, outside the scope, still denies a/web.
  EXPECT_EQ(out.find("a/web[Deployment],b/db[Deployment]"), std::string::npos) << out;
  EXPECT_EQ(out.find("b/db[Deployment],c/cache[Deployment]"), std::string::npos) << out;
  EXPECT_TRUE(scope_said(scoped, "note: reported: namespace a (every namespace was read)"));
}

TEST(JobScope, ANamespaceTheStateLacksIsAnInputError) {
  ConnectivityJob job;
  job.state = scope_state(k_scope_state);
  job.namespaces = ReportScope{{"a", "nosuch"}};
  const JobResult result = run_connectivity_job(job);
  EXPECT_EQ(result.exit, JobExit::input_error);
  EXPECT_FALSE(result.output);
  EXPECT_TRUE(scope_said(result, "namespace nosuch to report on is not in the state read"))
      << result.messages.back().text;
}

TEST(JobScope, ExplainResolvesBareNamesInTheOneNamespaceAndRefusesConnectionsOutsideIt) {
  ExplainJob job;
  job.state = scope_state(k_scope_state);
  job.namespaces = ReportScope{{"a"}};
  job.from = "web";
  job.to = "b/db";
  job.port = 5432;
  const JobResult denied = run_explain_job(job);
  EXPECT_EQ(denied.exit, JobExit::findings);
  ASSERT_TRUE(denied.output);
  EXPECT_NE(denied.output->find("DENIED: a/web[Deployment] => b/db[Deployment]"), std::string::npos) << *denied.output;
  job.from = "c/cache";
  const JobResult outside = run_explain_job(job);
  EXPECT_EQ(outside.exit, JobExit::usage);
  EXPECT_TRUE(scope_said(outside, "neither c/cache[Deployment] nor b/db[Deployment] is in namespace a"));
  job.namespaces = ReportScope{{"a", "b"}};
  job.from = "web";
  const JobResult ambiguous = run_explain_job(job);
  EXPECT_EQ(ambiguous.exit, JobExit::usage);
  EXPECT_TRUE(scope_said(ambiguous, "'web' names no namespace"));
}

TEST(JobScope, LintReportsFindingsOnObjectsOfTheScope) {
  LintJob job;
  job.state = scope_state(k_scope_state);
  job.state.views = StateViews::inventory_only;
  job.format = lint::Format::json;
  job.fail_on = lint::Severity::warning;
  const JobResult all = run_lint_job(job);
  ASSERT_TRUE(all.output);
  EXPECT_NE(all.output->find("namespace c has no default-deny"), std::string::npos) << *all.output;
  job.namespaces = ReportScope{{"a"}};
  const JobResult scoped = run_lint_job(job);
  ASSERT_TRUE(scoped.output);
  EXPECT_NE(scoped.output->find("namespace a has no default-deny"), std::string::npos) << *scoped.output;
  EXPECT_EQ(scoped.output->find("namespace c has"), std::string::npos) << *scoped.output;
  EXPECT_EQ(scoped.output->find("namespace b has"), std::string::npos) << *scoped.output;
  EXPECT_NE(scoped.output->find("\"policies\": 1"), std::string::npos) << *scoped.output;
  // c holds no policy of its own: the other namespaces' policies are still checked, and what is
  // found about c (it has no default-deny) is reported, with a note that c has none.
  job.namespaces = ReportScope{{"c"}};
  const JobResult without_policy = run_lint_job(job);
  EXPECT_EQ(without_policy.exit, JobExit::findings);
  ASSERT_TRUE(without_policy.output);
  EXPECT_NE(without_policy.output->find("namespace c has no default-deny"), std::string::npos);
  EXPECT_TRUE(scope_said(
      without_policy,
      "no policy in namespace c (nor a cluster-scoped one): reported are the findings of the other namespaces"));
}

TEST(JobScope, DiffReportsChangesInOrTouchingTheScope) {
  DiffJob job;
  job.proposal = scope_state(k_scope_proposed);
  job.live = scope_state(k_scope_state);
  const JobResult all = run_diff_job(job);
  ASSERT_TRUE(all.output);
  EXPECT_NE(all.output->find("added NetworkPolicy c/deny-all"), std::string::npos) << *all.output;
  job.namespaces = ReportScope{{"a"}};
  const JobResult scoped = run_diff_job(job);
  EXPECT_EQ(scoped.exit, JobExit::findings);
  ASSERT_TRUE(scoped.output);
  const std::string& out = *scoped.output;
  EXPECT_NE(out.find("changed NetworkPolicy a/web"), std::string::npos) << out;
  EXPECT_EQ(out.find("c/deny-all"), std::string::npos) << out;
  EXPECT_NE(out.find("source: b/db[Deployment], destination: a/web[Deployment]"), std::string::npos) << out;
  EXPECT_NE(out.find("source: a/web[Deployment], destination: c/cache[Deployment]"), std::string::npos) << out;
  EXPECT_EQ(out.find("source: b/db[Deployment], destination: c/cache[Deployment]"), std::string::npos) << out;
}

}  // namespace
}  // namespace netobs
