// The domain names the EKS and network-policy-api `domainNames` peers accept.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

// `name` lower-cased and without its final dot: DNS names compare so.
inline std::string canonical_domain(std::string_view name) {
  if (name.ends_with('.')) name.remove_suffix(1);
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Cilium's toFQDNs matchName against a name: equal as DNS names.
inline bool fqdn_name_matches(std::string_view match_name, std::string_view name) {
  return canonical_domain(match_name) == canonical_domain(name);
}

// A domainNames entry (EKS, network-policy-api) against a name: equal, or "*.suffix" with one or
// more whole labels before the suffix.
inline bool domain_name_matches(std::string_view pattern, std::string_view name) {
  const std::string p = canonical_domain(pattern), n = canonical_domain(name);
  if (!p.starts_with("*.")) return p == n;
  const std::string_view suffix = std::string_view(p).substr(1);  // ".suffix"
  return n.size() > suffix.size() && n.ends_with(suffix);
}

// One label against a label pattern whose '*' stands for zero or more characters.
inline bool label_matches(std::string_view pattern, std::string_view label) {
  std::size_t pi = 0, li = 0, star = std::string_view::npos, resume = 0;
  while (li < label.size()) {
    if (pi < pattern.size() && pattern[pi] == '*') {
      star = pi++;
      resume = li;
    } else if (pi < pattern.size() && pattern[pi] == label[li]) {
      ++pi;
      ++li;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      li = ++resume;
    } else {
      return false;
    }
  }
  while (pi < pattern.size() && pattern[pi] == '*') ++pi;
  return pi == pattern.size();
}

// Cilium's toFQDNs matchPattern against a name: a lone "*" matches every name; elsewhere "*"
// stands for zero or more characters within one label, never a dot, so the label counts agree.
inline bool fqdn_pattern_matches(std::string_view pattern, std::string_view name) {
  const std::string p = canonical_domain(pattern), n = canonical_domain(name);
  if (p == "*") return true;
  std::string_view ps = p, ns = n;
  while (true) {
    const auto pd = ps.find('.'), nd = ns.find('.');
    if (!label_matches(ps.substr(0, pd), ns.substr(0, nd))) return false;
    if (pd == std::string_view::npos || nd == std::string_view::npos) return pd == nd;
    ps.remove_prefix(pd + 1);
    ns.remove_prefix(nd + 1);
  }
}

// True when one of `names` (the names a client resolved to an address) matches one of `patterns`.
template <typename Matches>
bool any_name_matches(const std::vector<std::string>& patterns, const std::set<std::string>* names, Matches matches) {
  if (!names) return false;
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return std::any_of(names->begin(), names->end(), [&](const std::string& name) { return matches(pattern, name); });
  });
}

}  // namespace netobs
