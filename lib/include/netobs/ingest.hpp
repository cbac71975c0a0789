// Streaming ingest of flow records: AWS VPC flow logs (text, S3 objects with a header, CloudWatch
// exports and subscription payloads) and Cilium Hubble JSON lines, plain or gzip. Records are
// folded into per-edge counters as they are read, so memory grows with distinct edges, never
// with the number of records.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <netobs/collect.hpp>
#include <netobs/edge.hpp>
#include <netobs/edge_table.hpp>
#include <netobs/error.hpp>
#include <netobs/flow.hpp>
#include <netobs/inventory.hpp>
#include <netobs/ip.hpp>
#include <netobs/malformed.hpp>
#include <netobs/skip_reason.hpp>

namespace netobs {

enum class DroppedFlows { report_only, use_as_evidence };
// When the two-thread read of large VPC files is taken: with two cores or more (where it pays),
// or always, so that its tests prove it on a one-core machine too. The environment variable
// NETOBS_TWO_THREAD_READ=always does the same for a whole process (the end-to-end tests).
enum class TwoThreadRead { with_two_cores, always };
enum class Strictness { skip_malformed, stop_at_first };

struct IngestOptions {
  std::string format = "auto";  // "auto" (detected per source) or a name from flow_format_names()
  std::string vpc_format;       // a LogFormat string for header-less VPC records; empty = default v2
  DroppedFlows dropped = DroppedFlows::report_only;
  Strictness strictness = Strictness::skip_malformed;
  std::size_t max_messages = 5;  // malformed records shown before the rest are only counted
  // VPC files at least this large (gzip counted compressed) are read on two threads: one parses,
  // the other folds records into edges.
  std::uint64_t parallel_min_bytes = 8ULL << 20;
  TwoThreadRead two_thread_read = TwoThreadRead::with_two_cores;
  // Files skipped while walking directories (the inventory often sits beside the flows).
  std::vector<std::filesystem::path> exclude;
  // Only records whose time overlaps [since, until] (Unix seconds) count; records without a
  // time are skipped when either is set.
  std::optional<std::int64_t> since;
  std::optional<std::int64_t> until;
  CollectOptions collect;
  // Read after the sources, as sources of their own.
  std::vector<PrometheusQuery> prometheus;
  // Whether ingest_sources ends by settling the denied connections it kept (settle_denied);
  // false leaves them in FlowAggregate::denied for a later read of the same collection to settle.
  bool settle_denied = true;
};

// The formats ingest reads, for --input-format: "hubble", "vpc", ...
std::vector<std::string> flow_format_names();

// A connection that was not evidence of wanted traffic (VPC REJECT, Hubble DROPPED), for review.
struct DeniedConnection {
  std::string client;
  std::string server;
  std::uint16_t port = 0;
  Protocol protocol = Protocol::tcp;
  std::string reason;
  // A drop kept as evidence of a connection the workloads make (DroppedFlows::use_as_evidence):
  // the policies allow it, so the summary must not call it unused.
  bool used_as_evidence = false;

  auto operator<=>(const DeniedConnection&) const = default;
};

// A time an agent could not be reached during a collection: no flows arrived from it then.
struct CollectionGap {
  std::string source;          // the URL as display_url shows it
  std::int64_t start = 0;      // Unix seconds of the first failed attempt
  std::int64_t seconds = 0;    // how long it lasted
  std::uint64_t attempts = 0;  // attempts that failed
  bool open = false;           // still down when the collection ended

  auto operator<=>(const CollectionGap&) const = default;
};

struct IngestSummary {
  std::uint64_t records_read = 0;  // every non-empty, non-header line or JSON object
  std::uint64_t records_used = 0;  // records that became (part of) an edge
  SkipCounts skipped;              // reason -> records; describe_skips words them
  std::map<DeniedConnection, std::uint64_t> denied;
  std::vector<MalformedRecord> malformed;  // where and why, the first max_messages of them (describe() words them)
  std::uint64_t malformed_count = 0;
  // Every malformed record by reason (those of saved edge files that recorded them).
  std::map<MalformedReason, std::uint64_t> malformed_by_reason;
  std::vector<std::string> warnings;  // once per source, e.g. missing pkt-srcaddr
  // Sources not read as flows, each with why: "docs/README.md: a Markdown document, not flow
  // records: skipped ..."; for the caller to print.
  std::vector<std::string> notes;
  std::int64_t first_seen = 0;
  std::int64_t last_seen = 0;
  std::vector<std::string> sources;  // "path (format)"
  std::string ended_by;              // why a collection ended early ("SIGINT", "--duration 24h reached"); empty
  std::uint64_t reconnects = 0;      // to agent endpoints
  std::vector<CollectionGap> gaps;   // in the order they began
  // The source failure that ended a collection (CollectOptions::keep_after_failure); what was
  // collected before it is kept.
  std::string failure;
  std::uint64_t two_thread_sources = 0;  // sources read on two threads (parallel_min_bytes)

  void skip(SkipKey key, std::uint64_t count = 1) { skipped[std::move(key)] += count; }
  void see_time(std::int64_t start, std::int64_t end);
  // Adds what `later` counted (records that came after this summary's in input order).
  void merge(const IngestSummary& later, std::size_t max_messages);
};

// Everything ingest keeps: one counter per distinct edge, and the interned Hubble identities.
// One name a client resolved to one address (--egress-names), with when it was last seen.
struct ResolvedName {
  IpAddress client;
  std::uint32_t client_identity = 0;
  std::string name;
  IpAddress address;

  auto operator<=>(const ResolvedName&) const = default;
};

// A connection the network refused (VPC REJECT, Hubble DROPPED/AUDIT, EKS agent DENY), kept apart
// from the edges with its verdict: whether it is evidence (--include-dropped) is decided once all
// input is read (settle_denied), so a checkpoint keeps it whatever the run that wrote it decided.
struct DeniedEdgeKey {
  EdgeKey edge;
  SkipReason verdict_field = SkipReason::vpc_action;  // vpc_action, hubble_verdict, policy_verdict
  std::string verdict;                                // "REJECT", "DROPPED", "DENY", ...
  std::string drop_reason;                            // Hubble's; empty for the others
  bool may_be_evidence = false;                       // FlowRecord::denied_may_be_evidence

  auto operator<=>(const DeniedEdgeKey&) const = default;
};

struct DeniedEdge {
  EdgeCounters counters;      // what the edge would count were the records evidence
  std::uint64_t records = 0;  // the denied records, as the summary counts them
};

struct FlowAggregate {
  EdgeTable edges;
  // Denied connections not settled yet (see DeniedEdgeKey); sorted, so settling them is
  // deterministic.
  std::map<DeniedEdgeKey, DeniedEdge> denied;
  std::map<ResolvedName, std::int64_t> resolved_names;   // -> last seen (Unix seconds)
  std::vector<FlowEndpoint> identities{FlowEndpoint{}};  // [0] is "no identity"
  // Identities by a hash of their fields, the next free hash taking a colliding one (an identity's
  // own copy is the only one kept: a pod's labels are long, and there is one identity per pod).
  std::unordered_map<std::uint64_t, std::uint32_t> identity_index;

  std::uint32_t intern(const FlowEndpoint& endpoint);
  // Adds every edge of `other`, re-interning its identities.
  void merge(const FlowAggregate& other);
};

// Reads one source: a file, a directory (recursively, in sorted order), "-" for standard input,
// or an agent's http(s):// URL. With options.format "auto", each source's format is decided by
// the majority of its first lines (a banner ahead of the records is skipped, a UTF-8 byte order
// mark ignored), and what is plainly not flow records (a Kubernetes List or manifest, Markdown,
// binary data) is skipped with a note in summary.notes.
// Returns an error for an unreadable file, a truncated gzip stream, or (with
// Strictness::stop_at_first) the first malformed record; malformed records are otherwise counted
// in `summary` and skipped. `inventory` supplies listening ports for deciding who is the client.
Result<void> ingest_source(const std::string& source, const IngestOptions& options, const Inventory& inventory,
                           FlowAggregate& aggregate, IngestSummary& summary);
// The files among `sources` (files, and directories walked as ingest walks them; not "-" or URLs)
// that hold a Kubernetes List (`kubectl get -o json|yaml`): an inventory given among the flows,
// which ingest skips. None when options.format names a flow format. Errors: a file or directory
// that cannot be read.
Result<std::vector<std::string>> kubernetes_lists_among(const std::vector<std::string>& sources,
                                                        const IngestOptions& options);
// Reads every source in order as one collection: --duration and --max-flows bound them together,
// and a stop request ends the one being read and skips the rest. A --checkpoint is written with
// the denied connections unsettled; then (with options.settle_denied) they are settled.
Result<void> ingest_sources(const std::vector<std::string>& sources, const IngestOptions& options,
                            const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary);

// Settles the denied connections of `aggregate` once every source is read: each is listed in
// summary.denied by workload pair, and is evidence (folded into its edge, its records counted as
// used) when `dropped` asks for it and its verdict allows it, else its records are counted as
// skipped by verdict. Empties aggregate.denied, so a second call does nothing.
void settle_denied(FlowAggregate& aggregate, IngestSummary& summary, DroppedFlows dropped);

}  // namespace netobs
