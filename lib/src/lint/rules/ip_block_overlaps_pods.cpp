#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_ip_block_overlaps_pods(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  for (const auto& input : ctx.policies) {
    for_each_peer(input, [&](PolicyType, const json& peer, const std::string& pointer) {
      if (!peer.is_object() || !peer.contains("ipBlock") || !peer["ipBlock"].is_object()) return;
      IpBlock block;
      if (!peer["ipBlock"].contains("cidr") || !peer["ipBlock"]["cidr"].is_string()) return;
      block.cidr = peer["ipBlock"]["cidr"].get<std::string>();
      if (peer["ipBlock"].contains("except") && peer["ipBlock"]["except"].is_array()) {
        for (const auto& e : peer["ipBlock"]["except"]) {
          if (e.is_string()) block.except.push_back(e.get<std::string>());
        }
      }
      const PolicyPeer policy_peer{std::nullopt, std::nullopt, block};
      const PolicyEngine all_scope(*ctx.set, IpBlockScope::all);
      const auto hit = workloads_where(*ctx.set, [&](const ClusterPod& pod) {
        return !pod.ips.empty() && all_scope.peer_matches(policy_peer, input.policy->namespace_name, Endpoint::of(pod));
      });
      if (hit.empty()) return;
      out.push_back(ctx.at(input, pointer + "/ipBlock/cidr",
                           "ipBlock " + block.cidr + " covers the pod addresses of " + hit.front() +
                               (hit.size() > 1 ? " and " + std::to_string(hit.size() - 1) + " more" : "") +
                               "; whether ipBlocks match pods depends on the CNI, so select pods with selectors"));
    });
  }
  return out;
}

}  // namespace

const Rule k_ip_block_overlaps_pods{
    "ip-block-overlaps-pods", Severity::warning, "ipBlock that covers pod addresses",
    "Select pods with podSelector/namespaceSelector, and keep ipBlocks for addresses outside the cluster (use except "
    "for the pod range).",
    &check_ip_block_overlaps_pods};

}  // namespace netobs::lint::rules
