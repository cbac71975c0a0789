#include <map>
#include <tuple>

#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_duplicate_policy(const LintContext& ctx) {
  Diagnostics out;
  // An ApplicationNetworkPolicy is another resource: it may share a NetworkPolicy's name.
  std::map<std::tuple<std::string, std::string, std::string>, const PolicyInput*> seen;
  for (const auto& input : ctx.policies) {
    if (input.policy->name.empty()) continue;
    const auto key = std::make_tuple(input.policy->kind, input.policy->namespace_name, input.policy->name);
    auto [it, inserted] = seen.emplace(key, &input);
    if (inserted) continue;
    const SourceLocation first = it->second->policy->location;
    out.push_back(ctx.at(input, "/metadata/name",
                         describe(*input.policy) + " is also defined at " + first.file + ":" +
                             std::to_string(first.line) + "; the API server keeps only one"));
  }
  return out;
}

}  // namespace

const Rule k_duplicate_policy{"duplicate-policy", Severity::error,
                              "Two NetworkPolicies with the same namespace and name",
                              "Rename one of them, or merge their rules into one policy.", &check_duplicate_policy};

}  // namespace netobs::lint::rules
