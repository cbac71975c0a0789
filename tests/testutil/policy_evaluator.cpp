#include "testutil/policy_evaluator.hpp"

#include <algorithm>

namespace netobs::testing {

PolicyEvaluator::PolicyEvaluator(std::vector<NetworkPolicy> policies, std::map<std::string, Labels> namespace_labels)
    : m_policies(std::move(policies)), m_namespace_labels(std::move(namespace_labels)) {}

bool PolicyEvaluator::isolated(const Endpoint& pod, PolicyType type) const {
  if (!pod.is_pod) return false;
  return std::any_of(m_policies.begin(), m_policies.end(), [&](const NetworkPolicy& p) {
    return p.namespace_name == pod.namespace_name && p.pod_selector.matches(pod.labels) &&
           std::find(p.policy_types.begin(), p.policy_types.end(), type) != p.policy_types.end();
  });
}

bool PolicyEvaluator::peer_matches(const PolicyPeer& peer, const std::string& policy_namespace,
                                   const Endpoint& other) const {
  if (peer.ip_block) {
    auto cidr = parse_cidr(peer.ip_block->cidr);
    if (!cidr || !cidr->contains(other.ip)) return false;
    return std::none_of(peer.ip_block->except.begin(), peer.ip_block->except.end(), [&](const std::string& e) {
      auto except = parse_cidr(e);
      return except && except->contains(other.ip);
    });
  }
  if (!other.is_pod) return false;
  if (peer.namespace_selector) {
    Labels ns_labels;
    if (auto it = m_namespace_labels.find(other.namespace_name); it != m_namespace_labels.end()) ns_labels = it->second;
    ns_labels["kubernetes.io/metadata.name"] = other.namespace_name;
    if (!peer.namespace_selector->matches(ns_labels)) return false;
  } else if (other.namespace_name != policy_namespace) {
    return false;
  }
  return !peer.pod_selector || peer.pod_selector->matches(other.labels);
}

bool PolicyEvaluator::side_allows(const Endpoint& subject, const Endpoint& peer, PolicyType type,
                                  Protocol protocol, int port) const {
  if (!isolated(subject, type)) return true;
  for (const auto& policy : m_policies) {
    if (policy.namespace_name != subject.namespace_name || !policy.pod_selector.matches(subject.labels)) continue;
    if (std::find(policy.policy_types.begin(), policy.policy_types.end(), type) == policy.policy_types.end()) continue;
    for (const auto& rule : type == PolicyType::ingress ? policy.ingress : policy.egress) {
      const bool peer_ok = rule.peers.empty() || std::any_of(rule.peers.begin(), rule.peers.end(), [&](const PolicyPeer& p) {
                             return peer_matches(p, policy.namespace_name, peer);
                           });
      const bool port_ok = rule.ports.empty() || std::any_of(rule.ports.begin(), rule.ports.end(), [&](const PolicyPort& p) {
                             if (p.protocol.value_or(Protocol::tcp) != protocol) return false;
                             if (!p.port) return true;
                             const int* number = std::get_if<int>(&*p.port);
                             return number && port >= *number && port <= p.end_port.value_or(*number);
                           });
      if (peer_ok && port_ok) return true;
    }
  }
  return false;
}

bool PolicyEvaluator::egress_allows(const Endpoint& from, const Endpoint& to, Protocol protocol, int port) const {
  return side_allows(from, to, PolicyType::egress, protocol, port);
}

bool PolicyEvaluator::ingress_allows(const Endpoint& from, const Endpoint& to, Protocol protocol, int port) const {
  return side_allows(to, from, PolicyType::ingress, protocol, port);
}

}  // namespace netobs::testing
