#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// The parser of the tiered kinds records what the API server or np-guard rejects as it reads;
// this rule reports those problems where they are.
Diagnostics check_invalid_cluster_policy(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& policy : ctx.set->tiered)
    add_problems(out, policy.problems, ObjectRef{policy.kind, "", policy.name});
  return out;
}

}  // namespace

const Rule k_invalid_cluster_policy{
    "invalid-cluster-policy", Severity::error,
    "Admin, Baseline or cluster network policy that is rejected (priority out of range, two of one name or "
    "priority, a subject or peer with zero or two fields, no peers, a bad port, action or CIDR)",
    "Fix the field named: the API server rejects the policy, or its meaning is undefined.",
    &check_invalid_cluster_policy};

}  // namespace netobs::lint::rules
