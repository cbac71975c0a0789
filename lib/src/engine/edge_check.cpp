#include <netobs/edge_check.hpp>

namespace netobs {
namespace {

// The first policy that isolates `pod` in `type`: where the blocking is written.
const NetworkPolicy* isolating_policy(const PolicyEngine& engine, const ClusterPod& pod, PolicyType type) {
  for (const auto& policy : engine.manifests().policies) {
    if (policy.isolates(type) && engine.selects(policy, pod)) return &policy;
  }
  return nullptr;
}

}  // namespace

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

EdgeVerdict check_edge(const PolicyEngine& engine, const EdgeId& edge) {
  EdgeVerdict verdict;
  const auto clients = endpoints_of(engine.manifests(), edge.client);
  const auto servers = endpoints_of(engine.manifests(), edge.server);
  if (clients.empty() || servers.empty()) return verdict;
  const Endpoint& client = clients.front();
  const Endpoint& server = servers.front();
  if (client.pod && client.pod == server.pod) return verdict;
  verdict.evaluated = true;
  verdict.egress = engine.side(PolicyType::egress, client, server).contains(edge.protocol, edge.port);
  verdict.ingress = engine.side(PolicyType::ingress, server, client).contains(edge.protocol, edge.port);
  if (!verdict.egress && client.pod) verdict.egress_policy = isolating_policy(engine, *client.pod, PolicyType::egress);
  if (!verdict.ingress && server.pod)
    verdict.ingress_policy = isolating_policy(engine, *server.pod, PolicyType::ingress);
  return verdict;
}

}  // namespace netobs
