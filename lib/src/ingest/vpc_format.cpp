#include "vpc_format.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include <netobs/option.hpp>

namespace netobs {
namespace {

constexpr std::string_view k_known_fields[] = {
    // v2
    "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes",
    "start", "end", "action", "log-status",
    // v3
    "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
    // v4
    "region", "az-id", "sublocation-type", "sublocation-id",
    // v5
    "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
    // v7 (ECS)
    "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
    "ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn", "ecs-task-arn",
    "ecs-task-id",
    // v8
    "reject-reason",
    // Transit Gateway (v6)
    "resource-type", "tgw-id", "tgw-attachment-id", "tgw-src-vpc-account-id", "tgw-dst-vpc-account-id",
    "tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id", "tgw-src-eni", "tgw-dst-eni",
    "tgw-src-az-id", "tgw-dst-az-id", "tgw-pair-attachment-id", "packets-lost-no-route", "packets-lost-blackhole",
    "packets-lost-mtu-exceeded", "packets-lost-ttl-expired"};

bool is_field_name(std::string_view token) {
  if (token.empty() || token[0] < 'a' || token[0] > 'z') return false;
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

}  // namespace

bool is_known_field(std::string_view name) {
  return std::find(std::begin(k_known_fields), std::end(k_known_fields), name) != std::end(k_known_fields);
}

VpcColumns columns_from_names(const std::vector<std::string_view>& names, std::string description) {
  VpcColumns columns;
  columns.count = names.size();
  columns.description = std::move(description);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = names[i];
    const int index = static_cast<int>(i);
    if (name == "srcaddr")
      columns.srcaddr = index;
    else if (name == "dstaddr")
      columns.dstaddr = index;
    else if (name == "pkt-srcaddr")
      columns.pkt_srcaddr = index;
    else if (name == "pkt-dstaddr")
      columns.pkt_dstaddr = index;
    else if (name == "srcport")
      columns.srcport = index;
    else if (name == "dstport")
      columns.dstport = index;
    else if (name == "protocol")
      columns.protocol = index;
    else if (name == "packets")
      columns.packets = index;
    else if (name == "bytes")
      columns.bytes = index;
    else if (name == "start")
      columns.start = index;
    else if (name == "end")
      columns.end = index;
    else if (name == "action")
      columns.action = index;
    else if (name == "log-status")
      columns.log_status = index;
    else if (name == "tcp-flags")
      columns.tcp_flags = index;
    else if (name == "flow-direction")
      columns.flow_direction = index;
  }
  return columns;
}

Result<VpcColumns> columns_from_log_format(std::string_view format) {
  std::vector<std::string_view> names;
  std::size_t pos = 0;
  while (pos < format.size()) {
    while (pos < format.size() && format[pos] == ' ') ++pos;
    if (pos >= format.size()) break;
    std::size_t end = format.find(' ', pos);
    if (end == std::string_view::npos) end = format.size();
    std::string_view token = format.substr(pos, end - pos);
    if (token.size() > 3 && token.starts_with("${") && token.ends_with("}")) {
      token = token.substr(2, token.size() - 3);
    }
    if (!is_field_name(token)) {
      return make_error(ErrorKind::usage, fmt::format("{}: '{}' is not a field such as ${{srcaddr}}",
                                                      spell(Option::vpc_format), format.substr(pos, end - pos)));
    }
    names.push_back(token);
    pos = end;
  }
  if (names.empty()) return make_error(ErrorKind::usage, spell(Option::vpc_format) + " is empty");
  return columns_from_names(names, spell(Option::vpc_format));
}

VpcColumns default_v2_columns() {
  static const std::vector<std::string_view> k_v2{"version", "account-id", "interface-id", "srcaddr",   "dstaddr",
                                                  "srcport", "dstport",    "protocol",     "packets",   "bytes",
                                                  "start",   "end",        "action",       "log-status"};
  return columns_from_names(k_v2, "default v2 format");
}

bool is_header(const std::vector<std::string_view>& tokens) {
  return !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), is_field_name) &&
         std::any_of(tokens.begin(), tokens.end(), is_known_field);
}

}  // namespace netobs
