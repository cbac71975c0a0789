#include <algorithm>
#include <array>

#include <netobs/labels.hpp>

namespace netobs {

bool LabelSelector::matches(const Labels& labels) const {
  for (const auto& [key, value] : match_labels) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) {
      return false;
    }
  }
  for (const auto& req : match_expressions) {
    auto it = labels.find(req.key);
    const bool has = it != labels.end();
    const bool listed = has && std::find(req.values.begin(), req.values.end(), it->second) != req.values.end();
    switch (req.op) {
      case SelectorOperator::in:
        if (!listed) return false;
        break;
      case SelectorOperator::not_in:
        if (listed) return false;
        break;
      case SelectorOperator::exists:
        if (!has) return false;
        break;
      case SelectorOperator::does_not_exist:
        if (has) return false;
        break;
    }
  }
  return true;
}

std::string to_string(const LabelSelector& selector) {
  std::string out;
  for (const auto& [key, value] : selector.match_labels) {
    if (!out.empty()) out += ',';
    out += key + "=" + value;
  }
  for (const auto& req : selector.match_expressions) {
    if (!out.empty()) out += ',';
    switch (req.op) {
      case SelectorOperator::exists:
        out += req.key;
        break;
      case SelectorOperator::does_not_exist:
        out += "!" + req.key;
        break;
      case SelectorOperator::in:
      case SelectorOperator::not_in: {
        out += req.key + (req.op == SelectorOperator::in ? " in (" : " notin (");
        for (std::size_t i = 0; i < req.values.size(); ++i) {
          out += (i ? "," : "") + req.values[i];
        }
        out += ')';
        break;
      }
    }
  }
  return out;
}

bool is_volatile_label(const std::string& key) {
  static constexpr std::array k_exact{
      "pod-template-hash",
      "controller-revision-hash",
      "statefulset.kubernetes.io/pod-name",
      "apps.kubernetes.io/pod-index",
      "pod-template-generation",
      "job-name",
      "controller-uid",
      "app.kubernetes.io/version",
      "helm.sh/chart",
  };
  static constexpr std::array k_prefixes{"batch.kubernetes.io/"};
  for (const char* exact : k_exact) {
    if (key == exact) return true;
  }
  for (const char* prefix : k_prefixes) {
    if (key.starts_with(prefix)) return true;
  }
  return false;
}

Labels shared_stable_labels(const std::vector<const Labels*>& label_sets) {
  Labels shared;
  if (label_sets.empty()) {
    return shared;
  }
  for (const auto& label : *label_sets.front()) {
    const std::string& key = label.first;  // not structured bindings: the lambda captures them (clang 14)
    const std::string& value = label.second;
    if (is_volatile_label(key)) continue;
    const bool everywhere = std::all_of(label_sets.begin() + 1, label_sets.end(), [&](const Labels* other) {
      auto it = other->find(key);
      return it != other->end() && it->second == value;
    });
    if (everywhere) shared.emplace(key, value);
  }
  return shared;
}

std::optional<std::pair<std::string, LabelSelector>> parse_namespaced_selector(const std::string& text) {
  std::string ns;
  std::string labels = text;
  // A '/' before any '=' and '.' separates the namespace; in a key it follows a DNS prefix.
  if (auto slash = text.find('/'); slash != std::string::npos && text.find('=') > slash && text.find('.') > slash) {
    ns = text.substr(0, slash);
    labels = text.substr(slash + 1);
  }
  LabelSelector selector;
  std::size_t pos = 0;
  while (pos <= labels.size()) {
    std::size_t comma = labels.find(',', pos);
    if (comma == std::string::npos) comma = labels.size();
    const std::string pair = labels.substr(pos, comma - pos);
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    selector.match_labels[pair.substr(0, eq)] = pair.substr(eq + 1);
    pos = comma + 1;
  }
  if (selector.match_labels.empty()) return std::nullopt;
  return std::make_pair(std::move(ns), std::move(selector));
}

}  // namespace netobs
