#include <netobs/recommend.hpp>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "dns.hpp"
#include "util/time.hpp"

namespace netobs {
namespace {

using PortSet = std::set<std::pair<Protocol, std::uint16_t>>;

const char* k_metadata_name = "kubernetes.io/metadata.name";

class Synthesizer {
 public:
  Synthesizer(const Graph& graph, const DnsTarget& dns, Recommendation& out)
      : m_graph(graph), m_dns(dns), m_out(out) {
    for (const auto& entry : graph.edges) {
      const EdgeId& edge = entry.first;
      if (edge.client.kind == PeerKind::workload) m_edges_of[edge.client.workload].push_back(&entry);
      if (edge.server.kind == PeerKind::workload && edge.server != edge.client) {
        m_edges_of[edge.server.workload].push_back(&entry);
      }
    }
  }

  std::optional<NetworkPolicy> policy_for(const WorkloadNode& workload, const std::string& name) {
    std::map<Peer, PortSet> ingress;
    std::map<Peer, PortSet> egress;
    EdgeStats evidence;
    const auto found = m_edges_of.find(workload.ref);
    if (found == m_edges_of.end()) return std::nullopt;
    for (const auto* entry : found->second) {
      const auto& [edge, stats] = *entry;
      const bool is_server = edge.server.kind == PeerKind::workload && edge.server.workload == workload.ref;
      const bool is_client = edge.client.kind == PeerKind::workload && edge.client.workload == workload.ref;
      evidence.merge(stats);
      if (is_server) collect(workload, "ingress from", edge.client, edge, ingress);
      if (is_client) collect(workload, "egress to", edge.server, edge, egress);
    }
    NetworkPolicy policy;
    policy.name = name;
    policy.namespace_name = workload.ref.namespace_name;
    policy.labels["app.kubernetes.io/managed-by"] = "netobs";
    policy.annotations["netobs.io/workload"] = fmt::format("{}/{}", workload.ref.kind, workload.ref.name);
    policy.annotations["netobs.io/observed-flows"] = std::to_string(evidence.flows);
    if (evidence.first_seen) policy.annotations["netobs.io/first-seen"] = format_rfc3339(evidence.first_seen);
    if (evidence.last_seen) policy.annotations["netobs.io/last-seen"] = format_rfc3339(evidence.last_seen);
    if (!workload.selector_note.empty()) policy.annotations["netobs.io/selector-note"] = workload.selector_note;
    policy.pod_selector = workload.selector;
    policy.policy_types = {PolicyType::ingress, PolicyType::egress};
    policy.ingress = rules(workload, ingress);
    if (!m_dns.peers.empty()) {
      for (auto& [peer, ports] : egress) {
        if (m_dns.covers(peer, m_graph)) {
          ports.erase({Protocol::udp, 53});
          ports.erase({Protocol::tcp, 53});
        }
      }
      std::erase_if(egress, [](const auto& entry) { return entry.second.empty(); });
    }
    policy.egress = rules(workload, egress);
    if (!m_dns.peers.empty()) {
      policy.egress.push_back(PolicyRule{m_dns.peers, {PolicyPort{Protocol::udp, 53, std::nullopt},
                                                       PolicyPort{Protocol::tcp, 53, std::nullopt}}});
    }
    return policy;
  }

 private:
  void collect(const WorkloadNode& self, const char* direction, const Peer& peer, const EdgeId& edge,
               std::map<Peer, PortSet>& into) {
    const std::string where = fmt::format("{}/{}: {} {} {} {}", self.ref.namespace_name, self.ref.name,
                                          direction, to_string(peer), to_string(edge.protocol), edge.port);
    switch (peer.kind) {
      case PeerKind::node:
        return;  // always allowed; the summary lists node traffic
      case PeerKind::cluster_unknown:
        note(fmt::format("{} left out: the address is in the cluster but the inventory does not explain it",
                         where));
        return;
      case PeerKind::workload: {
        auto it = m_graph.workloads.find(peer.workload);
        if (it == m_graph.workloads.end() || it->second.host_network) {
          return;  // host-network pods are node traffic
        }
        if (it->second.selector.empty()) {
          note(fmt::format("{} left out: no selector for the peer ({})", where, it->second.selector_note));
          return;
        }
        break;
      }
      case PeerKind::external:
        break;
    }
    into[peer].emplace(edge.protocol, edge.port);
  }

  // Peers with the same port set share a rule, so a rule's peers x ports is exactly what was seen.
  std::vector<PolicyRule> rules(const WorkloadNode& self, const std::map<Peer, PortSet>& by_peer) {
    std::map<PortSet, std::vector<Peer>> by_ports;
    for (const auto& [peer, ports] : by_peer) by_ports[ports].push_back(peer);
    std::vector<PolicyRule> out;
    for (const auto& [ports, peers] : by_ports) {
      PolicyRule rule;
      for (const Peer& peer : peers) rule.peers.push_back(to_policy_peer(self, peer));
      for (const auto& [protocol, port] : ports) {
        rule.ports.push_back(PolicyPort{protocol, static_cast<int>(port), std::nullopt});
      }
      out.push_back(std::move(rule));
    }
    return out;
  }

  PolicyPeer to_policy_peer(const WorkloadNode& self, const Peer& peer) const {
    if (peer.kind == PeerKind::external) {
      return PolicyPeer{std::nullopt, std::nullopt, IpBlock{to_string(host_cidr(peer.ip)), {}}};
    }
    const WorkloadNode& other = m_graph.workloads.at(peer.workload);
    if (peer.workload.namespace_name == self.ref.namespace_name) {
      return PolicyPeer{other.selector, std::nullopt, std::nullopt};
    }
    return PolicyPeer{other.selector, LabelSelector{{{k_metadata_name, peer.workload.namespace_name}}, {}},
                      std::nullopt};
  }

  void note(std::string text) {
    if (std::find(m_out.notes.begin(), m_out.notes.end(), text) == m_out.notes.end()) {
      m_out.notes.push_back(std::move(text));
    }
  }

  const Graph& m_graph;
  std::map<WorkloadRef, std::vector<const std::pair<const EdgeId, EdgeStats>*>> m_edges_of;
  const DnsTarget& m_dns;
  Recommendation& m_out;
};

bool wanted(const std::string& ns, const RecommendOptions& options) {
  if (options.namespaces.empty()) return !is_system_namespace(ns);
  return std::find(options.namespaces.begin(), options.namespaces.end(), ns) != options.namespaces.end();
}

// Stable, unique names: "<name>-netobs", with the kind added where two kinds share a name.
std::map<WorkloadRef, std::string> policy_names(const std::vector<const WorkloadNode*>& workloads) {
  std::map<std::pair<std::string, std::string>, int> uses;
  for (const auto* w : workloads) ++uses[{w->ref.namespace_name, w->ref.name}];
  std::map<WorkloadRef, std::string> names;
  for (const auto* w : workloads) {
    std::string kind = w->ref.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    names[w->ref] = uses[{w->ref.namespace_name, w->ref.name}] > 1
                        ? fmt::format("{}-{}-netobs", w->ref.name, kind)
                        : policy_name(w->ref);
  }
  return names;
}

}  // namespace

std::string policy_name(const WorkloadRef& workload) { return workload.name + "-netobs"; }

Recommendation recommend(const Graph& graph, const Inventory& inventory, const RecommendOptions& options) {
  Recommendation out;
  const DnsTarget dns = find_dns(inventory, options);
  out.dns_description = dns.description;
  Synthesizer synthesizer(graph, dns, out);

  std::vector<const WorkloadNode*> chosen;
  for (const auto& [ref, workload] : graph.workloads) {
    if (!wanted(ref.namespace_name, options)) continue;
    const std::string label = workload_name(ref);
    if (workload.host_network) {
      out.notes.push_back(fmt::format("{}: no policy: host-network pods cannot be isolated by a NetworkPolicy", label));
      continue;
    }
    if (workload.selector.empty()) {
      out.notes.push_back(fmt::format("{}: no policy: {}", label, workload.selector_note));
      continue;
    }
    if (!workload.selector_note.empty()) {
      out.notes.push_back(fmt::format("{}: {}; review its policy", label, workload.selector_note));
    }
    chosen.push_back(&workload);
  }
  const auto names = policy_names(chosen);
  std::set<std::string> covered(options.namespaces.begin(), options.namespaces.end());
  for (const WorkloadNode* workload : chosen) {
    if (auto policy = synthesizer.policy_for(*workload, names.at(workload->ref))) {
      covered.insert(policy->namespace_name);
      out.policies.push_back(std::move(*policy));
    }
  }
  if (options.default_deny == DefaultDeny::yes) {
    for (const auto& ns : covered) {
      NetworkPolicy deny;
      deny.name = "default-deny-netobs";
      deny.namespace_name = ns;
      deny.labels["app.kubernetes.io/managed-by"] = "netobs";
      deny.policy_types = {PolicyType::ingress, PolicyType::egress};
      out.policies.push_back(std::move(deny));
    }
    std::set<std::string> unobserved;
    for (const auto& pod : inventory.pods()) {
      if (!covered.contains(pod.namespace_name) || pod.terminated || pod.host_network) continue;
      const auto it = graph.workloads.find(pod.owner);
      const bool has_policy = it != graph.workloads.end() &&
                              std::find(chosen.begin(), chosen.end(), &it->second) != chosen.end();
      if (!has_policy) {
        unobserved.insert(workload_name(pod.owner));
      }
    }
    out.unobserved.assign(unobserved.begin(), unobserved.end());
  }
  std::sort(out.policies.begin(), out.policies.end(), [](const NetworkPolicy& a, const NetworkPolicy& b) {
    return std::tie(a.namespace_name, a.name) < std::tie(b.namespace_name, b.name);
  });
  std::sort(out.notes.begin(), out.notes.end());
  return out;
}

}  // namespace netobs
