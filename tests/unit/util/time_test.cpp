#include <gtest/gtest.h>

#include "util/time.hpp"

namespace netobs {
namespace {

TEST(Time, ParsesRfc3339Variants) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2021-06-16T16:52:13.136834446Z"), 1623862333);
  EXPECT_EQ(parse_rfc3339("2021-06-16T18:52:13+02:00"), 1623862333);
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), 1709164800);
  EXPECT_FALSE(parse_rfc3339("2021-06-16"));
  EXPECT_FALSE(parse_rfc3339("2021-13-16T16:52:13Z"));
  EXPECT_FALSE(parse_rfc3339("2021-06-16T16:52:13Zjunk"));
}

TEST(Time, FormatsUtc) { EXPECT_EQ(format_rfc3339(1623862333), "2021-06-16T16:52:13Z"); }

}  // namespace
}  // namespace netobs
