#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_inert_rules(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* types = input.at("/spec/policyTypes");
    if (!types || !types->is_array() || types->empty()) continue;  // defaulted types cover the rules
    for (const auto& [key, type] : {std::pair{"ingress", "Ingress"}, std::pair{"egress", "Egress"}}) {
      const json* rules = input.at(std::string("/spec/") + key);
      if (!rules || !rules->is_array() || rules->empty()) continue;
      if (std::find(types->begin(), types->end(), type) == types->end()) {
        out.push_back(ctx.at(
            input, std::string("/spec/") + key,
            std::string("spec.") + key + " has rules but policyTypes omits " + type + ": they never take effect"));
      }
    }
  }
  return out;
}

}  // namespace

const Rule k_inert_rules{"inert-rules", Severity::error, "Ingress or egress rules that policyTypes makes inert",
                         "Add the direction to spec.policyTypes, or delete the rules it omits.", &check_inert_rules};

}  // namespace netobs::lint::rules
