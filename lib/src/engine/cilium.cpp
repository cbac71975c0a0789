// Cilium policies in the namespaced stage of the engine: CiliumNetworkPolicy and
// CiliumClusterwideNetworkPolicy at layers 3 and 4 (L7 rules allow their port, unjudged).
#include "engine/cilium.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include <netobs/engine.hpp>

#include "util/domain_name.hpp"

namespace netobs {
namespace {

// Entities whose members the manifests do not tell (the API server's addresses, Cilium's own
// endpoints and proxies): taken to match nothing, and said so.
constexpr std::array<const char*, 5> k_undecided_entities = {"kube-apiserver", "ingress", "health", "init",
                                                             "unmanaged"};

bool is_undecided_entity(const std::string& entity) {
  return std::find(k_undecided_entities.begin(), k_undecided_entities.end(), entity) != k_undecided_entities.end();
}

// True when every address of [first, last] is in the CIDR and in none of its excepts.
bool cidr_set_covers(const IpBlock& block, const IpAddress& first, const IpAddress& last) {
  const auto& cidr = block.cidr_range;
  if (!cidr || !cidr->contains(first) || !cidr->contains(last)) return false;
  return std::none_of(block.except_ranges.begin(), block.except_ranges.end(), [&](const std::optional<Cidr>& except) {
    return except && (except->contains(first) || except->contains(last));
  });
}

}  // namespace

bool PolicyEngine::selects(const CiliumPolicy& policy, const ClusterPod& pod) const {
  if (policy.selects_nodes) return false;
  return policy.endpoint_selector.matches(
      cilium_labels(pod.labels, pod.namespace_name, m_set.namespace_labels(pod.namespace_name)));
}

bool PolicyEngine::cilium_isolated(const ClusterPod& pod, PolicyType type) const {
  return std::any_of(m_set.cilium.begin(), m_set.cilium.end(),
                     [&](const CiliumPolicy& p) { return p.isolates(type) && selects(p, pod); });
}

bool PolicyEngine::entity_matches(const std::string& entity, const ClusterPod& subject, const Endpoint& other) const {
  if (entity == "all") return true;
  if (other.pod) return entity == "cluster";
  // A single address of a node is the `host` (the subject's own node) or a `remote-node`; every
  // other address outside the pods is the `world`.
  if (other.first == other.last) {
    const auto own = node_addresses(subject);
    if (std::find(own.begin(), own.end(), other.first) != own.end()) return entity == "host" || entity == "cluster";
    for (const auto& [node, addresses] : m_set.node_addresses) {
      if (std::find(addresses.begin(), addresses.end(), other.first) != addresses.end())
        return entity == "remote-node" || entity == "cluster";
    }
    for (const auto& pod : m_set.pods) {
      if (pod.host_ip == other.first) return entity == "remote-node" || entity == "cluster";
    }
  }
  return entity == "world";
}

bool PolicyEngine::peer_matches(const CiliumRule& rule, const ClusterPod& subject, const Endpoint& other,
                                const std::vector<const LabelSelector*>& required) const {
  if (!rule.has_l3) return rule.to_ports.has_value();  // toPorts alone: every peer; `{}`: none
  if (other.pod) {
    const Labels labels =
        cilium_labels(other.pod->labels, other.pod->namespace_name, m_set.namespace_labels(other.pod->namespace_name));
    const auto matches = [&](const LabelSelector* s) { return s->matches(labels); };
    if (std::any_of(rule.endpoints.begin(), rule.endpoints.end(),
                    [&](const LabelSelector& s) { return s.matches(labels); }) &&
        std::all_of(required.begin(), required.end(), matches)) {
      return true;
    }
  } else if (any_name_matches(rule.fqdn_names, other.names, fqdn_name_matches) ||
             any_name_matches(rule.fqdn_patterns, other.names, fqdn_pattern_matches)) {
    return true;  // a name the client resolved to this address
  } else if (entity_matches("world", subject, other)) {
    // CIDR rules do not apply to pods or nodes, only to addresses outside the cluster.
    if (std::any_of(rule.cidrs.begin(), rule.cidrs.end(),
                    [&](const IpBlock& b) { return cidr_set_covers(b, other.first, other.last); })) {
      return true;
    }
  }
  return std::any_of(rule.entities.begin(), rule.entities.end(), [&](const std::string& entity) {
    return !is_undecided_entity(entity) && entity_matches(entity, subject, other);
  });
}

ConnectionSet PolicyEngine::rule_ports(const CiliumRule& rule, const Endpoint& destination, std::string& note) const {
  if (!rule.to_ports) return ConnectionSet::all();
  ConnectionSet out;
  for (const auto& item : *rule.to_ports) {
    if (item.has_l7_rules) note = "its L7 rules are not evaluated: the port is allowed at layer 4";
    if (item.ports.empty()) out = ConnectionSet::all();
    for (const auto& port : item.ports) {
      for (Protocol protocol : port.protocols) {
        if (port.name.empty()) {
          out.add(protocol, port.first, port.last);
        } else if (destination.pod) {
          for (const auto& container_port : destination.pod->ports) {
            if (container_port.name == port.name && container_port.protocol == protocol)
              out.add(protocol, container_port.port, container_port.port);
          }
        }
      }
    }
  }
  return out;
}

ConnectionSet PolicyEngine::cilium_side(PolicyType type, const Endpoint& subject, const Endpoint& peer, bool deny,
                                        SideExplanation* why) const {
  ConnectionSet out;
  if (!subject.pod) return out;
  const Endpoint& destination = type == PolicyType::egress ? peer : subject;
  std::vector<const CiliumPolicy*> selecting;
  // The requirements of every rule (of this kind) selecting the subject narrow every rule's
  // endpoints selectors, whichever policy they are in.
  std::vector<const LabelSelector*> required;
  for (const auto& policy : m_set.cilium) {
    if (!selects(policy, *subject.pod)) continue;
    selecting.push_back(&policy);
    for (const auto& rule : policy.rules(type, deny)) {
      for (const auto& selector : rule.required) required.push_back(&selector);
    }
  }
  for (const CiliumPolicy* selected : selecting) {
    const CiliumPolicy& policy = *selected;
    const auto& rules = policy.rules(type, deny);
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (!peer_matches(rules[i], *subject.pod, peer, required)) continue;
      std::string note;
      ConnectionSet matched = rule_ports(rules[i], destination, note);
      if (matched.empty()) continue;
      out.unite(matched);
      if (why) why->cilium.push_back({&policy, deny, i + 1, std::move(matched), std::move(note)});
    }
  }
  return out;
}

void add_cilium_not_evaluated(const ManifestSet& set, std::vector<std::string>& out) {
  for (const auto& policy : set.cilium) {
    if (policy.selects_nodes) {
      out.push_back(fmt::format("{}: its nodeSelector (a host policy) is not evaluated: it selects nodes, not pods",
                                describe(policy)));
    }
    for (PolicyType type : {PolicyType::ingress, PolicyType::egress}) {
      for (bool deny : {false, true}) {
        const auto& rules = policy.rules(type, deny);
        for (std::size_t i = 0; i < rules.size(); ++i) {
          const CiliumRule& rule = rules[i];
          std::set<std::string> undecided(rule.undecided.begin(), rule.undecided.end());
          for (const auto& entity : rule.entities) {
            if (is_undecided_entity(entity)) undecided.insert("entity " + entity);
          }
          if (!undecided.empty()) {
            out.push_back(
                fmt::format("{}: {} {} not evaluated: what it matches is not in the manifests, so it is "
                            "taken to match none",
                            describe_rule(policy, type, deny, i), fmt::join(undecided.begin(), undecided.end(), ", "),
                            undecided.size() == 1 ? "is" : "are"));
          }
          const bool l7 = rule.to_ports && std::any_of(rule.to_ports->begin(), rule.to_ports->end(),
                                                       [](const CiliumPortRule& p) { return p.has_l7_rules; });
          if (rule.has_icmps) {
            out.push_back(fmt::format("{}: its icmps are not evaluated: netobs judges TCP, UDP and SCTP ports only",
                                      describe_rule(policy, type, deny, i)));
          }
          if (l7) {
            out.push_back(
                fmt::format("{}: its L7 rules are not evaluated: its ports are allowed at layer 4, the "
                            "requests the proxy would refuse are not judged",
                            describe_rule(policy, type, deny, i)));
          }
        }
      }
    }
  }
}

}  // namespace netobs
