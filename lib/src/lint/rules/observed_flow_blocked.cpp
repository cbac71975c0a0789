#include "lint/rules/rules.hpp"


namespace netobs::lint::rules {
namespace {

// Endpoints standing for a graph peer: the pods of a workload, or the external address.
std::vector<Endpoint> endpoints_of(const LintContext& ctx, const Peer& peer) {
  std::vector<Endpoint> out;
  if (peer.kind == PeerKind::external) {
    out.push_back(Endpoint::range(peer.ip, peer.ip));
  } else if (peer.kind == PeerKind::workload) {
    for (const auto& pod : ctx.set->pods) {
      if (pod.owner == peer.workload) out.push_back(Endpoint::of(pod));
    }
  }
  return out;
}

// The first policy that isolates `pod` in `type`: where the blocking is written.
const NetworkPolicy* isolating_policy(const LintContext& ctx, const ClusterPod& pod, PolicyType type) {
  for (const auto& policy : ctx.set->policies) {
    if (policy.isolates(type) && ctx.engine->selects(policy, pod)) return &policy;
  }
  return nullptr;
}

Diagnostics check(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.flows) return out;
  for (const auto& [edge, stats] : ctx.flows->edges) {
    const auto clients = endpoints_of(ctx, edge.client);
    const auto servers = endpoints_of(ctx, edge.server);
    if (clients.empty() || servers.empty()) continue;  // nodes, unknown addresses, or workloads not in the manifests
    const Endpoint& client = clients.front();
    const Endpoint& server = servers.front();
    if (client.pod && client.pod == server.pod) continue;
    const bool egress = ctx.engine->side(PolicyType::egress, client, server).contains(edge.protocol, edge.port);
    const bool ingress = ctx.engine->side(PolicyType::ingress, server, client).contains(edge.protocol, edge.port);
    if (egress && ingress) continue;
    const ClusterPod* blocked_pod = !egress ? client.pod : server.pod;
    const PolicyType type = !egress ? PolicyType::egress : PolicyType::ingress;
    const NetworkPolicy* policy = blocked_pod ? isolating_policy(ctx, *blocked_pod, type) : nullptr;
    Diagnostic d;
    d.message = "observed " + std::string(to_string(edge.protocol)) + " " + std::to_string(edge.port) + " from " +
                to_string(edge.client) + " to " + to_string(edge.server) + " (" + std::to_string(stats.flows) +
                " flows) is blocked by the " + (type == PolicyType::egress ? "egress of " : "ingress of ") +
                (type == PolicyType::egress ? to_string(edge.client) : to_string(edge.server)) +
                (policy ? " (NetworkPolicy " + policy->namespace_name + "/" + policy->name + ")" : "") +
                (!egress && !ingress ? ", and by the ingress of " + to_string(edge.server) : "");
    if (policy) d.location = policy->location;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const Rule k_observed_flow_blocked{
    "observed-flow-blocked", Severity::error, "Observed connection (from --flows) that the policies would block",
    "Allow the connection in the policy named (netobs recommend writes the rule), or confirm the traffic is unwanted.",
    &check};

}  // namespace netobs::lint::rules
