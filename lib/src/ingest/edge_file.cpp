#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <netobs/edge_file.hpp>
#include <netobs/output.hpp>

#include "dom_text.hpp"
#include "line_reader.hpp"
#include "readers.hpp"
#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using nlohmann::ordered_json;
using simdjson::dom::element;

ordered_json identity_json(const FlowEndpoint& endpoint) {
  ordered_json out = ordered_json::object();
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
  };
  put("namespace", endpoint.namespace_name);
  put("pod", endpoint.pod_name);
  put("workload_kind", endpoint.workload_kind);
  put("workload", endpoint.workload_name);
  put("reserved", endpoint.reserved);
  if (!endpoint.labels.empty()) {
    ordered_json labels = ordered_json::object();
    for (const auto& [key, value] : endpoint.labels) labels[key] = value;
    out["labels"] = std::move(labels);
  }
  return out;
}

ordered_json counts_json(const std::uint64_t (&counts)[3]) {
  return ordered_json::array({counts[0], counts[1], counts[2]});
}

ordered_json edge_json(const EdgeKey& key, const EdgeCounters& counters, const FlowAggregate& aggregate) {
  ordered_json line;
  line["client"] = to_string(key.client);
  line["server"] = to_string(key.server);
  line["port"] = key.port;
  line["protocol"] = std::string(to_string(key.protocol));
  if (key.client_identity) line["client_identity"] = identity_json(aggregate.identities[key.client_identity]);
  if (key.server_identity) line["server_identity"] = identity_json(aggregate.identities[key.server_identity]);
  // Per capture side (unknown, egress, ingress): see EdgeCounters.
  line["flows"] = counts_json(counters.flows);
  line["packets"] = counts_json(counters.packets);
  line["bytes"] = counts_json(counters.bytes);
  line["first_seen"] = counters.first_seen;
  line["last_seen"] = counters.last_seen;
  line["records"] = counters.records;
  return line;
}

// A denied connection: its edge as it would count, and what refused it (docs/edge-file.md).
std::string denied_line(const DeniedEdgeKey& key, const DeniedEdge& denied, const FlowAggregate& aggregate) {
  ordered_json line = edge_json(key.edge, denied.counters, aggregate);
  line.erase("records");  // a denied connection's records are its verdict's, below
  ordered_json verdict;
  verdict["verdict_field"] = std::string(skip_reason_id(key.verdict_field));
  verdict["verdict"] = key.verdict;
  if (!key.drop_reason.empty()) verdict["drop_reason"] = key.drop_reason;
  verdict["may_be_evidence"] = key.may_be_evidence;
  verdict["records"] = denied.records;
  line["denied"] = std::move(verdict);
  return k8s::to_json_text(line);
}

std::string header_line(const IngestSummary& summary) {
  ordered_json header;
  header["netobs_edges"] = k_edge_file_version;
  header["records_read"] = summary.records_read;
  header["records_used"] = summary.records_used;
  header["malformed"] = summary.malformed_count;
  if (!summary.malformed_by_reason.empty()) {
    ordered_json reasons = ordered_json::object();
    for (const auto& [reason, count] : summary.malformed_by_reason) {
      reasons[std::string(malformed_reason_id(reason))] = count;
    }
    header["malformed_reasons"] = std::move(reasons);
  }
  header["first_seen"] = summary.first_seen;
  header["last_seen"] = summary.last_seen;
  ordered_json skipped = ordered_json::object();
  for (const auto& [reason, count] : summary.skipped) skipped[stable_skip_key(reason)] = count;
  header["skipped"] = std::move(skipped);
  return k8s::to_json_text(header);
}

// --- reading ---

struct LineError {
  std::string message;
};

bool read_counts(const element& line, std::string_view key, std::uint64_t (&into)[3]) {
  simdjson::dom::array array;
  if (line[key].get(array) != simdjson::SUCCESS || array.size() != 3) return false;
  std::size_t i = 0;
  for (element value : array) {
    if (value.get(into[i++]) != simdjson::SUCCESS) return false;
  }
  return true;
}

bool read_identity(const element& line, std::string_view key, FlowEndpoint& out) {
  element object;
  if (line[key].get(object) != simdjson::SUCCESS) return true;  // absent: no identity
  if (!object.is_object()) return false;
  out.namespace_name = std::string(text_at(object, "namespace"));
  out.pod_name = std::string(text_at(object, "pod"));
  out.workload_kind = std::string(text_at(object, "workload_kind"));
  out.workload_name = std::string(text_at(object, "workload"));
  // Checkpoints written before netobs knew the dual-stack world identities hold them as they came.
  out.reserved = std::string(canonical_reserved_identity(text_at(object, "reserved")));
  simdjson::dom::object labels;
  if (object["labels"].get(labels) == simdjson::SUCCESS) {
    for (auto field : labels) {
      std::string_view value;
      if (field.value.get(value) != simdjson::SUCCESS) return false;
      out.labels.emplace(std::string(field.key), std::string(value));
    }
  }
  return out.known();
}

struct Window {
  std::optional<std::int64_t> since;
  std::optional<std::int64_t> until;
  std::uint64_t outside_records = 0;  // the records of the edges left out
  std::uint64_t outside_used = 0;     // those of them the header counts as used (not denied ones)
  IngestSummary kept;                 // the times of the edges kept
};

// What refused a denied connection: a reason's id ("hubble_verdict"), or the words earlier versions
// saved ("hubble verdict", the skip reason's text without the verdict).
std::optional<SkipReason> verdict_reason(std::string_view field, std::string_view verdict) {
  auto reason = skip_reason_from_id(field);
  if (!reason) {
    if (const auto key = parse_skip_key(fmt::format("{} {}", field, verdict)); key && key->detail == verdict) {
      reason = key->reason;
    }
  }
  if (reason == SkipReason::vpc_action || reason == SkipReason::hubble_verdict ||
      reason == SkipReason::policy_verdict) {
    return reason;
  }
  return std::nullopt;
}

// The "denied" object of a denied connection's line into `key` and `records`.
std::optional<std::string> read_denied(const element& object, DeniedEdgeKey& key, std::uint64_t& records) {
  std::string_view field, verdict, reason;
  if (!object.is_object() || object["verdict_field"].get(field) != simdjson::SUCCESS ||
      object["verdict"].get(verdict) != simdjson::SUCCESS || field.empty() || verdict.empty()) {
    return "\"denied\" needs a verdict_field and a verdict";
  }
  if (object["drop_reason"].error() != simdjson::NO_SUCH_FIELD &&
      object["drop_reason"].get(reason) != simdjson::SUCCESS) {
    return "bad \"drop_reason\" in \"denied\"";
  }
  if (object["may_be_evidence"].get(key.may_be_evidence) != simdjson::SUCCESS ||
      object["records"].get(records) != simdjson::SUCCESS) {
    return "\"denied\" needs may_be_evidence (true or false) and a records count";
  }
  const auto refused_by = verdict_reason(field, verdict);
  if (!refused_by) return fmt::format("unknown verdict_field '{}' in \"denied\"", field);
  key.verdict_field = *refused_by;
  key.verdict = std::string(verdict);
  key.drop_reason = std::string(reason);
  return std::nullopt;
}

std::optional<std::string> read_edge(const element& line, FlowAggregate& aggregate, Window& window) {
  EdgeKey key;
  const auto client = parse_ip(text_at(line, "client"));
  const auto server = parse_ip(text_at(line, "server"));
  if (!client || !server) return "bad client or server address";
  key.client = *client;
  key.server = *server;
  std::uint64_t port = 0;
  if (line["port"].get(port) != simdjson::SUCCESS || port > 65535) return "bad port";
  key.port = static_cast<std::uint16_t>(port);
  const std::string_view protocol = text_at(line, "protocol");
  if (protocol == "TCP")
    key.protocol = Protocol::tcp;
  else if (protocol == "UDP")
    key.protocol = Protocol::udp;
  else if (protocol == "SCTP")
    key.protocol = Protocol::sctp;
  else
    return "bad protocol";
  FlowEndpoint client_identity, server_identity;
  if (!read_identity(line, "client_identity", client_identity) ||
      !read_identity(line, "server_identity", server_identity)) {
    return "bad client_identity or server_identity";
  }
  EdgeCounters counters;
  if (!read_counts(line, "flows", counters.flows) || !read_counts(line, "packets", counters.packets) ||
      !read_counts(line, "bytes", counters.bytes)) {
    return "flows, packets and bytes must be arrays of three counts";
  }
  if (line["first_seen"].get(counters.first_seen) != simdjson::SUCCESS ||
      line["last_seen"].get(counters.last_seen) != simdjson::SUCCESS) {
    return "bad first_seen or last_seen";
  }
  element denied_object;
  DeniedEdgeKey denied_key;
  std::uint64_t denied_records = 0;
  const bool denied = line["denied"].get(denied_object) == simdjson::SUCCESS;
  if (denied) {
    if (auto problem = read_denied(denied_object, denied_key, denied_records)) return problem;
  }
  // Files without per-edge records (version 1) count a record per flow, as their readers did.
  if (line["records"].get(counters.records) != simdjson::SUCCESS) counters.records = counters.total().flows;
  const std::int64_t first = counters.first_seen ? counters.first_seen : counters.last_seen;
  if ((window.since && counters.last_seen && counters.last_seen < *window.since) ||
      (window.until && first && first > *window.until)) {
    window.outside_records += denied ? denied_records : counters.records;
    if (!denied) window.outside_used += counters.records;
    return std::nullopt;
  }
  if (!denied) window.kept.see_time(counters.first_seen, counters.last_seen);
  key.client_identity = aggregate.intern(client_identity);
  key.server_identity = aggregate.intern(server_identity);
  if (!denied) {
    aggregate.edges[key].merge(counters);
    return std::nullopt;
  }
  // Kept apart, as ingest keeps it: settle_denied decides whether it is evidence.
  denied_key.edge = key;
  DeniedEdge& into = aggregate.denied[denied_key];
  into.counters.merge(counters);
  into.records += denied_records;
  return std::nullopt;
}

std::optional<std::string> read_header(const element& line, IngestSummary& summary) {
  std::int64_t version = 0;
  if (line["netobs_edges"].get(version) != simdjson::SUCCESS) {
    return "not a netobs edge file (its first line has no \"netobs_edges\" version)";
  }
  // Version 1 files hold no denied connections; they read as they always did.
  if (version < 1 || version > k_edge_file_version) {
    return fmt::format("edge file version {} (this netobs reads versions 1 to {})", version, k_edge_file_version);
  }
  std::uint64_t read = 0, used = 0, malformed = 0;
  std::int64_t first = 0, last = 0;
  if (line["records_read"].get(read) != simdjson::SUCCESS || line["records_used"].get(used) != simdjson::SUCCESS ||
      line["malformed"].get(malformed) != simdjson::SUCCESS || line["first_seen"].get(first) != simdjson::SUCCESS ||
      line["last_seen"].get(last) != simdjson::SUCCESS) {
    return "bad counters in the header";
  }
  summary.records_read += read;
  summary.records_used += used;
  summary.malformed_count += malformed;
  simdjson::dom::object malformed_reasons;
  if (line["malformed_reasons"].get(malformed_reasons) == simdjson::SUCCESS) {
    for (auto field : malformed_reasons) {
      std::uint64_t count = 0;
      const auto reason = malformed_reason_from_id(field.key);
      if (!reason || field.value.get(count) != simdjson::SUCCESS) {
        return fmt::format("bad reason or count '{}' in \"malformed_reasons\"", field.key);
      }
      summary.malformed_by_reason[*reason] += count;
    }
  }
  summary.see_time(first, last);
  simdjson::dom::object skipped;
  if (line["skipped"].get(skipped) == simdjson::SUCCESS) {
    for (auto field : skipped) {
      std::uint64_t count = 0;
      if (field.value.get(count) != simdjson::SUCCESS) return "bad count in \"skipped\"";
      auto reason = parse_skip_key(field.key);
      if (!reason) return fmt::format("unknown skip reason '{}' in \"skipped\"", field.key);
      summary.skip(std::move(*reason), count);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string render_edge_file(const FlowAggregate& aggregate, const IngestSummary& summary) {
  std::vector<std::string> lines;
  lines.reserve(aggregate.edges.size() + aggregate.denied.size());
  for (const auto& [key, counters] : aggregate.edges) {
    lines.push_back(k8s::to_json_text(edge_json(key, counters, aggregate)));
  }
  for (const auto& [key, denied] : aggregate.denied) lines.push_back(denied_line(key, denied, aggregate));
  std::sort(lines.begin(), lines.end());
  std::string text = header_line(summary) + "\n";
  for (const auto& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

Result<void> write_edge_file(const std::string& path, const FlowAggregate& aggregate, const IngestSummary& summary) {
  return write_file_atomically(path, render_edge_file(aggregate, summary));
}

Result<void> read_edge_file(const std::string& path, FlowAggregate& aggregate, IngestSummary& summary,
                            std::optional<std::int64_t> since, std::optional<std::int64_t> until) {
  auto reader = LineReader::open(path, input_name(path));
  if (!reader) return tl::unexpected(reader.error());
  if (auto read = read_edge_lines(**reader, aggregate, summary, since, until); !read) return read;
  summary.sources.push_back(fmt::format("{} (edges)", (*reader)->display()));
  return {};
}

bool looks_like_edge_file(std::string_view head) {
  const auto first = head.find_first_not_of(" \t");
  return first != std::string_view::npos && head.substr(first).starts_with("{\"netobs_edges\"");
}

Result<void> read_saved_edges(ReadContext& ctx) {
  return read_edge_lines(ctx.reader, ctx.aggregate, ctx.summary, ctx.options.since, ctx.options.until);
}

Result<void> read_edge_lines(LineReader& reader, FlowAggregate& aggregate, IngestSummary& summary,
                             std::optional<std::int64_t> since, std::optional<std::int64_t> until) {
  const std::string& path = reader.display();
  Window window{since, until, 0, 0, {}};
  simdjson::dom::parser parser;
  std::string_view text;
  bool header = true;
  FlowAggregate read;
  IngestSummary counted;
  while (reader.next(text)) {
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    element line;
    std::optional<std::string> problem;
    if (parser.parse(text.data(), text.size(), true).get(line) != simdjson::SUCCESS || !line.is_object()) {
      problem = "not a JSON object";
    } else {
      problem = header ? read_header(line, counted) : read_edge(line, read, window);
    }
    if (problem) {
      return make_error(ErrorKind::invalid_input, fmt::format("{}:{}: {}", path, reader.line_number(), *problem));
    }
    header = false;
  }
  if (reader.error()) return tl::unexpected(*reader.error());
  if (header) return make_error(ErrorKind::invalid_input, fmt::format("{}: empty edge file (no header line)", path));
  // Only a file read whole counts: a bad line leaves the aggregate as it was.
  aggregate.merge(read);
  if (since || until) {
    // The header speaks for the whole file: what --since/--until left out is not used, and the
    // window observed is that of the edges kept.
    counted.records_used -= std::min(counted.records_used, window.outside_used);
    counted.first_seen = window.kept.first_seen;
    counted.last_seen = window.kept.last_seen;
  }
  summary.merge(counted, 0);
  if (window.outside_records > 0) summary.skip({SkipReason::saved_record_outside_window}, window.outside_records);
  return {};
}

bool holds_edge_rows(const std::string& path) {
  // Peeked as every flow source's format is (ingest.cpp), through the same gzip detection; a file
  // that cannot be read is left to read_edge_file, which names the problem. Standard input is
  // read whole first, so the peek leaves it to the reader of its records (byte_source.hpp).
  if (path == k_stdin_path && !read_text_file(path)) return false;
  auto reader = LineReader::open(path, input_name(path));
  if (!reader) return false;
  auto head = (*reader)->peek_line();
  return head && looks_like_edge_rows(*head);
}

}  // namespace netobs
