// The policy evaluation engine: which connections one endpoint may open to another, and, when
// asked, why. Per direction, the Admin tier decides first (AdminNetworkPolicies and Admin
// ClusterNetworkPolicies by priority, the first matching rule of each), then the namespaced stage
// what it passed or left open: NetworkPolicies (networking.k8s.io/v1 semantics) and Cilium
// policies together, their allows united, Cilium's deny rules winning over all of them; then the
// Baseline tier what the namespaced stage does not isolate. connectivity, explain, lint, diff and the verification of
// recommend all stand on it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <netobs/cilium_policy.hpp>
#include <netobs/connection_set.hpp>
#include <netobs/ip.hpp>
#include <netobs/manifest.hpp>
#include <netobs/policy.hpp>
#include <netobs/tiered_policy.hpp>

namespace netobs {

// Whether an ipBlock can match a pod's own address: implementation-defined in the API. `all` is
// what the upstream conformance tests and most CNIs do; `external` is np-guard's choice.
enum class IpBlockScope { all, external };

// A connection end: a pod, or a range of addresses outside the cluster's pods.
struct Endpoint {
  const ClusterPod* pod = nullptr;
  IpAddress first;
  IpAddress last;
  // An address's DNS names, as the other end resolved them in observed flows (Hubble DNS
  // answers), when known: what domainNames and toFQDNs peers are matched against. Without them
  // such peers match nothing, and not_evaluated() says so.
  const std::set<std::string>* names = nullptr;

  static Endpoint of(const ClusterPod& pod) { return Endpoint{&pod, {}, {}, nullptr}; }
  static Endpoint range(const IpAddress& first, const IpAddress& last) {
    return Endpoint{nullptr, first, last, nullptr};
  }
};

// How one rule of one policy judged a connection.
struct RuleVerdict {
  std::size_t index = 0;  // 1-based, as in the policy
  bool peer_matches = false;
  ConnectionSet ports;  // what the rule allows toward this peer
  std::string note;     // e.g. why a named port matched nothing
};

struct PolicyVerdict {
  const NetworkPolicy* policy = nullptr;
  std::vector<RuleVerdict> rules;
  ConnectionSet allowed;
};

// What one rule of an Admin or Baseline tier policy decided: the part of the connection that
// was still open when the rule matched.
struct TieredDecision {
  const TieredPolicy* policy = nullptr;
  std::size_t rule = 0;  // 1-based, as in the policy
  TieredAction action = TieredAction::deny;
  ConnectionSet decided;
};

// What one rule of a Cilium policy matched: the part of the connection it allows or denies.
struct CiliumVerdict {
  const CiliumPolicy* policy = nullptr;
  bool deny = false;
  std::size_t rule = 0;  // 1-based, as in the policy's ingress/egress (or ...Deny) list
  ConnectionSet matched;
  std::string note;  // e.g. that its L7 rules were not evaluated
};

// One direction (egress of the source, ingress of the destination), explained.
struct SideExplanation {
  PolicyType type = PolicyType::egress;
  std::vector<TieredDecision> admin;  // in the order the rules decided
  ConnectionSet left_by_admin;        // what the Admin tier passed or did not decide
  bool isolated = false;              // some NetworkPolicy or Cilium policy selecting the pod isolates this direction
  std::vector<PolicyVerdict> policies;
  std::vector<CiliumVerdict> cilium;  // the Cilium rules that matched, deny rules first
  std::vector<TieredDecision> baseline;
  ConnectionSet allowed;
};

// Connections no NetworkPolicy can block: "traffic to and from the node where a Pod is running
// is always allowed", and a pod's traffic to itself.
enum class Exemption { none, same_pod, own_node };
std::string_view describe(Exemption exemption);  // the reason, in words; "" for none

class PolicyEngine {
 public:
  PolicyEngine(const ManifestSet& set, IpBlockScope scope);

  // The connections `source` may open to `destination`: everything when exempt, else the
  // source's egress AND the destination's ingress.
  ConnectionSet allowed(const Endpoint& source, const Endpoint& destination) const;

  // Whether the connection is exempt from policies: the same pod at both ends, or a pod and its
  // own node (an address of the node it runs on, from the inventory's nodes or its status.hostIP).
  Exemption exemption(const Endpoint& source, const Endpoint& destination) const;
  // The addresses of the node `pod` runs on, as far as they are known.
  std::vector<IpAddress> node_addresses(const ClusterPod& pod) const;

  // What one side allows: `subject` is the source for egress and the destination for ingress.
  // Fills `why` when given.
  ConnectionSet side(PolicyType type, const Endpoint& subject, const Endpoint& peer,
                     SideExplanation* why = nullptr) const;

  // What NetworkPolicies alone allow on one side (all when no NetworkPolicy or Cilium policy
  // isolates the subject; none when only Cilium policies do).
  ConnectionSet network_policy_side(PolicyType type, const Endpoint& subject, const Endpoint& peer,
                                    SideExplanation* why = nullptr) const;

  bool selects(const NetworkPolicy& policy, const ClusterPod& pod) const;
  bool selects(const TieredPolicy& policy, const ClusterPod& pod) const;
  bool peer_matches(const TieredPeer& peer, const Endpoint& other) const;
  // The ports `rule` names toward `destination` (all when it names none).
  ConnectionSet rule_ports(const TieredRule& rule, const Endpoint& destination) const;
  // The Admin and Baseline tier policies, each in the order they decide: by priority, then name.
  const std::vector<const TieredPolicy*>& tier(Tier tier) const { return tier == Tier::admin ? m_admin : m_baseline; }

  bool isolated(const ClusterPod& pod, PolicyType type) const;
  bool selects(const CiliumPolicy& policy, const ClusterPod& pod) const;
  // What the allow rules (or, with `deny`, the deny rules) of the Cilium policies selecting the
  // subject match toward `peer`. Fills `why->cilium` when given.
  ConnectionSet cilium_side(PolicyType type, const Endpoint& subject, const Endpoint& peer, bool deny,
                            SideExplanation* why = nullptr) const;
  bool peer_matches(const PolicyPeer& peer, const std::string& policy_namespace, const Endpoint& other) const;
  // The ports `rule` allows toward `destination` (named ports resolve against its container
  // ports by name and protocol; toward an address they match nothing). `note` tells why a named
  // port matched nothing.
  ConnectionSet rule_ports(const PolicyRule& rule, const Endpoint& destination, std::string* note = nullptr) const;

  const ManifestSet& manifests() const { return m_set; }

 private:
  // What selects one pod, found once per pod of the set: connectivity asks about each pod once
  // per peer, and policies are many.
  struct Selection {
    std::vector<const NetworkPolicy*> ingress;  // the NetworkPolicies isolating it, per direction
    std::vector<const NetworkPolicy*> egress;
    std::vector<const TieredPolicy*> admin;  // the tier policies selecting it, in the order they decide
    std::vector<const TieredPolicy*> baseline;
  };
  Selection select(const ClusterPod& pod) const;
  const Selection& selection(const ClusterPod& pod) const;
  // The labels of a namespace (with kubernetes.io/metadata.name), built once.
  const Labels& labels_of_namespace(const std::string& name) const;

  void index_tiers();
  bool cilium_isolated(const ClusterPod& pod, PolicyType type) const;
  // `required`: the fromRequires/toRequires selectors every endpoints match must also satisfy.
  bool peer_matches(const CiliumRule& rule, const ClusterPod& subject, const Endpoint& other,
                    const std::vector<const LabelSelector*>& required) const;
  bool entity_matches(const std::string& entity, const ClusterPod& subject, const Endpoint& other) const;
  ConnectionSet rule_ports(const CiliumRule& rule, const Endpoint& destination, std::string& note) const;
  // Runs the rules of one tier over what is still `open`: what they allow joins `allowed`, what
  // they pass joins `passed` (when given; else a Pass allows, as after the Baseline tier), and
  // what any rule decides leaves `open`.
  void decide_tier(Tier tier, PolicyType type, const Endpoint& subject, const Endpoint& peer, ConnectionSet& open,
                   ConnectionSet& allowed, ConnectionSet* passed, std::vector<TieredDecision>* why) const;

  const ManifestSet& m_set;
  IpBlockScope m_scope;
  std::vector<const TieredPolicy*> m_admin;
  std::vector<const TieredPolicy*> m_baseline;
  std::map<std::string, std::vector<const NetworkPolicy*>> m_policies_by_namespace;
  // Filled as pods are asked about; only pods of the set are kept (by their index in it).
  mutable std::vector<std::optional<Selection>> m_selections;
  mutable std::map<std::string, Labels> m_namespace_labels;
};

// What the engine reads in `set` but cannot decide from addresses (domainNames peers, nodes peers
// without node labels, Cilium's toFQDNs, toServices, L7 rules and entities such as
// kube-apiserver), one sentence per rule: the engine takes them to match nothing, so a result
// that depends on them must say so.
std::vector<std::string> not_evaluated(const ManifestSet& set);

}  // namespace netobs
