// The `networkpolicy` kind: the model as networking.k8s.io/v1 NetworkPolicies. The policy engine
// proves this translation, and the other kinds reuse it for the rules they leave to networking/v1.
#include <algorithm>
#include <tuple>

#include "kinds.hpp"
#include "render/policy_json.hpp"
#include "rule_groups.hpp"

namespace netobs {
namespace {

const char* k_metadata_name = "kubernetes.io/metadata.name";

void add_unique(std::vector<PolicyPeer>& peers, PolicyPeer peer) {
  if (std::find(peers.begin(), peers.end(), peer) == peers.end()) peers.push_back(std::move(peer));
}

void add_peers(std::vector<PolicyPeer>& peers, const AllowPeer& peer, const std::string& self_ns) {
  switch (peer.kind) {
    case AllowPeerKind::workload:
      if (peer.workload.namespace_name == self_ns) {
        add_unique(peers, PolicyPeer{peer.selector, std::nullopt, std::nullopt, {}});
      } else {
        add_unique(
            peers,
            PolicyPeer{
                peer.selector, LabelSelector{{{k_metadata_name, peer.workload.namespace_name}}, {}}, std::nullopt, {}});
      }
      return;
    case AllowPeerKind::every_pod:
      add_unique(peers, PolicyPeer{std::nullopt, LabelSelector{}, std::nullopt, {}});
      return;
    case AllowPeerKind::nodes:
    case AllowPeerKind::ingress_proxy:  // no networking/v1 peer names it: the summary says what to do
      return;
    case AllowPeerKind::address:
    case AllowPeerKind::apiserver:
    case AllowPeerKind::domains:
      for (const Cidr& cidr : peer.cidrs)
        add_unique(peers, PolicyPeer{std::nullopt, std::nullopt, IpBlock::of(cidr), {}});
      return;
  }
}

template <typename Ports>
std::vector<PolicyPort> policy_ports(const Ports& ports) {
  std::vector<PolicyPort> out;
  out.reserve(ports.size());
  for (const auto& [protocol, port] : ports) out.push_back(PolicyPort{protocol, static_cast<int>(port), std::nullopt});
  return out;
}

std::vector<PolicyRule> policy_rules(const std::vector<AllowEntry>& entries, const std::string& self_ns) {
  std::vector<PolicyRule> out;
  for (const auto& group : kinds::rule_groups(entries)) {
    PolicyRule rule;
    for (const AllowPeer* peer : group.peers) add_peers(rule.peers, *peer, self_ns);
    if (rule.peers.empty()) continue;  // only nodes: no rule can name them
    rule.ports = policy_ports(group.ports);
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace

std::vector<PolicyPeer> dns_policy_peers(const ClusterDns& dns) {
  std::vector<PolicyPeer> peers{
      PolicyPeer{dns.selector, LabelSelector{{{k_metadata_name, dns.namespace_name}}, {}}, std::nullopt, {}}};
  for (const IpAddress& ip : dns.ips) {
    peers.push_back(PolicyPeer{std::nullopt, std::nullopt, IpBlock::of(host_cidr(ip)), {}});
  }
  return peers;
}

NetworkPolicy network_policy(const WorkloadAllowList& list, const std::optional<ClusterDns>& dns) {
  NetworkPolicy policy;
  policy.name = list.name;
  policy.namespace_name = list.workload.namespace_name;
  policy.labels["app.kubernetes.io/managed-by"] = "netobs";
  policy.annotations = list.annotations;
  policy.pod_selector = list.selector;
  policy.policy_types = {PolicyType::ingress, PolicyType::egress};
  policy.ingress = policy_rules(list.ingress, policy.namespace_name);
  const kinds::EgressParts egress = kinds::split_egress(list.egress);
  policy.egress = policy_rules(egress.observed, policy.namespace_name);
  if (list.resolves_names && dns)
    policy.egress.push_back(PolicyRule{dns_policy_peers(*dns), policy_ports(dns_port_keys())});
  for (auto& rule : policy_rules(egress.for_dns, policy.namespace_name)) policy.egress.push_back(std::move(rule));
  return policy;
}

NetworkPolicy default_deny_policy(const std::string& ns) {
  NetworkPolicy deny;
  deny.name = "default-deny-netobs";
  deny.namespace_name = ns;
  deny.labels["app.kubernetes.io/managed-by"] = "netobs";
  deny.policy_types = {PolicyType::ingress, PolicyType::egress};
  return deny;
}

void sort_policies(std::vector<NetworkPolicy>& policies) {
  std::sort(policies.begin(), policies.end(), [](const NetworkPolicy& a, const NetworkPolicy& b) {
    return std::tie(a.namespace_name, a.name) < std::tie(b.namespace_name, b.name);
  });
}

std::vector<NetworkPolicy> network_policies(const PolicyModel& model) {
  std::vector<NetworkPolicy> out;
  for (const auto& list : model.workloads) out.push_back(network_policy(list, model.dns));
  for (const auto& ns : model.default_deny) out.push_back(default_deny_policy(ns));
  sort_policies(out);
  return out;
}

namespace kinds {

void network_policy_documents(const PolicyModel& model, const DocumentSink& sink) {
  for (const auto& policy : network_policies(model)) sink(to_json(policy));
}

}  // namespace kinds
}  // namespace netobs
