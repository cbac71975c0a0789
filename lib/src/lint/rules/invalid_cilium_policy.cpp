#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// The Cilium parser records what Cilium's validation rejects as it reads; this rule reports those
// problems where they are.
Diagnostics check_invalid_cilium_policy(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& policy : ctx.set->cilium) {
    add_problems(out, policy.problems, ObjectRef{policy.kind, policy.namespace_name, policy.name});
  }
  return out;
}

}  // namespace

const Rule k_invalid_cilium_policy{
    "invalid-cilium-policy", Severity::error,
    "CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy that Cilium rejects (a bad CIDR, port, protocol, "
    "entity or selector, two kinds of L3 selector such as toFQDNs and toEndpoints in one rule, L7 rules in a "
    "deny rule, no endpointSelector)",
    "Fix the field named: Cilium rejects the policy, so it enforces none of it.", &check_invalid_cilium_policy};

}  // namespace netobs::lint::rules
