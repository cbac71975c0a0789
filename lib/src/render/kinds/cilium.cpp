// The `cilium` kind: one cilium.io/v2 CiliumNetworkPolicy per workload. Pods of another namespace
// carry the k8s:io.kubernetes.pod.namespace label, nodes are the `host` entity (the pod's own node)
// or `remote-node` (the others), each only where observed, the API server is `kube-apiserver`, Cilium's Ingress/Gateway
// proxy `ingress`, and `world` is never written. Egress to cluster DNS carries the L7 DNS rule, so Cilium's DNS proxy
// sees the lookups `toFQDNs` needs.
// --default-deny is one CiliumClusterwideNetworkPolicy whose empty rules put every pod of the
// covered namespaces in default deny, allowing nothing.
#include "kinds.hpp"
#include "render/policy_json.hpp"
#include "rule_groups.hpp"

namespace netobs::kinds {
namespace {

using nlohmann::ordered_json;

const char* k_cilium_namespace_label = "k8s:io.kubernetes.pod.namespace";

// Cilium rejects rules mixing some L3 selectors: endpoints, entities, CIDRs and FQDNs get a rule each.
int cilium_l3_class(const AllowPeer& peer) {
  switch (peer.kind) {
    case AllowPeerKind::workload:
    case AllowPeerKind::every_pod:
      return 0;
    case AllowPeerKind::nodes:
    case AllowPeerKind::apiserver:
    case AllowPeerKind::ingress_proxy:
      return 1;
    case AllowPeerKind::address:
      return 2;
    case AllowPeerKind::domains:
      return 3;
  }
  return 0;
}

ordered_json endpoint_selector(const AllowPeer& peer, const std::string& self_ns) {
  if (peer.kind == AllowPeerKind::every_pod) {
    return {{"matchExpressions", {{{"key", k_cilium_namespace_label}, {"operator", "Exists"}}}}};
  }
  ordered_json selector = to_json(peer.selector);
  if (peer.workload.namespace_name != self_ns)
    selector["matchLabels"][k_cilium_namespace_label] = peer.workload.namespace_name;
  return selector;
}

ordered_json cilium_ports(const std::set<PortKey>& ports, bool dns_rule = false) {
  ordered_json list = ordered_json::array();
  for (const auto& [protocol, port] : ports) {
    list.push_back({{"port", std::to_string(port)}, {"protocol", std::string(to_string(protocol))}});
  }
  ordered_json rule{{"ports", std::move(list)}};
  if (dns_rule) rule["rules"]["dns"] = ordered_json::array({{{"matchPattern", "*"}}});
  return ordered_json::array({std::move(rule)});
}

void add_once(ordered_json& list, const ordered_json& item) {
  for (const auto& have : list) {
    if (have == item) return;
  }
  list.push_back(item);
}

// One rule: `from*` keys for ingress, `to*` for egress.
ordered_json cilium_rule(const RuleGroup& group, bool ingress, const std::string& self_ns) {
  const std::string prefix = ingress ? "from" : "to";
  ordered_json out = ordered_json::object();
  for (const AllowPeer* peer : group.peers) {
    switch (peer->kind) {
      case AllowPeerKind::workload:
      case AllowPeerKind::every_pod:
        add_once(out[prefix + "Endpoints"], endpoint_selector(*peer, self_ns));
        break;
      case AllowPeerKind::nodes:
        add_once(out[prefix + "Entities"], peer->node_scope == NodeScope::own_node ? "host" : "remote-node");
        break;
      case AllowPeerKind::apiserver:
        add_once(out[prefix + "Entities"], "kube-apiserver");
        break;
      case AllowPeerKind::ingress_proxy:
        add_once(out[prefix + "Entities"], "ingress");
        break;
      case AllowPeerKind::address:
        for (const Cidr& cidr : peer->cidrs) add_once(out[prefix + "CIDR"], to_string(cidr));
        break;
      case AllowPeerKind::domains:
        for (const auto& name : peer->domains) add_once(out["toFQDNs"], {{"matchName", name}});
        break;
    }
  }
  out["toPorts"] = cilium_ports(group.ports);
  return out;
}

ordered_json cilium_rules(const std::vector<AllowEntry>& entries, bool ingress, const std::string& self_ns) {
  ordered_json out = ordered_json::array();
  for (const auto& group : rule_groups(entries, cilium_l3_class)) out.push_back(cilium_rule(group, ingress, self_ns));
  return out;
}

// Egress to the DNS pods (and --dns-ip addresses) with the L7 DNS rule that lets every name through.
ordered_json cilium_dns_rules(const ClusterDns& dns) {
  const std::set<PortKey> ports(dns_port_keys().begin(), dns_port_keys().end());
  ordered_json selector = to_json(dns.selector);
  selector["matchLabels"][k_cilium_namespace_label] = dns.namespace_name;
  ordered_json out = ordered_json::array();
  out.push_back({{"toEndpoints", ordered_json::array({selector})}, {"toPorts", cilium_ports(ports, true)}});
  if (!dns.ips.empty()) {
    ordered_json cidrs = ordered_json::array();
    for (const IpAddress& ip : dns.ips) cidrs.push_back(to_string(host_cidr(ip)));
    out.push_back({{"toCIDR", std::move(cidrs)}, {"toPorts", cilium_ports(ports, true)}});
  }
  return out;
}

// An empty rule list would leave the direction open; one empty rule denies all of it.
ordered_json or_deny_all(ordered_json rules) {
  if (rules.empty()) rules.push_back(ordered_json::object());
  return rules;
}

ordered_json cilium_policy(const WorkloadAllowList& list, const std::optional<ClusterDns>& dns) {
  const std::string& ns = list.workload.namespace_name;
  const EgressParts parts = split_egress(list.egress);
  ordered_json egress = cilium_rules(parts.observed, false, ns);
  if (list.resolves_names && dns) {
    for (auto& item : cilium_dns_rules(*dns)) egress.push_back(std::move(item));
  }
  for (auto& item : cilium_rules(parts.for_dns, false, ns)) egress.push_back(std::move(item));
  ordered_json out;
  out["apiVersion"] = "cilium.io/v2";
  out["kind"] = "CiliumNetworkPolicy";
  out["metadata"] = metadata(list.name, ns, list.annotations);
  out["spec"]["endpointSelector"] = to_json(list.selector);
  out["spec"]["ingress"] = or_deny_all(cilium_rules(list.ingress, true, ns));
  out["spec"]["egress"] = or_deny_all(std::move(egress));
  return out;
}

ordered_json cilium_default_deny(const std::set<std::string>& namespaces) {
  ordered_json out;
  out["apiVersion"] = "cilium.io/v2";
  out["kind"] = "CiliumClusterwideNetworkPolicy";
  out["metadata"] = metadata("default-deny-netobs", "");
  out["spec"]["endpointSelector"]["matchExpressions"] = ordered_json::array(
      {{{"key", k_cilium_namespace_label}, {"operator", "In"}, {"values", ordered_json(namespaces)}}});
  out["spec"]["ingress"] = ordered_json::array({ordered_json::object()});
  out["spec"]["egress"] = ordered_json::array({ordered_json::object()});
  return out;
}

}  // namespace

void cilium_documents(const PolicyModel& model, const DocumentSink& sink) {
  for (const auto& list : model.workloads) sink(cilium_policy(list, model.dns));
  if (!model.default_deny.empty()) sink(cilium_default_deny(model.default_deny));
}

}  // namespace netobs::kinds
