// The state of one collection across its sources: its bounds, the stop request, progress.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <netobs/collect.hpp>
#include <netobs/ingest.hpp>

namespace netobs {

class CollectState {
 public:
  explicit CollectState(const CollectOptions& options);

  const CollectOptions& options() const { return m_options; }
  // True once a bound is reached or a stop was requested; records why in `summary` once.
  bool done(IngestSummary& summary, std::size_t edges);
  // Records in `summary` why input ended early, when a stop request or the deadline ended it.
  void finish(IngestSummary& summary);
  // True when waiting for input should end now (a stop request or the deadline); for byte sources.
  bool should_stop() const;
  // True once the front end asked the collection to stop.
  bool stop_requested() const;
  // Reports progress if a second has passed; byte sources call it while they wait.
  void tick(std::uint64_t flows, std::size_t edges);
  void tick() { tick(m_flows, m_edges); }
  void reconnected() { ++m_reconnects; }
  std::uint64_t reconnects() const { return m_reconnects; }
  // An attempt to reach `source` failed: the first of a row opens a gap (an outage).
  void attempt_failed(const std::string& source);
  // `source` answered again: the open gap, if any, closes.
  void source_answered();
  // Seconds since the open gap began; 0 when every source answers.
  double down_for() const;
  std::uint64_t failed_attempts() const { return m_down ? m_down->gap.attempts : 0; }
  // The gaps so far, an open one included (its duration up to now).
  std::vector<CollectionGap> gaps() const;
  // A line cut off when a connection broke or the collection stopped: dropped, and counted.
  void dropped_partial_line() { ++m_partial_lines; }
  std::uint64_t partial_lines() const { return m_partial_lines; }
  // Whether any bound or checkpoint applies (then large files are read in one thread).
  bool bounded() const {
    return m_options.follow || m_options.duration > 0 || m_options.max_flows > 0 || !m_options.checkpoint.empty();
  }
  // Flows read before this collection began (a resumed checkpoint's) do not count for --max-flows.
  void count_from(std::uint64_t records) { m_base = records; }
  // Called every checkpoint_every seconds from tick(); a failure ends the collection with it.
  void set_checkpoint(std::function<Result<void>()> save) { m_save = std::move(save); }
  const std::optional<Error>& error() const { return m_error; }
  // Counts the inventory's changes by `refresh`: attribution caches of an older one are stale.
  std::uint64_t inventory_generation() const { return m_generation; }

 private:
  using Clock = std::chrono::steady_clock;
  const CollectOptions& m_options;
  Clock::time_point m_start = Clock::now();
  Clock::time_point m_last_report = m_start;
  Clock::time_point m_last_save = m_start;
  std::function<Result<void>()> m_save;
  std::optional<Error> m_error;
  std::uint64_t m_base = 0;
  std::uint64_t m_generation = 0;
  Clock::time_point m_last_refresh = m_start;
  std::uint64_t m_reconnects = 0;
  struct Outage {
    CollectionGap gap;
    Clock::time_point since;
  };
  std::optional<Outage> m_down;
  std::vector<CollectionGap> m_gaps;
  std::uint64_t m_reported_flows = 0;  // at the previous progress report, for the current rate
  std::uint64_t m_partial_lines = 0;
  std::uint64_t m_flows = 0;
  std::size_t m_edges = 0;
  unsigned m_calls = 0;
  bool m_done = false;
};

}  // namespace netobs
