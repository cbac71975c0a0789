#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

bool only(const json& peer, const char* key) {
  return peer.is_object() && peer.size() == 1 && peer.contains(key) && peer[key].is_object();
}

// `podSelector: {}` beside a namespaceSelector: as one element it would add nothing to the
// namespaceSelector, so the author meant OR (every pod of this namespace, and those namespaces).
bool empty_pod_selector(const json& peer) { return only(peer, "podSelector") && peer["podSelector"].empty(); }

Diagnostics check_split_peer_selectors(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_rule(input, [&](PolicyType type, const json& rule, const std::string& pointer) {
      const char* key = type == PolicyType::ingress ? "from" : "to";
      if (!rule.contains(key) || !rule[key].is_array()) return;
      const json& peers = rule[key];
      for (std::size_t i = 0; i + 1 < peers.size(); ++i) {
        const json& a = peers[i];
        const json& b = peers[i + 1];
        if (((only(a, "podSelector") && only(b, "namespaceSelector")) ||
             (only(a, "namespaceSelector") && only(b, "podSelector"))) &&
            !empty_pod_selector(a) && !empty_pod_selector(b)) {
          out.push_back(
              ctx.at(input, pointer + "/" + key + "/" + std::to_string(i + 1),
                     std::string("podSelector and namespaceSelector are two ") + key +
                         " elements (OR): every pod of the selected namespaces is allowed; as one element they "
                         "would be AND"));
        }
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_split_peer_selectors{
    "split-peer-selectors", Severity::warning,
    "podSelector and namespaceSelector as two list elements where one AND element was likely meant",
    "Put podSelector and namespaceSelector in the same element (drop the '-' before the second) to require both.",
    &check_split_peer_selectors};

}  // namespace netobs::lint::rules
