// The words of every skip reason, in one table: describe() writes them, and parse_skip_key reads
// them back from edge files earlier versions saved with the words as keys.
#include <algorithm>
#include <array>

#include <netobs/option.hpp>
#include <netobs/skip_reason.hpp>

namespace netobs {
namespace {

struct SkipReasonText {
  SkipReason reason;
  std::string_view id;
  // {metric} and {detail} stand for SkipKey's fields ({detail} may recur); {option:NAME} for how
  // the front end spells an option (spell_options).
  std::string_view text;
};

// In declaration order (checked below), so a reason indexes its row.
constexpr std::array k_skip_reason_texts{
    SkipReasonText{SkipReason::log_status, "log_status", "log-status {detail}"},
    SkipReasonText{SkipReason::format_without_addresses, "format_without_addresses",
                   "format without addresses, ports or protocol"},
    SkipReasonText{SkipReason::no_address_or_protocol, "no_address_or_protocol", "no address or protocol"},
    SkipReasonText{SkipReason::protocol_not_expressible, "protocol_not_expressible",
                   "protocol {detail} (no NetworkPolicy can express it)"},
    SkipReasonText{SkipReason::no_time_stamp, "no_time_stamp",
                   "no time stamp (outside any {option:since}/{option:until} window)"},
    SkipReasonText{SkipReason::before_since, "before_since", "before {option:since}"},
    SkipReasonText{SkipReason::after_until, "after_until", "after {option:until}"},
    SkipReasonText{SkipReason::saved_record_outside_window, "saved_record_outside_window",
                   "saved record outside {option:since}/{option:until}"},
    SkipReasonText{SkipReason::vpc_action, "vpc_action", "action {detail}"},
    SkipReasonText{SkipReason::hubble_verdict, "hubble_verdict", "hubble verdict {detail}"},
    SkipReasonText{SkipReason::policy_verdict, "policy_verdict", "policy verdict {detail}"},
    SkipReasonText{SkipReason::policy_verdict_connection_ending, "policy_verdict_connection_ending",
                   "policy verdict EXPIRED/DELETED (a connection ending)"},
    SkipReasonText{SkipReason::policy_verdict_unknown, "policy_verdict_unknown", "policy verdict missing or unknown"},
    SkipReasonText{SkipReason::banner_line, "banner_line", "line ahead of the first flow record (a banner or heading)"},
    SkipReasonText{SkipReason::line_cut_off, "line_cut_off",
                   "line cut off by a broken connection or the end of collection"},
    SkipReasonText{SkipReason::dns_name_unusable, "dns_name_unusable",
                   "hubble DNS answer ignored for {option:egress_names} (a name no policy can hold)"},
    SkipReasonText{SkipReason::hubble_without_ip, "hubble_without_ip", "hubble flow without IP layer"},
    SkipReasonText{SkipReason::hubble_without_l4, "hubble_without_l4", "hubble flow without L4 layer"},
    SkipReasonText{SkipReason::hubble_unknown_l4, "hubble_unknown_l4", "hubble flow with an unknown L4 protocol"},
    SkipReasonText{SkipReason::cloudwatch_control_message, "cloudwatch_control_message", "CloudWatch control message"},
    SkipReasonText{SkipReason::unknown_json_object, "unknown_json_object",
                   "JSON object that is neither a Hubble flow nor a CloudWatch payload"},
    SkipReasonText{SkipReason::nfm_not_tcp, "nfm_not_tcp", "network flow monitor flow that is not TCP"},
    SkipReasonText{SkipReason::nfm_without_server_port, "nfm_without_server_port",
                   "network flow monitor flow without a server port"},
    SkipReasonText{SkipReason::agent_flow_other_protocol, "agent_flow_other_protocol",
                   "network policy agent flow of protocol other than TCP, UDP, SCTP"},
    SkipReasonText{SkipReason::scrape_cut_off, "scrape_cut_off",
                   "series of a scrape cut off (OpenMetrics without its '# EOF')"},
    SkipReasonText{SkipReason::series_without_new_traffic, "series_without_new_traffic",
                   "series without new traffic since the previous scrape"},
    SkipReasonText{SkipReason::series_without_traffic, "series_without_traffic",
                   "{metric} series without traffic (value {detail})"},
    SkipReasonText{SkipReason::series_without_label, "series_without_label",
                   "{metric} series without a {detail} label"},
    SkipReasonText{SkipReason::series_without_end, "series_without_end",
                   "{metric} series without a {detail} workload or address (its {detail}_namespace and "
                   "{detail}_workload, or {detail}_ip)"},
    SkipReasonText{SkipReason::series_of_protocol, "series_of_protocol",
                   "{metric} series of protocol {detail} (no policy can allow it)"},
    SkipReasonText{SkipReason::series_of_replies, "series_of_replies",
                   "{metric} series of replies (from the server's port)"},
};

constexpr bool skip_texts_in_declaration_order() {
  for (std::size_t i = 0; i < k_skip_reason_texts.size(); ++i) {
    if (static_cast<std::size_t>(k_skip_reason_texts[i].reason) != i) return false;
  }
  return static_cast<std::size_t>(SkipReason::series_of_replies) + 1 == k_skip_reason_texts.size();
}
static_assert(skip_texts_in_declaration_order(), "k_skip_reason_texts: one row per SkipReason, in declaration order");

constexpr std::array<SkipReason, k_skip_reason_texts.size()> k_all_skip_reasons = [] {
  std::array<SkipReason, k_skip_reason_texts.size()> reasons{};
  for (std::size_t i = 0; i < reasons.size(); ++i) reasons[i] = k_skip_reason_texts[i].reason;
  return reasons;
}();

constexpr std::string_view k_skip_metric_slot = "{metric}";
constexpr std::string_view k_skip_detail_slot = "{detail}";

const SkipReasonText& skip_text_of(SkipReason reason) {
  return k_skip_reason_texts.at(static_cast<std::size_t>(reason));
}

// The row's text with its options spelled: only the value slots are left in braces.
std::string pattern_of(const SkipReasonText& row) { return spell_options(row.text); }

bool has_value_slot(const SkipReasonText& row) {
  return row.text.find(k_skip_metric_slot) != std::string_view::npos ||
         row.text.find(k_skip_detail_slot) != std::string_view::npos;
}

// The display text a row words, read back: each slot's value runs to the literal text after it
// (the last one to the row's suffix). The caller checks the key words the text exactly.
std::optional<SkipKey> match_display_text(const SkipReasonText& row, std::string_view text) {
  SkipKey key{row.reason, {}, {}};
  const std::string spelled = pattern_of(row);
  std::string_view pattern = spelled;
  while (!pattern.empty()) {
    const auto slot = pattern.find('{');
    const std::string_view literal = pattern.substr(0, slot);
    if (!text.starts_with(literal)) return std::nullopt;
    text.remove_prefix(literal.size());
    if (slot == std::string_view::npos) break;
    const bool metric = pattern.substr(slot).starts_with(k_skip_metric_slot);
    pattern.remove_prefix(slot + (metric ? k_skip_metric_slot : k_skip_detail_slot).size());
    const auto next_slot = pattern.find('{');
    const std::string_view next_literal = pattern.substr(0, next_slot);
    std::size_t end = 0;
    if (next_slot == std::string_view::npos) {
      if (!text.ends_with(next_literal)) return std::nullopt;
      end = text.size() - next_literal.size();
    } else {
      end = text.find(next_literal);
      if (end == std::string_view::npos) return std::nullopt;
    }
    std::string& value = metric ? key.metric : key.detail;
    if (value.empty()) value = std::string(text.substr(0, end));
    text.remove_prefix(end);
  }
  if (!text.empty()) return std::nullopt;
  return key;
}

}  // namespace

std::span<const SkipReason> all_skip_reasons() { return k_all_skip_reasons; }

bool skip_reason_has_detail(SkipReason reason) {
  return skip_text_of(reason).text.find(k_skip_detail_slot) != std::string_view::npos;
}

bool skip_reason_has_metric(SkipReason reason) {
  return skip_text_of(reason).text.find(k_skip_metric_slot) != std::string_view::npos;
}

std::string describe(const SkipKey& key) {
  std::string out;
  const std::string spelled = pattern_of(skip_text_of(key.reason));
  std::string_view pattern = spelled;
  while (!pattern.empty()) {
    const auto slot = pattern.find('{');
    out += pattern.substr(0, slot);
    if (slot == std::string_view::npos) break;
    const bool metric = pattern.substr(slot).starts_with(k_skip_metric_slot);
    out += metric ? key.metric : key.detail;
    pattern.remove_prefix(slot + (metric ? k_skip_metric_slot : k_skip_detail_slot).size());
  }
  return out;
}

std::vector<std::pair<std::string, std::uint64_t>> describe_skips(const SkipCounts& skipped) {
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  rows.reserve(skipped.size());
  for (const auto& [key, count] : skipped) rows.emplace_back(describe(key), count);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::string_view skip_reason_id(SkipReason reason) { return skip_text_of(reason).id; }

std::optional<SkipReason> skip_reason_from_id(std::string_view id) {
  for (const auto& row : k_skip_reason_texts) {
    if (row.id == id) return row.reason;
  }
  return std::nullopt;
}

std::string stable_skip_key(const SkipKey& key) {
  std::string out(skip_reason_id(key.reason));
  if (skip_reason_has_metric(key.reason)) out += ":" + key.metric;
  if (skip_reason_has_detail(key.reason)) out += ":" + key.detail;
  return out;
}

std::optional<SkipKey> parse_skip_key(std::string_view text) {
  // A stable key: the metric (a name without ':') comes first, and the detail is the rest.
  const auto colon = text.find(':');
  if (const auto reason = skip_reason_from_id(text.substr(0, colon))) {
    SkipKey key{*reason, {}, {}};
    std::string_view rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    const bool has_metric = skip_reason_has_metric(*reason);
    const bool has_detail = skip_reason_has_detail(*reason);
    if ((colon == std::string_view::npos) != (!has_metric && !has_detail)) return std::nullopt;
    if (has_metric) {
      const auto end = has_detail ? rest.find(':') : rest.size();
      if (end == std::string_view::npos) return std::nullopt;
      key.metric = std::string(rest.substr(0, end));
      rest.remove_prefix(std::min(rest.size(), end + 1));
    }
    if (has_detail) key.detail = std::string(rest);
    return key;
  }
  // The words earlier versions saved: reasons without values first, so that "policy verdict
  // missing or unknown" is not read as the verdict "missing or unknown". A metric's name has no
  // ':' (its stable key could not be read back otherwise).
  for (const bool with_values : {false, true}) {
    for (const auto& row : k_skip_reason_texts) {
      if (has_value_slot(row) != with_values) continue;
      auto key = match_display_text(row, text);
      if (key && describe(*key) == text && key->metric.find(':') == std::string::npos) return key;
    }
  }
  return std::nullopt;
}

}  // namespace netobs
