// Flow metrics from a Prometheus-compatible HTTP API (--prometheus): per edge metric (Hubble's
// port distribution, Retina's forward counts), one instant query of its increase over the window,
// summed by the labels that name an edge, turned into Prometheus text for the flow metrics
// reader. Weeks of traffic come back as one row per edge. An answer too large for the server
// (too many samples) or for netobs is read again one client namespace at a time.

#include <fmt/format.h>

#include <netobs/option.hpp>

#include "byte_source.hpp"
#include "collect_state.hpp"
#include "http_common.hpp"
#include "kube/http.hpp"
#include "prom_api.hpp"
#include "util/backoff.hpp"
#include "util/document.hpp"

namespace netobs {
namespace {

// The metrics whose series are edges, each summed by every label it can name an end by (a label
// a metric lacks is simply empty). Retina's port labels stay, so its replies can be told apart.
struct EdgeMetricQuery {
  std::string_view metric;
  std::string_view labels;
};
constexpr EdgeMetricQuery k_edge_metric_queries[] = {
    {"hubble_port_distribution_total",
     "protocol, port, source, destination, source_ip, source_namespace, source_pod, source_workload, "
     "source_workload_kind, destination_ip, destination_namespace, destination_pod, destination_workload, "
     "destination_workload_kind"},
    {"networkobservability_adv_forward_count",
     "protocol, source_ip, source_namespace, source_podname, source_workload_name, source_workload_kind, source_port, "
     "destination_ip, destination_namespace, destination_podname, destination_workload_name, "
     "destination_workload_kind, destination_port"},
};

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~')
      out.push_back(c);
    else
      out += fmt::format("%{:02X}", byte);
  }
  return out;
}

class PrometheusReader {
 public:
  PrometheusReader(const PrometheusQuery& query, CollectState& collect)
      : m_query(query), m_collect(collect), m_display(display_url(query.url)), m_backoff(1.0, query.http.max_backoff) {
    m_base = query.url;
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    for (std::string_view suffix : {"/api/v1/query", "/api/v1"}) {
      if (std::string_view(m_base).ends_with(suffix)) m_base.resize(m_base.size() - suffix.size());
    }
    m_at = query.at;
  }

  const std::string& display() const { return m_display; }

  Result<std::string> run() {
    if (auto tls = tls_settings(); tls)
      m_tls = std::move(*tls);
    else
      return tl::unexpected(tls.error());
    std::string text;
    for (const auto& edge_metric : k_edge_metric_queries) {
      if (auto read = read_metric(edge_metric, text); !read) return tl::unexpected(read.error());
    }
    return text;
  }

 private:
  // Appends the edges of one metric to `text`: in one query, or, when that is too large, one
  // client namespace at a time and then the clients without one.
  Result<void> read_metric(const EdgeMetricQuery& edge_metric, std::string& text) {
    m_too_large = false;
    auto whole = query(edge_metric, "", text);
    if (whole || !m_too_large) return whole;
    auto namespaces = label_values(edge_metric.metric, "source_namespace");
    if (!namespaces) return tl::unexpected(namespaces.error());
    namespaces->emplace_back();
    for (const auto& name : *namespaces) {
      m_too_large = false;
      auto part = query(edge_metric, fmt::format("source_namespace={}", prom_label_literal(name)), text);
      if (!part) return part;
    }
    return {};
  }

 private:
  Result<kube::TlsSettings> tls_settings() const {
    kube::TlsSettings tls;
    tls.insecure = m_query.http.insecure;
    const std::pair<const std::string*, std::string*> files[] = {{&m_query.http.ca_file, &tls.ca_pem},
                                                                 {&m_query.http.cert_file, &tls.client_cert_pem},
                                                                 {&m_query.http.key_file, &tls.client_key_pem}};
    for (const auto& [path, into] : files) {
      if (path->empty()) continue;
      auto text = read_text_file(*path);
      if (!text) return tl::unexpected(text.error());
      *into = std::move(*text);
    }
    return tls;
  }

  // Appends the edges of the metric's series that match `selector` to `text`.
  Result<void> query(const EdgeMetricQuery& edge_metric, const std::string& selector, std::string& text) {
    const std::string promql = fmt::format("sum by ({}) (increase({}{{{}}}[{}s])) > 0", edge_metric.labels,
                                           edge_metric.metric, selector, m_query.window);
    auto body = get("/api/v1/query", fmt::format("query={}&time={}", percent_encode(promql), m_at));
    if (!body) return tl::unexpected(body.error());
    const PromApiAnswer answer = read_vector_answer(body->text, edge_metric.metric, text);
    m_too_large = m_too_large || answer.too_many_samples;
    if (!answer.ok) return fail(fmt::format("HTTP {}: {}", body->status, answer.problem));
    return {};
  }

  Result<std::vector<std::string>> label_values(std::string_view metric, std::string_view label) {
    auto body = get(fmt::format("/api/v1/label/{}/values", label),
                    fmt::format("match[]={}&start={}&end={}", percent_encode(metric), m_at - m_query.window, m_at));
    if (!body) return tl::unexpected(body.error());
    std::vector<std::string> names;
    const PromApiAnswer answer = read_label_values_answer(body->text, names);
    if (!answer.ok) return fail(fmt::format("HTTP {}: {}", body->status, answer.problem));
    return names;
  }

  struct Body {
    long status = 0;
    std::string text;
  };

  // The body of the answer to GET `path`?`parameters`, with retries for failures that pass
  // (refused, timeouts, 429, 5xx without an API error).
  Result<Body> get(const std::string& path, const std::string& parameters) {
    for (int failures = 0;; ++failures) {
      auto headers = request_headers(m_query.http, Option::prometheus_token_file);
      if (!headers) return tl::unexpected(headers.error());
      kube::HttpRequest request{m_base + path + "?" + parameters, std::move(*headers),
                                std::max(m_query.http.idle_timeout, m_query.http.connect_timeout),
                                m_query.max_answer_bytes};
      auto response = kube::http_get(request, m_tls);
      std::string why;
      std::optional<double> retry_after;
      if (!response) {
        if (response.error().kind == ErrorKind::limit) {  // larger than max_answer_bytes
          m_too_large = true;
          return fail(fmt::format("an answer larger than {} bytes", m_query.max_answer_bytes));
        }
        // The problem alone: the request's URL (which may carry user information) is left out, as
        // the message netobs gives names the server once, by its display form.
        why = response.error().message;
        if (auto at = why.find(request.url); at != std::string::npos) why.replace(at, request.url.size(), m_display);
        if (response.error().kind == ErrorKind::tls) return fail(why);  // a wrong CA does not pass by waiting
      } else if (response->status == 401 || response->status == 403) {
        return fail(
            fmt::format("HTTP {}: not allowed (check {})", response->status, spell(Option::prometheus_token_file)));
      } else if ((response->status == 429 || response->status >= 500) &&
                 response->body.find("\"errorType\"") == std::string::npos) {
        why = fmt::format("HTTP {}", response->status);
        retry_after = response->retry_after;
      } else {
        // A 4xx or 5xx with an API error (bad_data 400, execution 422, timeout 503) says why itself.
        return Body{response->status, std::move(response->body)};
      }
      if (failures >= m_query.http.retries) {
        return fail(fmt::format("giving up after {} attempts: {}", failures + 1, why));
      }
      const double delay = m_backoff.delay(failures + 1, retry_after);
      if (!wait_unless_stopped(delay, m_collect)) return fail("stopped while waiting to retry");
    }
  }

  tl::unexpected<Error> fail(std::string_view message) const {
    return make_error(ErrorKind::network, fmt::format("{} ({}): {}", m_display, spell(Option::prometheus), message));
  }

  const PrometheusQuery& m_query;
  CollectState& m_collect;
  std::string m_display;
  std::string m_base;
  std::int64_t m_at = 0;
  kube::TlsSettings m_tls;
  Backoff m_backoff;
  bool m_too_large = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> open_prometheus_source(const PrometheusQuery& query, CollectState& collect) {
  PrometheusReader reader(query, collect);
  auto text = reader.run();
  if (!text) return tl::unexpected(text.error());
  return open_memory_source(std::move(*text), reader.display() + " (prometheus query)");
}

}  // namespace netobs
