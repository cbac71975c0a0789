// The domain names the EKS and network-policy-api `domainNames` peers accept.
#pragma once

#include <string_view>

namespace netobs {

// True for a name the CRDs' pattern accepts: an optional "*." prefix (the wildcard stands for
// whole labels, and only in front), then two or more labels of letters, digits, '-' and '_' that
// begin and end with a letter or digit, and an optional final dot.
inline bool valid_domain_name(std::string_view name) {
  if (name.starts_with("*.")) name.remove_prefix(2);
  if (name.ends_with('.')) name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  int labels = 0;
  while (true) {
    const auto dot = name.find('.');
    const std::string_view label = name.substr(0, dot);
    if (label.empty() || !alnum(label.front()) || !alnum(label.back())) return false;
    for (char c : label) {
      if (!alnum(c) && c != '-' && c != '_') return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return labels >= 2;
}

}  // namespace netobs
