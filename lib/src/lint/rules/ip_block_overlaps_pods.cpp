#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_ip_block_overlaps_pods(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  const PolicyEngine all_scope(*ctx.set, IpBlockScope::all);
  for (const auto& input : ctx.policies) {
    // The parsed peers line up with the raw from/to lists, so the ranges parsed when the policy was
    // read are the ones judged here, and the finding points at the raw cidr.
    for_each_parsed_rule(input, [&](PolicyType type, const PolicyRule& rule, const std::string& rule_pointer) {
      for (std::size_t i = 0; i < rule.peers.size(); ++i) {
        const auto& block = rule.peers[i].ip_block;
        if (!block || !block->cidr_range) continue;
        const PolicyPeer block_only{std::nullopt, std::nullopt, block, {}};
        const auto hit = workloads_where(*ctx.set, [&](const ClusterPod& pod) {
          return !pod.ips.empty() &&
                 all_scope.peer_matches(block_only, input.policy->namespace_name, Endpoint::of(pod));
        });
        if (hit.empty()) continue;
        const std::string pointer =
            rule_pointer + (type == PolicyType::ingress ? "/from/" : "/to/") + std::to_string(i);
        out.push_back(ctx.at(input, pointer + "/ipBlock/cidr",
                             "ipBlock " + block->cidr + " covers the pod addresses of " + hit.front() +
                                 (hit.size() > 1 ? " and " + std::to_string(hit.size() - 1) + " more" : "") +
                                 "; whether ipBlocks match pods depends on the CNI, so select pods with selectors"));
      }
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
