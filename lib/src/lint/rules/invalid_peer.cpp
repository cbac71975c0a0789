#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_invalid_peer(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_peer(input, [&](PolicyType type, const json& peer, const std::string& pointer) {
      const std::string list = type == PolicyType::ingress ? "from" : "to";
      if (!peer.is_object()) {
        out.push_back(ctx.at(input, pointer, "a " + list + " element is " + type_name(peer) + ", not a map"));
        return;
      }
      bool selector = false, block = false;
      for (const auto& [key, value] : peer.items()) {
        if (key == "podSelector" || key == "namespaceSelector") {
          if (value.is_null()) continue;
          if (!value.is_object()) {
            out.push_back(ctx.at(input, pointer + "/" + key, key + " is " + type_name(value) + ", not a map"));
          }
          selector = true;
        } else if (key == "ipBlock") {
          block = !value.is_null();
        } else {
          out.push_back(
              ctx.at(input, pointer + "/" + key,
                     "unknown field '" + key + "' in a peer (expected podSelector, namespaceSelector, ipBlock)"));
        }
      }
      if (!selector && !block) {
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
    "Peer the API server rejects (empty, unknown fields, ipBlock mixed with selectors)",
    "Give each from/to element either selectors (podSelector and/or namespaceSelector) or one ipBlock.",
    &check_invalid_peer};

}  // namespace netobs::lint::rules
