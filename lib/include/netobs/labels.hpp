// Kubernetes labels and label selectors (matchLabels and matchExpressions), with the matching
// semantics of the API, used for workload selectors and for checking that a selector is exact.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace netobs {

using Labels = std::map<std::string, std::string>;

enum class SelectorOperator { in, not_in, exists, does_not_exist };

struct SelectorRequirement {
  std::string key;
  SelectorOperator op = SelectorOperator::exists;
  std::vector<std::string> values;  // sorted

  auto operator<=>(const SelectorRequirement&) const = default;
};

struct LabelSelector {
  Labels match_labels;
  std::vector<SelectorRequirement> match_expressions;

  bool empty() const { return match_labels.empty() && match_expressions.empty(); }
  // True when every requirement holds for `labels` (an empty selector matches everything).
  bool matches(const Labels& labels) const;
  auto operator<=>(const LabelSelector&) const = default;
};

// "k=v,k2=v2" as matchLabels; an empty string is the empty selector.
std::string to_string(const LabelSelector& selector);

// "[NS/]key=value[,key=value]" (as --dns-selector takes it): the namespace ("" when not given)
// and a matchLabels selector; nullopt when a pair has no '=' or no key, or there is none.
std::optional<std::pair<std::string, LabelSelector>> parse_namespaced_selector(const std::string& text);

// Labels that change with every rollout or pod and so must never be part of a policy selector.
bool is_volatile_label(const std::string& key);

// The labels every one of `label_sets` carries with the same value, minus volatile ones.
Labels shared_stable_labels(const std::vector<const Labels*>& label_sets);

}  // namespace netobs
