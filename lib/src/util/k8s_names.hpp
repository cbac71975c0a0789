// What Kubernetes accepts as names, label keys and values, and label selectors: shared by lint's
// NetworkPolicy rules and the parsers of the other policy kinds, which record located problems.
#pragma once

#include <optional>
#include <string>

#include <netobs/labels.hpp>

namespace netobs {

bool is_dns1123_subdomain(const std::string& text);  // metadata.name, label key prefixes
bool is_label_key(const std::string& text);          // [prefix/]name
bool is_label_value(const std::string& text);

// Why the API server would reject `selector`, or nullopt: a key or value that is not a label's,
// In or NotIn without values, Exists or DoesNotExist with values. A selector so malformed would
// otherwise be evaluated as something nobody wrote (In without values as no constraint).
// `source_prefixed`: Cilium keys, whose source ("k8s:", "any:", ...) is not part of the label.
std::optional<std::string> selector_problem(const LabelSelector& selector, bool source_prefixed = false);

}  // namespace netobs
