#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_host_network_selected(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    // A policy for the whole namespace (podSelector: {}, as a default deny) is meant for its
    // pod-network pods: the host-network pods it also selects are not what it is written for.
    if (input.policy->pod_selector.empty()) continue;
    const auto hit = workloads_where(
        *ctx.set, [&](const ClusterPod& pod) { return pod.host_network && ctx.engine->selects(*input.policy, pod); });
    if (!hit.empty()) {
      out.push_back(ctx.at(input, "/spec/podSelector",
                           "the policy selects host-network pods (" + hit.front() +
                               "): most CNIs do not enforce NetworkPolicies on them, so it does not protect them"));
    }
  }
  return out;
}

}  // namespace

const Rule k_host_network_selected{
    "host-network-selected", Severity::warning, "Policy selecting host-network pods",
    "Protect host-network pods with host firewalls; narrow the podSelector to pod-network pods.",
    &check_host_network_selected};

}  // namespace netobs::lint::rules
