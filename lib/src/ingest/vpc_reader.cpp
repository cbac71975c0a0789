#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "number_text.hpp"
#include "readers.hpp"
#include "vpc_format.hpp"

namespace netobs {
namespace {

bool looks_like_timestamp(std::string_view token) {
  return token.size() >= 19 && token[4] == '-' && token[7] == '-' && token[10] == 'T';
}

std::string_view field(const std::vector<std::string_view>& tokens, int index) {
  return index >= 0 ? tokens[static_cast<std::size_t>(index)] : std::string_view{};
}

bool is_separator(char c) { return c == ' ' || c == '\t'; }

// `text == word` for a literal word, compared inline: string_view's == calls memcmp, a call per
// field on the hot path.
template <std::size_t N>
bool is_word(std::string_view text, const char (&word)[N]) {
  return text.size() == N - 1 && __builtin_memcmp(text.data(), word, N - 1) == 0;
}

// The first space or tab in [p, end), or end. Fields are short (a dozen bytes): eight bytes are
// tested at a time, where a call to memchr per field costs more than it saves.
const char* find_separator(const char* p, const char* end) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  auto zero_bytes = [](std::uint64_t v) { return (v - k_ones) & ~v & k_highs; };  // lowest one exact
  while (end - p >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    const std::uint64_t found = zero_bytes(word ^ (k_ones * ' ')) | zero_bytes(word ^ (k_ones * '\t'));
    if (found != 0) return p + std::countr_zero(found) / 8;
    p += 8;
  }
  while (p < end && !is_separator(*p)) ++p;
  return p;
}

}  // namespace

void split_fields(std::string_view line, std::vector<std::string_view>& tokens) {
  tokens.clear();
  const char* p = line.data();
  const char* end = p + line.size();
  while (p < end) {
    while (p < end && is_separator(*p)) ++p;
    if (p == end) break;
    const char* stop = find_separator(p, end);
    tokens.emplace_back(p, static_cast<std::size_t>(stop - p));
    p = stop;
  }
}

void warn_about_columns(ReadContext& ctx, const VpcColumns& columns) {
  if (!columns.usable()) {
    ctx.summary.warnings.push_back(fmt::format(
        "{}: the {} has no addresses, ports or protocol; its records cannot become policy rules",
        ctx.reader.display(), columns.description));
  } else if (!columns.has_pkt_addresses()) {
    ctx.summary.warnings.push_back(fmt::format(
        "{}: no pkt-srcaddr/pkt-dstaddr fields ({}); on EKS with the VPC CNI srcaddr/dstaddr may be "
        "a node ENI's address, so pod attribution of this source may be wrong",
        ctx.reader.display(), columns.description));
  }
}

Result<void> read_vpc_record(ReadContext& ctx, const VpcColumns& columns,
                             const std::vector<std::string_view>& tokens) {
  IngestSummary& summary = ctx.summary;
  ++summary.records_read;
  if (tokens.size() != columns.count) {
    return ctx.malformed(fmt::format("expected {} fields ({}), found {}", columns.count,
                                     columns.description, tokens.size()));
  }
  const std::string_view status = field(tokens, columns.log_status);
  if (is_word(status, "NODATA") || is_word(status, "SKIPDATA")) {
    summary.skip(fmt::format("log-status {}", status));
    return {};
  }
  if (!columns.usable()) {
    summary.skip("format without addresses, ports or protocol");
    return {};
  }
  std::string_view src_text = field(tokens, columns.pkt_srcaddr);
  if (src_text.empty() || is_word(src_text, "-")) src_text = field(tokens, columns.srcaddr);
  std::string_view dst_text = field(tokens, columns.pkt_dstaddr);
  if (dst_text.empty() || is_word(dst_text, "-")) dst_text = field(tokens, columns.dstaddr);
  const std::string_view protocol_text = field(tokens, columns.protocol);
  if (is_word(src_text, "-") || is_word(dst_text, "-") || is_word(protocol_text, "-")) {
    summary.skip("no address or protocol");
    return {};
  }
  const auto src = parse_ip(src_text);
  const auto dst = parse_ip(dst_text);
  if (!src || !dst) {
    return ctx.malformed(fmt::format("bad address '{}'", !src ? src_text : dst_text));
  }
  int protocol_number = 0;
  if (!parse_number(protocol_text, protocol_number)) {
    return ctx.malformed(fmt::format("bad protocol '{}'", protocol_text));
  }
  const auto protocol = protocol_from_number(protocol_number);
  if (!protocol) {
    summary.skip(fmt::format("protocol {} (no NetworkPolicy can express it)", protocol_number));
    return {};
  }
  std::uint16_t src_port = 0, dst_port = 0;
  if (!parse_number(field(tokens, columns.srcport), src_port) ||
      !parse_number(field(tokens, columns.dstport), dst_port)) {
    return ctx.malformed(fmt::format("bad port '{}' or '{}'", field(tokens, columns.srcport),
                                     field(tokens, columns.dstport)));
  }
  FlowRecord record;
  record.source = *src;
  record.destination = *dst;
  record.source_port = src_port;
  record.destination_port = dst_port;
  record.protocol = *protocol;
  auto read_optional = [&](int column, auto& out) {
    const std::string_view text = field(tokens, column);
    return text.empty() || is_word(text, "-") || parse_number(text, out);
  };
  if (!read_optional(columns.packets, record.packets) || !read_optional(columns.bytes, record.bytes) ||
      !read_optional(columns.start, record.start) || !read_optional(columns.end, record.end) ||
      !read_optional(columns.tcp_flags, record.tcp_flags)) {
    return ctx.malformed("bad packets, bytes, start, end or tcp-flags value");
  }
  if (is_word(field(tokens, columns.action), "REJECT")) {
    record.denied = true;
    record.verdict_field = "action";
    record.verdict = "REJECT";
  }
  // Without flow-direction, copies of one connection from two ENIs are counted twice.
  const std::string_view direction = field(tokens, columns.flow_direction);
  record.observed_at = is_word(direction, "egress")    ? Observation::egress
                       : is_word(direction, "ingress") ? Observation::ingress
                                                       : Observation::unknown;
  return ctx.record(record);
}

Result<VpcColumns> configured_vpc_columns(const IngestOptions& options) {
  if (!options.vpc_format.empty()) return columns_from_log_format(options.vpc_format);
  return default_v2_columns();
}

Result<void> read_vpc_records(ReadContext& ctx) {
  auto configured = configured_vpc_columns(ctx.options);
  if (!configured) return tl::unexpected(configured.error());
  VpcColumns columns = std::move(*configured);
  std::vector<std::string_view> tokens;
  tokens.reserve(64);
  std::string_view line;
  bool first = true;  // the first layout of a file is checked and warned about once
  while (ctx.next_line(line)) {
    split_fields(line, tokens);
    if (tokens.empty()) continue;
    // S3 objects name their fields in a header line, which wins over --vpc-format; objects
    // concatenated on standard input bring a header each.
    const char lead = tokens.front().front();
    if (lead >= 'a' && lead <= 'z' && is_header(tokens)) {
      columns = columns_from_names(tokens, "header");
      if (first) warn_about_columns(ctx, columns);
      first = false;
      continue;
    }
    if (first) {
      warn_about_columns(ctx, columns);
      first = false;
    }
    if (looks_like_timestamp(tokens.front())) tokens.erase(tokens.begin());
    if (auto result = read_vpc_record(ctx, columns, tokens); !result) return result;
  }
  if (ctx.reader.error()) return tl::unexpected(*ctx.reader.error());
  return {};
}

}  // namespace netobs
