#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_policy_types_omitted(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* types = input.at("/spec/policyTypes");
    if (input.at("/spec") && (!types || types->is_null() || (types->is_array() && types->empty()))) {
      out.push_back(ctx.at(input, "/spec",
                           "policyTypes is omitted: the policy isolates Ingress, and Egress only while it has egress "
                           "rules; removing the last egress rule silently opens egress"));
    }
  }
  return out;
}

}  // namespace

const Rule k_policy_types_omitted{"policy-types-omitted", Severity::warning, "NetworkPolicy without policyTypes",
                                  "List the directions the policy isolates in spec.policyTypes.",
                                  &check_policy_types_omitted};

}  // namespace netobs::lint::rules
