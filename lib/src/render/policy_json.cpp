#include "policy_json.hpp"

namespace netobs {
namespace {

using nlohmann::ordered_json;

ordered_json peer_json(const PolicyPeer& peer) {
  ordered_json out = ordered_json::object();
  if (peer.ip_block) {
    out["ipBlock"]["cidr"] = peer.ip_block->cidr;
    if (!peer.ip_block->except.empty()) out["ipBlock"]["except"] = peer.ip_block->except;
  }
  if (peer.namespace_selector) out["namespaceSelector"] = to_json(*peer.namespace_selector);
  if (peer.pod_selector) out["podSelector"] = to_json(*peer.pod_selector);
  if (!peer.domain_names.empty()) out["domainNames"] = peer.domain_names;
  return out;
}

ordered_json port_json(const PolicyPort& port) {
  ordered_json out = ordered_json::object();
  if (port.protocol) out["protocol"] = std::string(to_string(*port.protocol));
  if (port.port) {
    if (const int* number = std::get_if<int>(&*port.port))
      out["port"] = *number;
    else
      out["port"] = std::get<std::string>(*port.port);
  }
  if (port.end_port) out["endPort"] = *port.end_port;
  return out;
}

ordered_json rules_json(const std::vector<PolicyRule>& rules, const char* peers_key) {
  ordered_json out = ordered_json::array();
  for (const auto& rule : rules) {
    ordered_json item = ordered_json::object();
    if (!rule.peers.empty()) {
      item[peers_key] = ordered_json::array();
      for (const auto& peer : rule.peers) item[peers_key].push_back(peer_json(peer));
    }
    if (!rule.ports.empty()) {
      item["ports"] = ordered_json::array();
      for (const auto& port : rule.ports) item["ports"].push_back(port_json(port));
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

ordered_json to_json(const LabelSelector& selector) {
  ordered_json out = ordered_json::object();
  if (!selector.match_labels.empty()) {
    out["matchLabels"] = ordered_json::object();
    for (const auto& [key, value] : selector.match_labels) out["matchLabels"][key] = value;
  }
  if (!selector.match_expressions.empty()) {
    out["matchExpressions"] = ordered_json::array();
    for (const auto& req : selector.match_expressions) {
      ordered_json item;
      item["key"] = req.key;
      switch (req.op) {
        case SelectorOperator::in:
          item["operator"] = "In";
          break;
        case SelectorOperator::not_in:
          item["operator"] = "NotIn";
          break;
        case SelectorOperator::exists:
          item["operator"] = "Exists";
          break;
        case SelectorOperator::does_not_exist:
          item["operator"] = "DoesNotExist";
          break;
      }
      if (!req.values.empty()) item["values"] = req.values;
      out["matchExpressions"].push_back(std::move(item));
    }
  }
  return out;
}

ordered_json to_json(const NetworkPolicy& policy) {
  ordered_json out;
  out["apiVersion"] = std::string(policy.api_version());
  out["kind"] = policy.kind;
  out["metadata"]["name"] = policy.name;
  out["metadata"]["namespace"] = policy.namespace_name;
  if (!policy.labels.empty()) {
    for (const auto& [key, value] : policy.labels) out["metadata"]["labels"][key] = value;
  }
  if (!policy.annotations.empty()) {
    for (const auto& [key, value] : policy.annotations) out["metadata"]["annotations"][key] = value;
  }
  ordered_json& spec = out["spec"];
  spec["podSelector"] = to_json(policy.pod_selector);
  spec["policyTypes"] = ordered_json::array();
  for (PolicyType type : policy.policy_types) {
    spec["policyTypes"].push_back(type == PolicyType::ingress ? "Ingress" : "Egress");
  }
  // A direction the policy isolates shows its rules ([]: nothing allowed); one it does not (the
  // egress of an ingress-only policy) has none to show, as it was written.
  if (policy.isolates(PolicyType::ingress) || !policy.ingress.empty()) {
    spec["ingress"] = rules_json(policy.ingress, "from");
  }
  if (policy.isolates(PolicyType::egress) || !policy.egress.empty()) spec["egress"] = rules_json(policy.egress, "to");
  return out;
}

}  // namespace netobs
