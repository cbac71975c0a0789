#include <algorithm>

#include <fmt/format.h>

#include <netobs/engine.hpp>

namespace netobs {
namespace {

// True when every address of [first, last] is inside the ipBlock (cidr minus except).
bool block_covers(const IpBlock& block, const IpAddress& first, const IpAddress& last) {
  const auto& cidr = block.cidr_range;
  if (!cidr || !cidr->contains(first) || !cidr->contains(last)) return false;
  for (const auto& except : block.except_ranges) {
    if (!except) continue;
    // The range meets the except when they overlap; ranges are atoms of all blocks, so a
    // partial overlap does not occur for connectivity, and a single address is either in or out.
    if (except->contains(first) || except->contains(last)) return false;
  }
  return true;
}

}  // namespace

PolicyEngine::PolicyEngine(const ManifestSet& set, IpBlockScope scope) : m_set(set), m_scope(scope) { index_tiers(); }

bool PolicyEngine::selects(const NetworkPolicy& policy, const ClusterPod& pod) const {
  // Host-network pods are judged like others, as the API server and np-guard do; lint warns that
  // most CNIs do not enforce policies on them.
  return policy.namespace_name == pod.namespace_name && policy.pod_selector.matches(pod.labels);
}

bool PolicyEngine::isolated(const ClusterPod& pod, PolicyType type) const {
  return std::any_of(m_set.policies.begin(), m_set.policies.end(),
                     [&](const NetworkPolicy& p) { return p.isolates(type) && selects(p, pod); }) ||
         cilium_isolated(pod, type);
}

bool PolicyEngine::peer_matches(const PolicyPeer& peer, const std::string& policy_namespace,
                                const Endpoint& other) const {
  if (peer.ip_block) {
    if (!other.pod) return block_covers(*peer.ip_block, other.first, other.last);
    if (m_scope == IpBlockScope::external || other.pod->ips.empty()) return false;
    return std::any_of(other.pod->ips.begin(), other.pod->ips.end(),
                       [&](const IpAddress& ip) { return block_covers(*peer.ip_block, ip, ip); });
  }
  if (!other.pod) return false;
  if (!peer.pod_selector && !peer.namespace_selector) return false;  // an empty peer (rejected by the API)
  if (peer.namespace_selector) {
    if (!peer.namespace_selector->matches(m_set.namespace_labels(other.pod->namespace_name))) return false;
  } else if (other.pod->namespace_name != policy_namespace) {
    return false;
  }
  return !peer.pod_selector || peer.pod_selector->matches(other.pod->labels);
}

ConnectionSet PolicyEngine::rule_ports(const PolicyRule& rule, const Endpoint& destination, std::string* note) const {
  if (rule.ports.empty()) return ConnectionSet::all();
  ConnectionSet allowed;
  for (const auto& port : rule.ports) {
    const Protocol protocol = port.protocol.value_or(Protocol::tcp);
    if (!port.port) {
      allowed.add_all(protocol);
    } else if (const int* number = std::get_if<int>(&*port.port)) {
      allowed.add(protocol, *number, port.end_port.value_or(*number));
    } else {
      const std::string& name = std::get<std::string>(*port.port);
      bool resolved = false;
      if (destination.pod) {
        for (const auto& container_port : destination.pod->ports) {
          if (container_port.name == name && container_port.protocol == protocol) {
            allowed.add(protocol, container_port.port, container_port.port);
            resolved = true;
          }
        }
      }
      if (!resolved && note) {
        *note = destination.pod ? fmt::format("named port '{}' has no {} container port on the destination", name,
                                              netobs::to_string(protocol))
                                : fmt::format("named port '{}' cannot match an address outside the cluster", name);
      }
    }
  }
  return allowed;
}

ConnectionSet PolicyEngine::side(PolicyType type, const Endpoint& subject, const Endpoint& peer,
                                 SideExplanation* why) const {
  if (why) {
    *why = SideExplanation{};
    why->type = type;
  }
  ConnectionSet open = ConnectionSet::all();
  ConnectionSet allowed;
  ConnectionSet passed;
  if (subject.pod && !m_admin.empty()) {
    decide_tier(Tier::admin, type, subject, peer, open, allowed, &passed, why ? &why->admin : nullptr);
    open.unite(passed);
  }
  if (why) why->left_by_admin = open;
  if (open.empty()) {
    if (why) why->allowed = allowed;
    return allowed;
  }
  // Cilium's deny rules win over every allow of the namespaced stage, and apply to pods it does
  // not isolate too; its allow rules join the NetworkPolicies' (network_policy_side allows
  // nothing when only Cilium isolates the subject).
  if (subject.pod && !m_set.cilium.empty()) open.subtract(cilium_side(type, subject, peer, true, why));
  if (subject.pod && isolated(*subject.pod, type)) {
    ConnectionSet namespaced = network_policy_side(type, subject, peer, why);
    if (!m_set.cilium.empty()) namespaced.unite(cilium_side(type, subject, peer, false, why));
    open.intersect(namespaced);
  } else if (subject.pod && !m_baseline.empty()) {
    decide_tier(Tier::baseline, type, subject, peer, open, allowed, nullptr, why ? &why->baseline : nullptr);
  }
  allowed.unite(open);
  if (why) why->allowed = allowed;
  return allowed;
}

ConnectionSet PolicyEngine::network_policy_side(PolicyType type, const Endpoint& subject, const Endpoint& peer,
                                                SideExplanation* why) const {
  if (!subject.pod || !isolated(*subject.pod, type)) return ConnectionSet::all();
  const Endpoint& destination = type == PolicyType::egress ? peer : subject;
  ConnectionSet allowed;
  for (const auto& policy : m_set.policies) {
    if (!policy.isolates(type) || !selects(policy, *subject.pod)) continue;
    PolicyVerdict verdict{&policy, {}, {}};
    const auto& rules = type == PolicyType::ingress ? policy.ingress : policy.egress;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const PolicyRule& rule = rules[i];
      RuleVerdict rv;
      rv.index = i + 1;
      rv.peer_matches = rule.peers.empty() ||
                        std::any_of(rule.peers.begin(), rule.peers.end(),
                                    [&](const PolicyPeer& p) { return peer_matches(p, policy.namespace_name, peer); });
      if (rv.peer_matches) {
        rv.ports = rule_ports(rule, destination, &rv.note);
        verdict.allowed.unite(rv.ports);
      }
      verdict.rules.push_back(std::move(rv));
    }
    allowed.unite(verdict.allowed);
    if (why) why->policies.push_back(std::move(verdict));
  }
  if (why) why->isolated = true;
  return allowed;
}

std::string_view describe(Exemption exemption) {
  switch (exemption) {
    case Exemption::none:
      return "";
    case Exemption::same_pod:
      return "a pod's traffic to itself is always allowed";
    case Exemption::own_node:
      return "traffic between a pod and the node it runs on is always allowed";
  }
  return "";
}

std::vector<IpAddress> PolicyEngine::node_addresses(const ClusterPod& pod) const {
  std::vector<IpAddress> out;
  if (!pod.node_name.empty()) {
    if (auto node = m_set.node_addresses.find(pod.node_name); node != m_set.node_addresses.end()) out = node->second;
  }
  if (pod.host_ip && std::find(out.begin(), out.end(), *pod.host_ip) == out.end()) out.push_back(*pod.host_ip);
  return out;
}

Exemption PolicyEngine::exemption(const Endpoint& source, const Endpoint& destination) const {
  if (source.pod && source.pod == destination.pod) return Exemption::same_pod;
  // One end a pod, the other a single address of the node it runs on. Host-network pods are
  // judged like other pods (as the API server and np-guard do), though they share that address.
  auto on_node_of = [&](const Endpoint& other, const ClusterPod& pod) {
    if (other.pod || other.first != other.last) return false;
    const auto nodes = node_addresses(pod);
    return std::find(nodes.begin(), nodes.end(), other.first) != nodes.end();
  };
  if (destination.pod && on_node_of(source, *destination.pod)) return Exemption::own_node;
  if (source.pod && on_node_of(destination, *source.pod)) return Exemption::own_node;
  return Exemption::none;
}

ConnectionSet PolicyEngine::allowed(const Endpoint& source, const Endpoint& destination) const {
  if (exemption(source, destination) != Exemption::none) return ConnectionSet::all();
  ConnectionSet result = side(PolicyType::egress, source, destination);
  if (result.empty()) return result;
  result.intersect(side(PolicyType::ingress, destination, source));
  return result;
}

}  // namespace netobs
