// The service-dependency graph: workloads (per namespace), nodes and external addresses as
// peers, and the edges observed between them with port, protocol, counts and time window.
// recommend, graph and diff all read this model.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <netobs/ingest.hpp>
#include <netobs/inventory.hpp>
#include <netobs/ip.hpp>
#include <netobs/labels.hpp>

namespace netobs {

enum class PeerKind {
  workload,         // pods of one root owner
  node,             // a node or a host-network pod: always allowed, never a rule
  external,         // outside the cluster: the internet or a VPC resource (an ipBlock)
  cluster_unknown,  // inside the cluster's ranges but unexplained: reported, never an ipBlock
  // A Cilium reserved identity that is neither the world, a node nor the API server: `entity`
  // names it (`ingress`, Cilium's Ingress/Gateway proxy; `health`, `init`, `unmanaged`, ...).
  reserved,
};

struct Peer {
  PeerKind kind = PeerKind::external;
  WorkloadRef workload;     // PeerKind::workload
  IpAddress ip;             // the other kinds
  std::string entity = {};  // PeerKind::reserved: the identity's name without `reserved:`

  auto operator<=>(const Peer&) const = default;
};

// "ns/name[Kind]", "node 10.0.0.1", "1.2.3.4", "unknown 10.1.2.3" or "reserved:health 10.0.1.5".
std::string to_string(const Peer& peer);

struct WorkloadNode {
  WorkloadRef ref;
  LabelSelector selector;     // selects exactly this workload's pods, unless `selector_note` says otherwise
  std::string selector_note;  // why the selector is not exact, or empty
  bool host_network = false;  // its pods share the node's network: no policy can isolate them
  bool system = false;        // kube-system, kube-public, kube-node-lease
};

struct EdgeId {
  Peer client;
  Peer server;
  Protocol protocol = Protocol::tcp;
  std::uint16_t port = 0;

  auto operator<=>(const EdgeId&) const = default;
};

// What could not be attributed to workloads, for the summary.
struct AttributionReport {
  std::map<IpAddress, std::uint64_t> cluster_unknown;   // address -> flows
  std::map<IpAddress, std::uint64_t> private_external;  // private addresses taken as external
  std::map<IpAddress, std::uint64_t> snat;              // node address -> flows to the outside
  // The same per destination, protocol and port, when only an address named the node (VPC records,
  // not Hubble's `reserved:host`): what a default deny cuts off. Edge -> flows.
  std::map<EdgeId, std::uint64_t> snat_edges;
  std::map<std::string, std::uint64_t> node_traffic;  // "node -> ns/wl TCP 8080" -> flows
  // Pod addresses left out of every policy: held by no inventoried pod at the time of the
  // traffic, or claimed by two; address -> flows.
  std::map<IpAddress, std::uint64_t> unheld_pod_ips;
  std::map<IpAddress, std::uint64_t> ambiguous_pod_ips;
  // Cilium reserved identities no rule allows (all but `ingress`): "reserved:health 10.0.1.5" -> flows.
  std::map<std::string, std::uint64_t> reserved_identities;
  std::vector<std::string> notes;
};

// Where the node end of an edge between a node and a pod was, seen from the pod: its own node,
// another one, or not known (no Hubble identity, and the inventory lacks the pod's or the node's).
struct NodeSides {
  bool own = false;
  bool other = false;
  bool unknown = false;
};

struct Graph {
  std::map<WorkloadRef, WorkloadNode> workloads;
  std::map<EdgeId, EdgeStats> edges;
  // For each edge between a node and a workload: where the node was (Cilium's host or remote-node).
  std::map<EdgeId, NodeSides> node_sides;
  AttributionReport report;
  // The names each workload resolved to each address (Hubble DNS answers), for --egress-names.
  std::map<WorkloadRef, std::map<IpAddress, std::set<std::string>>> resolved_names;
  // The API server's addresses: the endpoints of default/kubernetes in the inventory and those
  // Hubble labelled reserved:kube-apiserver. Its peers are `external` peers at these addresses.
  std::set<IpAddress> apiserver_ips;
};

struct GraphOptions {
  std::vector<Cidr> cluster_cidrs;  // pod and Service ranges (--cluster-cidr)
};

// Attributes every aggregated edge to peers: Hubble identities first, then the inventory (pods
// by IP and time, Services to their backends with targetPort translation, nodes), then the
// cluster ranges; what remains is external.
Graph build_graph(const FlowAggregate& aggregate, const Inventory& inventory, const GraphOptions& options);

bool is_system_namespace(const std::string& namespace_name);

}  // namespace netobs
