#include <netobs/edge_check.hpp>

namespace netobs {
namespace {

Blocker tier_blocker(const TieredDecision& decision, PolicyType type) {
  return {describe_rule(*decision.policy, type, decision.rule - 1), decision.policy->location, nullptr};
}

// Whether `subject`'s side allows the edge; when not, what blocks it.
bool judge_side(const PolicyEngine& engine, PolicyType type, const Endpoint& subject, const Endpoint& peer,
                const EdgeId& edge, Blocker& blocker) {
  if (engine.side(type, subject, peer).contains(edge.protocol, edge.port)) return true;
  if (subject.pod) {
    // Explaining costs more than deciding: only for the sides that block.
    SideExplanation why;
    engine.side(type, subject, peer, &why);
    blocker = blocker_of(engine, why, *subject.pod, edge.protocol, edge.port);
  }
  return false;
}

}  // namespace

// What decided that a side does not allow `protocol port`, in the order the engine decides: an
// Admin Deny, a Cilium deny rule, the isolation by a namespaced policy, a Baseline Deny.
Blocker blocker_of(const PolicyEngine& engine, const SideExplanation& why, const ClusterPod& subject, Protocol protocol,
                   int port) {
  for (const auto& decision : why.admin) {
    if (decision.action == TieredAction::deny && decision.decided.contains(protocol, port))
      return tier_blocker(decision, why.type);
  }
  for (const auto& verdict : why.cilium) {
    if (verdict.deny && verdict.matched.contains(protocol, port)) {
      return {describe_rule(*verdict.policy, why.type, true, verdict.rule - 1),
              verdict.policy->rules(why.type, true)[verdict.rule - 1].location, nullptr};
    }
  }
  if (why.isolated) {
    for (const auto& policy : engine.manifests().policies) {
      if (policy.isolates(why.type) && engine.selects(policy, subject))
        return {describe(policy), policy.location, &policy};
    }
    for (const auto& policy : engine.manifests().cilium) {
      if (policy.isolates(why.type) && engine.selects(policy, subject))
        return {describe(policy), policy.location, nullptr};
    }
  }
  for (const auto& decision : why.baseline) {
    if (decision.action == TieredAction::deny && decision.decided.contains(protocol, port))
      return tier_blocker(decision, why.type);
  }
  return {};
}

std::string describe_blocked_side(PolicyType type, const Peer& subject, const Blocker& blocker) {
  return std::string(type == PolicyType::egress ? "egress of " : "ingress of ") + to_string(subject) +
         (blocker.what.empty() ? "" : " (" + blocker.what + ")");
}

std::vector<Endpoint> endpoints_of(const ManifestSet& set, const Peer& peer) {
  std::vector<Endpoint> out;
  if (peer.kind == PeerKind::external) {
    out.push_back(Endpoint::range(peer.ip, peer.ip));
  } else if (peer.kind == PeerKind::workload) {
    for (const auto& pod : set.pods) {
      if (pod.owner == peer.workload) out.push_back(Endpoint::of(pod));
    }
  }
  return out;
}

EdgeVerdict check_edge(const PolicyEngine& engine, const EdgeId& edge, const Graph* flows) {
  EdgeVerdict verdict;
  const auto clients = endpoints_of(engine.manifests(), edge.client);
  auto servers = endpoints_of(engine.manifests(), edge.server);
  if (clients.empty() || servers.empty()) return verdict;
  const Endpoint& client = clients.front();
  Endpoint& server = servers.front();
  if (flows && edge.client.kind == PeerKind::workload && edge.server.kind == PeerKind::external) {
    if (auto by_client = flows->resolved_names.find(edge.client.workload); by_client != flows->resolved_names.end()) {
      if (auto names = by_client->second.find(edge.server.ip); names != by_client->second.end())
        server.names = &names->second;
    }
  }
  if (client.pod && client.pod == server.pod) return verdict;
  verdict.evaluated = true;
  verdict.egress = judge_side(engine, PolicyType::egress, client, server, edge, verdict.egress_blocker);
  verdict.ingress = judge_side(engine, PolicyType::ingress, server, client, edge, verdict.ingress_blocker);
  return verdict;
}

}  // namespace netobs
