// Whether a set of policies lets an observed edge of the graph through, and which side blocks it:
// the question `lint --flows`, `diff --flows` and the verification of recommend all ask.
#pragma once

#include <string>
#include <vector>

#include <netobs/engine.hpp>
#include <netobs/graph.hpp>

namespace netobs {

// What blocks one side of an edge: the rule that denies it (an Admin or Baseline tier Deny, a
// Cilium deny rule) or the policy that isolates the side and allows none of it.
struct Blocker {
  std::string what;  // "NetworkPolicy shop/web", "AdminNetworkPolicy deny (v1alpha1) egress rule 1"; "" when none
  SourceLocation location;                // where it is written
  const NetworkPolicy* policy = nullptr;  // when it is a NetworkPolicy (or ApplicationNetworkPolicy)
};

struct EdgeVerdict {
  bool evaluated = false;   // both ends stand for something the manifests know (pods or an address)
  bool egress = false;      // the client's egress allows it
  bool ingress = false;     // the server's ingress allows it
  Blocker egress_blocker;   // when egress blocks
  Blocker ingress_blocker;  // when ingress blocks

  bool allowed() const { return egress && ingress; }
};

// What decided that the side `why` explains (of `subject`) does not allow `protocol port`, in the
// order the engine decides: an Admin Deny, a Cilium deny rule, the isolation by a namespaced
// policy, a Baseline Deny.
Blocker blocker_of(const PolicyEngine& engine, const SideExplanation& why, const ClusterPod& subject, Protocol protocol,
                   int port);

// "egress of shop/web[Deployment] (NetworkPolicy shop/web)": one side that blocks, for messages.
std::string describe_blocked_side(PolicyType type, const Peer& subject, const Blocker& blocker);

// The endpoints standing for a graph peer: the pods of a workload in the engine's manifests, or
// the external address; none for nodes and unexplained addresses.
std::vector<Endpoint> endpoints_of(const ManifestSet& set, const Peer& peer);

// Evaluates `edge` (its protocol and port) from the first pod of the client to the first pod of
// the server. Not evaluated when an end is unknown or both ends are one pod. `flows`, when given,
// is the graph the edge comes from: the names its client resolved the server's address to decide
// domainNames and toFQDNs peers.
EdgeVerdict check_edge(const PolicyEngine& engine, const EdgeId& edge, const Graph* flows = nullptr);

}  // namespace netobs
