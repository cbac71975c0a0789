// Sets of allowed connections: for each protocol NetworkPolicy knows (TCP, UDP, SCTP), a set of
// port ranges. The unit of the policy engine's answers and of connectivity reports.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include <netobs/flow.hpp>

namespace netobs {

class ConnectionSet {
 public:
  static ConnectionSet all();
  static ConnectionSet none() { return {}; }

  // Adds ports `first`..`last` (inclusive, clamped to 1-65535) of `protocol`.
  void add(Protocol protocol, int first, int last);
  void add_all(Protocol protocol) { add(protocol, 1, 65535); }
  void unite(const ConnectionSet& other);
  void intersect(const ConnectionSet& other);
  // Removes every connection of `other`.
  void subtract(const ConnectionSet& other);

  bool contains(Protocol protocol, int port) const;
  bool empty() const;
  bool is_all() const;
  // The port ranges of one protocol, sorted and disjoint.
  const std::vector<std::pair<int, int>>& ranges(Protocol protocol) const {
    return m_ranges[static_cast<std::size_t>(protocol)];
  }

  // "All Connections", "No Connections", or "SCTP 80,TCP 1-79,81-65535,UDP 53" (the format of
  // np-guard's netpol-analyzer: protocols in alphabetical order).
  std::string to_string() const;

  bool operator==(const ConnectionSet&) const = default;

 private:
  std::array<std::vector<std::pair<int, int>>, 3> m_ranges;  // by Protocol
};

}  // namespace netobs
