#include <algorithm>

#include <fmt/format.h>

#include <netobs/engine.hpp>

#include "util/domain_name.hpp"

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

PolicyEngine::PolicyEngine(const ManifestSet& set, IpBlockScope scope)
    : m_set(set), m_scope(scope), m_selections(set.pods.size()) {
  for (const auto& policy : m_set.policies) m_policies_by_namespace[policy.namespace_name].push_back(&policy);
  index_tiers();
}

PolicyEngine::Selection PolicyEngine::select(const ClusterPod& pod) const {
  Selection out;
  if (auto it = m_policies_by_namespace.find(pod.namespace_name); it != m_policies_by_namespace.end()) {
    for (const NetworkPolicy* policy : it->second) {
      if (!selects(*policy, pod)) continue;
      if (policy->isolates(PolicyType::ingress)) out.ingress.push_back(policy);
      if (policy->isolates(PolicyType::egress)) out.egress.push_back(policy);
    }
  }
  for (const TieredPolicy* policy : m_admin) {
    if (selects(*policy, pod)) out.admin.push_back(policy);
  }
  for (const TieredPolicy* policy : m_baseline) {
    if (selects(*policy, pod)) out.baseline.push_back(policy);
  }
  return out;
}

const PolicyEngine::Selection& PolicyEngine::selection(const ClusterPod& pod) const {
  // A pod outside the set (a test's, another set's) has no slot: answered afresh each time.
  const auto& pods = m_set.pods;
  if (pods.empty() || &pod < pods.data() || &pod >= pods.data() + pods.size()) {
    thread_local Selection fresh;
    fresh = select(pod);
    return fresh;
  }
  auto& slot = m_selections[static_cast<std::size_t>(&pod - pods.data())];
  if (!slot) slot = select(pod);
  return *slot;
}

const Labels& PolicyEngine::labels_of_namespace(const std::string& name) const {
  auto it = m_namespace_labels.find(name);
  if (it == m_namespace_labels.end()) it = m_namespace_labels.emplace(name, m_set.namespace_labels(name)).first;
  return it->second;
}

bool PolicyEngine::selects(const NetworkPolicy& policy, const ClusterPod& pod) const {
  // Host-network pods are judged like others, as the API server and np-guard do; lint warns that
  // most CNIs do not enforce policies on them.
  return policy.namespace_name == pod.namespace_name && policy.pod_selector.matches(pod.labels);
}

bool PolicyEngine::isolated(const ClusterPod& pod, PolicyType type) const {
  const Selection& selected = selection(pod);
  return !(type == PolicyType::ingress ? selected.ingress : selected.egress).empty() || cilium_isolated(pod, type);
}

bool PolicyEngine::peer_matches(const PolicyPeer& peer, const std::string& policy_namespace,
                                const Endpoint& other) const {
  if (!peer.domain_names.empty())
    return !other.pod && any_name_matches(peer.domain_names, other.names, domain_name_matches);
  if (peer.ip_block) {
    if (!other.pod) return block_covers(*peer.ip_block, other.first, other.last);
    if (m_scope == IpBlockScope::external || other.pod->ips.empty()) return false;
    return std::any_of(other.pod->ips.begin(), other.pod->ips.end(),
                       [&](const IpAddress& ip) { return block_covers(*peer.ip_block, ip, ip); });
  }
  if (!other.pod) return false;
  if (!peer.pod_selector && !peer.namespace_selector) return false;  // an empty peer (rejected by the API)
  if (peer.namespace_selector) {
    if (!peer.namespace_selector->matches(labels_of_namespace(other.pod->namespace_name))) return false;
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
  if (!why && subject.pod && m_set.cilium.empty()) {
    // The common case, and the one asked millions of times: no tier selects the pod, so the
    // NetworkPolicies alone decide.
    const Selection& selected = selection(*subject.pod);
    if (selected.admin.empty() && selected.baseline.empty()) return network_policy_side(type, subject, peer);
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
  const Selection& selected = selection(*subject.pod);
  for (const NetworkPolicy* isolating : type == PolicyType::ingress ? selected.ingress : selected.egress) {
    const NetworkPolicy& policy = *isolating;
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
      } else if (!peer.pod && std::any_of(rule.peers.begin(), rule.peers.end(),
                                          [](const PolicyPeer& p) { return !p.domain_names.empty(); })) {
        rv.note = "its domainNames peer is not evaluated: no observed DNS answer names this address";
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
