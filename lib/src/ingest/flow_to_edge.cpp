// The one place flow records become edges: direction, attribution over time, denied flows and
// the --since/--until window, the same for every format.
#include <map>

#include <fmt/format.h>

#include <netobs/collect.hpp>
#include <netobs/workload.hpp>

#include "context.hpp"
#include "direction.hpp"
#include "record_pipeline.hpp"

namespace netobs {
namespace {

// How a denied connection's end is listed: by workload where known, so the list reads as the
// workload pairs a default-deny cut off (what the policies are missing).
std::string describe(const FlowEndpoint& endpoint, const IpAddress& ip) {
  if (!endpoint.workload_name.empty()) {
    return workload_name({endpoint.namespace_name, endpoint.workload_kind.empty() ? "Workload" : endpoint.workload_kind,
                          endpoint.workload_name});
  }
  if (!endpoint.pod_name.empty()) return endpoint.namespace_name + "/" + endpoint.pod_name;
  if (!endpoint.reserved.empty() && !endpoint.reserved.starts_with("netobs:"))
    return endpoint.reserved + " " + to_string(ip);
  return to_string(ip);
}

FlowEndpoint endpoint_of(const Pod& pod) {
  FlowEndpoint endpoint;
  endpoint.namespace_name = pod.namespace_name;
  endpoint.pod_name = pod.name;
  endpoint.workload_kind = pod.owner.kind;
  endpoint.workload_name = pod.owner.name;
  endpoint.labels = pod.labels;
  return endpoint;
}

FlowEndpoint marker(std::string_view reserved) {
  FlowEndpoint endpoint;
  endpoint.reserved = std::string(reserved);
  return endpoint;
}

}  // namespace

bool ReadContext::next_line(std::string_view& line) {
  if (collect && collect->done(summary, aggregate.edges.size())) return false;
  // Read on two threads (hand_off_to), a source has no bounds or progress, but stops when asked.
  if (m_handoff && options.collect.stop != nullptr && options.collect.stop->requested()) return false;
  return reader.next(line);
}

Result<void> ReadContext::malformed(MalformedReason reason, std::string_view message) {
  Error error{ErrorKind::invalid_input, std::string(message), SourceLocation{reader.display(), line_number()}};
  if (options.strictness == Strictness::stop_at_first) return tl::unexpected(std::move(error));
  ++summary.malformed_count;
  ++summary.malformed_by_reason[reason];
  if (summary.malformed.size() < options.max_messages) summary.malformed.push_back({reason, std::move(error)});
  return {};
}

bool ReadContext::defer(std::string_view line, const std::shared_ptr<LineParser>& parser) {
  return m_handoff && m_handoff->take_line(line, reader.line_number(), parser);
}

Result<void> ReadContext::record(const FlowRecord& r) {
  if (m_handoff) return m_handoff->push(r);
  return m_folder.record(r);
}

void EdgeFolder::deny(const FlowRecord& r, const EdgeKey& key, const EdgeStats& stats) {
  DeniedEdge& denied = aggregate.denied[DeniedEdgeKey{key, r.verdict_field, std::string(r.verdict),
                                                      std::string(r.drop_reason), r.denied_may_be_evidence}];
  denied.counters.add(r.observed_at, stats);
  denied.records += r.records;
}

void EdgeFolder::add(const EdgeKey& key, const EdgeStats& stats, Observation observation, std::uint64_t records) {
  if (!m_last_counters || !(key == m_last_key)) {
    m_last_counters = &aggregate.edges[key];  // valid until the next new key
    m_last_key = key;
  }
  m_last_counters->add(observation, stats);
  m_last_counters->records += records;
  summary.see_time(stats.first_seen, stats.last_seen);
  summary.records_used += records;
}

std::uint32_t EdgeFolder::identity_of(const IpAddress& ip, const FlowEndpoint* hint, std::int64_t time) {
  // The capture named the pod (Hubble): it knew the endpoint at that moment.
  if (hint && !hint->namespace_name.empty()) return aggregate.intern(*hint);
  if (hint && !hint->reserved.empty() && hint->reserved != "world") return aggregate.intern(*hint);
  if (collect && collect->inventory_generation() != m_inventory_generation) {
    // The inventory changed: its pods moved, and what was attributed may be answered otherwise.
    m_pod_identity.clear();
    m_attributed.assign(m_attributed.size(), Attributed{});
    m_inventory_generation = collect->inventory_generation();
  }
  if (inventory.pods().empty()) return hint ? aggregate.intern(*hint) : 0;
  constexpr std::size_t k_slots = 1 << 14;  // a large cluster's addresses, mostly
  if (m_attributed.empty()) m_attributed.resize(k_slots);
  Attributed& slot = m_attributed[IpAddressHash{}(ip) & (k_slots - 1)];
  const bool cached = slot.ip == ip && time >= slot.from && time < slot.until;
  if (!cached) {
    const IpHolder holder = inventory.holder_at(ip, time);
    std::uint32_t identity = 0;
    switch (holder.status) {
      case IpHolder::Status::pod: {
        auto [it, inserted] = m_pod_identity.try_emplace(holder.pod, 0);
        if (inserted) it->second = aggregate.intern(endpoint_of(*holder.pod));
        identity = it->second;
        break;
      }
      case IpHolder::Status::ambiguous:
      case IpHolder::Status::unattributed:
        identity = aggregate.intern(marker(holder_identity(holder.status)));
        break;
      case IpHolder::Status::not_a_pod_address:
        break;
    }
    slot = {ip, holder.valid_from, holder.valid_until, identity};
  }
  if (slot.identity != 0) return slot.identity;
  return hint ? aggregate.intern(*hint) : 0;
}

Result<void> EdgeFolder::record(const FlowRecord& r) {
  const std::int64_t first = r.start ? r.start : r.end;
  const std::int64_t last = r.end ? r.end : r.start;
  if (options.since || options.until) {
    if (first == 0) {
      summary.skip({SkipReason::no_time_stamp}, r.records);
      return {};
    }
    if (options.since && last < *options.since) {
      summary.skip({SkipReason::before_since}, r.records);
      return {};
    }
    if (options.until && first > *options.until) {
      summary.skip({SkipReason::after_until}, r.records);
      return {};
    }
  }
  bool request = true;
  if (r.reply) {
    request = !*r.reply;
  } else {
    std::optional<Initiator> initiator;
    if (r.protocol == Protocol::tcp) initiator = initiator_from_tcp_flags(r.tcp_flags);
    if (!initiator) {
      initiator =
          initiator_from_ports(r.source, r.source_port, r.destination, r.destination_port, r.protocol, inventory);
    }
    request = *initiator == Initiator::source;
  }
  EdgeKey key;
  key.client = request ? r.source : r.destination;
  key.server = request ? r.destination : r.source;
  key.port = request ? r.destination_port : r.source_port;
  key.protocol = r.protocol;
  const FlowEndpoint* client = request ? r.source_identity : r.destination_identity;
  const FlowEndpoint* server = request ? r.destination_identity : r.source_identity;

  key.client_identity = identity_of(key.client, client, first);
  key.server_identity = identity_of(key.server, server, first);
  // A request is seen at the client's egress and again at the server's ingress; a reply is no
  // new connection.
  const EdgeStats stats{request ? r.connections : 0U, r.packets, r.bytes, r.start, r.end};
  if (r.denied) {
    deny(r, key, stats);  // evidence or not: settle_denied decides, once everything is read
    return {};
  }
  if (r.dns_answer) {
    for (const IpAddress& address : r.dns_answer->ips) {
      std::int64_t& seen =
          aggregate.resolved_names[ResolvedName{key.client, key.client_identity, r.dns_answer->query, address}];
      seen = std::max(seen, last);
    }
  }
  add(key, stats, r.observed_at, r.records);
  return {};
}

void settle_denied(FlowAggregate& aggregate, IngestSummary& summary, DroppedFlows dropped) {
  // Listed in full first, so the capped list is the same whatever order the records came in.
  std::map<DeniedConnection, std::uint64_t> listed;
  for (const auto& [key, denied] : aggregate.denied) {
    const EdgeKey& edge = key.edge;
    const bool evidence = key.may_be_evidence && dropped == DroppedFlows::use_as_evidence;
    listed[{describe(aggregate.identities[edge.client_identity], edge.client),
            describe(aggregate.identities[edge.server_identity], edge.server), edge.port, edge.protocol,
            key.drop_reason.empty() ? key.verdict : fmt::format("{} {}", key.verdict, key.drop_reason), evidence}] +=
        denied.records;
    if (evidence) {
      EdgeCounters& counters = aggregate.edges[edge];
      counters.merge(denied.counters);
      counters.records += denied.records;
      summary.see_time(denied.counters.first_seen, denied.counters.last_seen);
      summary.records_used += denied.records;
    } else {
      summary.skip({key.verdict_field, key.verdict}, denied.records);
    }
  }
  aggregate.denied.clear();
  constexpr std::size_t k_max_denied = 10000;
  for (const auto& [connection, records] : listed) {
    if (summary.denied.size() < k_max_denied || summary.denied.contains(connection)) {
      summary.denied[connection] += records;
    }
  }
}

}  // namespace netobs
