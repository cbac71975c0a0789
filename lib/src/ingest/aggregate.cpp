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

void ReadContext::add(const EdgeKey& key, const EdgeStats& stats) {
  aggregate.edges[key].merge(stats);
  summary.see_time(stats.first_seen, stats.last_seen);
  ++summary.records_used;
}

}  // namespace netobs
