// The Admin and Baseline tiers of the engine: cluster network policies of every apiVersion.
#include <algorithm>

#include <fmt/format.h>

#include <netobs/engine.hpp>

#include "engine/cilium.hpp"
#include "util/domain_name.hpp"

namespace netobs {
namespace {

bool network_covers(const IpBlock& network, const IpAddress& first, const IpAddress& last) {
  return network.cidr_range && network.cidr_range->contains(first) && network.cidr_range->contains(last);
}

}  // namespace

void PolicyEngine::index_tiers() {
  for (const auto& policy : m_set.tiered) (policy.tier == Tier::admin ? m_admin : m_baseline).push_back(&policy);
  for (auto* tier : {&m_admin, &m_baseline}) {
    std::stable_sort(tier->begin(), tier->end(), [](const TieredPolicy* a, const TieredPolicy* b) {
      return std::tie(a->priority, a->name) < std::tie(b->priority, b->name);
    });
  }
}

std::vector<std::string> not_evaluated(const ManifestSet& set) {
  std::vector<std::string> out;
  for (const auto& policy : set.tiered) {
    for (PolicyType type : {PolicyType::ingress, PolicyType::egress}) {
      const auto& rules = policy.rules(type);
      for (std::size_t i = 0; i < rules.size(); ++i) {
        for (const auto& peer : rules[i].peers) {
          if (peer.kind == TieredPeer::Kind::domain_names) {
            out.push_back(
                fmt::format("{}: its domainNames peer is not evaluated: the addresses it "
                            "matches depend on DNS answers, so it is taken to match none",
                            describe_rule(policy, type, i)));
          } else if (peer.kind == TieredPeer::Kind::nodes && set.node_labels.empty()) {
            out.push_back(
                fmt::format("{}: its nodes peer is not evaluated: no node labels were read "
                            "(an inventory with the Nodes gives them), so it is taken to match "
                            "none",
                            describe_rule(policy, type, i)));
          }
        }
      }
    }
  }
  // An EKS ApplicationNetworkPolicy's domainNames peer (allow-only, egress only).
  for (const auto& policy : set.policies) {
    for (std::size_t i = 0; i < policy.egress.size(); ++i) {
      const auto& peers = policy.egress[i].peers;
      if (std::any_of(peers.begin(), peers.end(), [](const PolicyPeer& peer) { return !peer.domain_names.empty(); })) {
        out.push_back(
            fmt::format("{} egress rule {}: its domainNames peer is not evaluated: the addresses it "
                        "matches depend on DNS answers, so it is taken to match none",
                        describe(policy), i + 1));
      }
    }
  }
  add_cilium_not_evaluated(set, out);
  return out;
}

bool PolicyEngine::selects(const TieredPolicy& policy, const ClusterPod& pod) const {
  return policy.subject.namespace_selector.matches(labels_of_namespace(pod.namespace_name)) &&
         policy.subject.pod_selector.matches(pod.labels);
}

bool PolicyEngine::peer_matches(const TieredPeer& peer, const Endpoint& other) const {
  switch (peer.kind) {
    case TieredPeer::Kind::pods:
      return other.pod && peer.pods.namespace_selector.matches(labels_of_namespace(other.pod->namespace_name)) &&
             peer.pods.pod_selector.matches(other.pod->labels);
    case TieredPeer::Kind::networks:
      // The API lets networks match pod addresses too; np-guard (IpBlockScope::external) does not.
      return std::any_of(peer.networks.begin(), peer.networks.end(), [&](const IpBlock& network) {
        if (!other.pod) return network_covers(network, other.first, other.last);
        if (m_scope == IpBlockScope::external) return false;
        return std::any_of(other.pod->ips.begin(), other.pod->ips.end(),
                           [&](const IpAddress& ip) { return network_covers(network, ip, ip); });
      });
    case TieredPeer::Kind::nodes:
      if (other.pod || other.first != other.last) return false;
      for (const auto& [name, labels] : m_set.node_labels) {
        if (!peer.node_selector.matches(labels)) continue;
        auto addresses = m_set.node_addresses.find(name);
        if (addresses == m_set.node_addresses.end()) continue;
        if (std::find(addresses->second.begin(), addresses->second.end(), other.first) != addresses->second.end()) {
          return true;
        }
      }
      return false;
    case TieredPeer::Kind::domain_names:  // known only from observed answers; listed in not_evaluated()
      return !other.pod && any_name_matches(peer.domain_names, other.names, domain_name_matches);
    case TieredPeer::Kind::invalid:
      return false;
  }
  return false;
}

ConnectionSet PolicyEngine::rule_ports(const TieredRule& rule, const Endpoint& destination) const {
  if (!rule.ports) return ConnectionSet::all();
  ConnectionSet out;
  for (const auto& port : *rule.ports) {
    if (port.name.empty()) {
      out.add(port.protocol, port.first, port.last);
    } else if (destination.pod) {
      // A named port names no protocol: every container port of that name counts.
      for (const auto& container_port : destination.pod->ports) {
        if (container_port.name == port.name)
          out.add(container_port.protocol, container_port.port, container_port.port);
      }
    }
  }
  return out;
}

void PolicyEngine::decide_tier(Tier tier, PolicyType type, const Endpoint& subject, const Endpoint& peer,
                               ConnectionSet& open, ConnectionSet& allowed, ConnectionSet* passed,
                               std::vector<TieredDecision>* why) const {
  const Endpoint& destination = type == PolicyType::egress ? peer : subject;
  const Selection& selected = selection(*subject.pod);
  for (const TieredPolicy* policy : tier == Tier::admin ? selected.admin : selected.baseline) {
    const auto& rules = policy->rules(type);
    for (std::size_t i = 0; i < rules.size() && !open.empty(); ++i) {
      const TieredRule& rule = rules[i];
      if (!std::any_of(rule.peers.begin(), rule.peers.end(),
                       [&](const TieredPeer& p) { return peer_matches(p, peer); })) {
        continue;
      }
      ConnectionSet decided = rule_ports(rule, destination);
      decided.intersect(open);
      if (decided.empty()) continue;
      open.subtract(decided);
      if (rule.action == TieredAction::allow || (rule.action == TieredAction::pass && !passed)) {
        allowed.unite(decided);
      } else if (rule.action == TieredAction::pass) {
        passed->unite(decided);
      }
      if (why) why->push_back({policy, i + 1, rule.action, std::move(decided)});
    }
    if (open.empty()) return;
  }
}

}  // namespace netobs
