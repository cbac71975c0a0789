// Cilium's own policy kinds (cilium.io/v2, layer 3/4): CiliumNetworkPolicy, which selects pods of
// its namespace, and CiliumClusterwideNetworkPolicy, which selects pods of every namespace. Their
// allow rules join NetworkPolicies' in the namespaced stage of the engine; their deny rules win
// over every allow of that stage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/flow.hpp>
#include <netobs/labels.hpp>
#include <netobs/policy.hpp>
#include <netobs/tiered_policy.hpp>

namespace netobs {

// The label key that carries a pod's namespace in Cilium selectors.
inline constexpr const char* k_cilium_namespace_key = "k8s:io.kubernetes.pod.namespace";
// The prefix of the keys that carry the labels of a pod's namespace in Cilium selectors.
inline constexpr const char* k_cilium_namespace_labels_prefix = "k8s:io.cilium.k8s.namespace.labels.";

// One port of a toPorts item: a number or range (protocol ANY is TCP, UDP and SCTP), or a
// container port by name.
struct CiliumPort {
  std::vector<Protocol> protocols;
  int first = 1;
  int last = 65535;
  std::string name;  // a named port when not empty

  auto operator<=>(const CiliumPort&) const = default;
};

// One item of toPorts: its ports (none: every port) and whether it carries an L7 `rules` block,
// which netobs evaluates at layer 4 only (the port is allowed, the requests are not judged).
struct CiliumPortRule {
  std::vector<CiliumPort> ports;
  bool has_l7_rules = false;

  auto operator<=>(const CiliumPortRule&) const = default;
};

// One rule of ingress, egress, ingressDeny or egressDeny. The L3 selectors are alternatives;
// toPorts restricts them all. A rule with no L3 selector and a toPorts matches every peer on
// those ports; a rule with neither (`{}`) matches nothing.
struct CiliumRule {
  // from/toEndpoints with Cilium keys (`k8s:` pod labels, the namespace key); a namespaced
  // policy's selectors that name no namespace carry its own.
  std::vector<LabelSelector> endpoints;
  std::vector<std::string> entities;  // from/toEntities
  std::vector<IpBlock> cidrs;         // from/toCIDR and from/toCIDRSet (with except)
  // L3 selectors netobs cannot decide from the manifests (toFQDNs, toServices, ...), by field
  // name: they match nothing.
  std::vector<std::string> undecided;
  // fromRequires/toRequires: labels a peer must carry for any endpoints selector of the rules (of
  // the same allow or deny kind) of every policy selecting the subject to match it. They grant
  // nothing themselves.
  std::vector<LabelSelector> required;
  // toFQDNs: matched against the names observed flows resolved an address to, when known.
  std::vector<std::string> fqdn_names;                  // matchName
  std::vector<std::string> fqdn_patterns;               // matchPattern
  bool has_l3 = false;                                  // some L3 field is set (else toPorts alone names every peer)
  std::optional<std::vector<CiliumPortRule>> to_ports;  // absent: every port
  // `icmps` is set: the rule allows (or denies) ICMP types, which connection sets do not hold, so
  // without toPorts it names no TCP, UDP or SCTP port.
  bool has_icmps = false;
  SourceLocation location;
};

struct CiliumPolicy {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string namespace_name;       // empty for CiliumClusterwideNetworkPolicy
  LabelSelector endpoint_selector;  // Cilium keys; a namespaced policy's carries its namespace
  bool selects_nodes = false;       // a clusterwide nodeSelector: it selects no pod
  std::vector<CiliumRule> ingress;
  std::vector<CiliumRule> egress;
  std::vector<CiliumRule> ingress_deny;
  std::vector<CiliumRule> egress_deny;
  // enableDefaultDeny per direction; absent: on when the direction has rules (allow or deny).
  std::optional<bool> default_deny_ingress;
  std::optional<bool> default_deny_egress;
  SourceLocation location;
  std::vector<PolicyProblem> problems;
  std::string as_written;
  std::string part;  // "specs[1]" for one of a policy's list of specs; empty for its `spec`  // the object as JSON,
                     // server-set fields left out: what diff compares

  const std::vector<CiliumRule>& rules(PolicyType type, bool deny) const {
    if (type == PolicyType::ingress) return deny ? ingress_deny : ingress;
    return deny ? egress_deny : egress;
  }
  // True when the pods it selects are in default deny in direction `type`.
  bool isolates(PolicyType type) const;
};

// "CiliumNetworkPolicy shop/web", for messages.
std::string describe(const CiliumPolicy& policy);
// "CiliumNetworkPolicy shop/web egressDeny rule 1"; `index` counts from 0.
std::string describe_rule(const CiliumPolicy& policy, PolicyType type, bool deny, std::size_t index);
// The labels a pod carries as Cilium sees them: `k8s:` + each label, its namespace and the
// labels of its namespace.
Labels cilium_labels(const Labels& pod_labels, const std::string& namespace_name, const Labels& namespace_labels);

}  // namespace netobs
