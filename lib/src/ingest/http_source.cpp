// An agent's flow endpoint as a byte source: GET over libcurl's multi interface, so waiting for
// bytes can end on a signal or the deadline; reconnects with backoff per AgentOptions.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>
#include <utility>

#include <curl/curl.h>
#include <fmt/format.h>

#include <netobs/limits.hpp>
#include <netobs/option.hpp>
#include <netobs/time.hpp>

#include "byte_source.hpp"
#include "collect_state.hpp"
#include "http_common.hpp"
#include "readers.hpp"
#include "util/backoff.hpp"
#include "util/curl_library.hpp"
#include "util/gzip.hpp"
#include "util/http_client.hpp"

namespace netobs {
namespace {

bool retryable_status(long status) { return status == 429 || status >= 500; }

// Body bytes held for the reader at most, before curl is asked to pause.
constexpr std::size_t k_max_pending = 16 << 20;

class HttpSource final : public ByteSource {
 public:
  HttpSource(std::string url, CollectState& collect)
      : ByteSource(display_url(url)),
        m_url(std::move(url)),
        m_collect(collect),
        m_agent(collect.options().agent),
        m_backoff(1.0, m_agent.max_backoff) {
    m_multi = curl_multi_init();
  }
  ~HttpSource() override {
    end_transfer();
    if (m_multi) curl_multi_cleanup(m_multi);
  }
  HttpSource(const HttpSource&) = delete;
  HttpSource& operator=(const HttpSource&) = delete;

  Result<std::size_t> read(char* into, std::size_t capacity) override {
    for (;;) {
      if (m_ready > 0) {
        const std::size_t n = std::min(capacity, m_ready);
        std::copy_n(m_pending.data(), n, into);
        m_pending.erase(0, n);
        m_ready -= n;
        return n;
      }
      if (m_finished || m_collect.should_stop()) {
        drop_partial_line();
        return 0;
      }
      if (std::exchange(m_body_ended, false)) return 0;  // one scrape read: LineReader::next_body() goes on
      if (!m_easy) {
        if (!wait_before_attempt()) continue;  // stopped while waiting
        if (auto started = start(); !started) return tl::unexpected(started.error());
      }
      if (m_paused) {
        m_paused = false;
        curl_easy_pause(m_easy, CURLPAUSE_CONT);
      }
      int running = 0;
      curl_multi_perform(m_multi, &running);
      if (auto done = check_done(); !done) return tl::unexpected(done.error());
      if (m_ready == 0 && m_easy) {
        curl_multi_poll(m_multi, nullptr, 0, 250, nullptr);
        m_collect.tick();
      }
    }
  }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<HttpSource*>(user);
    const std::size_t bytes = size * count;
    long status = 0;
    curl_easy_getinfo(self->m_easy, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {  // an error page: kept short, for the message
      if (self->m_error_body.size() < 300) self->m_error_body.append(data, std::min<std::size_t>(bytes, 300));
      return bytes;
    }
    self->answered();
    // The reader is behind: let curl hold the bytes (it delivers them again on resume).
    if (self->m_pending.size() > k_max_pending) {
      self->m_paused = true;
      return CURL_WRITEFUNC_PAUSE;
    }
    self->m_received += bytes;
    if (!self->append_body(data, bytes)) return 0;  // corrupt gzip: the transfer fails, and is retried
    self->sniff_scrapes();
    // Only whole lines go to the reader, so a broken connection never glues half a record to the
    // next one; a line too long for the limit is passed on for the reader to reject.
    const auto newline = self->m_pending.rfind('\n');
    if (newline != std::string::npos && newline + 1 > self->m_ready) self->m_ready = newline + 1;
    if (self->m_pending.size() - self->m_ready > input_limits().max_line_bytes) self->m_ready = self->m_pending.size();
    return bytes;
  }

  // A body that is gzip itself (a .gz file served as is, no Content-Encoding) is inflated here,
  // per connection, so each reconnect starts a fresh stream and lines stay whole.
  bool append_body(const char* data, std::size_t bytes) {
    if (!m_sniffed) {
      // Hold the first bytes until two are in: a gzip body starts with 1f 8b.
      m_head.append(data, bytes);
      if (m_head.size() < 2) return true;
      m_sniffed = true;
      const std::string head = std::exchange(m_head, {});
      if (!GzipInflater::starts_gzip(head)) {
        m_pending += head;
        return true;
      }
      m_inflater = std::make_unique<GzipInflater>();
      return m_inflater->usable() && m_inflater->inflate_all(head, m_pending);
    }
    if (!m_inflater) {
      m_pending.append(data, bytes);
      return true;
    }
    return m_inflater->inflate_all(std::string_view(data, bytes), m_pending);
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<HttpSource*>(user);
    std::string line(data, size * count);
    std::transform(line.begin(), line.end(), line.begin(), [](unsigned char c) { return std::tolower(c); });
    if (line.starts_with("retry-after:")) {
      try {
        self->m_retry_after = std::stod(line.substr(12));
      } catch (const std::exception&) {
        // An HTTP date: back off by our own schedule.
      }
    }
    return size * count;
  }

  Result<void> start() {
    m_retry_after.reset();
    auto headers = request_headers(m_agent, Option::agent_token_file);
    if (!headers) {
      if (!m_token_worked) return tl::unexpected(headers.error());
      // Caught mid-rotation (the file is rewritten in place): an attempt that failed.
      ++m_failures;
      m_collect.attempt_failed(display());
      return retry_within_budget(describe(headers.error()));
    }
    m_easy = curl_easy_init();
    if (!m_easy || !m_multi) {
      return make_error(ErrorKind::network, fmt::format("{}: cannot start an HTTP client{}", display(), curl_reason()));
    }
    m_error_text[0] = '\0';
    m_error_body.clear();
    m_received = 0;
    for (const auto& header : *headers) m_headers = curl_slist_append(m_headers, header.c_str());
    CURL* c = m_easy;
    TransferSetup setup;
    setup.url = m_url;
    setup.headers = m_headers;
    setup.connect_timeout = m_agent.connect_timeout;
    setup.insecure = m_agent.insecure;
    setup.ca_file = m_agent.ca_file;
    setup.cert_file = m_agent.cert_file;
    setup.key_file = m_agent.key_file;
    setup.error_buffer = m_error_text;
    set_up_transfer(c, setup);
    // No byte for the idle timeout: the connection counts as broken.
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(m_agent.idle_timeout)));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &HttpSource::on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &HttpSource::on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, this);
    curl_multi_add_handle(m_multi, c);
    return {};
  }

  void end_transfer() {
    m_inflater.reset();
    m_pending += std::exchange(m_head, {});  // a body of one byte
    m_sniffed = false;
    m_paused = false;
    if (m_easy) {
      curl_multi_remove_handle(m_multi, m_easy);
      curl_easy_cleanup(m_easy);
      m_easy = nullptr;
    }
    if (m_headers) {
      curl_slist_free_all(m_headers);
      m_headers = nullptr;
    }
  }

  // A line cut off by a broken connection or a stop is never passed on.
  void drop_partial_line() {
    if (m_pending.size() > m_ready) {
      m_collect.dropped_partial_line();
      m_pending.resize(m_ready);
    }
  }

  // After a transfer ended: decides to read on, reconnect, retry or give up.
  Result<void> check_done() {
    int left = 0;
    CURLMsg* message = nullptr;
    while ((message = curl_multi_info_read(m_multi, &left))) {
      if (message->msg != CURLMSG_DONE || message->easy_handle != m_easy) continue;
      const CURLcode code = message->data.result;
      long status = 0;
      curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
      const bool got_bytes = m_received > 0;
      end_transfer();
      if (code == CURLE_OK && status >= 200 && status < 300) {
        m_ready = m_pending.size();  // the stream ended cleanly: its last line is whole
        if (!m_collect.options().follow) {
          m_finished = true;
          return {};
        }
        // An answered request is no failure, even with nothing new: some agents answer with
        // what they have and close. Wait a little before asking again.
        answered();
        m_delay = got_bytes ? 0.2 : 1.0;
        if (m_scraping) {
          m_body_ended = true;
          m_delay = static_cast<double>(m_collect.options().scrape_interval);
          return {};
        }
        m_collect.reconnected();
        return {};
      }
      drop_partial_line();
      std::string why;
      if (code != CURLE_OK) {
        why = m_error_text[0] != '\0' ? m_error_text : curl_easy_strerror(code);
        if (code == CURLE_OPERATION_TIMEDOUT) {
          why = got_bytes || status != 0 ? fmt::format("no data for {}s (idle timeout)", m_agent.idle_timeout)
                                         : fmt::format("{} (connect timeout {}s)", why, m_agent.connect_timeout);
        }
        const bool tls = code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
                         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM;
        if (tls) {
          return make_error(ErrorKind::network, fmt::format("{}: TLS failure: {}", display(), why));
        }
      } else {
        why = fmt::format("HTTP {}", status);
        std::string body = m_error_body.substr(0, m_error_body.find('\n'));
        if (!body.empty()) why += ": " + body;
        // Projected tokens rotate, and the file and the agent do not switch at one instant: a
        // token that worked and is now refused is read again at the next attempt.
        const bool rotated_token = status == 401 && m_token_worked;
        if (rotated_token) {
          why += fmt::format(" (the token that worked is refused: reading {} again)", spell(Option::agent_token_file));
        }
        if (!retryable_status(status) && !rotated_token) {
          return make_error(ErrorKind::network, fmt::format("{}: {}", display(), why));
        }
      }
      if (got_bytes && !m_collect.options().follow) {
        return make_error(ErrorKind::network, fmt::format("{}: the stream broke after {} bytes ({}); {} reconnects",
                                                          display(), m_received, why, spell(Option::follow)));
      }
      if (status >= 200 && status < 300 && m_collect.options().follow) {
        // The agent answered and the stream broke or went quiet past the idle timeout: a quiet
        // cluster at night, or a restarted agent. Reconnect; only unanswered attempts count.
        answered();
        m_delay = got_bytes ? 0.2 : 1.0;
        m_body_ended = m_scraping;  // a scrape cut off: its series are read alone
        m_collect.reconnected();
        return {};
      }
      ++m_failures;
      m_collect.attempt_failed(display());
      return retry_within_budget(why);
    }
    return {};
  }

  // The next attempt waits by the backoff (or Retry-After), never past the end of the budget;
  // once the agent has been unreachable for --agent-retry-for, the collection gives up.
  Result<void> retry_within_budget(const std::string& why) {
    const double down_for = m_collect.down_for();
    const double left = static_cast<double>(m_agent.retry_for) - down_for;
    if (left > 0) {
      m_delay = std::min(m_backoff.delay(m_failures, m_retry_after), left);
      return {};
    }
    return make_error(
        ErrorKind::network,
        fmt::format("{}: giving up after {} failed attempts in {}s ({} {}): {}", display(), m_failures,
                    std::llround(down_for), spell(Option::agent_retry_for), format_duration(m_agent.retry_for), why));
  }

  // A followed URL that serves Prometheus text is a metrics endpoint: each answer is a scrape, read
  // as a body of its own (the counters are cumulative, so bodies must not run together), and the
  // next one is asked for after --scrape-interval. Decided once, from the first line served.
  void sniff_scrapes() {
    if (m_sniffed_scrapes || !m_collect.options().follow) return;
    const auto newline = m_pending.find('\n');
    if (newline == std::string::npos && m_pending.size() < 4096) return;
    m_sniffed_scrapes = true;
    m_scraping = looks_like_prometheus_text(std::string_view(m_pending).substr(0, newline));
  }

  bool more_bodies() const override { return m_scraping && !m_finished && !m_collect.should_stop(); }

  // A 2xx answer: the agent is back (an outage ends) and the token, if any, works.
  void answered() {
    m_failures = 0;
    m_token_worked = !m_agent.token_file.empty();
    m_collect.source_answered();
  }

  bool wait_before_attempt() { return wait_unless_stopped(std::exchange(m_delay, 0.0), m_collect); }

  std::string m_url;
  CollectState& m_collect;
  const AgentOptions& m_agent;
  Backoff m_backoff;
  CURLM* m_multi = nullptr;
  CURL* m_easy = nullptr;
  curl_slist* m_headers = nullptr;
  char m_error_text[CURL_ERROR_SIZE] = {};
  std::string m_error_body;
  std::optional<double> m_retry_after;
  std::string m_pending;         // body bytes not yet read
  std::size_t m_ready = 0;       // of them, the whole lines
  std::uint64_t m_received = 0;  // body bytes of the current attempt
  int m_failures = 0;            // attempts in a row that failed
  bool m_token_worked = false;   // a request with the token file's token was answered
  double m_delay = 0;            // seconds before the next attempt
  bool m_finished = false;
  bool m_sniffed_scrapes = false;
  bool m_scraping = false;    // a followed metrics endpoint: one body per scrape
  bool m_body_ended = false;  // a scrape was delivered: read() ends it with 0 once
  bool m_paused = false;
  // Per connection: the first body bytes until two are in, and the inflater of a body that is
  // gzip itself.
  std::string m_head;
  bool m_sniffed = false;
  std::unique_ptr<GzipInflater> m_inflater;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> open_http_source(const std::string& url, CollectState& collect) {
  return std::unique_ptr<ByteSource>(std::make_unique<HttpSource>(url, collect));
}

}  // namespace netobs
