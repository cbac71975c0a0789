#include <algorithm>

#include <fmt/format.h>

#include "context.hpp"

namespace netobs {

std::size_t EdgeKeyHash::operator()(const EdgeKey& key) const {
  const IpAddressHash ip_hash;
  std::uint64_t h = ip_hash(key.client) * 31 + ip_hash(key.server);
  h ^= (static_cast<std::uint64_t>(key.port) << 32 | static_cast<std::uint64_t>(key.protocol) << 16) +
       0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= (static_cast<std::uint64_t>(key.client_identity) << 32 | key.server_identity) * 0xff51afd7ed558ccdULL;
  h += static_cast<std::uint64_t>(key.client_era) << 8 | key.server_era;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

void EdgeStats::merge(const EdgeStats& other) {
  flows += other.flows;
  packets += other.packets;
  bytes += other.bytes;
  if (other.first_seen && (!first_seen || other.first_seen < first_seen)) first_seen = other.first_seen;
  if (other.last_seen > last_seen) last_seen = other.last_seen;
}

void IngestSummary::see_time(std::int64_t start, std::int64_t end) {
  if (start && (!first_seen || start < first_seen)) first_seen = start;
  if (end > last_seen) last_seen = end;
}

std::uint32_t FlowAggregate::intern(const FlowEndpoint& endpoint) {
  if (!endpoint.known()) return 0;
  std::string key = fmt::format("{}\n{}\n{}\n{}\n{}\n", endpoint.namespace_name, endpoint.pod_name,
                                endpoint.workload_kind, endpoint.workload_name, endpoint.reserved);
  for (const auto& [k, v] : endpoint.labels) {
    key += k;
    key += '=';
    key += v;
    key += '\n';
  }
  auto [it, inserted] = identity_index.try_emplace(std::move(key), static_cast<std::uint32_t>(identities.size()));
  if (inserted) identities.push_back(endpoint);
  return it->second;
}

Result<void> ReadContext::malformed(std::string_view message) {
  const std::string text = fmt::format("{}:{}: {}", reader.display(), reader.line_number(), message);
  if (options.strictness == Strictness::stop_at_first) {
    return make_error(ErrorKind::invalid_input, text);
  }
  ++summary.malformed_count;
  if (summary.malformed.size() < options.max_messages) summary.malformed.push_back(text);
  return {};
}

EdgeStats EdgeCounters::total() const {
  const EdgeStats& unknown = seen[static_cast<int>(Observation::unknown)];
  const EdgeStats& egress = seen[static_cast<int>(Observation::egress)];
  const EdgeStats& ingress = seen[static_cast<int>(Observation::ingress)];
  EdgeStats total = unknown;
  total.flows += std::max(egress.flows, ingress.flows);
  total.packets += std::max(egress.packets, ingress.packets);
  total.bytes += std::max(egress.bytes, ingress.bytes);
  for (const EdgeStats* side : {&egress, &ingress}) {
    EdgeStats times;
    times.first_seen = side->first_seen;
    times.last_seen = side->last_seen;
    total.merge(times);
  }
  return total;
}

void ReadContext::add(const EdgeKey& key, const EdgeStats& stats, Observation observation) {
  EdgeKey keyed = key;
  keyed.client_era = inventory.ip_era(key.client, stats.first_seen);
  keyed.server_era = inventory.ip_era(key.server, stats.first_seen);
  aggregate.edges[keyed].seen[static_cast<int>(observation)].merge(stats);
  summary.see_time(stats.first_seen, stats.last_seen);
  ++summary.records_used;
}

}  // namespace netobs
