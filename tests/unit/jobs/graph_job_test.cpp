// run_graph_job over the bundled samples: the view it draws, with an overlay of given policies,
// and the policies that give nothing to overlay.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <netobs/jobs.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const std::string k_graph_samples = std::string(NETOBS_SOURCE_DIR) + "/samples/flows";
const std::string k_graph_overlay_case = std::string(NETOBS_SOURCE_DIR) + "/tests/golden/graph/overlay-json";

GraphJob sample_graph_job() {
  GraphJob job;
  job.flows.state.inventories = {k_graph_samples + "/inventory.json"};
  job.flows.state.flow_sources = {k_graph_samples};
  job.flows.observe.sources = {k_graph_samples};
  return job;
}

std::string graph_file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The overlay case of the golden tests, as one library call: the same JSON, and the counts the
// CLI prints.
TEST(GraphJob, OverlaidPoliciesBlockWhatTheyDoNotAllow) {
  GraphJob job = sample_graph_job();
  job.policies = {k_graph_overlay_case + "/policies.yaml"};
  job.format = GraphFormat::json;
  const GraphResult result = run_graph_job(job);
  EXPECT_EQ(result.job.exit, JobExit::ok);
  ASSERT_TRUE(result.job.output);
  EXPECT_EQ(*result.job.output, graph_file_text(k_graph_overlay_case + "/expected.json"));
  EXPECT_TRUE(result.overlaid);
  EXPECT_EQ(result.blocked, 3U);
  EXPECT_EQ(result.view.edges.size(), 21U);
  ASSERT_TRUE(result.observed);
  EXPECT_EQ(result.observed->summary.records_used, 1305U);
  ASSERT_EQ(result.job.loads.size(), 2U);  // the policies', then the inventory's
}

TEST(GraphJob, WithoutPoliciesNothingIsOverlaid) {
  const GraphResult result = run_graph_job(sample_graph_job());
  EXPECT_EQ(result.job.exit, JobExit::ok);
  EXPECT_FALSE(result.overlaid);
  EXPECT_EQ(result.blocked, 0U);
  EXPECT_EQ(result.view.edges.size(), 21U);
}

// Policy files without a NetworkPolicy are surely the wrong files: the job stops before reading
// any flow.
TEST(GraphJob, PoliciesWithoutANetworkPolicyCheckNothing) {
  const testing::TempDir dir;
  GraphJob job = sample_graph_job();
  job.policies = {dir.write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\n")};
  const GraphResult result = run_graph_job(job);
  EXPECT_EQ(result.job.exit, JobExit::input_error);
  EXPECT_EQ(result.job.unchecked, Unchecked::no_policies);
  EXPECT_FALSE(result.observed);
  EXPECT_FALSE(result.job.output);
}

}  // namespace
}  // namespace netobs
