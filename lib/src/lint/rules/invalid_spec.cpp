#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

void check_rules(const LintContext& ctx, const PolicyInput& input, const char* direction, const char* peers_key,
                 Diagnostics& out) {
  const std::string pointer = std::string("/spec/") + direction;
  const json* rules = input.at(pointer);
  if (!rules || rules->is_null()) return;
  if (!rules->is_array()) {
    out.push_back(
        ctx.at(input, pointer, std::string("spec.") + direction + " is " + type_name(*rules) + ", not a list"));
    return;
  }
  for (std::size_t i = 0; i < rules->size(); ++i) {
    const json& rule = (*rules)[i];
    const std::string at = pointer + "/" + std::to_string(i);
    if (!rule.is_object()) {
      out.push_back(ctx.at(
          input, at,
          std::string(direction) + " rule #" + std::to_string(i + 1) + " is " + type_name(rule) + ", not a map"));
      continue;
    }
    for (const auto& [key, value] : rule.items()) {
      if (key != peers_key && key != "ports") {
        out.push_back(
            ctx.at(input, at + "/" + key,
                   "unknown field '" + key + "' in a " + direction + " rule (expected " + peers_key + ", ports)"));
      } else if (!value.is_array() && !value.is_null()) {
        out.push_back(ctx.at(input, at + "/" + key, "'" + key + "' is " + type_name(value) + ", not a list"));
      }
    }
  }
}

Diagnostics check_invalid_spec(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* spec = input.at("/spec");
    if (!spec || spec->is_null()) {
      out.push_back(ctx.at(input, spec ? "/spec" : "", "spec is missing"));
      continue;
    }
    if (!spec->is_object()) {
      out.push_back(ctx.at(input, "/spec", "spec is " + type_name(*spec) + ", not a map"));
      continue;
    }
    for (const auto& [key, value] : spec->items()) {
      if (key != "podSelector" && key != "policyTypes" && key != "ingress" && key != "egress") {
        out.push_back(ctx.at(input, "/spec/" + key,
                             "unknown field spec." + key + " (expected podSelector, policyTypes, ingress, egress)"));
      }
    }
    const json* selector = input.at("/spec/podSelector");
    if (!selector || selector->is_null()) {
      out.push_back(ctx.at(input, selector ? "/spec/podSelector" : "/spec",
                           "spec.podSelector is missing; use {} to select every pod of the namespace"));
    } else if (!selector->is_object()) {
      out.push_back(ctx.at(input, "/spec/podSelector", "spec.podSelector is " + type_name(*selector) + ", not a map"));
    }
    if (const json* types = input.at("/spec/policyTypes"); types && !types->is_null()) {
      if (!types->is_array()) {
        out.push_back(ctx.at(input, "/spec/policyTypes", "spec.policyTypes is " + type_name(*types) + ", not a list"));
      } else {
        for (std::size_t i = 0; i < types->size(); ++i) {
          if ((*types)[i] != "Ingress" && (*types)[i] != "Egress") {
            out.push_back(ctx.at(input, "/spec/policyTypes/" + std::to_string(i),
                                 "policy type " + k8s::to_json_text((*types)[i]) + " is neither Ingress nor Egress"));
          }
        }
      }
    }
    check_rules(ctx, input, "ingress", "from", out);
    check_rules(ctx, input, "egress", "to", out);
  }
  return out;
}

}  // namespace

const Rule k_invalid_spec{
    "invalid-spec", Severity::error,
    "NetworkPolicy spec the API server rejects (missing podSelector, unknown fields, wrong types)",
    "Write spec with podSelector (a map; {} selects all pods), policyTypes (Ingress/Egress) and ingress/egress "
    "lists of rules with from/to and ports.",
    &check_invalid_spec};

}  // namespace netobs::lint::rules
