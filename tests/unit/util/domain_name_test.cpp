// The domain names policies name and how they match the names flows resolved: EKS and
// network-policy-api domainNames, Cilium's toFQDNs matchName and matchPattern.
#include "util/domain_name.hpp"

#include <gtest/gtest.h>

namespace netobs {
namespace {

TEST(DomainName, ValidNamesAreWhatTheCrdPatternAccepts) {
  EXPECT_TRUE(valid_domain_name("api.example.com"));
  EXPECT_TRUE(valid_domain_name("*.googleapis.com"));
  EXPECT_TRUE(valid_domain_name("s3.amazonaws.com."));
  EXPECT_TRUE(valid_domain_name("my_host.example.com"));
  EXPECT_FALSE(valid_domain_name("localhost"));  // one label
  EXPECT_FALSE(valid_domain_name("api.*.com"));  // '*' only as a prefix
  EXPECT_FALSE(valid_domain_name("-bad.example.com"));
  EXPECT_FALSE(valid_domain_name("a..b"));
  EXPECT_FALSE(valid_domain_name(""));
}

TEST(DomainName, DomainNamesMatchExactlyOrWholeLabelsBeforeAWildcardSuffix) {
  EXPECT_TRUE(domain_name_matches("api.example.com", "API.Example.com."));
  EXPECT_FALSE(domain_name_matches("api.example.com", "www.api.example.com"));
  EXPECT_TRUE(domain_name_matches("*.example.com", "www.example.com"));
  EXPECT_TRUE(domain_name_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(domain_name_matches("*.example.com", "example.com"));
  EXPECT_FALSE(domain_name_matches("*.example.com", "badexample.com"));
}

TEST(DomainName, CiliumPatternsStayWithinALabelAndALoneStarMatchesAll) {
  EXPECT_TRUE(fqdn_pattern_matches("*", "anything.at.all"));
  EXPECT_TRUE(fqdn_pattern_matches("*.cilium.io", "docs.cilium.io"));
  EXPECT_FALSE(fqdn_pattern_matches("*.cilium.io", "a.docs.cilium.io"));
  EXPECT_FALSE(fqdn_pattern_matches("*.cilium.io", "cilium.io"));
  EXPECT_TRUE(fqdn_pattern_matches("api-*.example.com", "API-eu1.example.com."));
  EXPECT_TRUE(fqdn_pattern_matches("a*b*c.io", "aXbYbZc.io"));
  EXPECT_FALSE(fqdn_pattern_matches("a*c.io", "ab.c.io"));
  EXPECT_TRUE(fqdn_pattern_matches("sub.*.io", "sub.x.io"));
}

TEST(DomainName, AnyNameMatchesNeedsObservedNames) {
  const std::vector<std::string> patterns{"*.example.com"};
  const std::set<std::string> names{"db.internal", "www.example.com"};
  EXPECT_TRUE(any_name_matches(patterns, &names, domain_name_matches));
  EXPECT_FALSE(any_name_matches(patterns, nullptr, domain_name_matches));
}

}  // namespace
}  // namespace netobs
