#include <map>

#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_workload_not_isolated(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  std::map<WorkloadRef, const ClusterPod*> open;
  for (const auto& pod : ctx.set->pods) {
    if (is_system_namespace(pod.namespace_name) || pod.host_network) continue;
    if (!ctx.engine->isolated(pod, PolicyType::ingress) || !ctx.engine->isolated(pod, PolicyType::egress)) {
      open.try_emplace(pod.owner, &pod);
    }
  }
  for (const auto& [ref, pod] : open) {
    const bool in = ctx.engine->isolated(*pod, PolicyType::ingress);
    const bool eg = ctx.engine->isolated(*pod, PolicyType::egress);
    out.push_back(
        ctx.about(*pod, workload_name(ref) + " is not isolated for " +
                            (!in && !eg ? "ingress or egress"
                             : !in      ? "ingress"
                                        : "egress") +
                            ": no NetworkPolicy selects it for that direction, so all such traffic is allowed"));
  }
  return out;
}

}  // namespace

const Rule k_workload_not_isolated{
    "workload-not-isolated", Severity::warning, "Workload that no policy isolates in a direction",
    "Write a policy for it (netobs recommend), or a namespace default-deny.", &check_workload_not_isolated};

}  // namespace netobs::lint::rules
