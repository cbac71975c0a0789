// Collecting flows from streams that do not end by themselves: an agent's HTTP endpoint, or
// standard input with --follow. Bounds (--duration, --max-flows, a stop request) end a collection
// cleanly: what was collected is still turned into a recommendation.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace netobs {

// How an http(s):// source is read (libcurl): authentication, TLS and failure handling.
struct AgentOptions {
  std::string token_file;  // bearer token, re-read on every (re)connect
  std::string ca_file;     // CA bundle that verifies the agent; empty: the system's
  std::string cert_file;   // client certificate and key (mTLS)
  std::string key_file;
  std::vector<std::string> headers;  // "Name: value"; never printed
  bool insecure = false;             // skip TLS verification
  double connect_timeout = 10;       // seconds
  double idle_timeout = 60;          // seconds without a byte before the connection counts as broken
  int retries = 5;                   // failed attempts in a row before giving up (Prometheus queries)
  // Seconds an agent may stay unreachable (refused, reset, 429, 5xx, a rotated token) before the
  // collection gives up: an agent rollout takes a minute or two.
  std::int64_t retry_for = 300;
  double max_backoff = 5;  // seconds between attempts, at most (exponential, with jitter)
};

// A Prometheus-compatible HTTP API to read flow metrics from (--prometheus): the increase of
// Hubble's hubble_port_distribution_total (and Retina's networkobservability_adv_forward_count)
// over a window, summed by the labels naming an edge.
struct PrometheusQuery {
  std::string url;                                // the server's base URL (…/api/v1/query is appended)
  std::int64_t window = std::int64_t{7} * 86400;  // seconds of traffic, ending at `at`
  std::int64_t at = 0;                            // evaluation time, Unix seconds; 0 = now
  AgentOptions http;                              // bearer token file, TLS, headers, timeouts, retries
  std::uint64_t max_answer_bytes = 256ULL << 20;  // a larger answer is read namespace by namespace
};

struct CollectProgress {
  std::uint64_t flows = 0;
  std::uint64_t edges = 0;
  double elapsed = 0;  // seconds
  double rate = 0;     // flows per second since the previous report (the lifetime average hides a stall)
  std::uint64_t reconnects = 0;
  // While a source is unreachable: the attempts that failed so far, and for how long (seconds).
  std::uint64_t failed_attempts = 0;
  double down_for = 0;
};

// A front end's request to end a collection early, as if its bound were reached: what was
// collected is kept. Lock-free, so a signal handler may make it. While a collection that waits on
// its sources (following, agents) runs, the library marks it `running`, so a front end can tell
// whether a request would end one (else, say, an interrupt should end the process).
class CollectStop {
 public:
  // Asks the collection to stop for `reason` ("SIGINT": a string literal, kept, not copied, which
  // the summary's `ended_by` says); false when a request was made already.
  bool request(const char* reason) noexcept {
    const char* none = nullptr;
    return m_reason.compare_exchange_strong(none, reason, std::memory_order_relaxed);
  }
  // The reason of the request, or nullptr.
  [[nodiscard]] const char* reason() const noexcept { return m_reason.load(std::memory_order_relaxed); }
  [[nodiscard]] bool requested() const noexcept { return reason() != nullptr; }
  [[nodiscard]] bool running() const noexcept { return m_running.load(std::memory_order_relaxed); }
  void set_running(bool running) noexcept { m_running.store(running, std::memory_order_relaxed); }

 private:
  std::atomic<const char*> m_reason{nullptr};
  std::atomic<bool> m_running{false};
  static_assert(std::atomic<const char*>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);
};

struct CollectOptions {
  bool follow = false;          // keep reading; reconnect when an agent's stream ends or breaks
  std::int64_t duration = 0;    // seconds; 0 = no bound
  std::uint64_t max_flows = 0;  // records; 0 = no bound
  AgentOptions agent;
  // Saves the aggregated edges (see edge_file.hpp) to this file every `checkpoint_every` seconds
  // and at the end; an existing file is read first, so a new run resumes from it.
  std::string checkpoint;
  std::int64_t checkpoint_every = 300;
  // Seconds between scrapes of a followed metrics URL (Prometheus text): each scrape counts what
  // its counters grew by since the one before.
  std::int64_t scrape_interval = 30;
  // A source that fails for good (an agent past --agent-retry-for) ends the collection and keeps
  // what was collected (IngestSummary::failure) instead of failing the whole ingest.
  bool keep_after_failure = false;
  // Called every `progress_every` while collecting (from the reading thread).
  std::function<void(const CollectProgress&)> progress;
  std::chrono::milliseconds progress_every{1000};
  // Ends the collection when requested; null: only its bounds end it.
  const CollectStop* stop = nullptr;
  // Called about once a second from the reading thread to bring the inventory up to date (pods a
  // watch saw); returns true when it changed it.
  std::function<bool()> refresh;
};

// True for "http://..." and "https://..." sources.
bool is_url_source(const std::string& source);

// The URL without user information or query, for messages (either may hold a secret).
std::string display_url(const std::string& url);

}  // namespace netobs
