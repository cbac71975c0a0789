#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check(const LintContext& ctx) {
  Diagnostics out;
  if (!ctx.pods_known) return out;
  for (const auto& input : ctx.policies) {
    const NetworkPolicy& policy = *input.policy;
    for (PolicyType type : {PolicyType::ingress, PolicyType::egress}) {
      const auto& rules = type == PolicyType::ingress ? policy.ingress : policy.egress;
      for (std::size_t r = 0; r < rules.size(); ++r) {
        // The pods the named ports must be defined on: the policy's own for ingress, the
        // peers' for egress.
        std::vector<const ClusterPod*> destinations;
        for (const auto& pod : ctx.set->pods) {
          const bool match = type == PolicyType::ingress
                                 ? ctx.engine->selects(policy, pod)
                                 : (rules[r].peers.empty() ||
                                    std::any_of(rules[r].peers.begin(), rules[r].peers.end(), [&](const PolicyPeer& p) {
                                      return !p.ip_block && ctx.engine->peer_matches(p, policy.namespace_name, Endpoint::of(pod));
                                    }));
          if (match) destinations.push_back(&pod);
        }
        if (destinations.empty()) continue;
        for (std::size_t p = 0; p < rules[r].ports.size(); ++p) {
          const PolicyPort& port = rules[r].ports[p];
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
          const std::string pointer = std::string("/spec/") + (type == PolicyType::ingress ? "ingress/" : "egress/") +
                                      std::to_string(r) + "/ports/" + std::to_string(p) + "/port";
          out.push_back(ctx.at(input, pointer,
                               "named port '" + *name + "' " +
                                   (other_protocol ? "is defined on the destination pods only with another protocol than "
                                                   : "is not defined on any destination pod for ") +
                                   std::string(to_string(protocol)) + ": the rule matches nothing"));
        }
      }
    }
  }
  return out;
}

}  // namespace

const Rule k_named_port_undefined{
    "named-port-undefined", Severity::warning,
    "Named port that no selected destination pod defines (or defines with another protocol)",
    "Use a containerPort name the destination pods declare, with its protocol, or a port number.", &check};

}  // namespace netobs::lint::rules
