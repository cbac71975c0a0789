#include <chrono>
#include <cstdlib>

#include <gtest/gtest.h>

#include <netobs/clock.hpp>
#include <netobs/time.hpp>

namespace netobs {
namespace {

// Returns the clock to the system's after each test, as other tests expect.
class ClockTest : public ::testing::Test {
 protected:
  void TearDown() override { set_fixed_now(std::nullopt); }
};

TEST_F(ClockTest, FixedTimeIsWhatNowAnswers) {
  set_fixed_now(1'764'000'000);
  EXPECT_EQ(now_seconds(), 1'764'000'000);
}

TEST_F(ClockTest, RelativeSinceCountsBackFromTheFixedTime) {
  const auto fixed = parse_rfc3339("2025-11-25T16:00:00Z");
  ASSERT_TRUE(fixed);
  set_fixed_now(*fixed);
  EXPECT_EQ(parse_time_bound("-24h", now_seconds()), parse_rfc3339("2025-11-24T16:00:00Z"));
}

TEST_F(ClockTest, UnsetFollowsTheSystemClock) {
  set_fixed_now(1);
  set_fixed_now(std::nullopt);
  const auto system =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(std::abs(now_seconds() - system), 5);
}

}  // namespace
}  // namespace netobs
