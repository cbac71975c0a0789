// State shared by the record readers while one source is read.
#pragma once

#include <string_view>

#include <netobs/ingest.hpp>

#include "line_reader.hpp"

namespace netobs {

struct ReadContext {
  const IngestOptions& options;
  const Inventory& inventory;
  FlowAggregate& aggregate;
  IngestSummary& summary;
  LineReader& reader;

  // Records a malformed record at the reader's current line. Returns an error when the options
  // say to stop at the first one.
  Result<void> malformed(std::string_view message);
  // Lists a connection that was not evidence (REJECT, DROPPED), up to a bound so a port scan
  // cannot grow the summary without limit.
  void deny(DeniedConnection connection);
  // Folds one accepted record into its edge.
  void add(const EdgeKey& key, const EdgeStats& stats, Observation observation);

  // The edge of the previous record: flow logs list both directions of a connection next to
  // each other, and both map to one edge, so most lookups end here.
  EdgeKey last_key{};
  EdgeCounters* last_counters = nullptr;
};

}  // namespace netobs
