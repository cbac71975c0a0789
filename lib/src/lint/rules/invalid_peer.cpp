#include "lint/rules/rules.hpp"
#include "util/domain_name.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

// An ApplicationNetworkPolicy's `domainNames`: a non-empty list of names the CRD's pattern accepts.
void check_domain_names(const LintContext& ctx, const PolicyInput& input, const json& names, const std::string& pointer,
                        Diagnostics& out) {
  if (!names.is_array() || names.empty()) {
    out.push_back(ctx.at(input, pointer, "domainNames must be a non-empty list of domain names"));
    return;
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].is_string() || !valid_domain_name(names[i].get<std::string>())) {
      out.push_back(ctx.at(input, pointer + "/" + std::to_string(i),
                           k8s::to_json_text(names[i]) +
                               " is not a domain name (letters, digits, '-' and '_' in two or more labels; '*.' "
                               "only as a prefix)"));
    }
  }
}

Diagnostics check_invalid_peer(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    // Only an ApplicationNetworkPolicy's egress peers may name domains.
    const bool application = input.policy->is_application_policy();
    for_each_peer(input, [&](PolicyType type, const json& peer, const std::string& pointer) {
      const std::string list = type == PolicyType::ingress ? "from" : "to";
      if (!peer.is_object()) {
        out.push_back(ctx.at(input, pointer, "a " + list + " element is " + type_name(peer) + ", not a map"));
        return;
      }
      bool selector = false, block = false, domains = false;
      for (const auto& [key, value] : peer.items()) {
        if (key == "domainNames" && application && type == PolicyType::egress) {
          domains = true;
          check_domain_names(ctx, input, value, pointer + "/" + key, out);
          continue;
        }
        if (key == "podSelector" || key == "namespaceSelector") {
          if (value.is_null()) continue;
          if (!value.is_object()) {
            out.push_back(ctx.at(input, pointer + "/" + key, key + " is " + type_name(value) + ", not a map"));
          }
          selector = true;
        } else if (key == "ipBlock") {
          block = !value.is_null();
        } else {
          out.push_back(ctx.at(input, pointer + "/" + key,
                               "unknown field '" + key +
                                   "' in a peer (expected podSelector, namespaceSelector, ipBlock" +
                                   (application && type == PolicyType::egress ? ", domainNames)" : ")")));
        }
      }
      if (domains && (selector || block)) {
        out.push_back(ctx.at(input, pointer,
                             "domainNames stands alone: it cannot be combined with podSelector, "
                             "namespaceSelector or ipBlock in one peer"));
      }
      if (!selector && !block && !domains) {
        out.push_back(ctx.at(input, pointer, "empty peer: set podSelector, namespaceSelector or ipBlock"));
      }
      if (selector && block) {
        out.push_back(
            ctx.at(input, pointer, "ipBlock cannot be combined with podSelector or namespaceSelector in one peer"));
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_invalid_peer{
    "invalid-peer", Severity::error,
    "Peer the API server rejects (empty, unknown fields, ipBlock mixed with selectors, a domainNames peer that "
    "is not alone or names no valid domain)",
    "Give each from/to element either selectors (podSelector and/or namespaceSelector) or one ipBlock.",
    &check_invalid_peer};

}  // namespace netobs::lint::rules
