// State shared by the record readers while one source is read, and the one place records
// become edges (flow_to_edge.cpp).
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <netobs/ingest.hpp>

#include "collect_state.hpp"
#include "line_reader.hpp"

namespace netobs {

class RecordHandoff;
struct ReadContext;
// Parses one line into `ctx` as its reader would: the folding thread runs it for the lines handed
// over unparsed (record_pipeline.hpp), from that thread only, so it may keep scratch state.
using LineParser = std::function<Result<void>(ReadContext& ctx, std::string_view line)>;

// Folds flow records into the edges of an aggregate: the one place records become edges.
class EdgeFolder {
 public:
  EdgeFolder(const IngestOptions& ingest_options, const Inventory& pods_and_services, FlowAggregate& into,
             IngestSummary& counts, CollectState* collection = nullptr)
      : options(ingest_options), inventory(pods_and_services), aggregate(into), summary(counts), collect(collection) {}

  // Decides which end opened the connection, attributes both ends to the workloads that held
  // their addresses at the record's time, and folds the record into its edge (or keeps it apart
  // as denied, or skips it outside --since/--until).
  Result<void> record(const FlowRecord& record);

  const IngestOptions& options;
  const Inventory& inventory;
  FlowAggregate& aggregate;
  IngestSummary& summary;
  CollectState* collect;  // null when no collection bound applies

 private:
  // Keeps a denied record apart, in FlowAggregate::denied, with the stats it would add to `key`.
  void deny(const FlowRecord& record, const EdgeKey& key, const EdgeStats& stats);
  // `records`: the source records the record stands for (FlowRecord::records), as counted.
  void add(const EdgeKey& key, const EdgeStats& stats, Observation observation, std::uint64_t records);
  std::uint32_t identity_of(const IpAddress& ip, const FlowEndpoint* hint, std::int64_t time);

  // The edge of the previous record: flow logs list both directions of a connection next to
  // each other, and both map to one edge, so most lookups end here.
  EdgeKey m_last_key{};
  EdgeCounters* m_last_counters = nullptr;
  std::unordered_map<const Pod*, std::uint32_t> m_pod_identity;  // interned identity of each pod
  std::uint64_t m_inventory_generation = 0;                      // of the inventory m_pod_identity's pointers are into
  // Recent attributions of addresses without a capture identity: most records repeat addresses,
  // and an answer holds for a range of times (IpHolder::valid_from/until).
  struct Attributed {
    IpAddress ip;
    std::int64_t from = 0;
    std::int64_t until = 0;  // empty range: unused
    std::uint32_t identity = 0;
  };
  // Allocated on first use: sources read without an inventory never pay for it.
  std::vector<Attributed> m_attributed;
};

struct ReadContext {
  ReadContext(const IngestOptions& ingest_options, const Inventory& pods_and_services, FlowAggregate& into,
              IngestSummary& counts, LineReader& lines, CollectState* collection = nullptr)
      : options(ingest_options),
        inventory(pods_and_services),
        aggregate(into),
        summary(counts),
        reader(lines),
        collect(collection),
        m_folder(ingest_options, pods_and_services, into, counts, collection) {}

  const IngestOptions& options;
  const Inventory& inventory;
  FlowAggregate& aggregate;
  IngestSummary& summary;
  LineReader& reader;
  CollectState* collect;  // null when no collection bound applies (parallel reading)

  // The next line of input; false at its end, on a read error (see reader.error()) and when the
  // collection is over (a bound reached, or a stop requested).
  bool next_line(std::string_view& line);
  // The number of the line being read: the reader's, or the one set by at_line.
  std::size_t line_number() const { return m_line ? m_line : reader.line_number(); }
  // On the folding thread, the lines it parses are not the reader's current one.
  void at_line(std::size_t number) { m_line = number; }
  // Records a malformed record at line_number(), counted by `reason` and worded by `message`.
  // Returns an error when the options say to stop at the first one.
  Result<void> malformed(MalformedReason reason, std::string_view message);
  // True when `line` (the reader's current one) went to the folding thread, to be parsed there by
  // `parser` (record_pipeline.hpp); false when it is to be parsed here.
  bool defer(std::string_view line, const std::shared_ptr<LineParser>& parser);
  // Folds a record into its edge here, or hands it to the thread that folds (hand_off_to).
  Result<void> record(const FlowRecord& record);
  // From now on, records go to `handoff` (record_pipeline.hpp) instead of this context's folder.
  void hand_off_to(RecordHandoff* handoff) { m_handoff = handoff; }

 private:
  EdgeFolder m_folder;
  RecordHandoff* m_handoff = nullptr;
  std::size_t m_line = 0;  // 0: the reader's current line
};

}  // namespace netobs
