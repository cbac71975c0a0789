#include <gtest/gtest.h>

#include <netobs/collect.hpp>

namespace netobs {
namespace {

TEST(Collect, UrlsAreShownWithoutSecrets) {
  EXPECT_TRUE(is_url_source("http://agent:8080/flows"));
  EXPECT_TRUE(is_url_source("https://agent/flows"));
  EXPECT_FALSE(is_url_source("flows/http.log"));
  EXPECT_FALSE(is_url_source("-"));
  EXPECT_EQ(display_url("https://user:secret@agent.example:8443/flows?token=abc#x"), "https://agent.example:8443/flows");
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

}  // namespace
}  // namespace netobs
