// The `eks` kind: networking/v1 NetworkPolicies for pod-to-pod rules; a workload whose egress
// names domains (--egress-names) gets a networking.k8s.aws/v1alpha1 ApplicationNetworkPolicy
// instead, the same shape with `domainNames` peers, each standing alone as the API requires.
// --default-deny is the cluster tiers (cluster_tiers.hpp) of the EKS network policy controller.
#include "cluster_tiers.hpp"
#include "kinds.hpp"
#include "render/policy_json.hpp"
#include "rule_groups.hpp"

namespace netobs::kinds {
namespace {

using nlohmann::ordered_json;

ordered_json domain_rule(const RuleGroup& group) {
  ordered_json names = ordered_json::array();
  for (const AllowPeer* peer : group.peers) {
    for (const auto& name : peer->domains) names.push_back(name);
  }
  ordered_json ports = ordered_json::array();
  for (const auto& [protocol, port] : group.ports) {
    ports.push_back({{"protocol", std::string(to_string(protocol))}, {"port", port}});
  }
  return {{"to", ordered_json::array({{{"domainNames", std::move(names)}}})}, {"ports", std::move(ports)}};
}

ordered_json eks_policy(const WorkloadAllowList& list, const std::optional<ClusterDns>& dns) {
  WorkloadAllowList rest = list;
  std::vector<AllowEntry> domains;
  std::erase_if(rest.egress, [&](const AllowEntry& entry) {
    if (entry.peer.kind != AllowPeerKind::domains) return false;
    domains.push_back(entry);
    return true;
  });
  ordered_json out = to_json(network_policy(rest, dns));
  if (domains.empty()) return out;
  out["apiVersion"] = "networking.k8s.aws/v1alpha1";
  out["kind"] = "ApplicationNetworkPolicy";
  for (const auto& group : rule_groups(domains)) out["spec"]["egress"].push_back(domain_rule(group));
  return out;
}

}  // namespace

void eks_documents(const PolicyModel& model, const DocumentSink& sink) {
  for (const auto& list : model.workloads) sink(eks_policy(list, model.dns));
  const TierDialect dialect{
      "networking.k8s.aws/v1alpha1", "ports", [](const PortKey& port) {
        return ordered_json{{"portNumber", {{"protocol", std::string(to_string(port.first))}, {"port", port.second}}}};
      }};
  for (const auto& document : cluster_tier_documents(model, dialect)) sink(document);
}

}  // namespace netobs::kinds
