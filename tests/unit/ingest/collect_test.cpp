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

TEST(Collect, StopRequestsAreRememberedUntilReset) {
  reset_collection_stop();
  EXPECT_EQ(collection_stop_signal(), 0);
  request_collection_stop(15);
  EXPECT_EQ(collection_stop_signal(), 15);
  reset_collection_stop();
  EXPECT_EQ(collection_stop_signal(), 0);
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
