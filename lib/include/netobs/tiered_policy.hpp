// Cluster-scoped policies evaluated in tiers around NetworkPolicies: AdminNetworkPolicy and
// BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), ClusterNetworkPolicy
// (policy.networking.k8s.io/v1alpha2) and EKS's ClusterNetworkPolicy (networking.k8s.aws/v1alpha1).
// The four kinds share one meaning, so they are read into one model: the Admin tier decides first
// (by priority, first matching rule), Pass hands over to NetworkPolicies, and what they leave
// open the Baseline tier decides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/flow.hpp>
#include <netobs/labels.hpp>
#include <netobs/policy.hpp>

namespace netobs {

enum class Tier { admin, baseline };
enum class TieredAction { allow, deny, pass };

// Pods by namespace labels and pod labels; `namespaces:` alone is a pod selector that matches all.
struct TieredPods {
  LabelSelector namespace_selector;
  LabelSelector pod_selector;

  auto operator<=>(const TieredPods&) const = default;
};

// One element of `from`/`to`. Exactly one field is set in a valid peer; a malformed one (none or
// two) is kept with its error and matches nothing.
struct TieredPeer {
  enum class Kind { pods, nodes, networks, domain_names, invalid };
  Kind kind = Kind::invalid;
  TieredPods pods;                        // kind pods (`namespaces: S` is pods {S, {}})
  LabelSelector node_selector;            // kind nodes
  std::vector<IpBlock> networks;          // kind networks: CIDRs (without except)
  std::vector<std::string> domain_names;  // kind domain_names: not decidable from addresses

  auto operator<=>(const TieredPeer&) const = default;
};

// A destination port: a number or range of one protocol, or a container port by name.
struct TieredPort {
  Protocol protocol = Protocol::tcp;
  int first = 0;
  int last = 0;
  std::string name;  // a named port when not empty (first/last unused)

  auto operator<=>(const TieredPort&) const = default;
};

struct TieredRule {
  std::string name;
  TieredAction action = TieredAction::deny;
  std::vector<TieredPeer> peers;
  std::optional<std::vector<TieredPort>> ports;  // absent: all traffic
  SourceLocation location;

  // True when some peer names domains: what it allows depends on DNS answers, not on addresses.
  bool has_domain_names() const;
};

// A located reason a policy is invalid (what the API server's validation or np-guard rejects):
// lint reports it as an error, and analysis refuses a state that holds one.
struct PolicyProblem {
  SourceLocation location;
  std::string message;
};

struct TieredPolicy {
  std::string api_version;
  std::string kind;
  std::string name;
  Tier tier = Tier::admin;
  int priority = 0;  // lower decides first; a v1alpha1 BaselineAdminNetworkPolicy has none (0)
  TieredPods subject;
  std::vector<TieredRule> ingress;
  std::vector<TieredRule> egress;
  SourceLocation location;
  std::vector<PolicyProblem> problems;
  std::string as_written;  // the object as JSON, server-set fields left out: what diff compares

  const std::vector<TieredRule>& rules(PolicyType type) const { return type == PolicyType::ingress ? ingress : egress; }
  // The API group: EKS's and the upstream ClusterNetworkPolicy share a kind and a name space, yet
  // are separate resources (applying one never replaces the other).
  std::string group() const { return api_version.substr(0, api_version.find('/')); }
  // "ClusterNetworkPolicy.networking.k8s.aws": the resource type, with the name the identity of one.
  std::string resource() const { return kind + "." + group(); }
};

// "AdminNetworkPolicy deny-slytherin", for messages.
std::string describe(const TieredPolicy& policy);
// "AdminNetworkPolicy deny-all (v1alpha1) egress rule 2 (no-web)"; `index` counts from 0.
std::string describe_rule(const TieredPolicy& policy, PolicyType type, std::size_t index);
std::string_view to_string(TieredAction action);
std::string_view to_string(Tier tier);

}  // namespace netobs
