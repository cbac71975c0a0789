// Reading one source on two threads without a second edge table: the reader's thread parses
// lines into flow records and hands them over in batches; a second thread folds them into
// edges. Parsing and folding cost about the same per record, so two cores share the work while
// memory stays one table's, and any byte source (gzip included) can be read this way, in order:
// the result is exactly that of one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "context.hpp"

namespace netobs {

class RecordHandoff {
 public:
  // Starts the thread that folds into `folder`.
  explicit RecordHandoff(EdgeFolder& folder);
  ~RecordHandoff();
  RecordHandoff(const RecordHandoff&) = delete;
  RecordHandoff& operator=(const RecordHandoff&) = delete;

  // Queues a copy of `record`. It may not point at data its reader owns (capture identities,
  // DNS answers: Hubble's records do; VPC records, the ones read this way, do not). Returns the
  // folding thread's error, if it failed.
  Result<void> push(const FlowRecord& record);
  // Hands over the rest, waits until every record is folded, and returns the folding result.
  Result<void> finish();

 private:
  void hand_over();
  void fold_batches();

  static constexpr std::size_t k_batch = 256;  // records: ~40 KiB, so the batches in flight stay in cache
  static constexpr std::size_t k_queued = 4;   // batches waiting: the reader runs this far ahead

  EdgeFolder& m_folder;
  std::vector<FlowRecord> m_filling;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::vector<FlowRecord>> m_full;   // oldest first
  std::vector<std::vector<FlowRecord>> m_spare;  // folded, for reuse
  bool m_closed = false;
  std::optional<Error> m_error;  // the folding error; guarded by m_mutex
  std::atomic<bool> m_failed{false};
  std::thread m_thread;  // last: starts once the rest is set up
};

}  // namespace netobs
