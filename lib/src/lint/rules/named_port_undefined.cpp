#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_named_port_undefined(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  for (const auto& input : ctx.policies) {
    const NetworkPolicy& policy = *input.policy;
    for_each_parsed_rule(input, [&](PolicyType type, const PolicyRule& rule, const std::string& pointer) {
      // The pods the named ports must be defined on: the policy's own for ingress, the peers'
      // for egress.
      std::vector<const ClusterPod*> destinations;
      for (const auto& pod : ctx.set->pods) {
        const bool match =
            type == PolicyType::ingress
                ? ctx.engine->selects(policy, pod)
                : (rule.peers.empty() || std::any_of(rule.peers.begin(), rule.peers.end(), [&](const PolicyPeer& p) {
                     return !p.ip_block && ctx.engine->peer_matches(p, policy.namespace_name, Endpoint::of(pod));
                   }));
        if (match) destinations.push_back(&pod);
      }
      if (destinations.empty()) return;
      for (std::size_t p = 0; p < rule.ports.size(); ++p) {
        const PolicyPort& port = rule.ports[p];
        const std::string* name = port.port ? std::get_if<std::string>(&*port.port) : nullptr;
        if (!name) continue;
        const Protocol protocol = port.protocol.value_or(Protocol::tcp);
        bool defined = false, other_protocol = false;
        for (const ClusterPod* pod : destinations) {
          for (const auto& cp : pod->ports) {
            if (cp.name != *name) continue;
            (cp.protocol == protocol ? defined : other_protocol) = true;
          }
        }
        if (defined) continue;
        out.push_back(ctx.at(input, pointer + "/ports/" + std::to_string(p) + "/port",
                             "named port '" + *name + "' " +
                                 (other_protocol ? "is defined on the destination pods only with another protocol than "
                                                 : "is not defined on any destination pod for ") +
                                 std::string(to_string(protocol)) + ": the rule matches nothing"));
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_named_port_undefined{
    "named-port-undefined", Severity::warning,
    "Named port that no selected destination pod defines (or defines with another protocol)",
    "Use a containerPort name the destination pods declare, with its protocol, or a port number.",
    &check_named_port_undefined};

}  // namespace netobs::lint::rules
