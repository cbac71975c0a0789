// --vpc-resources and --aws-ip-ranges: parsing (errors name the file and line), and which name an
// address gets: the user's VPC resources first, then the longest AWS prefix of a specific
// service, then AMAZON.
#include <gtest/gtest.h>

#include <netobs/address_book.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const std::string k_address_data = std::string(NETOBS_SOURCE_DIR) + "/tests/data/addresses";

std::string name_of(const AddressBook& book, const char* ip) {
  auto name = book.find(*parse_ip(ip));
  return name ? name->name + " " + to_string(name->range) : "none";
}

TEST(AddressBook, PrefersVpcResourcesThenASpecificServiceThenAmazon) {
  AddressBook book;
  ASSERT_TRUE(book.load_aws_ip_ranges(k_address_data + "/ip-ranges.json"));
  ASSERT_TRUE(book.load_vpc_resources(k_address_data + "/vpc-resources.json"));
  // In AMAZON's /24 and DYNAMODB's /22: the specific service wins over the longer AMAZON prefix.
  EXPECT_EQ(name_of(book, "52.94.1.12"), "DYNAMODB us-east-1 52.94.0.0/22");
  EXPECT_EQ(name_of(book, "52.217.3.4"), "S3 us-east-1 52.216.0.0/15");
  EXPECT_EQ(name_of(book, "3.5.1.1"), "AMAZON GLOBAL 3.5.0.0/19");
  EXPECT_EQ(name_of(book, "2600:1f18::10"), "EC2 us-east-1 2600:1f18::/33");
  EXPECT_EQ(name_of(book, "10.0.4.50"), "orders-db (RDS) 10.0.4.50/32");
  EXPECT_EQ(name_of(book, "10.0.5.9"), "sessions (ElastiCache) 10.0.5.0/24");
  EXPECT_EQ(name_of(book, "8.8.8.8"), "none");
  EXPECT_TRUE(book.find(*parse_ip("52.94.1.12"))->aws);
  EXPECT_FALSE(book.find(*parse_ip("10.0.4.50"))->aws);
}

TEST(AddressBook, VpcResourceErrorsNameTheLine) {
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"[\n  {\"ip\": \"10.0.0.1\", \"name\": \"a\"},\n  {\"ip\": \"10.0.0.300\", \"name\": \"b\"}\n]",
       "f.json:3: '10.0.0.300' is not an IP address"},
      {"[\n  {\"cidr\": \"10.0.0.0/33\", \"name\": \"a\"}\n]", "f.json:2: '10.0.0.0/33' is not a CIDR range"},
      {"[\n  {\"ip\": \"10.0.0.1\", \"cidr\": \"10.0.0.0/24\", \"name\": \"a\"}\n]",
       "f.json:2: give exactly one of 'cidr' and 'ip'"},
      {"[\n  {\"ip\": \"10.0.0.1\"}\n]", "f.json:2: 'name' must be a non-empty string"},
      {"[\n  {\"ip\": \"10.0.0.1\", \"name\": \"a\", \"nmae\": \"b\"}\n]", "f.json:2: unknown field 'nmae'"},
      {"{\"ip\": \"10.0.0.1\"}", "f.json:1: expected a list"},
      {"[{\"ip\": ", "invalid YAML"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_vpc_resources(c.text, "f.json");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_NE(describe(parsed.error()).find(c.message), std::string::npos) << describe(parsed.error());
  }
}

TEST(AddressBook, AwsRangesErrorsNameTheLine) {
  auto missing = parse_aws_ip_ranges("{\"syncToken\": \"1\"}", "ip-ranges.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(describe(missing.error()).find("ip-ranges.json:1: not AWS's ip-ranges.json"), std::string::npos);
  auto bad = parse_aws_ip_ranges(
      "{\"prefixes\": [\n {\"ip_prefix\": \"52.94.0.0/22\", \"region\": \"r\", \"service\": \"S3\"},\n"
      " {\"ip_prefix\": \"52.94.0.0\", \"region\": \"r\", \"service\": \"S3\"}]}",
      "ip-ranges.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(describe(bad.error()).find("ip-ranges.json:3: '52.94.0.0' is not a CIDR range"), std::string::npos)
      << describe(bad.error());
  auto no_service = parse_aws_ip_ranges("{\"prefixes\": [{\"ip_prefix\": \"52.94.0.0/22\", \"region\": \"r\"}]}", "x");
  ASSERT_FALSE(no_service);
  EXPECT_NE(describe(no_service.error()).find("\"service\""), std::string::npos);
  // Fields AWS may add later are ignored.
  EXPECT_TRUE(
      parse_aws_ip_ranges("{\"prefixes\": [{\"ip_prefix\": \"1.2.3.0/24\", \"region\": \"r\", \"service\": \"S3\", "
                          "\"new_field\": 1}], \"another\": true}",
                          "x"));
}

TEST(AddressBook, AMissingFileNamesIt) {
  AddressBook book;
  auto loaded = book.load_vpc_resources("/nonexistent/vpc.json");
  ASSERT_FALSE(loaded);
  EXPECT_NE(describe(loaded.error()).find("/nonexistent/vpc.json"), std::string::npos);
  EXPECT_TRUE(book.empty());
}

}  // namespace
}  // namespace netobs
