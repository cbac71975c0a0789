#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_namespace_omitted(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* metadata = input.at("/metadata");
    if (metadata && metadata->is_object() && !metadata->contains("namespace")) {
      out.push_back(ctx.at(input, "/metadata",
                           "metadata.namespace is omitted: the policy lands in whatever namespace it is applied to "
                           "(-n); intended for an install bundle?"));
    }
  }
  return out;
}

}  // namespace

// Info, not a warning: install bundles leave the namespace out on purpose and are applied with -n.
const Rule k_namespace_omitted{"namespace-omitted", Severity::info, "NetworkPolicy without metadata.namespace",
                               "Set metadata.namespace so the policy protects the namespace it was written for.",
                               &check_namespace_omitted};

}  // namespace netobs::lint::rules
