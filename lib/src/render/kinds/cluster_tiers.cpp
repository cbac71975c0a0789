#include "cluster_tiers.hpp"

#include "render/policy_json.hpp"
#include "rule_groups.hpp"

namespace netobs::kinds {
namespace {

using nlohmann::ordered_json;

// Admin policies are evaluated first, lowest priority number first; a cluster's own admin
// policies may want to come before ours, so DNS gets a middling number. The baseline deny comes
// last of all.
constexpr int k_dns_priority = 500;
constexpr int k_deny_priority = 1000;

ordered_json namespaces_subject(const std::set<std::string>& namespaces) {
  return {{"namespaces",
           {{"matchExpressions",
             ordered_json::array(
                 {{{"key", "kubernetes.io/metadata.name"}, {"operator", "In"}, {"values", namespaces}}})}}}};
}

ordered_json cluster_policy(const TierDialect& dialect, const char* name, const char* tier, int priority,
                            const std::set<std::string>& namespaces) {
  ordered_json out;
  out["apiVersion"] = dialect.api_version;
  out["kind"] = "ClusterNetworkPolicy";
  out["metadata"] = metadata(name, "");
  out["spec"]["tier"] = tier;
  out["spec"]["priority"] = priority;
  out["spec"]["subject"] = namespaces_subject(namespaces);
  return out;
}

ordered_json allow_dns(const PolicyModel& model, const ClusterDns& dns, const TierDialect& dialect) {
  ordered_json out = cluster_policy(dialect, "allow-dns-netobs", "Admin", k_dns_priority, model.default_deny);
  ordered_json to = ordered_json::array();
  ordered_json pods;
  pods["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"] = dns.namespace_name;
  pods["podSelector"] = to_json(dns.selector);
  to.push_back({{"pods", std::move(pods)}});
  if (!dns.ips.empty()) {
    ordered_json networks = ordered_json::array();
    for (const IpAddress& ip : dns.ips) networks.push_back(to_string(host_cidr(ip)));
    to.push_back({{"networks", std::move(networks)}});
  }
  ordered_json ports = ordered_json::array();
  for (const PortKey& port : dns_port_keys()) ports.push_back(dialect.port(port));
  out["spec"]["egress"] = ordered_json::array(
      {{{"name", "allow-dns"}, {"action", "Accept"}, {"to", std::move(to)}, {dialect.ports_key, std::move(ports)}}});
  return out;
}

ordered_json baseline_deny(const PolicyModel& model, const TierDialect& dialect) {
  ordered_json out = cluster_policy(dialect, "default-deny-netobs", "Baseline", k_deny_priority, model.default_deny);
  const ordered_json every_pod = {{"namespaces", ordered_json::object()}};
  out["spec"]["ingress"] =
      ordered_json::array({{{"name", "default-deny"}, {"action", "Deny"}, {"from", ordered_json::array({every_pod})}}});
  out["spec"]["egress"] = ordered_json::array(
      {{{"name", "default-deny"},
        {"action", "Deny"},
        {"to", ordered_json::array({every_pod, {{"networks", ordered_json::array({"0.0.0.0/0", "::/0"})}}})}}});
  return out;
}

}  // namespace

std::vector<ordered_json> cluster_tier_documents(const PolicyModel& model, const TierDialect& dialect) {
  std::vector<ordered_json> out;
  if (model.default_deny.empty()) return out;
  if (model.dns) out.push_back(allow_dns(model, *model.dns, dialect));
  out.push_back(baseline_deny(model, dialect));
  return out;
}

}  // namespace netobs::kinds
