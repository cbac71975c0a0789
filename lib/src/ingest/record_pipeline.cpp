#include "record_pipeline.hpp"

#include <cassert>

namespace netobs {

RecordHandoff::RecordHandoff(EdgeFolder& folder) : m_folder(folder), m_thread([this] { fold_batches(); }) {
  m_filling.reserve(k_batch);
}

RecordHandoff::~RecordHandoff() {
  if (m_thread.joinable()) (void)finish();
}

Result<void> RecordHandoff::push(const FlowRecord& record) {
  assert(!record.source_identity && !record.destination_identity && !record.dns_answer);
  m_filling.push_back(record);
  if (m_filling.size() == k_batch) hand_over();
  if (m_failed.load(std::memory_order_acquire)) {
    std::lock_guard lock(m_mutex);
    return tl::unexpected(*m_error);
  }
  return {};
}

void RecordHandoff::hand_over() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return m_full.size() < k_queued || m_closed; });
  m_full.push_back(std::move(m_filling));
  if (m_spare.empty()) {
    m_filling = {};
    m_filling.reserve(k_batch);
  } else {
    m_filling = std::move(m_spare.back());
    m_spare.pop_back();
  }
  m_changed.notify_all();
}

Result<void> RecordHandoff::finish() {
  if (!m_filling.empty()) hand_over();
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_changed.notify_all();
  m_thread.join();
  if (m_error) return tl::unexpected(*m_error);
  return {};
}

void RecordHandoff::fold_batches() {
  std::vector<FlowRecord> batch;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      if (!batch.empty()) {
        batch.clear();
        m_spare.push_back(std::move(batch));
      }
      m_changed.wait(lock, [&] { return !m_full.empty() || m_closed; });
      if (m_full.empty()) return;
      batch = std::move(m_full.front());
      m_full.erase(m_full.begin());
      m_changed.notify_all();
    }
    for (const FlowRecord& record : batch) {
      if (m_failed.load(std::memory_order_relaxed)) break;  // drained unread: the reader never waits
      if (auto folded = m_folder.record(record); !folded) {
        std::lock_guard lock(m_mutex);
        m_error = folded.error();
        m_failed.store(true, std::memory_order_release);
      }
    }
  }
}

}  // namespace netobs
