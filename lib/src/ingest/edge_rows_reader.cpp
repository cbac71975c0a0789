// Edge rows: what `netobs sql`'s query returns where the logs live (Athena/Trino, Spark, DuckDB),
// saved as CSV with its header. Fields may be double-quoted (Athena quotes every one, "" inside).
// Each row is one FlowRecord standing for `records` VPC records, so direction inference, identity
// and the counting by capture side run exactly as for the records themselves.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "number_text.hpp"
#include "readers.hpp"

namespace netobs {
namespace {

// The columns of `netobs sql`'s result, in its order; the first six are required.
constexpr std::array<std::string_view, 13> k_edge_row_columns{
    "srcaddr", "dstaddr",   "protocol", "srcport", "dstport",    "records",  "flow_direction",
    "action",  "tcp_flags", "packets",  "bytes",   "first_seen", "last_seen"};
constexpr std::size_t k_required_columns = 6;
// More fields than any real result has: a bound on the work one line can cause.
constexpr std::size_t k_max_fields = 64;

// Splits one CSV line; false when a quoted field is not closed or the line has too many fields.
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) return false;
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') return false;
    } else {
      const std::size_t comma = line.find(',', i);
      field.assign(line.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
      i = comma == std::string_view::npos ? line.size() : comma;
    }
    fields.push_back(field);
    if (fields.size() > k_max_fields) return false;
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Which field holds each column (k_edge_row_columns order); -1 when the header lacks it.
using ColumnIndex = std::array<int, k_edge_row_columns.size()>;

Result<ColumnIndex> index_columns(ReadContext& ctx, const std::vector<std::string>& header) {
  ColumnIndex index;
  index.fill(-1);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(header[i]);
    const auto known = std::find(k_edge_row_columns.begin(), k_edge_row_columns.end(), name);
    if (known != k_edge_row_columns.end())
      index[static_cast<std::size_t>(known - k_edge_row_columns.begin())] = static_cast<int>(i);
  }
  for (std::size_t i = 0; i < k_required_columns; ++i) {
    if (index[i] < 0) {
      return make_error(ErrorKind::invalid_input,
                        fmt::format("{}:{}: edge rows without a '{}' column (the header names the columns of netobs "
                                    "sql's result)",
                                    ctx.reader.display(), ctx.line_number(), k_edge_row_columns[i]));
    }
  }
  return index;
}

Result<void> read_edge_row(ReadContext& ctx, const ColumnIndex& index, const std::vector<std::string>& fields) {
  IngestSummary& summary = ctx.summary;
  auto field = [&](std::size_t column) -> std::string_view {
    const int at = index[column];
    return at >= 0 && static_cast<std::size_t>(at) < fields.size()
               ? std::string_view(fields[static_cast<std::size_t>(at)])
               : std::string_view{};
  };
  // A row stands for `records` flow log records: the summary counts those, as reading the logs
  // themselves would (a row whose count does not parse counts as one).
  std::uint64_t records = 0;
  if (!parse_number(field(5), records)) {
    ++summary.records_read;
    return ctx.malformed(MalformedReason::bad_number, fmt::format("bad records count '{}'", field(5)));
  }
  summary.records_read += records;
  const auto src = parse_ip(field(0));
  const auto dst = parse_ip(field(1));
  if (!src || !dst) {
    return ctx.malformed(MalformedReason::bad_address, fmt::format("bad address '{}'", !src ? field(0) : field(1)));
  }
  int protocol_number = 0;
  if (!parse_number(field(2), protocol_number)) {
    return ctx.malformed(MalformedReason::bad_protocol, fmt::format("bad protocol '{}'", field(2)));
  }
  const auto protocol = protocol_from_number(protocol_number);
  if (!protocol) {
    summary.skip({SkipReason::protocol_not_expressible, std::to_string(protocol_number)}, records);
    return {};
  }
  FlowRecord record;
  record.source = *src;
  record.destination = *dst;
  record.protocol = *protocol;
  if (!parse_number(field(3), record.source_port) || !parse_number(field(4), record.destination_port)) {
    return ctx.malformed(MalformedReason::bad_port, fmt::format("bad port '{}' or '{}'", field(3), field(4)));
  }
  record.connections = records;
  record.records = records;
  auto optional_number = [&](std::size_t column, auto& out) {
    return field(column).empty() || parse_number(field(column), out);
  };
  if (!optional_number(8, record.tcp_flags) || !optional_number(9, record.packets) ||
      !optional_number(10, record.bytes) || !optional_number(11, record.start) || !optional_number(12, record.end)) {
    return ctx.malformed(MalformedReason::bad_number, "bad tcp_flags, packets, bytes, first_seen or last_seen value");
  }
  if (field(7) == "REJECT") {
    record.denied = true;
    record.verdict_field = SkipReason::vpc_action;
    record.verdict = "REJECT";
  }
  const std::string_view direction = field(6);
  record.observed_at = direction == "egress"    ? Observation::egress
                       : direction == "ingress" ? Observation::ingress
                                                : Observation::unknown;
  return ctx.record(record);
}

}  // namespace

bool looks_like_edge_rows(std::string_view head) {
  const std::string first = lower(std::string(head.substr(0, head.find('\n'))));
  return first.find("srcaddr") != std::string::npos && first.find("dstaddr") != std::string::npos &&
         first.find("records") != std::string::npos && first.find(',') != std::string::npos;
}

Result<void> read_edge_rows(ReadContext& ctx) {
  std::vector<std::string> fields;
  std::optional<ColumnIndex> index;
  std::string_view line;
  while (ctx.next_line(line)) {
    if (line.empty() || line == "\r") continue;
    if (!split_csv(line, fields)) {
      ++ctx.summary.records_read;
      if (auto result = ctx.malformed(MalformedReason::field_count, "unterminated quote or too many fields"); !result) {
        return result;
      }
      continue;
    }
    if (!index) {
      auto columns = index_columns(ctx, fields);
      if (!columns) return tl::unexpected(columns.error());
      index = *columns;
      continue;
    }
    if (auto result = read_edge_row(ctx, *index, fields); !result) return result;
  }
  if (ctx.reader.error()) return tl::unexpected(*ctx.reader.error());
  return {};
}

}  // namespace netobs
