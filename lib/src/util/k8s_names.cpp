#include "util/k8s_names.hpp"

#include <regex>

namespace netobs {

bool is_dns1123_subdomain(const std::string& text) {
  static const std::regex k_subdomain("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  return !text.empty() && text.size() <= 253 && std::regex_match(text, k_subdomain);
}

bool is_label_value(const std::string& text) {
  static const std::regex k_value("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  return text.empty() || (text.size() <= 63 && std::regex_match(text, k_value));
}

bool is_label_key(const std::string& text) {
  const auto slash = text.find('/');
  std::string name = text;
  if (slash != std::string::npos) {
    if (!is_dns1123_subdomain(text.substr(0, slash))) return false;
    name = text.substr(slash + 1);
  }
  return !name.empty() && is_label_value(name);
}

namespace {

std::string label_key_of(const std::string& key, bool source_prefixed) {
  if (!source_prefixed) return key;
  const auto colon = key.find(':');
  return colon == std::string::npos ? key : key.substr(colon + 1);
}

}  // namespace

std::optional<std::string> selector_problem(const LabelSelector& selector, bool source_prefixed) {
  for (const auto& [key, value] : selector.match_labels) {
    if (!is_label_key(label_key_of(key, source_prefixed))) return "label key '" + key + "' is not a valid label key";
    if (!is_label_value(value)) return "label value '" + value + "' of '" + key + "' is not a valid label value";
  }
  for (const auto& requirement : selector.match_expressions) {
    if (!is_label_key(label_key_of(requirement.key, source_prefixed)))
      return "key '" + requirement.key + "' is not a valid label key";
    const bool set_based = requirement.op == SelectorOperator::in || requirement.op == SelectorOperator::not_in;
    if (set_based && requirement.values.empty())
      return "operator In or NotIn (key '" + requirement.key + "') needs a non-empty values list";
    if (!set_based && !requirement.values.empty())
      return "operator Exists or DoesNotExist (key '" + requirement.key + "') takes no values";
  }
  return std::nullopt;
}

}  // namespace netobs
