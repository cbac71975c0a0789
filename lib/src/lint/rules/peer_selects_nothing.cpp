#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_peer_selects_nothing(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  for (const auto& input : ctx.policies) {
    const std::string& ns = input.policy->namespace_name;
    for_each_parsed_rule(input, [&](PolicyType type, const PolicyRule& rule, const std::string& pointer) {
      const char* list = type == PolicyType::ingress ? "from" : "to";
      for (std::size_t p = 0; p < rule.peers.size(); ++p) {
        const PolicyPeer& peer = rule.peers[p];
        if (peer.ip_block || (!peer.pod_selector && !peer.namespace_selector)) continue;
        const bool any = any_known_pod(
            ctx, [&](const ClusterPod& pod) { return ctx.engine->peer_matches(peer, ns, Endpoint::of(pod)); });
        if (!any) {
          Diagnostic d = ctx.at(input, pointer + "/" + list + "/" + std::to_string(p),
                                std::string("this ") + list + " peer " + selects_no_pod(ctx));
          lower_without_inventory(ctx, d);
          out.push_back(std::move(d));
        }
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_peer_selects_nothing{"peer-selects-nothing", Severity::warning, "Peer whose selectors match no known pod",
                                  "Fix the labels (of pods or namespaces) the peer selects, or delete the peer.",
                                  &check_peer_selects_nothing};

}  // namespace netobs::lint::rules
