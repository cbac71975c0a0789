#include "k8s_json.hpp"

#include <algorithm>

namespace netobs::k8s {

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
      if (op == "In") req.op = SelectorOperator::in;
      else if (op == "NotIn") req.op = SelectorOperator::not_in;
      else if (op == "Exists") req.op = SelectorOperator::exists;
      else if (op == "DoesNotExist") req.op = SelectorOperator::does_not_exist;
      else return std::nullopt;
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

}  // namespace netobs::k8s
