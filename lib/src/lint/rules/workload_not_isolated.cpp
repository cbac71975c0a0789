#include <map>

#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// Open in `type`: no NetworkPolicy or Cilium policy isolates it, and no Admin or Baseline rule
// denies anything of that direction (toward a pod no policy names).
bool open_in(const LintContext& ctx, const ClusterPod& pod, PolicyType type) {
  if (ctx.engine->isolated(pod, type)) return false;
  return ctx.set->tiered.empty() || side_toward_stranger(ctx, pod, type).is_all();
}

Diagnostics check_workload_not_isolated(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  std::map<WorkloadRef, std::pair<bool, bool>> open;  // per workload: open in ingress, in egress
  std::map<WorkloadRef, const ClusterPod*> first_pod;
  for (const auto& pod : ctx.set->pods) {
    if (is_system_namespace(pod.namespace_name) || pod.host_network || first_pod.contains(pod.owner)) continue;
    first_pod.emplace(pod.owner, &pod);
    const bool in_open = open_in(ctx, pod, PolicyType::ingress), eg_open = open_in(ctx, pod, PolicyType::egress);
    if (in_open || eg_open) open.emplace(pod.owner, std::make_pair(in_open, eg_open));
  }
  for (const auto& [ref, directions] : open) {
    const ClusterPod* pod = first_pod.at(ref);
    const bool in = !directions.first;
    const bool eg = !directions.second;
    out.push_back(ctx.about(*pod, workload_name(ref) + " is not isolated for " +
                                      (!in && !eg ? "ingress or egress"
                                       : !in      ? "ingress"
                                                  : "egress") +
                                      ": no policy restricts that direction of it, so all such traffic is allowed"));
  }
  return out;
}

}  // namespace

const Rule k_workload_not_isolated{
    "workload-not-isolated", Severity::warning, "Workload that no policy isolates in a direction",
    "Write a policy for it (netobs recommend), or a namespace default-deny.", &check_workload_not_isolated};

}  // namespace netobs::lint::rules
