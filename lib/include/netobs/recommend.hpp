// Least-privilege NetworkPolicy synthesis from the dependency graph: one policy per workload
// with observed traffic, allowing exactly the observed (peer, port, protocol) set plus DNS.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <netobs/address_book.hpp>
#include <netobs/error.hpp>
#include <netobs/graph.hpp>
#include <netobs/inventory.hpp>
#include <netobs/policy.hpp>
#include <netobs/policy_model.hpp>

namespace netobs {

enum class DnsMode { allow, none };
enum class DefaultDeny { no, yes };
// Which namespaces get policies when none is named: all but kube-system, kube-public and
// kube-node-lease, or every one (-A, for cluster-wide default-deny).
enum class NamespaceScope { non_system, all };

struct RecommendOptions {
  DnsMode dns = DnsMode::allow;
  std::optional<LabelSelector> dns_selector;  // overrides the kube-dns Service's selector
  std::string dns_namespace = "kube-system";
  std::vector<IpAddress> dns_ips;  // NodeLocal DNSCache and similar
  // Resolvers the cluster DNS server forwards to, allowed in its egress although flow logs never
  // show that traffic: 169.254.169.253 (the Amazon-provided DNS), the base+2 address of each
  // VPC CIDR, and these.
  std::vector<Cidr> dns_upstreams;
  std::vector<Cidr> vpc_cidrs;
  // Where the API server's endpoints live (stable, unlike the endpoint addresses themselves).
  std::vector<Cidr> apiserver_cidrs;
  std::vector<std::string> namespaces;  // limit output to these; empty = the scope's
  NamespaceScope scope = NamespaceScope::non_system;
  std::vector<std::string> exclude_namespaces;  // never these, whatever else says
  DefaultDeny default_deny = DefaultDeny::no;
  // The observation window (Unix seconds), to tell which Jobs and CronJobs did not run in it.
  std::int64_t window_start = 0;
  std::int64_t window_end = 0;
  // Names for outside addresses (--vpc-resources, --aws-ip-ranges), in the summary and the
  // policies' annotations; with aggregate_aws an AWS address is allowed as its published prefix.
  const AddressBook* addresses = nullptr;
  bool aggregate_aws = false;
  // Egress to an outside address a workload resolved by name (Hubble DNS answers) is allowed by
  // that name: for the kinds that can say so (cilium, eks).
  bool egress_names = false;
};

struct Recommendation {
  PolicyModel model;                    // what each output kind writes (network_policies(model) for the engine)
  std::vector<std::string> notes;       // for review: what was left out and why
  std::vector<std::string> unobserved;  // with --default-deny: workloads it will cut off, and why
  // With --default-deny: pod egress seen only as its node's address (SNAT), per node, destination
  // and port; it will be cut off, since no policy can name the pod.
  std::vector<std::string> unattributed_egress;
  std::vector<std::string> unisolated;       // with --default-deny: namespaces it leaves open, and why
  std::string dns_description;               // what DNS egress allows, for the summary
  std::vector<std::string> named_addresses;  // "52.94.1.12: S3 us-east-1 (52.94.0.0/22)", sorted
  std::set<IpAddress> named_ips;             // the addresses those lines name
  std::vector<std::string> widened;
  // --egress-names: "ns/wl: 203.0.113.5 -> api.example.com"; --aggregate-aws: each /32 and the
  // range that replaced it
  std::vector<std::string> named_egress;
  // Ingress allowed from the public addresses that happened to call in the window
  // ("ns/wl: 203.0.113.7 TCP 443"): every other client of an internet-facing workload is cut off.
  std::vector<std::string> public_clients;
  // What must stop the recommendation from being written (a DNS selector that selects no DNS pod:
  // with a default deny, a cluster-wide DNS outage), and what the user must read even with the
  // summary silenced.
  std::optional<Error> error;
  std::vector<std::string> warnings;
};

Recommendation recommend(const Graph& graph, const Inventory& inventory, const RecommendOptions& options);

// The policy name for a workload: "<name>-netobs".
std::string policy_name(const WorkloadRef& workload);

// The namespaces of `named` that neither the inventory nor the graph holds (most likely a typo).
std::vector<std::string> unknown_namespaces(const std::vector<std::string>& named, const Inventory& inventory,
                                            const Graph& graph);

}  // namespace netobs
