// The column layout of AWS VPC (and Transit Gateway) flow log records: from an S3 object's header
// line, from a LogFormat string, or the default version 2 format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/error.hpp>

namespace netobs {

struct VpcColumns {
  std::size_t count = 0;  // fields per record
  int srcaddr = -1, dstaddr = -1, pkt_srcaddr = -1, pkt_dstaddr = -1;
  int srcport = -1, dstport = -1, protocol = -1, packets = -1, bytes = -1;
  int start = -1, end = -1, action = -1, log_status = -1, tcp_flags = -1, flow_direction = -1;
  std::string description;  // "header", "--vpc-format" or "default v2 format", for messages

  bool has_pkt_addresses() const { return pkt_srcaddr >= 0 && pkt_dstaddr >= 0; }
  bool usable() const {
    return (srcaddr >= 0 || pkt_srcaddr >= 0) && (dstaddr >= 0 || pkt_dstaddr >= 0) && srcport >= 0 && dstport >= 0 &&
           protocol >= 0;
  }
};

// Columns from field names in order (unknown names are kept as unused columns).
VpcColumns columns_from_names(const std::vector<std::string_view>& names, std::string description);

// Parses a LogFormat string such as "${version} ${srcaddr} ..."; an error names the bad token.
Result<VpcColumns> columns_from_log_format(std::string_view format);

VpcColumns default_v2_columns();

// True when `tokens` look like a header line: field names, at least one of them known.
bool is_header(const std::vector<std::string_view>& tokens);

// True for the names of VPC flow log fields of versions 2 to 8 and Transit Gateway logs.
bool is_known_field(std::string_view name);

}  // namespace netobs
