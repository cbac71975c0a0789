#include "manifest/policy_parse.hpp"

#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using nlohmann::json;

using k8s::field;

std::vector<PolicyRule> parse_rules(const json& rules, const char* peers_key) {
  std::vector<PolicyRule> out;
  if (!rules.is_array()) return out;
  for (const auto& rule : rules) {
    PolicyRule parsed;
    if (const json& peers = field(rule, peers_key); peers.is_array()) {
      for (const auto& peer : peers) {
        PolicyPeer p;
        if (const json& pod = field(peer, "podSelector"); pod.is_object()) p.pod_selector = k8s::parse_selector(pod);
        if (const json& ns = field(peer, "namespaceSelector"); ns.is_object())
          p.namespace_selector = k8s::parse_selector(ns);
        if (const json& block = field(peer, "ipBlock"); block.is_object()) {
          std::vector<std::string> excepts;
          if (const json& except = field(block, "except"); except.is_array()) {
            for (const auto& e : except) {
              if (e.is_string()) excepts.push_back(e.get<std::string>());
            }
          }
          p.ip_block = IpBlock::parse(k8s::string_at(block, "cidr"), std::move(excepts));
        }
        if (const json& names = field(peer, "domainNames"); names.is_array()) {
          for (const auto& name : names) {
            if (name.is_string()) p.domain_names.push_back(name.get<std::string>());
          }
        }
        parsed.peers.push_back(std::move(p));
      }
    }
    if (const json& ports = field(rule, "ports"); ports.is_array()) {
      for (const auto& port : ports) {
        PolicyPort p;
        if (const json& protocol = field(port, "protocol"); protocol.is_string())
          p.protocol = k8s::parse_protocol(protocol);
        if (const json& number = field(port, "port"); number.is_number_integer()) {
          p.port = static_cast<int>(number.get<long long>());
        } else if (number.is_string()) {
          p.port = number.get<std::string>();
        }
        if (const json& end = field(port, "endPort"); end.is_number_integer())
          p.end_port = static_cast<int>(end.get<long long>());
        parsed.ports.push_back(std::move(p));
      }
    }
    out.push_back(std::move(parsed));
  }
  return out;
}

}  // namespace

NetworkPolicy parse_policy(const ManifestObject& object) {
  const json& value = object.value();
  const json& metadata = field(value, "metadata");
  const json& spec = field(value, "spec");
  NetworkPolicy policy;
  policy.kind = object.kind;
  policy.name = k8s::string_at(metadata, "name");
  policy.namespace_name = k8s::namespace_of(metadata);
  policy.labels = k8s::labels_at(field(metadata, "labels"));
  policy.annotations = k8s::labels_at(field(metadata, "annotations"));
  if (auto selector = k8s::parse_selector(field(spec, "podSelector"))) policy.pod_selector = *selector;
  policy.ingress = parse_rules(field(spec, "ingress"), "from");
  policy.egress = parse_rules(field(spec, "egress"), "to");
  const json& types = field(spec, "policyTypes");
  if (types.is_array() && !types.empty()) {
    for (const auto& type : types) {
      if (type == "Ingress") policy.policy_types.push_back(PolicyType::ingress);
      if (type == "Egress") policy.policy_types.push_back(PolicyType::egress);
    }
  } else {
    // The API's default: Ingress always, Egress when there are egress rules.
    policy.policy_types.push_back(PolicyType::ingress);
    if (field(spec, "egress").is_array() && !field(spec, "egress").empty())
      policy.policy_types.push_back(PolicyType::egress);
  }
  policy.location = object.document->location(object.pointer);
  return policy;
}

}  // namespace netobs
