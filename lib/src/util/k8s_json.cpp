#include "k8s_json.hpp"

#include <algorithm>

namespace netobs::k8s {

const nlohmann::json& field(const nlohmann::json& obj, const char* key) {
  static const nlohmann::json k_null;
  if (!obj.is_object()) return k_null;
  auto it = obj.find(key);
  return it == obj.end() ? k_null : *it;
}

std::string namespace_of(const nlohmann::json& metadata) {
  std::string ns = string_at(metadata, "namespace");
  return ns.empty() ? "default" : ns;
}

std::optional<std::pair<std::string, std::string>> controller_of(const nlohmann::json& metadata) {
  const nlohmann::json& owners = field(metadata, "ownerReferences");
  if (!owners.is_array() || owners.empty()) return std::nullopt;
  const nlohmann::json* chosen = &owners.front();
  for (const auto& owner : owners) {
    if (field(owner, "controller") == true) {
      chosen = &owner;
      break;
    }
  }
  return std::make_pair(string_at(*chosen, "kind"), string_at(*chosen, "name"));
}

std::vector<ContainerPort> container_ports(const nlohmann::json& pod_spec) {
  std::vector<ContainerPort> ports;
  for (const char* list : {"initContainers", "containers"}) {
    const nlohmann::json& containers = field(pod_spec, list);
    if (!containers.is_array()) continue;
    for (const auto& container : containers) {
      const nlohmann::json& declared = field(container, "ports");
      if (!declared.is_array()) continue;
      for (const auto& port : declared) {
        const nlohmann::json& number = field(port, "containerPort");
        auto protocol = parse_protocol(field(port, "protocol"));
        if (!number.is_number_integer() || !protocol) continue;
        const auto value = number.get<long long>();
        if (value < 1 || value > 65535) continue;
        ports.push_back({string_at(port, "name"), *protocol, static_cast<std::uint16_t>(value)});
      }
    }
  }
  return ports;
}

std::string string_at(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

Labels labels_at(const nlohmann::json& obj) {
  Labels labels;
  if (!obj.is_object()) return labels;
  for (const auto& [key, value] : obj.items()) {
    if (value.is_string()) labels.emplace(key, value.get<std::string>());
  }
  return labels;
}

std::optional<LabelSelector> parse_selector(const nlohmann::json& json) {
  if (!json.is_object()) return std::nullopt;
  LabelSelector selector;
  if (auto it = json.find("matchLabels"); it != json.end()) {
    selector.match_labels = labels_at(*it);
  }
  if (auto it = json.find("matchExpressions"); it != json.end() && it->is_array()) {
    for (const auto& expr : *it) {
      SelectorRequirement req;
      req.key = string_at(expr, "key");
      const std::string op = string_at(expr, "operator");
      if (op == "In")
        req.op = SelectorOperator::in;
      else if (op == "NotIn")
        req.op = SelectorOperator::not_in;
      else if (op == "Exists")
        req.op = SelectorOperator::exists;
      else if (op == "DoesNotExist")
        req.op = SelectorOperator::does_not_exist;
      else
        return std::nullopt;
      if (auto values = expr.find("values"); values != expr.end() && values->is_array()) {
        for (const auto& v : *values) {
          if (v.is_string()) req.values.push_back(v.get<std::string>());
        }
      }
      std::sort(req.values.begin(), req.values.end());
      selector.match_expressions.push_back(std::move(req));
    }
  }
  return selector;
}

std::optional<Protocol> parse_protocol(const nlohmann::json& json) {
  if (json.is_null()) return Protocol::tcp;
  if (!json.is_string()) return std::nullopt;
  const std::string text = json.get<std::string>();
  if (text == "TCP") return Protocol::tcp;
  if (text == "UDP") return Protocol::udp;
  if (text == "SCTP") return Protocol::sctp;
  return std::nullopt;
}

std::string to_json_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string to_json_text(const nlohmann::ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string object_as_written(const nlohmann::json& value) {
  nlohmann::json out = value;
  if (!out.is_object()) return to_json_text(out);
  out.erase("status");
  if (auto metadata = out.find("metadata"); metadata != out.end() && metadata->is_object()) {
    for (const char* key : {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"})
      metadata->erase(key);
    if (auto annotations = metadata->find("annotations"); annotations != metadata->end() && annotations->is_object()) {
      annotations->erase("kubectl.kubernetes.io/last-applied-configuration");
      if (annotations->empty()) metadata->erase("annotations");
    }
  }
  return to_json_text(out);
}

}  // namespace netobs::k8s
