// Saved edges: what a collection aggregated (one line per distinct edge, never per flow), so a
// long collection can checkpoint and resume, and runs on several nodes can be merged into one
// recommendation (`netobs recommend --edges`). The format, versioned JSON lines, is documented in
// docs/edge-file.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <netobs/error.hpp>
#include <netobs/ingest.hpp>

namespace netobs {

// Version 2 added the lines of denied connections; version 1 files are still read.
inline constexpr int k_edge_file_version = 2;

// The edge file text of `aggregate` (its edges, and its denied connections not settled yet) with
// the counters of `summary`; lines sorted, so equal collections give equal files.
std::string render_edge_file(const FlowAggregate& aggregate, const IngestSummary& summary);

// Writes render_edge_file() to `path` atomically.
Result<void> write_edge_file(const std::string& path, const FlowAggregate& aggregate, const IngestSummary& summary);

// Adds the edges and counters of the edge file at `path` (plain or gzip) to `aggregate` and
// `summary`, its denied connections to aggregate.denied, unsettled (settle_denied). An
// invalid_input error names the file and line of the first bad line; a newer version is refused. With `since`/`until`
// (Unix seconds), an edge seen only outside the window is left out and counted as skipped; one that overlaps it is kept
// whole (edges keep no times of single flows).
Result<void> read_edge_file(const std::string& path, FlowAggregate& aggregate, IngestSummary& summary,
                            std::optional<std::int64_t> since = std::nullopt,
                            std::optional<std::int64_t> until = std::nullopt);

// True when the file at `path` (plain or gzip) holds edge rows from `netobs sql`'s query (CSV
// with its header) rather than an edge file: --edges reads both, told apart by content.
bool holds_edge_rows(const std::string& path);

}  // namespace netobs
