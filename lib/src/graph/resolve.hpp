// Turns one end of an aggregated edge (an address, maybe with a Hubble identity) into peers.
#pragma once

#include <optional>
#include <tuple>
#include <vector>

#include <netobs/graph.hpp>

namespace netobs {

struct ResolvedPeer {
  Peer peer;
  std::uint16_t port = 0;  // the port at this peer (a Service port becomes its target port)
  // ambiguous or unattributed: a pod address left out (the peer is cluster_unknown).
  IpHolder::Status holder = IpHolder::Status::not_a_pod_address;
};

enum class EdgeSide { client, server };

class PeerResolver {
 public:
  PeerResolver(const Inventory& inventory, const GraphOptions& options, Graph& graph)
      : m_inventory(inventory), m_options(options), m_graph(graph) {}

  // Peers for `ip` seen at `side` of an edge on `port`. A Service address resolves to each
  // backend workload; an empty result means the address was reported and yields no peer.
  std::vector<ResolvedPeer> resolve(const IpAddress& ip, const FlowEndpoint& identity, EdgeSide side,
                                    std::uint16_t port, Protocol protocol, std::int64_t seen_at);

 private:
  std::vector<ResolvedPeer> resolve_uncached(const IpAddress& ip, const FlowEndpoint& identity, EdgeSide side,
                                             std::uint16_t port, Protocol protocol, std::int64_t seen_at);

 public:
  // Learns from the Hubble identities that name their pod: which address belongs to which pod,
  // and which label set to which workload, so endpoints that lack a pod name still resolve.
  void learn(const FlowAggregate& aggregate);

  // Label sets seen for each workload (from the inventory's pods and Hubble identities).
  const std::map<WorkloadRef, std::vector<Labels>>& observed_labels() const { return m_labels; }

 private:
  Peer workload_peer(const WorkloadRef& ref, const Labels& labels);
  // The endpoints of a Service without selected backends (the API server's), on the endpoint
  // port that serves `port`: pods and nodes as such, other addresses as the outside.
  std::vector<ResolvedPeer> endpoint_peers(const Service& service, std::uint16_t port, Protocol protocol,
                                           std::int64_t seen_at);
  bool in_cluster_range(const IpAddress& ip) const;

  const Inventory& m_inventory;
  const GraphOptions& m_options;
  Graph& m_graph;
  std::map<WorkloadRef, std::vector<Labels>> m_labels;
  std::map<IpAddress, std::uint32_t> m_identity_by_ip;  // ip -> identity with a pod name
  std::map<std::pair<std::string, Labels>, std::optional<WorkloadRef>> m_workload_by_labels;  // nullopt: ambiguous
  const FlowAggregate* m_aggregate = nullptr;
  // Addresses recur across many edges: resolved peers of non-Service addresses, by
  // (address, identity); a reused address has one identity per pod that held it.
  std::map<std::pair<IpAddress, const FlowEndpoint*>, ResolvedPeer> m_cache;
};

// The workload a Hubble endpoint belongs to: the inventory's owner of its pod, its `workloads`
// entry, or the controller its pod name implies.
WorkloadRef workload_of(const FlowEndpoint& endpoint, const Inventory& inventory);

}  // namespace netobs
