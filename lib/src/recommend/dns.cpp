#include "dns.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <netobs/option.hpp>

namespace netobs {

bool DnsTarget::covers(const Peer& peer, const Graph& graph) const {
  if (peer.kind == PeerKind::external) return std::find(ips.begin(), ips.end(), peer.ip) != ips.end();
  if (peer.kind != PeerKind::workload || !selector || peer.workload.namespace_name != namespace_name) {
    return false;
  }
  auto it = graph.workloads.find(peer.workload);
  return it != graph.workloads.end() && !it->second.selector.empty() &&
         selector->matches(it->second.selector.match_labels);
}

bool DnsTarget::serves(const WorkloadNode& workload) const {
  return selector && workload.ref.namespace_name == namespace_name && !workload.selector.empty() &&
         selector->matches(workload.selector.match_labels);
}

std::optional<ClusterDns> DnsTarget::cluster_dns() const {
  if (!selector) return std::nullopt;
  return ClusterDns{namespace_name, *selector, ips};
}

DnsTarget find_dns(const Inventory& inventory, const RecommendOptions& options) {
  DnsTarget dns;
  if (options.dns == DnsMode::none) {
    dns.description = fmt::format("DNS egress not added ({} none)", spell(Option::dns));
    return dns;
  }
  dns.namespace_name = options.dns_namespace;
  if (options.dns_selector) {
    dns.selector = options.dns_selector;
    dns.description = fmt::format("DNS egress to pods {} in {} ({})", to_string(*dns.selector), dns.namespace_name,
                                  spell(Option::dns_selector));
  } else {
    for (const char* name : {"kube-dns", "coredns"}) {
      const Service* service = inventory.service_by_name(options.dns_namespace, name);
      if (service && service->selector && !service->selector->empty()) {
        dns.selector = service->selector;
        dns.description = fmt::format("DNS egress to pods {} in {} (the {} Service's selector)",
                                      to_string(*dns.selector), dns.namespace_name, name);
        break;
      }
    }
    if (!dns.selector) {
      dns.selector = LabelSelector{{{"k8s-app", "kube-dns"}}, {}};
      dns.description = fmt::format(
          "DNS egress to pods k8s-app=kube-dns in {} (no kube-dns Service "
          "in the inventory; the conventional labels)",
          dns.namespace_name);
    }
  }
  // 169.254.169.253 and VPC+2 are the Amazon-provided DNS server; VPC flow logs never record it.
  dns.upstreams.push_back(*parse_cidr("169.254.169.253/32"));
  for (const Cidr& vpc : options.vpc_cidrs) {
    if (vpc.base.is_v4()) dns.upstreams.push_back(host_cidr(IpAddress::from_v4(vpc.base.v4() + 2)));
  }
  dns.upstreams.insert(dns.upstreams.end(), options.dns_upstreams.begin(), options.dns_upstreams.end());
  std::sort(dns.upstreams.begin(), dns.upstreams.end());
  dns.upstreams.erase(std::unique(dns.upstreams.begin(), dns.upstreams.end()), dns.upstreams.end());
  dns.ips = options.dns_ips;
  std::sort(dns.ips.begin(), dns.ips.end());
  for (const auto& ip : dns.ips) {
    dns.description += fmt::format(", and to {} ({})", to_string(ip), spell(Option::dns_ip));
  }
  return dns;
}

namespace {

// The pods of `ns` whose name says DNS, as "name (labels)": what the user most likely meant.
std::vector<std::string> dns_like_pods(const Inventory& inventory, const std::string& ns) {
  std::set<std::string> out;
  for (const auto& pod : inventory.pods()) {
    if (pod.namespace_name != ns || pod.name.find("dns") == std::string::npos) continue;
    Labels stable;
    for (const auto& [key, value] : pod.labels) {
      if (!is_volatile_label(key)) stable.emplace(key, value);
    }
    out.insert(fmt::format("{} ({})", pod.name, to_string(LabelSelector{stable, {}})));
    if (out.size() == 3) break;
  }
  return {out.begin(), out.end()};
}

}  // namespace

DnsCheck check_dns(const DnsTarget& dns, const Inventory& inventory, const Graph& graph) {
  DnsCheck check;
  if (!dns.selector) return check;  // --dns none
  bool namespace_listed = false;
  bool selects = false;
  for (const auto& pod : inventory.pods()) {
    if (pod.namespace_name != dns.namespace_name) continue;
    namespace_listed = true;
    selects = selects || dns.selector->matches(pod.labels);
  }
  const std::string target = fmt::format("{} in {}", to_string(*dns.selector), dns.namespace_name);
  if (namespace_listed && !selects) {
    std::string message = fmt::format(
        "the DNS pods {} select no pod of the inventory: every policy's DNS egress would allow nothing ({}); "
        "name the DNS pods with {} [NAMESPACE/]key=value, or give {} none",
        target, dns.description, spell(Option::dns_selector), spell(Option::dns));
    if (const auto candidates = dns_like_pods(inventory, dns.namespace_name); !candidates.empty()) {
      message += fmt::format("; DNS pods in {}: {}", dns.namespace_name, fmt::join(candidates, ", "));
    }
    check.error = Error{ErrorKind::invalid_input, std::move(message)};
    return check;
  }
  // Namespace objects are listed cluster-wide even by a namespaced `kubectl get`: when the inventory
  // has them (only they carry labels: kubernetes.io/metadata.name at least; namespaces known from
  // pods alone have none), one missing is a typo.
  const auto& namespaces = inventory.namespaces();
  const bool namespaces_listed =
      std::any_of(namespaces.begin(), namespaces.end(), [](const auto& entry) { return !entry.second.empty(); });
  if (!namespace_listed && namespaces_listed && !namespaces.contains(dns.namespace_name)) {
    check.error = Error{
        ErrorKind::invalid_input,
        fmt::format("the DNS pods {}: the inventory has no namespace {} ({}); name the DNS pods with "
                    "{} [NAMESPACE/]key=value, or give {} none",
                    target, dns.namespace_name, dns.description, spell(Option::dns_selector), spell(Option::dns))};
    return check;
  }
  if (!inventory.pods().empty() && !namespace_listed) {
    check.warnings.push_back(fmt::format("the inventory lists no pod in {}, so the DNS pods {} could not be checked",
                                         dns.namespace_name, target));
  }
  // Name resolution observed to pods the DNS rule does not select: the selector is likely wrong
  // (each such edge is still allowed as observed, to that workload only).
  std::map<WorkloadRef, std::set<WorkloadRef>> clients_of;
  for (const auto& [edge, stats] : graph.edges) {
    if (edge.server.kind != PeerKind::workload || !is_dns_port(PortKey{edge.protocol, edge.port}) ||
        dns.covers(edge.server, graph)) {
      continue;
    }
    auto& clients = clients_of[edge.server.workload];
    if (edge.client.kind == PeerKind::workload) clients.insert(edge.client.workload);
  }
  for (const auto& [server, clients] : clients_of) {
    check.warnings.push_back(fmt::format(
        "DNS traffic (port 53) was observed to {} from {} workload(s), but the DNS pods are {}: if it serves "
        "cluster DNS, name it with {} (its clients are allowed only as observed)",
        workload_name(server), clients.size(), target, spell(Option::dns_selector)));
  }
  return check;
}

// The workloads serving cluster DNS that the graph lacks (no traffic seen): nodes made from the
// inventory so the DNS server always gets its policy.
std::map<WorkloadRef, WorkloadNode> unseen_dns_workloads(const Graph& graph, const Inventory& inventory,
                                                         const DnsTarget& dns) {
  std::map<WorkloadRef, WorkloadNode> out;
  if (!dns.selector) return out;
  for (const auto& pod : inventory.pods()) {
    if (pod.namespace_name != dns.namespace_name || pod.host_network || pod.terminated ||
        !dns.selector->matches(pod.labels) || graph.workloads.contains(pod.owner)) {
      continue;
    }
    WorkloadNode& node = out[pod.owner];
    node.ref = pod.owner;
    node.system = is_system_namespace(pod.namespace_name);
    auto info = inventory.workloads().find(pod.owner);
    node.selector =
        info != inventory.workloads().end() && info->second.selector ? *info->second.selector : *dns.selector;
  }
  return out;
}

}  // namespace netobs
