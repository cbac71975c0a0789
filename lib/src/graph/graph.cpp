#include <algorithm>

#include <fmt/format.h>

#include <netobs/graph.hpp>

#include "resolve.hpp"
#include "selector.hpp"

namespace netobs {
namespace {

// One end of an aggregated edge: its address and Hubble identity.
struct EdgeEnd {
  const IpAddress& ip;
  const FlowEndpoint& identity;
};

// Where the node end of an edge was, seen from its pod: the inventory answers when it knows both
// the node and the pod's node; else Hubble's identity does (`reserved:host` is the pod's own node
// when the flow was captured at the pod, as Hubble captures pod traffic).
void mark_node_side(NodeSides& sides, const EdgeEnd& node_end, const EdgeEnd& pod_end, std::int64_t seen_at,
                    const Inventory& inventory) {
  const Node* node = inventory.node_by_ip(node_end.ip);
  const Pod* pod = pod_end.identity.pod_name.empty()
                       ? nullptr
                       : inventory.pod_by_name(pod_end.identity.namespace_name, pod_end.identity.pod_name);
  if (!pod) {
    const IpHolder holder = inventory.holder_at(pod_end.ip, seen_at);
    if (holder.status == IpHolder::Status::pod) pod = holder.pod;
  }
  if (node && pod && (!pod->node_name.empty() || pod->host_ip)) {
    const bool own = pod->node_name == node->name ||
                     (pod->host_ip && std::find(node->addresses.begin(), node->addresses.end(), *pod->host_ip) !=
                                          node->addresses.end());
    (own ? sides.own : sides.other) = true;
  } else if (node_end.identity.reserved == "host") {
    sides.own = true;
  } else if (node_end.identity.reserved == "remote-node") {
    sides.other = true;
  } else {
    sides.unknown = true;
  }
}

}  // namespace

bool is_system_namespace(const std::string& namespace_name) {
  return namespace_name == "kube-system" || namespace_name == "kube-public" || namespace_name == "kube-node-lease";
}

std::string to_string(const Peer& peer) {
  switch (peer.kind) {
    case PeerKind::workload:
      return workload_name(peer.workload);
    case PeerKind::node:
      return "node " + to_string(peer.ip);
    case PeerKind::external:
      return to_string(peer.ip);
    case PeerKind::cluster_unknown:
      return "unknown " + to_string(peer.ip);
    case PeerKind::reserved:
      return fmt::format("reserved:{} {}", peer.entity, to_string(peer.ip));
  }
  return {};
}

Graph build_graph(const FlowAggregate& aggregate, const Inventory& inventory, const GraphOptions& options) {
  Graph graph;
  const std::vector<IpAddress> apiserver = inventory.apiserver_addresses();
  graph.apiserver_ips.insert(apiserver.begin(), apiserver.end());
  PeerResolver resolver(inventory, options, graph);
  resolver.learn(aggregate);
  AttributionReport& report = graph.report;
  for (const auto& [key, counters] : aggregate.edges) {
    const EdgeStats stats = counters.total();
    const std::int64_t seen_at = stats.last_seen;
    const auto clients = resolver.resolve(key.client, aggregate.identities[key.client_identity], EdgeSide::client, 0,
                                          key.protocol, seen_at);
    const auto servers = resolver.resolve(key.server, aggregate.identities[key.server_identity], EdgeSide::server,
                                          key.port, key.protocol, seen_at);
    const std::uint64_t flows = std::max<std::uint64_t>(stats.flows, 1);
    for (const auto& client : clients) {
      for (const auto& server : servers) {
        const Peer& c = client.peer;
        const Peer& s = server.peer;
        for (const ResolvedPeer* end : {&client, &server}) {
          if (end->peer.kind != PeerKind::cluster_unknown) continue;
          auto& counts = end->holder == IpHolder::Status::ambiguous      ? report.ambiguous_pod_ips
                         : end->holder == IpHolder::Status::unattributed ? report.unheld_pod_ips
                                                                         : report.cluster_unknown;
          counts[end->peer.ip] += flows;
        }
        for (const Peer* end : {&c, &s}) {
          // The API server's addresses are known for what they are, private or not.
          if (end->kind == PeerKind::external && end->ip.is_private()) report.private_external[end->ip] += flows;
          if (end->kind == PeerKind::reserved && end->entity != "ingress") {
            report.reserved_identities[to_string(*end)] += flows;
          }
        }
        if (c.kind == PeerKind::node && s.kind == PeerKind::external) {
          // The VPC CNI SNATs pod egress leaving the VPC to the node's address: the pod behind
          // it cannot be known from these records.
          report.snat[c.ip] += flows;
          if (aggregate.identities[key.client_identity].reserved.empty()) {
            report.snat_edges[EdgeId{c, s, key.protocol, server.port}] += flows;
          }
        } else if ((c.kind == PeerKind::node) != (s.kind == PeerKind::node)) {
          report.node_traffic[fmt::format("{} -> {} {} {}", to_string(c), to_string(s), to_string(key.protocol),
                                          server.port)] += flows;
        }
        const EdgeId edge{c, s, key.protocol, server.port};
        if (c.kind == PeerKind::node && s.kind == PeerKind::workload) {
          mark_node_side(graph.node_sides[edge], {key.client, aggregate.identities[key.client_identity]},
                         {key.server, aggregate.identities[key.server_identity]}, seen_at, inventory);
        } else if (s.kind == PeerKind::node && c.kind == PeerKind::workload) {
          mark_node_side(graph.node_sides[edge], {key.server, aggregate.identities[key.server_identity]},
                         {key.client, aggregate.identities[key.client_identity]}, seen_at, inventory);
        }
        graph.edges[edge].merge(stats);
      }
    }
  }
  // The API server's addresses are known for what they are, private or not (Hubble may name one
  // only after an edge to it was counted).
  for (const IpAddress& ip : graph.apiserver_ips) report.private_external.erase(ip);
  for (const auto& [resolved, seen_at] : aggregate.resolved_names) {
    const auto clients = resolver.resolve(resolved.client, aggregate.identities[resolved.client_identity],
                                          EdgeSide::client, 0, Protocol::udp, seen_at);
    for (const auto& client : clients) {
      if (client.peer.kind == PeerKind::workload) {
        graph.resolved_names[client.peer.workload][resolved.address].insert(resolved.name);
      }
    }
  }
  choose_selectors(graph, inventory, resolver.observed_labels());
  return graph;
}

}  // namespace netobs
