// run_recommend_job over the bundled samples: the policies and summary it returns, the front
// end's progress, stop request and early notes, and the failures that come after the summary.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <netobs/jobs.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const std::string k_recommend_samples = std::string(NETOBS_SOURCE_DIR) + "/samples/flows";
const std::string k_recommend_vpc =
    k_recommend_samples + "/vpc/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f60718_20251124T1600Z_shop.log";

RecommendJob sample_recommend_job(const std::vector<std::string>& sources) {
  RecommendJob job;
  job.flows.state.inventories = {k_recommend_samples + "/inventory.json"};
  job.flows.observe.sources = sources;
  return job;
}

TEST(RecommendJob, WritesPoliciesForTheObservedWorkloads) {
  const RecommendResult result = run_recommend_job(sample_recommend_job({k_recommend_vpc}));
  EXPECT_EQ(result.job.exit, JobExit::ok);
  ASSERT_TRUE(result.job.output);
  ASSERT_TRUE(result.observed);
  EXPECT_FALSE(result.failure);
  const IngestSummary& summary = result.observed->summary;
  EXPECT_EQ(summary.records_read, 773U);
  EXPECT_EQ(summary.records_used, 770U);
  EXPECT_EQ(result.recommendation.model.workloads.size(), 9U);
  // One NetworkPolicy per workload with observed traffic.
  std::size_t policies = 0;
  for (auto at = result.job.output->find("kind: NetworkPolicy"); at != std::string::npos;
       at = result.job.output->find("kind: NetworkPolicy", at + 1)) {
    ++policies;
  }
  EXPECT_EQ(policies, 9U);
  EXPECT_EQ(result.summary.rfind("read 773 records, used 770", 0), 0U) << result.summary;
  EXPECT_TRUE(result.hints.empty());
  ASSERT_EQ(result.job.loads.size(), 1U);  // the inventory's
}

// Standing in for SIGINT: the front end's stop request, made while the collection runs, ends it
// with the records read so far, and those are written.
TEST(RecommendJob, AStopRequestEndsTheCollectionWithTheRecordsReadSoFar) {
  RecommendJob job = sample_recommend_job({k_recommend_vpc});
  job.flows.observe.ingest.collect.follow = true;
  CollectStop stop;
  std::size_t progress_reports = 0;
  bool running_while_collecting = false;
  job.front_end.stop = &stop;
  job.front_end.progress_every = std::chrono::milliseconds(0);
  job.front_end.progress = [&](const CollectProgress& progress) {
    ++progress_reports;
    running_while_collecting = stop.running();
    if (progress.flows > 0) stop.request("test stop");
  };
  const RecommendResult result = run_recommend_job(job);
  EXPECT_GT(progress_reports, 0U);
  EXPECT_TRUE(running_while_collecting);
  EXPECT_FALSE(stop.running());
  ASSERT_TRUE(result.observed);
  const IngestSummary& summary = result.observed->summary;
  EXPECT_EQ(summary.ended_by, "test stop");
  EXPECT_GT(summary.records_read, 0U);
  EXPECT_LT(summary.records_read, 773U);
  EXPECT_EQ(result.job.exit, JobExit::ok);
  EXPECT_TRUE(result.job.output);
}

// A long collection's front end is told what loading the state said before the collection
// begins; the result keeps only what came after.
TEST(RecommendJob, NotesSaidBeforeTheCollectionGoToTheFrontEndFirst) {
  RecommendJob job = sample_recommend_job({k_recommend_vpc});
  std::vector<StateReport> early_loads;
  bool called = false;
  job.front_end.before_collecting = [&](const std::vector<StateReport>& loads,
                                        const std::vector<JobResult::Message>& messages) {
    called = true;
    early_loads = loads;
    EXPECT_TRUE(messages.empty());
  };
  const RecommendResult result = run_recommend_job(job);
  EXPECT_TRUE(called);
  EXPECT_EQ(early_loads.size(), 1U);
  EXPECT_TRUE(result.job.loads.empty());
  EXPECT_EQ(result.job.exit, JobExit::ok);
}

// A wrong --vpc-resources file fails before any flow is read.
TEST(RecommendJob, AnUnreadableAddressFileFailsBeforeTheCollection) {
  const testing::TempDir dir;
  RecommendJob job = sample_recommend_job({k_recommend_vpc});
  job.vpc_resources = (dir.path() / "missing.json").string();
  bool collected = false;
  job.front_end.before_collecting = [&](const auto&, const auto&) { collected = true; };
  const RecommendResult result = run_recommend_job(job);
  EXPECT_EQ(result.job.exit, JobExit::input_error);
  EXPECT_FALSE(result.observed);
  EXPECT_FALSE(result.job.output);
  EXPECT_FALSE(collected);
  ASSERT_FALSE(result.job.messages.empty());
  EXPECT_NE(result.job.messages.back().text.find("missing.json"), std::string::npos) << result.job.messages.back().text;
}

// Nothing usable: the summary says what was read, and the failure refers to it; nothing is written.
TEST(RecommendJob, NoUsableRecordFailsAfterTheSummary) {
  const testing::TempDir dir;
  const std::string flows =
      dir.write("flows.log", "2 123456789012 eni-0a1b2c3d - - - - - - - 1700000000 1700000060 - NODATA\n");
  RecommendJob job = sample_recommend_job({flows});
  job.flows.state.inventories.clear();
  const RecommendResult result = run_recommend_job(job);
  EXPECT_EQ(result.job.exit, JobExit::input_error);
  EXPECT_FALSE(result.job.output);
  ASSERT_TRUE(result.observed);
  EXPECT_EQ(result.observed->summary.records_used, 0U);
  ASSERT_TRUE(result.failure);
  EXPECT_EQ(*result.failure, "no usable flow record in 1 source: read 1 record, 0 malformed; see the summary above");
  EXPECT_EQ(result.summary.rfind("read 1 record, used 0", 0), 0U) << result.summary;
}

}  // namespace
}  // namespace netobs
