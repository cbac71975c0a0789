// The edges ingest aggregates records into: who connected to whom on which port, with counts.
#pragma once

#include <cstdint>

#include <netobs/flow.hpp>
#include <netobs/ip.hpp>

namespace netobs {

// One directed, deduplicated connection edge: `client` connected to `server` on `port`.
struct EdgeKey {
  IpAddress client;
  IpAddress server;
  // Index into FlowAggregate::identities; 0 = none. A pod address is attributed when the record
  // is read, to the pod that held it at the record's time, so traffic of a finished pod is never
  // merged with that of the pod that got its address later.
  std::uint32_t client_identity = 0;
  std::uint32_t server_identity = 0;
  std::uint16_t port = 0;
  Protocol protocol = Protocol::tcp;

  auto operator<=>(const EdgeKey&) const = default;
};

struct EdgeKeyHash {
  std::size_t operator()(const EdgeKey& key) const;
};

struct EdgeStats {
  std::uint64_t flows = 0;  // connections (request records), deduplicated where the data allows
  std::uint64_t packets = 0;
  std::uint64_t bytes = 0;
  std::int64_t first_seen = 0;  // Unix seconds; 0 = unknown
  std::int64_t last_seen = 0;

  void merge(const EdgeStats& other);
};

// The counters of one edge, kept per observation point so copies of the same connection seen at
// both ends are not counted twice: the total takes the better-covered side.
struct EdgeCounters {
  std::uint64_t flows[3] = {};  // indexed by Observation
  std::uint64_t packets[3] = {};
  std::uint64_t bytes[3] = {};
  std::int64_t first_seen = 0;
  std::int64_t last_seen = 0;
  // The flow records folded in (a metrics sample or an edge row may stand for many flows), so a
  // saved edge left out by --since/--until takes its records out of the summary's counts.
  std::uint64_t records = 0;

  void add(Observation observation, const EdgeStats& stats);
  void merge(const EdgeCounters& other);
  EdgeStats total() const;
};

}  // namespace netobs
