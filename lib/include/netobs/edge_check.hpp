// Whether a set of policies lets an observed edge of the graph through, and which side blocks it:
// the question `lint --flows`, `diff --flows` and the verification of recommend all ask.
#pragma once

#include <vector>

#include <netobs/engine.hpp>
#include <netobs/graph.hpp>

namespace netobs {

struct EdgeVerdict {
  bool evaluated = false;  // both ends stand for something the manifests know (pods or an address)
  bool egress = false;     // the client's egress allows it
  bool ingress = false;    // the server's ingress allows it
  const NetworkPolicy* egress_policy = nullptr;   // a policy isolating the client, when egress blocks
  const NetworkPolicy* ingress_policy = nullptr;  // a policy isolating the server, when ingress blocks

  bool allowed() const { return egress && ingress; }
};

// The endpoints standing for a graph peer: the pods of a workload in the engine's manifests, or
// the external address; none for nodes and unexplained addresses.
std::vector<Endpoint> endpoints_of(const ManifestSet& set, const Peer& peer);

// Evaluates `edge` (its protocol and port) from the first pod of the client to the first pod of
// the server. Not evaluated when an end is unknown or both ends are one pod.
EdgeVerdict check_edge(const PolicyEngine& engine, const EdgeId& edge);

}  // namespace netobs
