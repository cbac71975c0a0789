#include "util/backoff.hpp"

#include <gtest/gtest.h>

namespace netobs {
namespace {

TEST(Backoff, DoublesFromTheFirstCeilingWithJitterInItsUpperHalf) {
  Backoff backoff(1.0, 100.0);
  for (int round = 0; round < 50; ++round) {
    const double first = backoff.delay(1);
    EXPECT_GE(first, 0.5);
    EXPECT_LE(first, 1.0);
    const double third = backoff.delay(3);
    EXPECT_GE(third, 2.0);
    EXPECT_LE(third, 4.0);
  }
}

TEST(Backoff, NeverWaitsLongerThanTheCap) {
  Backoff backoff(0.2, 8.0);
  for (int failures : {10, 40, 1000}) {
    const double wait = backoff.delay(failures);
    EXPECT_GE(wait, 4.0);
    EXPECT_LE(wait, 8.0);
  }
}

TEST(Backoff, RetryAfterWinsWhenItAsksForLonger) {
  Backoff backoff(1.0, 5.0);
  EXPECT_DOUBLE_EQ(backoff.delay(1, 30.0), 30.0);
  EXPECT_LE(backoff.delay(1, 0.1), 1.0);
  EXPECT_GE(backoff.delay(1, -3.0), 0.5);  // a negative Retry-After is no wait of its own
}

}  // namespace
}  // namespace netobs
