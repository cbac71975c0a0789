// The record readers behind ingest_source, one per format. Each reads the rest of `ctx.reader`.
#pragma once

#include <cstdint>
#include <optional>

#include "context.hpp"

namespace netobs {

struct VpcColumns;

// AWS VPC / Transit Gateway flow log text records.
Result<void> read_vpc_records(ReadContext& ctx);
// True for a line that reads as a VPC record or header: fields separated by spaces, one of them
// an address, an action, a log status, or the line a header.
bool looks_like_vpc_record(std::string_view line);

// The layout records have without a header line: --vpc-format, else version 2.
Result<VpcColumns> configured_vpc_columns(const IngestOptions& options);

// JSON lines: Hubble flows (`hubble observe -o json|jsonpb`, or bare Flow objects) and CloudWatch
// Logs subscription payloads that carry VPC records.
Result<void> read_json_records(ReadContext& ctx);
// True for a JSON line that read_json_records takes as a record: a Hubble flow (wrapped or bare) or
// a CloudWatch payload; other JSON (an agent's own log lines) does not decide a source's format.
bool looks_like_hubble_record(std::string_view line);

// The EKS network policy agent's policy event logs (zap JSON lines, the older structured lines,
// the CloudWatch form), with the agent's other log lines skipped.
Result<void> read_eks_agent_records(ReadContext& ctx);
bool looks_like_eks_agent_log(std::string_view head);

// AWS Network Flow Monitor agent reports (`--log-reports on`), one JSON report per line.
Result<void> read_nfm_reports(ReadContext& ctx);
bool looks_like_nfm_report(std::string_view head);

// Flow metrics in the Prometheus text format or OpenMetrics (Hubble's port distribution with a
// labelsContext, Retina's forward counts): one edge per series; other metrics are ignored.
Result<void> read_flow_metrics(ReadContext& ctx);
bool looks_like_prometheus_text(std::string_view head);

// Edge rows from `netobs sql`'s query (CSV with a header), each standing for many VPC records.
Result<void> read_edge_rows(ReadContext& ctx);
bool looks_like_edge_rows(std::string_view head);

// A netobs edge file (a --checkpoint, docs/edge-file.md) among the flow sources: its edges and
// counters as they were saved, all or nothing (a bad line is an error naming it).
Result<void> read_saved_edges(ReadContext& ctx);
bool looks_like_edge_file(std::string_view head);
// The same from any reader, with edges seen only outside [since, until] left out.
Result<void> read_edge_lines(LineReader& reader, FlowAggregate& aggregate, IngestSummary& summary,
                             std::optional<std::int64_t> since, std::optional<std::int64_t> until);

// One VPC record split into `tokens`, laid out as `columns`; used by both readers above.
Result<void> read_vpc_record(ReadContext& ctx, const VpcColumns& columns, const std::vector<std::string_view>& tokens);

// Splits on runs of spaces and tabs.
void split_fields(std::string_view line, std::vector<std::string_view>& tokens);

// Warns once when a VPC layout lacks the fields attribution depends on.
void warn_about_columns(ReadContext& ctx, const VpcColumns& columns);

}  // namespace netobs
