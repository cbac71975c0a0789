// The recommendation before it is any policy kind: for each workload, the peers and ports it may
// talk with (and the evidence for each), plus the cluster-wide pieces, cluster DNS and the
// default deny. Each output kind translates this model in its own writer; the networking.k8s.io/v1
// translation (`network_policies`) is the one the policy engine proves.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <netobs/edge.hpp>
#include <netobs/ip.hpp>
#include <netobs/labels.hpp>
#include <netobs/policy.hpp>
#include <netobs/workload.hpp>

namespace netobs {

enum class AllowPeerKind {
  workload,   // the pods of one workload, selected by `selector` in `workload.namespace_name`
  every_pod,  // every pod of every namespace (the clients of cluster DNS)
  nodes,      // the nodes and host-network pods; networking/v1 cannot name them and leaves them open
  address,    // addresses outside the cluster's pods: `cidrs`
  apiserver,  // the Kubernetes API server: `cidrs` are its endpoints' /32s or --apiserver-cidr
  domains,    // names the workload resolved (--egress-names); `cidrs` are the addresses they replace
  // Cilium's Ingress/Gateway proxy (Hubble's reserved:ingress): the cilium kind's `ingress`
  // entity; networking/v1 cannot name it and writes no rule (the summary says what to do).
  ingress_proxy,
};

// Which nodes a `nodes` peer is, seen from the workload's pods: the node each pod runs on
// (Cilium's `host` entity: kubelet probes, host-network pods beside it) or the other nodes
// (`remote-node`). Cilium keeps them apart, so allowing the one observed never allows the other.
enum class NodeScope { own_node, other_nodes };

struct AllowPeer {
  AllowPeerKind kind = AllowPeerKind::address;
  WorkloadRef workload;                        // workload
  LabelSelector selector;                      // workload
  std::vector<Cidr> cidrs;                     // address, apiserver, domains
  std::vector<std::string> domains;            // domains: exact names
  std::string label;                           // what the address is, for reviewers ("orders-db (RDS)"), or empty
  NodeScope node_scope = NodeScope::own_node;  // nodes

  auto operator<=>(const AllowPeer&) const = default;
};

using PortKey = std::pair<Protocol, std::uint16_t>;

// One peer and every port observed with it (in this direction), with the traffic that shows it.
struct AllowEntry {
  AllowPeer peer;
  std::set<PortKey> ports;
  EdgeStats evidence;
  bool for_dns = false;  // the DNS server's own needs (clients, upstreams), written after the rest
};

struct WorkloadAllowList {
  WorkloadRef workload;
  std::string name;  // stable policy name: "<workload>-netobs"
  LabelSelector selector;
  std::map<std::string, std::string> annotations;  // netobs.io/* evidence for reviewers
  std::vector<AllowEntry> ingress;                 // sorted by peer
  std::vector<AllowEntry> egress;
  bool resolves_names = false;  // egress to cluster DNS (ClusterDns) on 53/UDP and 53/TCP
};

// Where every covered pod resolves names.
struct ClusterDns {
  std::string namespace_name;
  LabelSelector selector;      // the DNS pods in `namespace_name`
  std::vector<IpAddress> ips;  // also these addresses (--dns-ip: NodeLocal DNSCache and similar)
};

struct PolicyModel {
  std::vector<WorkloadAllowList> workloads;  // sorted by namespace, then name
  std::optional<ClusterDns> dns;             // absent with --dns none
  std::set<std::string> default_deny;        // namespaces to deny by default (--default-deny)
};

inline const std::vector<PortKey>& dns_port_keys() {
  static const std::vector<PortKey> ports{{Protocol::udp, 53}, {Protocol::tcp, 53}};
  return ports;
}

inline bool is_dns_port(const PortKey& port) {
  return std::find(dns_port_keys().begin(), dns_port_keys().end(), port) != dns_port_keys().end();
}

// The model as networking.k8s.io/v1 NetworkPolicies, sorted by namespace and name: one per
// workload and, with a default deny, one deny-all per namespace. `nodes` entries have no rule
// (NetworkPolicy implementations leave node traffic open) and `domains` become their addresses.
std::vector<NetworkPolicy> network_policies(const PolicyModel& model);

// The deny-all policy --default-deny writes into namespace `ns` (both directions, every pod).
NetworkPolicy default_deny_policy(const std::string& ns);

}  // namespace netobs
