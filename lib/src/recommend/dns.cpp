#include "dns.hpp"

#include <algorithm>

#include <fmt/format.h>

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
    dns.description = "DNS egress not added (--dns none)";
    return dns;
  }
  dns.namespace_name = options.dns_namespace;
  if (options.dns_selector) {
    dns.selector = options.dns_selector;
    dns.description = fmt::format("DNS egress to pods {} in {} (--dns-selector)",
                                  to_string(*dns.selector), dns.namespace_name);
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
      dns.description = fmt::format("DNS egress to pods k8s-app=kube-dns in {} (no kube-dns Service "
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
    dns.description += fmt::format(", and to {} (--dns-ip)", to_string(ip));
  }
  return dns;
}

}  // namespace netobs
