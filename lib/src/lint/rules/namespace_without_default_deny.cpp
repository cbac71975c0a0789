#include <map>

#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// A policy that selects every pod of its namespace and allows nothing in `type`.
bool denies_all(const NetworkPolicy& policy, PolicyType type) {
  return policy.isolates(type) && policy.pod_selector.empty() &&
         (type == PolicyType::ingress ? policy.ingress : policy.egress).empty();
}

// Whether an Admin or Baseline tier or a Cilium policy denies everything to (or from) a workload
// created in `ns` tomorrow: a pod with labels no policy names, toward a pod of a namespace no
// policy names. Cluster-scoped default denies (the tiers `recommend --default-deny` writes for
// the eks and clusternetworkpolicy kinds, a CiliumClusterwideNetworkPolicy) cover namespaces so.
bool denied_by_other_kinds(const LintContext& ctx, const std::string& ns, PolicyType type) {
  if (ctx.set->tiered.empty() && ctx.set->cilium.empty()) return false;
  return side_toward_stranger(ctx, newcomer_pod(ns), type).empty();
}

Diagnostics check_namespace_without_default_deny(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  std::map<std::string, const ClusterPod*> namespaces;
  for (const auto& pod : ctx.set->pods) {
    if (!is_system_namespace(pod.namespace_name)) namespaces.try_emplace(pod.namespace_name, &pod);
  }
  for (const auto& entry : namespaces) {
    const std::string& ns = entry.first;  // not a structured binding: the lambda captures it (clang 14)
    const auto* pod = entry.second;
    std::vector<std::string> missing;
    for (PolicyType type : {PolicyType::ingress, PolicyType::egress}) {
      const bool found = std::any_of(ctx.set->policies.begin(), ctx.set->policies.end(), [&](const NetworkPolicy& p) {
        return p.namespace_name == ns && denies_all(p, type);
      });
      if (!found && !denied_by_other_kinds(ctx, ns, type))
        missing.push_back(type == PolicyType::ingress ? "Ingress" : "Egress");
    }
    if (missing.empty()) continue;
    Diagnostic d = ctx.about(*pod, "");
    d.object = ObjectRef{"Namespace", "", ns};
    d.message = "namespace " + ns + " has no default-deny policy for " + missing.front() +
                (missing.size() > 1 ? " and " + missing.back() : "") +
                ": a new workload there is open until someone writes its policy";
    // At the Namespace object when one declares it: a pod is only where the namespace was seen.
    const auto declared = ctx.set->namespace_locations.find(ns);
    if (declared != ctx.set->namespace_locations.end()) {
      d.location = declared->second;
      d.in_file = true;  // Namespace objects are located in files only (the manifests, a file inventory)
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const Rule k_namespace_without_default_deny{"namespace-without-default-deny", Severity::warning,
                                            "Namespace without a default-deny policy",
                                            "Add a policy with podSelector: {}, policyTypes [Ingress, Egress] and no "
                                            "rules (netobs recommend {option:default_deny}).",
                                            &check_namespace_without_default_deny};

}  // namespace netobs::lint::rules
