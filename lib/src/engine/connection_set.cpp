#include <algorithm>

#include <fmt/format.h>

#include <netobs/connection_set.hpp>

namespace netobs {
namespace {

using Ranges = std::vector<std::pair<int, int>>;

void normalize(Ranges& ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  ranges = std::move(merged);
}

Ranges intersect_ranges(const Ranges& a, const Ranges& b) {
  Ranges out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int lo = std::max(a[i].first, b[j].first);
    const int hi = std::min(a[i].second, b[j].second);
    if (lo <= hi) out.emplace_back(lo, hi);
    (a[i].second < b[j].second) ? ++i : ++j;
  }
  return out;
}

// The ranges of `a` that no range of `b` covers; both sorted and disjoint.
Ranges subtract_ranges(const Ranges& a, const Ranges& b) {
  Ranges out;
  std::size_t j = 0;
  for (auto [first, last] : a) {
    while (j < b.size() && b[j].second < first) ++j;
    for (std::size_t k = j; k < b.size() && b[k].first <= last; ++k) {
      if (b[k].first > first) out.emplace_back(first, b[k].first - 1);
      first = std::max(first, b[k].second + 1);
    }
    if (first <= last) out.emplace_back(first, last);
  }
  return out;
}

}  // namespace

ConnectionSet ConnectionSet::all() {
  ConnectionSet set;
  for (auto& ranges : set.m_ranges) ranges = {{1, 65535}};
  return set;
}

void ConnectionSet::add(Protocol protocol, int first, int last) {
  first = std::max(first, 1);
  last = std::min(last, 65535);
  if (first > last) return;
  auto& ranges = m_ranges[static_cast<std::size_t>(protocol)];
  ranges.emplace_back(first, last);
  normalize(ranges);
}

void ConnectionSet::unite(const ConnectionSet& other) {
  for (std::size_t p = 0; p < m_ranges.size(); ++p) {
    m_ranges[p].insert(m_ranges[p].end(), other.m_ranges[p].begin(), other.m_ranges[p].end());
    normalize(m_ranges[p]);
  }
}

void ConnectionSet::intersect(const ConnectionSet& other) {
  for (std::size_t p = 0; p < m_ranges.size(); ++p) m_ranges[p] = intersect_ranges(m_ranges[p], other.m_ranges[p]);
}

void ConnectionSet::subtract(const ConnectionSet& other) {
  for (std::size_t p = 0; p < m_ranges.size(); ++p) m_ranges[p] = subtract_ranges(m_ranges[p], other.m_ranges[p]);
}

bool ConnectionSet::contains(Protocol protocol, int port) const {
  const auto& ranges = m_ranges[static_cast<std::size_t>(protocol)];
  return std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) { return port >= r.first && port <= r.second; });
}

bool ConnectionSet::empty() const {
  return std::all_of(m_ranges.begin(), m_ranges.end(), [](const Ranges& r) { return r.empty(); });
}

bool ConnectionSet::is_all() const {
  return std::all_of(m_ranges.begin(), m_ranges.end(),
                     [](const Ranges& r) { return r.size() == 1 && r.front() == std::make_pair(1, 65535); });
}

std::string ConnectionSet::to_string() const {
  if (is_all()) return "All Connections";
  if (empty()) return "No Connections";
  std::string out;
  for (Protocol protocol : {Protocol::sctp, Protocol::tcp, Protocol::udp}) {
    const auto& list = ranges(protocol);
    if (list.empty()) continue;
    if (!out.empty()) out += ',';
    out += std::string(netobs::to_string(protocol)) + " ";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      out += list[i].first == list[i].second ? fmt::format("{}", list[i].first)
                                             : fmt::format("{}-{}", list[i].first, list[i].second);
    }
  }
  return out;
}

}  // namespace netobs
