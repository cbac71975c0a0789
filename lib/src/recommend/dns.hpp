// Where cluster DNS lives, so every recommended policy can allow it: the lesson of default-deny
// rollouts that broke name resolution.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/policy_model.hpp>
#include <netobs/recommend.hpp>

namespace netobs {

struct DnsTarget {
  std::string description;

  // True when traffic to `peer` on port 53 is already allowed by the DNS rule.
  bool covers(const Peer& peer, const Graph& graph) const;

  // True when `workload` is (among) the pods that serve cluster DNS.
  bool serves(const WorkloadNode& workload) const;

  std::string namespace_name;
  std::optional<LabelSelector> selector;
  std::vector<IpAddress> ips;
  std::vector<Cidr> upstreams;  // what the DNS server itself forwards to

  // Every policy's DNS egress: absent when DNS egress is turned off (--dns none).
  std::optional<ClusterDns> cluster_dns() const;
};

// The DNS peers from the options, else the kube-dns Service's own spec.selector, else the
// conventional k8s-app=kube-dns in kube-system.
DnsTarget find_dns(const Inventory& inventory, const RecommendOptions& options);

// What the inventory and the traffic say of the DNS target: a selector that picks no pod of an
// inventoried DNS namespace is an error (with a default deny it is a cluster-wide DNS outage);
// DNS traffic observed to pods outside the target, or a namespace the inventory does not list,
// are warnings.
struct DnsCheck {
  std::optional<Error> error;
  std::vector<std::string> warnings;
};
DnsCheck check_dns(const DnsTarget& dns, const Inventory& inventory, const Graph& graph);

// The workloads serving cluster DNS that the graph lacks (no traffic seen): nodes made from the
// inventory so the DNS server always gets its policy.
std::map<WorkloadRef, WorkloadNode> unseen_dns_workloads(const Graph& graph, const Inventory& inventory,
                                                         const DnsTarget& dns);

}  // namespace netobs
