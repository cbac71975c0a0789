// Names for addresses outside the cluster's pods, so reviewers read "orders-db (RDS)" or
// "S3 us-east-1" instead of a bare /32: the user's list of VPC resources (--vpc-resources) and
// AWS's published ip-ranges.json (--aws-ip-ranges).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/ip.hpp>

namespace netobs {

struct AddressName {
  Cidr range;        // the listed range holding the address
  std::string name;  // "orders-db (RDS)", "S3 us-east-1"
  bool aws = false;  // from ip-ranges.json: `range` is a published prefix (--aggregate-aws)
};

// --vpc-resources: a JSON (or YAML) list of {"cidr": "10.0.4.0/24" | "ip": "10.0.4.50", "name": "..."}.
// Errors name `origin` and the line of the entry.
Result<std::vector<AddressName>> parse_vpc_resources(const std::string& text, const std::string& origin);

// ip-ranges.json: {"prefixes": [{"ip_prefix", "region", "service", ...}], "ipv6_prefixes": [{"ipv6_prefix", ...}]}.
// Names are "SERVICE REGION"; fields AWS may add later are ignored.
Result<std::vector<AddressName>> parse_aws_ip_ranges(const std::string& text, const std::string& origin);

class AddressBook {
 public:
  Result<void> load_vpc_resources(const std::string& path);
  Result<void> load_aws_ip_ranges(const std::string& path);

  // The user's VPC resources first (longest prefix), then AWS: the longest prefix listed for a
  // specific service, else the longest listed only under AMAZON. nullopt when nothing lists it.
  std::optional<AddressName> find(const IpAddress& ip) const;
  bool empty() const { return m_vpc.empty() && m_aws_services.empty() && m_aws_amazon.empty(); }

 private:
  std::vector<AddressName> m_vpc;           // each list sorted longest prefix first
  std::vector<AddressName> m_aws_services;  // S3, EC2, DYNAMODB, ...
  std::vector<AddressName> m_aws_amazon;    // AMAZON: every AWS range, specific or not
};

}  // namespace netobs
