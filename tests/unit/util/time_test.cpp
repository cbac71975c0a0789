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

// Found by fuzz_scalars: years before 1000 printed without padding did not read back, and a
// fraction without digits, a signed year and an offset past 23:59 were accepted.
TEST(Time, EarlyYearsRoundTripAndMalformedPartsAreRejected) {
  const auto early = parse_rfc3339("0025-11-24T16:00:07Z");
  ASSERT_TRUE(early);
  EXPECT_EQ(format_rfc3339(*early), "0025-11-24T16:00:07Z");
  EXPECT_EQ(parse_rfc3339(format_rfc3339(*early)), early);
  for (const char* bad : {"0025-11-24T16:00:07.", "0025-11-24T16:00:07.Z", "-025-11-24T16:00:07Z", "2025-+1-24T16:00:07Z",
                          "2025-11-24T16:00:07+24:00", "2025-11-24T16:00:07+01:60"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

}  // namespace
}  // namespace netobs
