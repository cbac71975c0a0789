#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* version = input.at("/apiVersion");
    if (!version) {
      out.push_back(ctx.at(input, "", "apiVersion is missing; NetworkPolicy is networking.k8s.io/v1"));
    } else if (*version != "networking.k8s.io/v1") {
      out.push_back(ctx.at(input, "/apiVersion",
                           "apiVersion " + version->dump() + " is not networking.k8s.io/v1, the only NetworkPolicy API"));
    }
  }
  return out;
}

}  // namespace

const Rule k_invalid_api_version{
    "invalid-api-version", Severity::error, "NetworkPolicy with an apiVersion other than networking.k8s.io/v1",
    "Set apiVersion: networking.k8s.io/v1.", &check};

}  // namespace netobs::lint::rules
