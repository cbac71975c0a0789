#include <algorithm>

#include <netobs/edge_check.hpp>
#include <netobs/plural.hpp>

#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_observed_flow_blocked(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.flows) return out;
  for (const auto& [edge, stats] : ctx.flows->edges) {
    const EdgeVerdict verdict = check_edge(*ctx.engine, edge, ctx.flows);
    if (!verdict.evaluated || verdict.allowed()) continue;  // nodes, unknown addresses, workloads not in the manifests
    const PolicyType type = !verdict.egress ? PolicyType::egress : PolicyType::ingress;
    const Blocker& blocker = type == PolicyType::egress ? verdict.egress_blocker : verdict.ingress_blocker;
    const NetworkPolicy* policy = blocker.policy;
    std::string message =
        "observed " + std::string(to_string(edge.protocol)) + " " + std::to_string(edge.port) + " from " +
        to_string(edge.client) + " to " + to_string(edge.server) + " (" + counted(stats.flows, "flow", "flows") +
        ") is blocked by the " +
        describe_blocked_side(type, type == PolicyType::egress ? edge.client : edge.server, blocker) +
        (!verdict.egress && !verdict.ingress
             ? ", and by the " + describe_blocked_side(PolicyType::ingress, edge.server, verdict.ingress_blocker)
             : "");
    std::vector<std::string> involves;
    for (const Peer* end : {&edge.client, &edge.server}) {
      if (end->kind == PeerKind::workload) involves.push_back(end->workload.namespace_name);
    }
    // At the NetworkPolicy object that isolates the side, which names it where it has no file line;
    // at the rule or policy of another kind that blocks it.
    const auto input = policy ? std::find_if(ctx.policies.begin(), ctx.policies.end(),
                                             [&](const PolicyInput& candidate) { return candidate.policy == policy; })
                              : ctx.policies.end();
    if (input != ctx.policies.end()) {
      out.push_back(ctx.at(*input, "", std::move(message)));
    } else {
      Diagnostic d;
      d.message = std::move(message);
      d.location = blocker.location;
      out.push_back(std::move(d));
    }
    out.back().involves = std::move(involves);
  }
  return out;
}

}  // namespace

const Rule k_observed_flow_blocked{
    "observed-flow-blocked", Severity::error, "Observed connection (from {option:flows}) that the policies would block",
    "Allow the connection in the policy named (netobs recommend writes the rule), or confirm the traffic is unwanted.",
    &check_observed_flow_blocked};

}  // namespace netobs::lint::rules
