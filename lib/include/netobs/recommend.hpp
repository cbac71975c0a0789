// Least-privilege NetworkPolicy synthesis from the dependency graph: one policy per workload
// with observed traffic, allowing exactly the observed (peer, port, protocol) set plus DNS.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <netobs/graph.hpp>
#include <netobs/inventory.hpp>
#include <netobs/policy.hpp>

namespace netobs {

enum class DnsMode { allow, none };
enum class DefaultDeny { no, yes };

struct RecommendOptions {
  DnsMode dns = DnsMode::allow;
  std::optional<LabelSelector> dns_selector;  // overrides the kube-dns Service's selector
  std::string dns_namespace = "kube-system";
  std::vector<IpAddress> dns_ips;             // NodeLocal DNSCache and similar
  std::vector<std::string> namespaces;        // limit output to these; empty = all but system ones
  DefaultDeny default_deny = DefaultDeny::no;
};

struct Recommendation {
  std::vector<NetworkPolicy> policies;         // sorted by namespace, then name
  std::vector<std::string> notes;              // for review: what was left out and why
  std::vector<std::string> unobserved;         // with --default-deny: workloads it will cut off
  std::string dns_description;                 // what DNS egress allows, for the summary
};

Recommendation recommend(const Graph& graph, const Inventory& inventory, const RecommendOptions& options);

// The policy name for a workload: "<name>-netobs".
std::string policy_name(const WorkloadRef& workload);

}  // namespace netobs
