// AWS Network Flow Monitor agent reports, as `--log-reports on` prints them: one JSON report per
// line with `network_stats[].flow`. The client's port is elided to 0, so the side with port 0
// opened the connection; pod names come from the report's Kubernetes metadata (flat keys, or a
// nested `kubernetes_metadata` object).
#include <fmt/format.h>
#include <simdjson.h>

#include "dom_text.hpp"
#include "readers.hpp"

namespace netobs {
namespace {

using simdjson::dom::element;

// The pod one side of the flow is, when the report says.
FlowEndpoint pod_of(const element& flow, std::string_view side) {
  element metadata = flow;
  element nested;
  if (flow["kubernetes_metadata"].get(nested) == simdjson::SUCCESS && nested.is_object()) metadata = nested;
  FlowEndpoint endpoint;
  endpoint.namespace_name = std::string(text_at(metadata, fmt::format("{}_pod_namespace", side)));
  endpoint.pod_name = std::string(text_at(metadata, fmt::format("{}_pod_name", side)));
  if (endpoint.pod_name.empty()) endpoint.namespace_name.clear();  // a namespace alone names no pod
  return endpoint;
}

Result<void> read_flow(ReadContext& ctx, const element& flow) {
  ++ctx.summary.records_read;
  const std::string_view protocol = text_at(flow, "protocol");
  if (protocol != "TCP" && protocol != "tcp") {
    ctx.summary.skip({SkipReason::nfm_not_tcp});
    return {};
  }
  const auto local = parse_ip(text_at(flow, "local_address"));
  const auto remote = parse_ip(text_at(flow, "remote_address"));
  std::uint64_t local_port = 0, remote_port = 0;
  if (!local || !remote) {
    return ctx.malformed(MalformedReason::bad_address,
                         "network flow monitor flow with a bad local_address or remote_address");
  }
  if (flow["local_port"].get(local_port) != simdjson::SUCCESS ||
      flow["remote_port"].get(remote_port) != simdjson::SUCCESS || local_port > 65535 || remote_port > 65535) {
    return ctx.malformed(MalformedReason::bad_port, "network flow monitor flow with a bad local_port or remote_port");
  }
  if (local_port == 0 && remote_port == 0) {
    ctx.summary.skip({SkipReason::nfm_without_server_port});
    return {};
  }
  const FlowEndpoint local_pod = pod_of(flow, "local");
  const FlowEndpoint remote_pod = pod_of(flow, "remote");
  // The side with port 0 is the client; with both ports given, the one place decides by ports.
  const bool local_is_client = local_port == 0 || remote_port != 0;
  FlowRecord record;
  record.protocol = Protocol::tcp;
  record.source = local_is_client ? *local : *remote;
  record.destination = local_is_client ? *remote : *local;
  record.source_port = static_cast<std::uint16_t>(local_is_client ? local_port : remote_port);
  record.destination_port = static_cast<std::uint16_t>(local_is_client ? remote_port : local_port);
  if (local_port == 0 || remote_port == 0) record.reply = false;
  record.source_identity = local_is_client ? &local_pod : &remote_pod;
  record.destination_identity = local_is_client ? &remote_pod : &local_pod;
  return ctx.record(record);
}

}  // namespace

// The agent may print a line of its own before a report: look at all of the head.
bool looks_like_nfm_report(std::string_view head) { return head.find("\"network_stats\"") != std::string_view::npos; }

Result<void> read_nfm_reports(ReadContext& ctx) {
  simdjson::dom::parser parser;
  std::string_view line;
  while (ctx.next_line(line)) {
    const auto brace = line.find('{');
    if (brace == std::string_view::npos) continue;  // the agent's other output
    element report;
    const std::string_view json = line.substr(brace);
    simdjson::dom::array stats;
    if (parser.parse(json.data(), json.size(), true).get(report) != simdjson::SUCCESS || !report.is_object()) {
      ++ctx.summary.records_read;
      if (auto result = ctx.malformed(MalformedReason::bad_json, "not a JSON object"); !result) return result;
      continue;
    }
    if (report["network_stats"].get(stats) != simdjson::SUCCESS) continue;  // another JSON log line
    for (element entry : stats) {
      element flow;
      if (entry["flow"].get(flow) != simdjson::SUCCESS || !flow.is_object()) {
        ++ctx.summary.records_read;
        if (auto result = ctx.malformed(MalformedReason::missing_part, "network_stats entry without a flow object");
            !result) {
          return result;
        }
        continue;
      }
      if (auto result = read_flow(ctx, flow); !result) return result;
    }
  }
  if (ctx.reader.error()) return tl::unexpected(*ctx.reader.error());
  return {};
}

}  // namespace netobs
