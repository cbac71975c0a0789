#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_invalid_api_version(const LintContext& ctx) {
  Diagnostics out;
  // A policy whose kind is misspelt would otherwise be skipped as some other kind.
  for (const ManifestObject* object : ctx.objects) {
    const json& value = object->value();
    if (object->kind == "NetworkPolicy" || !value.contains("apiVersion") || !value["apiVersion"].is_string()) continue;
    if (value["apiVersion"].get<std::string>().starts_with("networking.k8s.io/") &&
        object->kind != "NetworkPolicyList" && object->kind != "Ingress" && object->kind != "IngressClass") {
      out.push_back(ctx.at(
          *object, "/kind",
          "kind '" + object->kind + "' is not a networking.k8s.io kind netobs knows; did you mean NetworkPolicy?"));
    }
  }
  for (const auto& input : ctx.policies) {
    if (input.policy->is_application_policy()) continue;  // read as one only with its own apiVersion
    const json* version = input.at("/apiVersion");
    if (!version) {
      out.push_back(ctx.at(input, "", "apiVersion is missing; NetworkPolicy is networking.k8s.io/v1"));
    } else if (*version != "networking.k8s.io/v1") {
      out.push_back(ctx.at(
          input, "/apiVersion",
          "apiVersion " + k8s::to_json_text(*version) + " is not networking.k8s.io/v1, the only NetworkPolicy API"));
    }
  }
  return out;
}

}  // namespace

const Rule k_invalid_api_version{
    "invalid-api-version", Severity::error,
    "NetworkPolicy with an apiVersion other than networking.k8s.io/v1, or a networking.k8s.io object of unknown kind",
    "Set apiVersion: networking.k8s.io/v1 and kind: NetworkPolicy.", &check_invalid_api_version};

}  // namespace netobs::lint::rules
