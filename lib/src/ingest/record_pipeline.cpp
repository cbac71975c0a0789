#include "record_pipeline.hpp"

#include <cassert>

namespace netobs {

RecordHandoff::RecordHandoff(ReadContext& folding) : m_folding(folding), m_thread([this] { fold_batches(); }) {
  m_filling.records.reserve(k_batch);
}

RecordHandoff::~RecordHandoff() {
  if (m_thread.joinable()) (void)finish();
}

Result<void> RecordHandoff::push(const FlowRecord& record) {
  assert(!record.source_identity && !record.destination_identity && !record.dns_answer);
  if (!m_filling.ends.empty()) hand_over();  // the lines before this record are folded first
  m_filling.records.push_back(record);
  if (m_filling.records.size() == k_batch) hand_over();
  if (m_failed.load(std::memory_order_acquire)) {
    std::lock_guard lock(m_mutex);
    return tl::unexpected(*m_error);
  }
  return {};
}

bool RecordHandoff::take_line(std::string_view line, std::size_t number, const std::shared_ptr<LineParser>& parser) {
  if (!m_filling.records.empty()) return false;  // a batch of records is being filled: fill it
  if (!m_filling.ends.empty() && m_filling.parser != parser) hand_over();  // a new layout starts here
  if (m_filling.ends.empty()) {
    // The batch just handed over is still queued when the folding thread keeps up: lines go to it
    // unless more wait. Once it fails, lines are parsed here, so that push reports its error.
    if (m_queued.load(std::memory_order_relaxed) > 1 || m_failed.load(std::memory_order_acquire)) return false;
    m_filling.parser = parser;
  }
  m_filling.text.append(line);
  m_filling.ends.emplace_back(m_filling.text.size(), number);
  if (m_filling.ends.size() == k_batch || m_filling.text.size() >= k_batch_bytes) hand_over();
  return true;
}

void RecordHandoff::hand_over() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return m_full.size() < k_queued || m_closed; });
  m_full.push_back(std::move(m_filling));
  m_queued.store(m_full.size(), std::memory_order_relaxed);
  if (m_spare.empty()) {
    m_filling = {};
    m_filling.records.reserve(k_batch);
  } else {
    m_filling = std::move(m_spare.back());
    m_spare.pop_back();
  }
  m_changed.notify_all();
}

Result<void> RecordHandoff::finish() {
  if (!m_filling.records.empty() || !m_filling.ends.empty()) hand_over();
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_changed.notify_all();
  m_thread.join();
  if (m_error) return tl::unexpected(*m_error);
  return {};
}

Result<void> RecordHandoff::fold(const Batch& batch) {
  std::size_t begin = 0;
  for (const auto& [end, number] : batch.ends) {
    m_folding.at_line(number);
    if (auto parsed = (*batch.parser)(m_folding, std::string_view(batch.text).substr(begin, end - begin)); !parsed) {
      return parsed;
    }
    begin = end;
  }
  for (const FlowRecord& record : batch.records) {
    if (auto folded = m_folding.record(record); !folded) return folded;
  }
  return {};
}

void RecordHandoff::fold_batches() {
  Batch batch;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      if (!batch.records.empty() || !batch.ends.empty()) {
        batch.records.clear();
        batch.text.clear();
        batch.ends.clear();
        batch.parser.reset();
        m_spare.push_back(std::move(batch));
      }
      m_changed.wait(lock, [&] { return !m_full.empty() || m_closed; });
      if (m_full.empty()) return;
      batch = std::move(m_full.front());
      m_full.erase(m_full.begin());
      m_queued.store(m_full.size(), std::memory_order_relaxed);
      m_changed.notify_all();
    }
    if (m_failed.load(std::memory_order_relaxed)) continue;  // drained unread: the reader never waits
    if (auto folded = fold(batch); !folded) {
      std::lock_guard lock(m_mutex);
      m_error = folded.error();
      m_failed.store(true, std::memory_order_release);
    }
  }
}

}  // namespace netobs
