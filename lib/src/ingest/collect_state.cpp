#include "collect_state.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <netobs/clock.hpp>
#include <netobs/option.hpp>
#include <netobs/time.hpp>

namespace netobs {

bool is_url_source(const std::string& source) {
  return source.starts_with("http://") || source.starts_with("https://");
}

std::string display_url(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::string shown = url.substr(0, url.find_first_of("?#", scheme));
  const std::size_t authority = scheme + 3;
  const std::size_t path = shown.find('/', authority);
  const std::size_t at = shown.rfind('@', path == std::string::npos ? std::string::npos : path);
  if (at != std::string::npos && at >= authority) shown.erase(authority, at + 1 - authority);
  return shown;
}

CollectState::CollectState(const CollectOptions& options) : m_options(options) {}

bool CollectState::stop_requested() const { return m_options.stop != nullptr && m_options.stop->requested(); }

bool CollectState::should_stop() const {
  if (stop_requested() || m_error) return true;
  return m_options.duration > 0 && Clock::now() - m_start >= std::chrono::seconds(m_options.duration);
}

bool CollectState::done(IngestSummary& summary, std::size_t edges) {
  if (m_done) return true;
  // Flows are records that parsed: garbage lines never count towards --max-flows.
  m_flows = summary.records_read - summary.malformed_count;
  m_edges = edges;
  if (m_error) {
    summary.ended_by = "a failed checkpoint";
  } else if (m_options.max_flows > 0 && m_flows - m_base >= m_options.max_flows) {
    summary.ended_by = fmt::format("{} {} reached", spell(Option::max_flows), m_options.max_flows);
  } else if (++m_calls % 256 == 0 || stop_requested()) {
    tick(m_flows, edges);
    finish(summary);
  }
  m_done = !summary.ended_by.empty();
  return m_done;
}

void CollectState::finish(IngestSummary& summary) {
  if (!summary.ended_by.empty()) return;
  if (stop_requested()) {
    summary.ended_by = m_options.stop->reason();
  } else if (should_stop()) {
    summary.ended_by = fmt::format("{} {} reached", spell(Option::duration), format_duration(m_options.duration));
  }
}

void CollectState::tick(std::uint64_t flows, std::size_t edges) {
  const auto now = Clock::now();
  if (m_options.refresh && now - m_last_refresh >= std::chrono::seconds(1)) {
    m_last_refresh = now;
    if (m_options.refresh()) ++m_generation;
  }
  if (m_save && !m_error &&
      now - m_last_save >= std::chrono::seconds(std::max<std::int64_t>(m_options.checkpoint_every, 1))) {
    m_last_save = now;
    if (auto saved = m_save(); !saved) m_error = saved.error();
  }
  if (!m_options.progress || now - m_last_report < m_options.progress_every) return;
  CollectProgress progress;
  progress.flows = flows;
  progress.edges = edges;
  progress.elapsed = std::chrono::duration<double>(now - m_start).count();
  progress.rate = static_cast<double>(flows - std::min(flows, m_reported_flows)) /
                  std::chrono::duration<double>(now - m_last_report).count();
  progress.reconnects = m_reconnects;
  progress.failed_attempts = failed_attempts();
  progress.down_for = down_for();
  m_last_report = now;
  m_reported_flows = flows;
  m_options.progress(progress);
}

void CollectState::attempt_failed(const std::string& source) {
  if (!m_down) {
    m_down = Outage{{source, now_seconds(), 0, 0, true}, Clock::now()};
  }
  ++m_down->gap.attempts;
}

void CollectState::source_answered() {
  if (!m_down) return;
  CollectionGap gap = m_down->gap;
  gap.seconds = std::llround(down_for());
  gap.open = false;
  m_gaps.push_back(std::move(gap));
  m_down.reset();
}

double CollectState::down_for() const {
  return m_down ? std::chrono::duration<double>(Clock::now() - m_down->since).count() : 0.0;
}

std::vector<CollectionGap> CollectState::gaps() const {
  std::vector<CollectionGap> gaps = m_gaps;
  if (m_down) {
    gaps.push_back(m_down->gap);
    gaps.back().seconds = std::llround(down_for());
  }
  return gaps;
}

}  // namespace netobs
