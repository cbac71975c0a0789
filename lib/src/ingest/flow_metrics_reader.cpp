// Flow metrics in the Prometheus text format or OpenMetrics (a /metrics scrape or a saved one):
// Hubble's hubble_port_distribution_total with a labelsContext naming both ends, and Retina's
// advanced forward counts. Each series is one edge between workloads, counted by its value;
// every other metric is ignored. Series are held until the body is read whole, because an
// OpenMetrics body without its `# EOF` was cut off and is rejected whole.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "prom_text.hpp"
#include "readers.hpp"

namespace netobs {
namespace {

struct EdgeMetric {
  std::string_view sample;      // the sample name
  std::string_view port_label;  // the server's port
  bool counts_replies;          // replies are counted too: a series from the server side is skipped
};

constexpr EdgeMetric k_edge_metrics[] = {
    {"hubble_port_distribution_total", "port", false},
    {"networkobservability_adv_forward_count", "destination_port", true},
};

// The labels Hubble needs to name both ends, for the hint when a series lacks them.
constexpr std::string_view k_labels_context =
    "labelsContext=source_ip,source_namespace,source_workload,source_workload_kind,"
    "destination_ip,destination_namespace,destination_workload,destination_workload_kind";

// "TCP" or "tcp" (Hubble and Retina spell it differently).
std::optional<Protocol> protocol_named(std::string_view text) {
  for (Protocol p : {Protocol::tcp, Protocol::udp, Protocol::sctp}) {
    const std::string_view name = to_string(p);
    if (text.size() == name.size() && std::equal(text.begin(), text.end(), name.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == b;
        })) {
      return p;
    }
  }
  return std::nullopt;
}

const EdgeMetric* edge_metric(std::string_view sample) {
  for (const auto& metric : k_edge_metrics) {
    if (metric.sample == sample) return &metric;
  }
  return nullptr;
}

struct PendingSeries {
  std::string key;  // the metric and every label: the same series in the next scrape
  double value = 0;
  FlowRecord record;
  FlowEndpoint source;
  FlowEndpoint destination;
  std::optional<double> timestamp;
};

// One end of a series: its workload (or pod) and its address, as far as the labels say.
struct SeriesEnd {
  FlowEndpoint endpoint;
  std::optional<IpAddress> ip;
  bool bad_ip = false;  // an _ip label that is no address
  bool named() const {
    return !endpoint.namespace_name.empty() && (!endpoint.workload_name.empty() || !endpoint.pod_name.empty());
  }
};

SeriesEnd end_of(const PromLine& line, std::string_view side, const Inventory& inventory) {
  auto label = [&](std::string_view suffix) { return line.label(fmt::format("{}_{}", side, suffix)); };
  SeriesEnd end;
  end.endpoint.namespace_name = std::string(label("namespace"));
  std::string workload(label("workload"));
  if (workload.empty()) workload = std::string(label("workload_name"));
  end.endpoint.workload_name = workload;
  end.endpoint.workload_kind = std::string(label("workload_kind"));
  std::string pod(label("pod"));
  if (pod.empty()) pod = std::string(label("podname"));
  end.endpoint.pod_name = pod;
  // sourceContext=pod (or workload): "namespace/name" in the bare `source` label.
  const std::string_view context = line.label(side);
  if (!end.named() && context.find('/') != std::string_view::npos) {
    const auto slash = context.find('/');
    end.endpoint.namespace_name = std::string(context.substr(0, slash));
    const std::string name(context.substr(slash + 1));
    if (inventory.pod_by_name(end.endpoint.namespace_name, name))
      end.endpoint.pod_name = name;
    else
      end.endpoint.workload_name = name;
  }
  if (!end.named()) end.endpoint = FlowEndpoint{};  // a namespace alone names no workload
  if (auto ip = label("ip"); !ip.empty()) {
    end.ip = parse_ip(ip);
    end.bad_ip = !end.ip;
  }
  return end;
}

class MetricsReader {
 public:
  explicit MetricsReader(ReadContext& ctx) : m_ctx(ctx) {}

  // Each scrape of a followed metrics URL is a body of its own: its counters count what they grew
  // by since the scrape before (count_growth), so a series is never summed across scrapes.
  Result<void> read() {
    for (;;) {
      if (auto body = read_body(); !body) return body;
      if (m_ctx.reader.error() || !m_ctx.reader.next_body()) break;
      m_eof = false;
    }
    for (const auto& missing : m_missing) {
      m_ctx.summary.warnings.push_back(fmt::format("{}: {} series lack {}; configure the metric with {}",
                                                   m_ctx.reader.display(), missing.first, missing.second,
                                                   k_labels_context));
    }
    return {};
  }

 private:
  Result<void> read_body() {
    std::string_view text;
    PromLine line;
    while (m_ctx.next_line(text)) {
      // A followed /metrics URL is scraped again: each body ends with its own # EOF.
      if (m_eof && text.find_first_not_of(" \t\r") != std::string_view::npos) {
        if (!(m_ctx.collect && m_ctx.collect->options().follow)) return fail("text after '# EOF'");
        m_eof = false;
      }
      if (auto error = parse_prom_line(text, line)) {
        if (auto result = m_ctx.malformed(MalformedReason::bad_metrics_line, *error); !result) return result;
        continue;
      }
      switch (line.kind) {
        case PromLineKind::eof:
          m_eof = true;
          break;
        case PromLineKind::unit:
          m_openmetrics = true;
          break;
        case PromLineKind::type:
          // OpenMetrics names a counter's family without the _total its samples carry.
          if (line.text == "counter" && !line.name.ends_with("_total")) m_openmetrics = true;
          break;
        case PromLineKind::sample:
          if (auto result = sample(line); !result) return result;
          break;
        default:
          break;
      }
    }
    if (m_ctx.reader.error()) return {};  // the caller reports the read error
    if (m_openmetrics && !m_eof && !collection_ended()) {
      if (m_ctx.reader.source().more_bodies()) {
        // A scrape cut off: its series are counted, as they grew, by the next whole one.
        m_ctx.summary.skip({SkipReason::scrape_cut_off}, m_pending.size());
        m_pending.clear();
        return {};
      }
      return fail("OpenMetrics body without its '# EOF': cut off, so none of it is used");
    }
    for (auto& series : m_pending) {
      if (!count_growth(series)) continue;
      if (series.timestamp) {
        // Prometheus text writes milliseconds, OpenMetrics seconds.
        const double seconds = m_openmetrics ? *series.timestamp : *series.timestamp / 1000;
        series.record.start = series.record.end = static_cast<std::int64_t>(seconds);
      }
      series.record.source_identity = &series.source;
      series.record.destination_identity = &series.destination;
      if (auto result = m_ctx.record(series.record); !result) return result;
    }
    m_pending.clear();
    return {};
  }

  // A scraped counter counts what it grew by since it was last seen (all of it the first time);
  // one that went down was reset (the agent restarted) and counts from zero again. False when
  // it did not grow: nothing new to count.
  bool count_growth(PendingSeries& series) {
    double& last = m_last_value[series.key];
    const double value = series.value;
    const double growth = value >= last ? value - last : value;
    last = value;
    if (!(growth > 0)) {
      m_ctx.summary.skip({SkipReason::series_without_new_traffic});
      return false;
    }
    series.record.connections = growth >= 1.8e19 ? ~0ULL : static_cast<std::uint64_t>(std::ceil(growth));
    return true;
  }

  bool collection_ended() const { return m_ctx.collect && m_ctx.collect->should_stop(); }

  Result<void> fail(std::string_view message) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}:{}: {}", m_ctx.reader.display(), m_ctx.line_number(), message));
  }

  // A series without what names its edge: skipped as `reason` (naming `detail`), and the metric's
  // configuration hinted at, in the warning's words `what`.
  void lacks(std::string_view metric, SkipReason reason, std::string_view detail, std::string what) {
    m_ctx.summary.skip({reason, std::string(detail), std::string(metric)});
    if (m_missing.size() < 8) m_missing.insert({std::string(metric), std::move(what)});
  }

  Result<void> sample(const PromLine& line) {
    const EdgeMetric* metric = edge_metric(line.name);
    if (!metric) return {};
    ++m_ctx.summary.records_read;
    if (!(line.value > 0) || std::isinf(line.value)) {
      m_ctx.summary.skip(
          {SkipReason::series_without_traffic, fmt::format("{}", line.value), std::string(metric->sample)});
      return {};
    }
    const std::string_view protocol_text = line.label("protocol");
    const std::optional<Protocol> protocol = protocol_named(protocol_text);
    if (protocol_text.empty()) {
      lacks(metric->sample, SkipReason::series_without_label, "protocol", "a protocol label");
      return {};
    }
    if (!protocol) {
      m_ctx.summary.skip({SkipReason::series_of_protocol, std::string(protocol_text), std::string(metric->sample)});
      return {};
    }
    const std::string_view port_text = line.label(metric->port_label);
    if (port_text.empty()) {
      lacks(metric->sample, SkipReason::series_without_label, metric->port_label,
            fmt::format("a {} label", metric->port_label));
      return {};
    }
    const auto port = parse_prom_value(port_text);
    if (!port || *port < 1 || *port > 65535 || *port != std::floor(*port)) {
      return m_ctx.malformed(MalformedReason::bad_port, fmt::format("{} series with a bad {} '{}'", metric->sample,
                                                                    metric->port_label, port_text));
    }
    if (metric->counts_replies) {
      // A reply leaves the server from its port towards the client's ephemeral one.
      const auto source_port = parse_prom_value(line.label("source_port"));
      if (source_port && *source_port >= 1 && *source_port < 32768 && *port >= 32768) {
        m_ctx.summary.skip({SkipReason::series_of_replies, {}, std::string(metric->sample)});
        return {};
      }
    }
    PendingSeries series;
    const SeriesEnd source = end_of(line, "source", m_ctx.inventory);
    const SeriesEnd destination = end_of(line, "destination", m_ctx.inventory);
    for (const auto& [end, side] : {std::pair{&source, "source"}, std::pair{&destination, "destination"}}) {
      if (end->bad_ip) {
        return m_ctx.malformed(MalformedReason::bad_address,
                               fmt::format("{} series with a bad {}_ip", metric->sample, side));
      }
      if (!end->named() && !end->ip) {
        lacks(metric->sample, SkipReason::series_without_end, side,
              fmt::format("a {} workload or address (its {}_namespace and {}_workload, or {}_ip)", side, side, side,
                          side));
        return {};
      }
    }
    series.source = source.endpoint;
    series.destination = destination.endpoint;
    series.record.source = source.ip.value_or(IpAddress{});
    series.record.destination = destination.ip.value_or(IpAddress{});
    series.record.destination_port = static_cast<std::uint16_t>(*port);
    series.record.protocol = *protocol;
    series.record.reply = false;
    series.value = line.value;
    series.key = std::string(line.name);
    for (const auto& [name, value] : line.labels) series.key += fmt::format("\x1f{}\x1e{}", name, value);
    // Milliseconds or seconds, known only at the end; either way within a few hundred years.
    if (line.timestamp && !(std::abs(*line.timestamp) < 1e16)) {
      return m_ctx.malformed(MalformedReason::bad_time,
                             fmt::format("{} series with a timestamp out of range", metric->sample));
    }
    series.timestamp = line.timestamp;
    // Far more edges than a cluster has, and a bound on what a body can make netobs hold.
    constexpr std::size_t k_max_series = 1'000'000;
    if (m_pending.size() >= k_max_series) return fail(fmt::format("more than {} edge series", k_max_series));
    m_pending.push_back(std::move(series));
    return {};
  }

  ReadContext& m_ctx;
  std::unordered_map<std::string, double> m_last_value;  // per series key, at the scrape before
  bool m_openmetrics = false;
  bool m_eof = false;
  std::deque<PendingSeries> m_pending;  // stable addresses for the records' identity pointers
  std::set<std::pair<std::string, std::string>> m_missing;
};

}  // namespace

bool looks_like_prometheus_text(std::string_view head) {
  head.remove_prefix(std::min(head.size(), head.find_first_not_of(" \t\r\n")));
  head = head.substr(0, head.find('\n'));
  PromLine line;
  if (parse_prom_line(head, line)) return false;
  switch (line.kind) {
    case PromLineKind::help:
    case PromLineKind::type:
    case PromLineKind::unit:
      return true;
    case PromLineKind::sample:
      return edge_metric(line.name) != nullptr || line.name.find('_') != std::string_view::npos;
    default:
      return false;
  }
}

Result<void> read_flow_metrics(ReadContext& ctx) { return MetricsReader(ctx).read(); }

}  // namespace netobs
