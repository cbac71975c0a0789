#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <netobs/option.hpp>
#include <netobs/recommend.hpp>
#include <netobs/time.hpp>

#include "apiserver.hpp"
#include "cut_off.hpp"
#include "dns.hpp"

namespace netobs {
namespace {

const std::set<PortKey> k_dns_ports(dns_port_keys().begin(), dns_port_keys().end());

using EdgeEntry = std::pair<const EdgeId, EdgeStats>;

class Synthesizer {
 public:
  Synthesizer(const Graph& graph, const DnsTarget& dns, const RecommendOptions& options, Recommendation& out)
      : m_graph(graph), m_dns(dns), m_options(options), m_out(out) {
    for (const auto& entry : graph.edges) {
      const EdgeId& edge = entry.first;
      if (edge.client.kind == PeerKind::workload) m_edges_of[edge.client.workload].push_back(&entry);
      if (edge.server.kind == PeerKind::workload && edge.server != edge.client) {
        m_edges_of[edge.server.workload].push_back(&entry);
      }
    }
  }

  std::optional<WorkloadAllowList> allow_list_for(const WorkloadNode& workload, const std::string& name) {
    const bool dns_server = m_dns.serves(workload);
    const auto found = m_edges_of.find(workload.ref);
    // The DNS server gets its policy even unobserved: a namespace default-deny would cut
    // every pod's name resolution.
    if (found == m_edges_of.end() && !dns_server) return std::nullopt;
    std::map<AllowPeer, AllowEntry> ingress;
    std::map<AllowPeer, AllowEntry> egress;
    EdgeStats evidence;
    static const std::vector<const EdgeEntry*> k_none;
    for (const EdgeEntry* entry : found == m_edges_of.end() ? k_none : found->second) {
      const auto& [edge, stats] = *entry;
      evidence.merge(stats);
      if (edge.server.kind == PeerKind::workload && edge.server.workload == workload.ref) {
        // The DNS server's clients are every pod, allowed below whether observed or not.
        if (!(dns_server && is_dns_port(edge))) collect(workload, false, edge.client, edge, stats, ingress);
      }
      if (edge.client.kind == PeerKind::workload && edge.client.workload == workload.ref) {
        // Egress to cluster DNS is the shared DNS rule; the server's upstreams are allowed below.
        if (!(is_dns_port(edge) && (m_dns.covers(edge.server, m_graph) || (dns_server && is_upstream(edge.server))))) {
          collect(workload, true, edge.server, edge, stats, egress);
        }
      }
    }
    WorkloadAllowList list;
    list.workload = workload.ref;
    list.name = name;
    list.selector = workload.selector;
    list.annotations["netobs.io/workload"] = fmt::format("{}/{}", workload.ref.kind, workload.ref.name);
    list.annotations["netobs.io/observed-flows"] = std::to_string(evidence.flows);
    if (evidence.first_seen) list.annotations["netobs.io/first-seen"] = format_rfc3339(evidence.first_seen);
    if (evidence.last_seen) list.annotations["netobs.io/last-seen"] = format_rfc3339(evidence.last_seen);
    if (!workload.selector_note.empty()) list.annotations["netobs.io/selector-note"] = workload.selector_note;
    std::set<std::string> named;
    for (auto* entries : {&ingress, &egress}) {
      for (const auto& [key, entry] : *entries) {
        if (!entry.peer.label.empty())
          named.insert(fmt::format("{} {}", to_string(entry.peer.cidrs.front()), entry.peer.label));
      }
    }
    if (!named.empty()) list.annotations["netobs.io/addresses"] = fmt::format("{}", fmt::join(named, "; "));
    for (auto& [peer, entry] : ingress) list.ingress.push_back(std::move(entry));
    for (auto& [peer, entry] : egress) list.egress.push_back(std::move(entry));
    list.resolves_names = m_dns.cluster_dns().has_value();
    if (dns_server) {
      AllowPeer clients;
      clients.kind = AllowPeerKind::every_pod;
      list.ingress.push_back(AllowEntry{clients, k_dns_ports, {}, true});
      for (const Cidr& cidr : m_dns.upstreams) {
        list.egress.push_back(
            AllowEntry{AllowPeer{AllowPeerKind::address, {}, {}, {cidr}, {}, "DNS upstream"}, k_dns_ports, {}, true});
      }
      list.annotations["netobs.io/dns-server"] =
          "ingress 53 from every pod; egress 53 to the upstream resolvers, which flow logs do not record";
    }
    return list;
  }

 private:
  static bool is_dns_port(const EdgeId& edge) { return netobs::is_dns_port(PortKey{edge.protocol, edge.port}); }

  bool is_upstream(const Peer& peer) const {
    return peer.kind == PeerKind::external && std::any_of(m_dns.upstreams.begin(), m_dns.upstreams.end(),
                                                          [&](const Cidr& c) { return c.contains(peer.ip); });
  }

  void collect(const WorkloadNode& self, bool egress, const Peer& peer, const EdgeId& edge, const EdgeStats& stats,
               std::map<AllowPeer, AllowEntry>& into) {
    const std::string where =
        fmt::format("{}/{}: {} {} {} {}", self.ref.namespace_name, self.ref.name, egress ? "egress to" : "ingress from",
                    to_string(peer), to_string(edge.protocol), edge.port);
    auto allow = allow_peer(self, peer, where, egress);
    if (!allow) return;
    if (allow->kind == AllowPeerKind::nodes) {
      for (const AllowPeer& node : node_peers(*allow, edge, where)) add(self, peer, node, edge, stats, into);
      return;
    }
    add(self, peer, *allow, edge, stats, into);
  }

  // Cilium's host for the pods' own node, remote-node for the others: each only where observed;
  // both when the records do not say which node it was (a note says so).
  std::vector<AllowPeer> node_peers(const AllowPeer& nodes, const EdgeId& edge, const std::string& where) {
    const auto found = m_graph.node_sides.find(edge);
    const NodeSides sides = found == m_graph.node_sides.end() ? NodeSides{false, false, true} : found->second;
    std::vector<AllowPeer> out;
    AllowPeer peer = nodes;
    if (sides.own || sides.unknown) out.push_back(peer);
    peer.node_scope = NodeScope::other_nodes;
    if (sides.other || sides.unknown) out.push_back(peer);
    if (sides.unknown) {
      note(
          fmt::format("{}: the records do not say whether the node was the pod's own or another: the cilium "
                      "kind allows both the host and the remote-node entity",
                      where));
    }
    return out;
  }

  void add(const WorkloadNode& self, const Peer& peer, const AllowPeer& allow, const EdgeId& edge,
           const EdgeStats& stats, std::map<AllowPeer, AllowEntry>& into) {
    AllowEntry& entry = into[allow];
    if (entry.ports.empty()) entry.peer = allow;
    if (allow.kind == AllowPeerKind::domains) {
      // Keyed by the names alone: every address the names gave shares one rule.
      const Cidr address = host_cidr(peer.ip);
      if (std::find(entry.peer.cidrs.begin(), entry.peer.cidrs.end(), address) == entry.peer.cidrs.end()) {
        entry.peer.cidrs.push_back(address);
        std::sort(entry.peer.cidrs.begin(), entry.peer.cidrs.end());
      }
      m_named_egress.insert(fmt::format("{}/{}: {} -> {}", self.ref.namespace_name, self.ref.name, to_string(peer.ip),
                                        fmt::join(allow.domains, ", ")));
    }
    entry.ports.emplace(edge.protocol, edge.port);
    entry.evidence.merge(stats);
  }

  // With --egress-names, the names this workload itself resolved to an outside address.
  const std::set<std::string>* names_resolved(const WorkloadNode& self, const Peer& peer) const {
    if (!m_options.egress_names) return nullptr;
    const auto workload = m_graph.resolved_names.find(self.ref);
    if (workload == m_graph.resolved_names.end()) return nullptr;
    const auto names = workload->second.find(peer.ip);
    return names == workload->second.end() ? nullptr : &names->second;
  }

  std::optional<AllowPeer> allow_peer(const WorkloadNode& self, const Peer& peer, const std::string& where,
                                      bool egress) {
    AllowPeer out;
    switch (peer.kind) {
      case PeerKind::node:
        out.kind = AllowPeerKind::nodes;
        return out;
      case PeerKind::cluster_unknown:
        note(fmt::format("{} left out: the address is in the cluster but the inventory does not explain it", where));
        return std::nullopt;
      case PeerKind::reserved:
        return reserved_peer(self, peer, where, egress);
      case PeerKind::workload: {
        auto it = m_graph.workloads.find(peer.workload);
        if (it == m_graph.workloads.end() || it->second.host_network) {
          out.kind = AllowPeerKind::nodes;  // host-network pods are node traffic
          return out;
        }
        if (it->second.selector.empty()) {
          note(fmt::format("{} left out: no selector for the peer ({})", where, it->second.selector_note));
          return std::nullopt;
        }
        out.kind = AllowPeerKind::workload;
        out.workload = peer.workload;
        out.selector = it->second.selector;
        return out;
      }
      case PeerKind::external:
        break;
    }
    // The API server is one peer at all its addresses: kube-proxy spreads connections over every
    // endpoint, so the one seen in the window is no more needed than the others. --apiserver-cidr
    // replaces them; without it they are written as they are, with a note that they change.
    if (m_graph.apiserver_ips.contains(peer.ip)) {
      out.kind = AllowPeerKind::apiserver;
      out.cidrs = m_options.apiserver_cidrs;
      if (out.cidrs.empty()) {
        for (const IpAddress& ip : m_graph.apiserver_ips) out.cidrs.push_back(host_cidr(ip));
        m_apiserver_by_address = true;
      }
      return out;
    }
    if (!egress && !peer.ip.is_private()) m_public_clients.insert(where);
    if (const auto* names = egress ? names_resolved(self, peer) : nullptr) {
      out.kind = AllowPeerKind::domains;  // its addresses are added as they are seen (collect)
      out.domains.assign(names->begin(), names->end());
      return out;
    }
    out.kind = AllowPeerKind::address;
    out.cidrs.push_back(host_cidr(peer.ip));
    if (!m_options.addresses) return out;
    if (auto name = m_options.addresses->find(peer.ip)) {
      out.label = name->name;
      m_named.insert(fmt::format("{}: {} ({})", to_string(peer.ip), name->name, to_string(name->range)));
      m_named_ips.insert(peer.ip);
      if (m_options.aggregate_aws && name->aws) {
        out.cidrs = {name->range};
        m_widened.insert(fmt::format("{} -> {} ({}): every address of the published range is allowed",
                                     to_string(host_cidr(peer.ip)), to_string(name->range), name->name));
      }
    }
    return out;
  }

 public:
  // What the summary lists: the addresses named, and the ranges --aggregate-aws widened to.
  void report(Recommendation& out) const {
    out.named_addresses.assign(m_named.begin(), m_named.end());
    out.named_ips = m_named_ips;
    out.named_egress.assign(m_named_egress.begin(), m_named_egress.end());
    out.widened.assign(m_widened.begin(), m_widened.end());
    out.public_clients.assign(m_public_clients.begin(), m_public_clients.end());
    if (m_apiserver_by_address) {
      std::vector<std::string> addresses;
      for (const IpAddress& ip : m_graph.apiserver_ips) addresses.push_back(to_string(ip));
      out.notes.push_back(fmt::format(
          "the Kubernetes API server is allowed at the addresses it has now ({}): they change when the control plane "
          "scales or is upgraded; give {} with the range they live in (the cilium kind names the "
          "kube-apiserver entity)",
          fmt::join(addresses, ", "), spell(Option::apiserver_cidr)));
    }
  }

 private:
  void note(std::string text) {
    if (std::find(m_out.notes.begin(), m_out.notes.end(), text) == m_out.notes.end()) {
      m_out.notes.push_back(std::move(text));
    }
  }

  // A Cilium reserved identity: the Ingress/Gateway proxy is a peer (networking/v1 cannot name it,
  // so the note says what to do); the others name no workload and are left out, said so.
  std::optional<AllowPeer> reserved_peer(const WorkloadNode& self, const Peer& peer, const std::string& where,
                                         bool egress) {
    if (peer.entity != "ingress") {
      note(fmt::format("{} left out: Cilium's reserved identity {} names no workload a policy can allow", where,
                       peer.entity));
      return std::nullopt;
    }
    note(fmt::format(
        "{}/{}: {} Cilium's Ingress/Gateway proxy (reserved:ingress): the cilium kind allows the "
        "ingress entity; networking/v1 cannot name it, so with the other kinds apply a "
        "CiliumNetworkPolicy with {}Entities: [ingress] for its ports beside them, or this traffic "
        "is cut off",
        self.ref.namespace_name, self.ref.name, egress ? "egress to" : "ingress from", egress ? "to" : "from"));
    AllowPeer out;
    out.kind = AllowPeerKind::ingress_proxy;
    return out;
  }

  const Graph& m_graph;
  std::map<WorkloadRef, std::vector<const EdgeEntry*>> m_edges_of;
  const DnsTarget& m_dns;
  const RecommendOptions& m_options;
  Recommendation& m_out;
  std::set<std::string> m_named;
  std::set<IpAddress> m_named_ips;
  std::set<std::string> m_widened;
  std::set<std::string> m_named_egress;
  std::set<std::string> m_public_clients;
  bool m_apiserver_by_address = false;  // the API server written at its addresses, not --apiserver-cidr
};

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool wanted(const std::string& ns, const RecommendOptions& options) {
  if (contains(options.exclude_namespaces, ns)) return false;
  if (!options.namespaces.empty()) return contains(options.namespaces, ns);
  return options.scope == NamespaceScope::all || !is_system_namespace(ns);
}

// Why default-deny leaves `ns` open.
std::string unisolated_reason(const std::string& ns, const RecommendOptions& options) {
  if (contains(options.exclude_namespaces, ns)) return fmt::format("excluded ({})", spell(Option::exclude_namespace));
  if (!options.namespaces.empty()) return fmt::format("not named ({})", spell(Option::namespaces));
  if (is_system_namespace(ns)) {
    return fmt::format("a system namespace: give {} (or {} {}) to cover it", spell(Option::all_namespaces),
                       spell(Option::namespaces), ns);
  }
  return "no workload with observed traffic";
}

// Stable, unique names: "<name>-netobs", with the kind added where two kinds share a name.
std::map<WorkloadRef, std::string> policy_names(const std::vector<const WorkloadNode*>& workloads) {
  std::map<std::pair<std::string, std::string>, int> uses;
  for (const auto* w : workloads) ++uses[{w->ref.namespace_name, w->ref.name}];
  std::map<WorkloadRef, std::string> names;
  for (const auto* w : workloads) {
    std::string kind = w->ref.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    names[w->ref] = uses[{w->ref.namespace_name, w->ref.name}] > 1 ? fmt::format("{}-{}-netobs", w->ref.name, kind)
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
  DnsCheck dns_check = check_dns(dns, inventory, graph);
  out.error = std::move(dns_check.error);
  out.warnings = std::move(dns_check.warnings);
  if (options.egress_names && graph.resolved_names.empty()) {
    out.warnings.push_back(spell(Option::egress_names) +
                           ": the sources hold no DNS answers (Hubble flows with L7 DNS visibility), so every outside "
                           "address is allowed by address");
  }
  for (auto& warning : apiserver_warnings(graph, inventory, options)) out.warnings.push_back(std::move(warning));
  Synthesizer synthesizer(graph, dns, options, out);

  std::vector<const WorkloadNode*> candidates;
  for (const auto& [ref, workload] : graph.workloads) candidates.push_back(&workload);
  const auto dns_nodes = unseen_dns_workloads(graph, inventory, dns);
  for (const auto& [ref, workload] : dns_nodes) candidates.push_back(&workload);
  std::sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) { return a->ref < b->ref; });

  std::vector<const WorkloadNode*> chosen;
  for (const WorkloadNode* node : candidates) {
    const WorkloadRef& ref = node->ref;
    const WorkloadNode& workload = *node;
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
  std::set<std::string> covered;
  for (const auto& ns : options.namespaces) {
    if (!contains(options.exclude_namespaces, ns)) covered.insert(ns);
  }
  std::set<std::string> known;  // every namespace the inventory or the traffic shows
  for (const auto& [ns, labels] : inventory.namespaces()) known.insert(ns);
  for (const auto& [ref, workload] : graph.workloads) known.insert(ref.namespace_name);
  if (options.scope == NamespaceScope::all && options.namespaces.empty()) {
    for (const auto& ns : known) {
      if (wanted(ns, options)) covered.insert(ns);
    }
  }
  for (const WorkloadNode* workload : chosen) {
    if (auto list = synthesizer.allow_list_for(*workload, names.at(workload->ref))) {
      covered.insert(list->workload.namespace_name);
      out.model.workloads.push_back(std::move(*list));
    }
  }
  out.model.dns = dns.cluster_dns();
  synthesizer.report(out);
  if (options.default_deny == DefaultDeny::yes) {
    out.model.default_deny = covered;
    out.unobserved = cut_off(inventory, options, covered, chosen);
    out.unattributed_egress = snat_cut_off(graph, inventory, options, covered);
    for (const auto& ns : known) {
      if (!covered.contains(ns)) out.unisolated.push_back(fmt::format("{}: {}", ns, unisolated_reason(ns, options)));
    }
  }
  std::sort(out.model.workloads.begin(), out.model.workloads.end(), [](const auto& a, const auto& b) {
    return std::tie(a.workload.namespace_name, a.name) < std::tie(b.workload.namespace_name, b.name);
  });
  std::sort(out.notes.begin(), out.notes.end());
  return out;
}

}  // namespace netobs
