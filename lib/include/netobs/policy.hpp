// The networking.k8s.io/v1 NetworkPolicy object model, as recommend writes it and the policy
// engine reads it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

// One element of `from`/`to`: podSelector, namespaceSelector (both = AND) or ipBlock; in an EKS
// ApplicationNetworkPolicy's egress also `domainNames`, which stands alone and which the engine
// cannot decide from addresses (it matches nothing, and not_evaluated() says so).
struct PolicyPeer {
  std::optional<LabelSelector> pod_selector;
  std::optional<LabelSelector> namespace_selector;
  std::optional<IpBlock> ip_block;
  std::vector<std::string> domain_names;

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

// The EKS ApplicationNetworkPolicy: NetworkPolicy's shape and meaning, plus domainNames peers.
inline constexpr const char* k_application_policy_kind = "ApplicationNetworkPolicy";
inline constexpr const char* k_application_policy_api = "networking.k8s.aws/v1alpha1";

// A networking.k8s.io/v1 NetworkPolicy, or an EKS ApplicationNetworkPolicy (`kind` tells them
// apart): both are namespaced allow lists evaluated together, as the EKS agent does.
struct NetworkPolicy {
  std::string name;
  std::string namespace_name;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  LabelSelector pod_selector;
  std::vector<PolicyType> policy_types;
  std::vector<PolicyRule> ingress;
  std::vector<PolicyRule> egress;
  SourceLocation location;             // where it was read from, when it was read
  std::string kind = "NetworkPolicy";  // or k_application_policy_kind

  // True when policyTypes lists `type`: the pods it selects are isolated in that direction.
  bool isolates(PolicyType type) const {
    return std::find(policy_types.begin(), policy_types.end(), type) != policy_types.end();
  }
  bool is_application_policy() const { return kind == k_application_policy_kind; }
  std::string_view api_version() const {
    return is_application_policy() ? k_application_policy_api : "networking.k8s.io/v1";
  }
};

// "NetworkPolicy shop/web", "ApplicationNetworkPolicy shop/web": for messages.
inline std::string describe(const NetworkPolicy& policy) {
  return policy.kind + " " + policy.namespace_name + "/" + policy.name;
}

}  // namespace netobs
