// Where cluster DNS lives, so every recommended policy can allow it: the lesson of default-deny
// rollouts that broke name resolution.
#pragma once

#include <string>
#include <vector>

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

}  // namespace netobs
