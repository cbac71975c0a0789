#include <gtest/gtest.h>

#include <netobs/collect.hpp>

#include "ingest/collect_state.hpp"

namespace netobs {
namespace {

TEST(Collect, UrlsAreShownWithoutSecrets) {
  EXPECT_TRUE(is_url_source("http://agent:8080/flows"));
  EXPECT_TRUE(is_url_source("https://agent/flows"));
  EXPECT_FALSE(is_url_source("flows/http.log"));
  EXPECT_FALSE(is_url_source("-"));
  EXPECT_EQ(display_url("https://user:secret@agent.example:8443/flows?token=abc#x"),
            "https://agent.example:8443/flows");
  EXPECT_EQ(display_url("http://agent/flows"), "http://agent/flows");
  EXPECT_EQ(display_url("http://a@b@agent"), "http://agent");
  // An @ in the path is no user information.
  EXPECT_EQ(display_url("http://agent/users/a@b"), "http://agent/users/a@b");
}

// The first request is the one the summary names: a second signal must not rename why it ended.
TEST(Collect, AStopKeepsItsFirstRequest) {
  CollectStop stop;
  EXPECT_FALSE(stop.requested());
  EXPECT_TRUE(stop.request("SIGTERM"));
  EXPECT_FALSE(stop.request("SIGINT"));
  EXPECT_STREQ(stop.reason(), "SIGTERM");
  CollectOptions options;
  options.stop = &stop;
  CollectState state(options);
  EXPECT_TRUE(state.should_stop());
  IngestSummary summary;
  EXPECT_TRUE(state.done(summary, 0));
  EXPECT_EQ(summary.ended_by, "SIGTERM");
}

TEST(Collect, OutagesBecomeGapsWithTheirFailedAttempts) {
  const CollectOptions options;
  CollectState state(options);
  state.source_answered();  // up from the start: no gap
  EXPECT_TRUE(state.gaps().empty());
  state.attempt_failed("http://agent/flows");
  state.attempt_failed("http://agent/flows");
  EXPECT_EQ(state.failed_attempts(), 2U);
  state.source_answered();
  EXPECT_EQ(state.failed_attempts(), 0U);
  EXPECT_EQ(state.down_for(), 0.0);
  state.attempt_failed("http://agent/flows");
  const std::vector<CollectionGap> gaps = state.gaps();
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[0].source, "http://agent/flows");
  EXPECT_EQ(gaps[0].attempts, 2U);
  EXPECT_FALSE(gaps[0].open);
  EXPECT_GT(gaps[0].start, 0);
  EXPECT_EQ(gaps[1].attempts, 1U);
  EXPECT_TRUE(gaps[1].open);  // still down when asked
}

}  // namespace
}  // namespace netobs
