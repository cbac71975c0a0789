#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_policy_selects_nothing(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  for (const auto& input : ctx.policies) {
    // podSelector {} is the namespace's policy (a default deny): it is about the pods to come as
    // much as those running, and a namespace without pods is no defect of it.
    if (input.policy->pod_selector.empty()) continue;
    const bool any = any_known_pod(ctx, [&](const ClusterPod& pod) { return ctx.engine->selects(*input.policy, pod); });
    if (!any) {
      Diagnostic d = ctx.at(input, "/spec/podSelector",
                            "the podSelector " + selects_no_pod(ctx, " in namespace " + input.policy->namespace_name));
      lower_without_inventory(ctx, d);
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace

const Rule k_policy_selects_nothing{
    "policy-selects-nothing", Severity::warning, "Policy whose podSelector selects no known pod",
    "Fix the labels or the namespace, or delete the policy.", &check_policy_selects_nothing};

}  // namespace netobs::lint::rules
