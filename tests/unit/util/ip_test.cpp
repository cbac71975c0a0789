#include <gtest/gtest.h>

#include <netobs/ip.hpp>

namespace netobs {
namespace {

TEST(Ip, ParsesAndPrintsIpv4) {
  auto ip = parse_ip("10.0.1.21");
  ASSERT_TRUE(ip);
  EXPECT_TRUE(ip->is_v4());
  EXPECT_EQ(ip->v4(), 0x0A000115U);
  EXPECT_EQ(to_string(*ip), "10.0.1.21");
}

TEST(Ip, RejectsMalformedIpv4) {
  for (const char* bad :
       {"", "10.0.1", "10.0.1.256", "10.0.1.1.", "1..2.3", "a.b.c.d", "10.0.1.1 ", "1234.1.1.1", "-"}) {
    EXPECT_FALSE(parse_ip(bad)) << bad;
  }
}

TEST(Ip, ParsesIpv6InCanonicalForm) {
  auto ip = parse_ip("2001:DB8:1234:a100:8d6e:3477:df66:f105");
  ASSERT_TRUE(ip);
  EXPECT_FALSE(ip->is_v4());
  EXPECT_EQ(to_string(*ip), "2001:db8:1234:a100:8d6e:3477:df66:f105");
  EXPECT_FALSE(parse_ip("2001:db8::1::2"));
}

TEST(Ip, KnowsPrivateRanges) {
  for (const char* p :
       {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "169.254.20.10", "fd00::1"}) {
    EXPECT_TRUE(parse_ip(p)->is_private()) << p;
  }
  for (const char* p : {"172.32.0.1", "8.8.8.8", "52.94.1.12", "2001:db8::1"}) {
    EXPECT_FALSE(parse_ip(p)->is_private()) << p;
  }
}

TEST(Cidr, ContainsAndMasks) {
  auto cidr = parse_cidr("10.0.7.9/16");
  ASSERT_TRUE(cidr);
  EXPECT_EQ(to_string(*cidr), "10.0.0.0/16");
  EXPECT_TRUE(cidr->contains(*parse_ip("10.0.255.1")));
  EXPECT_FALSE(cidr->contains(*parse_ip("10.1.0.1")));
  EXPECT_FALSE(cidr->contains(*parse_ip("fd00::1")));
  auto v6 = parse_cidr("fd00:10::/32");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains(*parse_ip("fd00:10:1::5")));
  EXPECT_FALSE(v6->contains(*parse_ip("fd00:11::5")));
  EXPECT_TRUE(parse_cidr("0.0.0.0/0")->contains(*parse_ip("8.8.8.8")));
  EXPECT_FALSE(parse_cidr("0.0.0.0/0")->contains(*parse_ip("2001:db8::1")));
}

TEST(Cidr, RejectsMalformedRanges) {
  for (const char* bad : {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "x/8", "fd00::/129", "10.0.0.0/8x"}) {
    EXPECT_FALSE(parse_cidr(bad)) << bad;
  }
}

TEST(Cidr, HostRangeMatchesFamily) {
  EXPECT_EQ(to_string(host_cidr(*parse_ip("203.0.113.5"))), "203.0.113.5/32");
  EXPECT_EQ(to_string(host_cidr(*parse_ip("2001:db8::5"))), "2001:db8::5/128");
}

}  // namespace
}  // namespace netobs
