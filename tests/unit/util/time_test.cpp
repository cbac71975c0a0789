#include <gtest/gtest.h>

#include <netobs/time.hpp>

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
  for (const char* bad : {"0025-11-24T16:00:07.", "0025-11-24T16:00:07.Z", "-025-11-24T16:00:07Z",
                          "2025-+1-24T16:00:07Z", "2025-11-24T16:00:07+24:00", "2025-11-24T16:00:07+01:60"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(Time, DurationsInTheFormsOptionsTake) {
  EXPECT_EQ(parse_duration("90s"), 90);
  EXPECT_EQ(parse_duration("30m"), 1800);
  EXPECT_EQ(parse_duration("24h"), 86400);
  EXPECT_EQ(parse_duration("7d"), 7 * 86400);
  EXPECT_EQ(parse_duration("1h30m"), 5400);
  EXPECT_EQ(parse_duration("1d12h5m3s"), 86400 + 12 * 3600 + 5 * 60 + 3);
  EXPECT_EQ(parse_duration("0s"), 0);
  for (const char* bad : {"", "90", "s", "1x", "1m1h", "1h1h", "-5m", "1.5h", "1h ", " 1h", "1234567890s", "36501d"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(7 * 86400), "7d");
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(86400 + 61), "1d1m1s");
  for (std::int64_t seconds : {1LL, 59LL, 3600LL, 90061LL, 3153600000LL}) {
    EXPECT_EQ(parse_duration(format_duration(seconds)), seconds) << seconds;
  }
}

TEST(Time, TimeBoundsAreRfc3339OrAgoFromNow) {
  const std::int64_t now = 1764000000;
  EXPECT_EQ(parse_time_bound("-24h", now), now - 86400);
  EXPECT_EQ(parse_time_bound("-90s", now), now - 90);
  EXPECT_EQ(parse_time_bound("2025-11-24T16:00:00Z", now), 1764000000);
  for (const char* bad : {"", "-", "-x", "24h", "yesterday", "--1h"}) EXPECT_FALSE(parse_time_bound(bad, now)) << bad;
}

}  // namespace
}  // namespace netobs
