#include <algorithm>

#include <fmt/format.h>

#include <netobs/ingest.hpp>

namespace netobs {

void IngestSummary::see_time(std::int64_t start, std::int64_t end) {
  if (start && (!first_seen || start < first_seen)) first_seen = start;
  if (end > last_seen) last_seen = end;
}

void IngestSummary::merge(const IngestSummary& later, std::size_t max_messages) {
  records_read += later.records_read;
  records_used += later.records_used;
  for (const auto& [reason, count] : later.skipped) skipped[reason] += count;
  for (const auto& [connection, count] : later.denied) denied[connection] += count;
  for (const auto& message : later.malformed) {
    if (malformed.size() < max_messages) malformed.push_back(message);
  }
  malformed_count += later.malformed_count;
  for (const auto& [reason, count] : later.malformed_by_reason) malformed_by_reason[reason] += count;
  warnings.insert(warnings.end(), later.warnings.begin(), later.warnings.end());
  notes.insert(notes.end(), later.notes.begin(), later.notes.end());
  see_time(later.first_seen, later.last_seen);
  sources.insert(sources.end(), later.sources.begin(), later.sources.end());
  two_thread_sources += later.two_thread_sources;
}

void FlowAggregate::merge(const FlowAggregate& other) {
  std::vector<std::uint32_t> remap(other.identities.size(), 0);
  for (std::uint32_t id = 1; id < other.identities.size(); ++id) remap[id] = intern(other.identities[id]);
  for (const auto& [key, counters] : other.edges) {
    EdgeKey mapped = key;
    mapped.client_identity = remap[key.client_identity];
    mapped.server_identity = remap[key.server_identity];
    edges[mapped].merge(counters);
  }
  for (const auto& [key, connection] : other.denied) {
    DeniedEdgeKey mapped = key;
    mapped.edge.client_identity = remap[key.edge.client_identity];
    mapped.edge.server_identity = remap[key.edge.server_identity];
    DeniedEdge& into = denied[mapped];
    into.counters.merge(connection.counters);
    into.records += connection.records;
  }
  for (const auto& [resolved, seen] : other.resolved_names) {
    ResolvedName mapped = resolved;
    mapped.client_identity = remap[resolved.client_identity];
    std::int64_t& last = resolved_names[mapped];
    last = std::max(last, seen);
  }
}

std::uint32_t FlowAggregate::intern(const FlowEndpoint& endpoint) {
  if (!endpoint.known()) return 0;
  // Hubble records name their endpoints in full, so this runs per record: hash whole fields.
  std::uint64_t hash = 0;
  auto mix = [&](std::string_view text) {
    hash = (hash ^ std::hash<std::string_view>{}(text)) * 0x9e3779b97f4a7c15ULL;
  };
  for (const std::string* text : {&endpoint.namespace_name, &endpoint.pod_name, &endpoint.workload_kind,
                                  &endpoint.workload_name, &endpoint.reserved}) {
    mix(*text);
  }
  for (const auto& [k, v] : endpoint.labels) {
    mix(k);
    mix(v);
  }
  for (;; ++hash) {
    const auto [it, inserted] = identity_index.try_emplace(hash, static_cast<std::uint32_t>(identities.size()));
    if (inserted) {
      identities.push_back(endpoint);
      return it->second;
    }
    if (identities[it->second] == endpoint) return it->second;
  }
}

}  // namespace netobs
