#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// `text == word` for a literal word, compared inline: string_view's == (and memcmp of six or
// seven bytes) calls memcmp, a call per field on the hot path.
template <std::size_t N>
bool is_word(std::string_view text, const char (&word)[N]) {
  static_assert(N - 1 <= 8, "words of at most eight letters");
  if (text.size() != N - 1) return false;
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, text.data(), N - 1);
  std::memcpy(&b, word, N - 1);
  return a == b;
}

// Bit i set when p[i] is a space or tab, for the first `n` (at most 16) bytes.
std::uint32_t separator_bits(const char* p, std::size_t n) {
#if defined(__SSE2__)
  if (n == 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i found =
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t')));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(found));
  }
#endif
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < n; ++i) bits |= static_cast<std::uint32_t>(is_separator(p[i])) << i;
  return bits;
}

}  // namespace

// A line is scanned 16 bytes at a time for separators; a field starts or ends where a byte's
// being a separator differs from the byte's before it. A record has a dozen or more short
// fields, so finding them a block at a time costs less than a search per field.
void split_fields(std::string_view line, std::vector<std::string_view>& tokens) {
  tokens.clear();
  const char* base = line.data();
  const std::size_t size = line.size();
  std::uint32_t before = 1;  // whether the byte before the block is a separator: before the line, yes
  const char* field = nullptr;
  for (std::size_t at = 0; at < size; at += 16) {
    const std::size_t n = std::min<std::size_t>(16, size - at);
    const std::uint32_t separators = separator_bits(base + at, n);
    std::uint32_t changes = (separators ^ (separators << 1 | before)) & ((1U << n) - 1);
    before = separators >> (n - 1) & 1U;
    for (; changes != 0; changes &= changes - 1) {
      const char* p = base + at + static_cast<std::size_t>(std::countr_zero(changes));
      if (field) {
        tokens.emplace_back(field, static_cast<std::size_t>(p - field));
        field = nullptr;
      } else {
        field = p;
      }
    }
  }
  if (field) tokens.emplace_back(field, static_cast<std::size_t>(base + size - field));
}

void warn_about_columns(ReadContext& ctx, const VpcColumns& columns) {
  if (!columns.usable()) {
    ctx.summary.warnings.push_back(
        fmt::format("{}: the {} has no addresses, ports or protocol; its records cannot become policy rules",
                    ctx.reader.display(), columns.description));
  } else if (!columns.has_pkt_addresses()) {
    ctx.summary.warnings.push_back(
        fmt::format("{}: no pkt-srcaddr/pkt-dstaddr fields ({}); on EKS with the VPC CNI srcaddr/dstaddr may be "
                    "a node ENI's address, so pod attribution of this source may be wrong",
                    ctx.reader.display(), columns.description));
  }
}

Result<void> read_vpc_record(ReadContext& ctx, const VpcColumns& columns, const std::vector<std::string_view>& tokens) {
  IngestSummary& summary = ctx.summary;
  ++summary.records_read;
  if (tokens.size() != columns.count) {
    return ctx.malformed(MalformedReason::field_count, fmt::format("expected {} fields ({}), found {}", columns.count,
                                                                   columns.description, tokens.size()));
  }
  const std::string_view status = field(tokens, columns.log_status);
  if (is_word(status, "NODATA") || is_word(status, "SKIPDATA")) {
    summary.skip({SkipReason::log_status, std::string(status)});
    return {};
  }
  if (!columns.usable()) {
    summary.skip({SkipReason::format_without_addresses});
    return {};
  }
  std::string_view src_text = field(tokens, columns.pkt_srcaddr);
  if (src_text.empty() || is_word(src_text, "-")) src_text = field(tokens, columns.srcaddr);
  std::string_view dst_text = field(tokens, columns.pkt_dstaddr);
  if (dst_text.empty() || is_word(dst_text, "-")) dst_text = field(tokens, columns.dstaddr);
  const std::string_view protocol_text = field(tokens, columns.protocol);
  if (is_word(src_text, "-") || is_word(dst_text, "-") || is_word(protocol_text, "-")) {
    summary.skip({SkipReason::no_address_or_protocol});
    return {};
  }
  const auto src = parse_ip(src_text);
  const auto dst = parse_ip(dst_text);
  if (!src || !dst) {
    return ctx.malformed(MalformedReason::bad_address, fmt::format("bad address '{}'", !src ? src_text : dst_text));
  }
  int protocol_number = 0;
  if (!parse_number(protocol_text, protocol_number)) {
    return ctx.malformed(MalformedReason::bad_protocol, fmt::format("bad protocol '{}'", protocol_text));
  }
  const auto protocol = protocol_from_number(protocol_number);
  if (!protocol) {
    summary.skip({SkipReason::protocol_not_expressible, std::to_string(protocol_number)});
    return {};
  }
  std::uint16_t src_port = 0, dst_port = 0;
  if (!parse_number(field(tokens, columns.srcport), src_port) ||
      !parse_number(field(tokens, columns.dstport), dst_port)) {
    return ctx.malformed(MalformedReason::bad_port, fmt::format("bad port '{}' or '{}'", field(tokens, columns.srcport),
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
    return ctx.malformed(MalformedReason::bad_number, "bad packets, bytes, start, end or tcp-flags value");
  }
  // Only ACCEPT is evidence of an allowed flow: any other word (a corrupted line) proves nothing.
  const std::string_view action = field(tokens, columns.action);
  if (!action.empty() && !is_word(action, "ACCEPT") && !is_word(action, "REJECT") && !is_word(action, "-")) {
    return ctx.malformed(MalformedReason::bad_action, fmt::format("bad action '{}'", action));
  }
  if (is_word(action, "REJECT")) {
    record.denied = true;
    record.verdict_field = SkipReason::vpc_action;
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

namespace {

// One line of records laid out as `columns`: a timestamp in front (CloudWatch's export) is
// dropped, a blank line skipped.
Result<void> read_vpc_line(ReadContext& ctx, const VpcColumns& columns, std::string_view line,
                           std::vector<std::string_view>& tokens) {
  split_fields(line, tokens);
  if (tokens.empty()) return {};
  if (looks_like_timestamp(tokens.front())) tokens.erase(tokens.begin());
  return read_vpc_record(ctx, columns, tokens);
}

// The same, for the folding thread to run on lines handed over to it (ReadContext::defer).
std::shared_ptr<LineParser> vpc_line_parser(const VpcColumns& columns) {
  return std::make_shared<LineParser>(
      [columns, tokens = std::vector<std::string_view>()](ReadContext& ctx, std::string_view line) mutable {
        return read_vpc_line(ctx, columns, line, tokens);
      });
}

}  // namespace

Result<void> read_vpc_records(ReadContext& ctx) {
  auto configured = configured_vpc_columns(ctx.options);
  if (!configured) return tl::unexpected(configured.error());
  VpcColumns columns = std::move(*configured);
  std::shared_ptr<LineParser> parser = vpc_line_parser(columns);
  std::vector<std::string_view> tokens;
  tokens.reserve(64);
  std::string_view line;
  bool first = true;  // the first layout of a file is checked and warned about once
  while (ctx.next_line(line)) {
    const std::size_t lead = line.find_first_not_of(" \t");
    if (lead == std::string_view::npos) continue;
    // S3 objects name their fields in a header line, which wins over --vpc-format; objects
    // concatenated on standard input bring a header each. Headers are read here, never deferred:
    // the lines after one are parsed with its layout.
    if (line[lead] >= 'a' && line[lead] <= 'z') {
      split_fields(line, tokens);
      if (is_header(tokens)) {
        columns = columns_from_names(tokens, "header");
        parser = vpc_line_parser(columns);
        if (first) warn_about_columns(ctx, columns);
        first = false;
        continue;
      }
    }
    if (first) {
      warn_about_columns(ctx, columns);
      first = false;
    }
    if (ctx.defer(line, parser)) continue;
    if (auto result = read_vpc_line(ctx, columns, line, tokens); !result) return result;
  }
  if (ctx.reader.error()) return tl::unexpected(*ctx.reader.error());
  return {};
}

bool looks_like_vpc_record(std::string_view line) {
  std::vector<std::string_view> tokens;
  split_fields(line, tokens);
  // Version 2 has 14 fields; the shortest custom formats still name two addresses and ports.
  constexpr std::size_t k_fewest_fields = 5;
  if (tokens.size() < k_fewest_fields) return false;
  if (is_header(tokens)) return true;
  return std::any_of(tokens.begin(), tokens.end(), [](std::string_view token) {
    return token == "ACCEPT" || token == "REJECT" || token == "NODATA" || token == "SKIPDATA" ||
           parse_ip(token).has_value();
  });
}

}  // namespace netobs
