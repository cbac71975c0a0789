// Reading one source on two threads without a second edge table: the reader's thread parses
// lines into flow records and hands them over in batches; a second thread folds them into
// edges. When that thread would wait for work, it is handed lines instead, and parses them
// itself: parsing costs more than folding, so the two threads balance on any machine and input
// (gzip puts inflating on the reader's side). Memory stays one table's, any byte source can be
// read this way, and batches are folded in line order: the result is exactly that of one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "context.hpp"

namespace netobs {

class RecordHandoff {
 public:
  // Starts the thread that folds into `folding` (a context of the same source, with a summary of
  // its own) and parses there the lines it is handed.
  explicit RecordHandoff(ReadContext& folding);
  ~RecordHandoff();
  RecordHandoff(const RecordHandoff&) = delete;
  RecordHandoff& operator=(const RecordHandoff&) = delete;

  // Queues a copy of `record`. It may not point at data its reader owns (capture identities,
  // DNS answers: Hubble's records do; VPC records, the ones read this way, do not). Returns the
  // folding thread's error, if it failed.
  Result<void> push(const FlowRecord& record);
  // Takes `line` (number `number` of the source) to be parsed by `parser` on the folding thread,
  // when that thread has nothing queued; false when the caller is to parse it.
  bool take_line(std::string_view line, std::size_t number, const std::shared_ptr<LineParser>& parser);
  // Hands over the rest, waits until every record is folded, and returns the folding result.
  Result<void> finish();

 private:
  // Records, or lines with their numbers and parser: never both, so batches keep line order.
  struct Batch {
    std::vector<FlowRecord> records;
    std::string text;                                       // the lines, back to back
    std::vector<std::pair<std::size_t, std::size_t>> ends;  // each line's end in `text`, and number
    std::shared_ptr<LineParser> parser;
  };

  void hand_over();
  void fold_batches();
  Result<void> fold(const Batch& batch);

  static constexpr std::size_t k_batch = 256;  // records (~40 KiB) or lines: batches in flight stay in cache
  // Lines of a batch, in bytes: long lines (up to --max-line-bytes each) end a batch sooner, so the
  // batches in flight hold a few long lines, never k_batch of them.
  static constexpr std::size_t k_batch_bytes = std::size_t{64} << 10;
  static constexpr std::size_t k_queued = 4;  // batches waiting: the reader runs this far ahead

  ReadContext& m_folding;
  Batch m_filling;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<Batch> m_full;             // oldest first
  std::vector<Batch> m_spare;            // folded, for reuse
  std::atomic<std::size_t> m_queued{0};  // m_full.size(), read by the reader without the lock
  bool m_closed = false;
  std::optional<Error> m_error;  // the folding error; guarded by m_mutex
  std::atomic<bool> m_failed{false};
  std::thread m_thread;  // last: starts once the rest is set up
};

}  // namespace netobs
