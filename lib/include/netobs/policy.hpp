// The networking.k8s.io/v1 NetworkPolicy object model, as recommend writes it and the policy
// engine reads it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/flow.hpp>
#include <netobs/ip.hpp>
#include <netobs/labels.hpp>

namespace netobs {

// An ipBlock as written (the text is rendered back unchanged) and as parsed once when it is read,
// so the engine, connectivity and lint answer from the ranges instead of re-parsing the text.
struct IpBlock {
  std::string cidr;
  std::vector<std::string> except;
  std::optional<Cidr> cidr_range;                  // nullopt: the cidr is not a CIDR (lint reports it)
  std::vector<std::optional<Cidr>> except_ranges;  // one per `except`, in order

  // Parses the texts into the ranges.
  static IpBlock parse(std::string cidr, std::vector<std::string> except = {}) {
    IpBlock block{std::move(cidr), std::move(except), std::nullopt, {}};
    block.cidr_range = parse_cidr(block.cidr);
    for (const auto& text : block.except) block.except_ranges.push_back(parse_cidr(text));
    return block;
  }
  // The block of exactly `range`, without excepts.
  static IpBlock of(const Cidr& range) { return IpBlock{to_string(range), {}, range, {}}; }

  auto operator<=>(const IpBlock&) const = default;
};

// One element of `from`/`to`: podSelector, namespaceSelector (both = AND) or ipBlock.
struct PolicyPeer {
  std::optional<LabelSelector> pod_selector;
  std::optional<LabelSelector> namespace_selector;
  std::optional<IpBlock> ip_block;

  auto operator<=>(const PolicyPeer&) const = default;
};

struct PolicyPort {
  std::optional<Protocol> protocol;                    // absent = TCP
  std::optional<std::variant<int, std::string>> port;  // number or named port; absent = all
  std::optional<int> end_port;

  auto operator<=>(const PolicyPort&) const = default;
};

struct PolicyRule {
  std::vector<PolicyPeer> peers;  // empty = all peers
  std::vector<PolicyPort> ports;  // empty = all ports

  auto operator<=>(const PolicyRule&) const = default;
};

enum class PolicyType { ingress, egress };

struct NetworkPolicy {
  std::string name;
  std::string namespace_name;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  LabelSelector pod_selector;
  std::vector<PolicyType> policy_types;
  std::vector<PolicyRule> ingress;
  std::vector<PolicyRule> egress;
  SourceLocation location;  // where it was read from, when it was read

  // True when policyTypes lists `type`: the pods it selects are isolated in that direction.
  bool isolates(PolicyType type) const {
    return std::find(policy_types.begin(), policy_types.end(), type) != policy_types.end();
  }
};

}  // namespace netobs
