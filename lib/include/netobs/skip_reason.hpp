// Why ingest read a record and did not use it: typed, so summaries count by reason and saved edge
// files keep a stable key, while the words people read are composed in one place (describe).
// Some reasons carry a value (a verdict, a protocol, a metric's label): SkipKey keeps it beside.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netobs {

// One value per distinct reason. The value's name is its stable key (skip_reason_id). Reasons
// marked "detail" or "metric" need SkipKey::detail or SkipKey::metric to be worded.
enum class SkipReason : std::uint8_t {
  log_status,                        // detail: NODATA, SKIPDATA
  format_without_addresses,          // a VPC log format without the columns an edge needs
  no_address_or_protocol,            // a VPC record with "-" for an address or the protocol
  protocol_not_expressible,          // detail: the protocol's number or name (ICMP)
  no_time_stamp,                     // outside any --since/--until window
  before_since,                      //
  after_until,                       //
  saved_record_outside_window,       // a saved edge outside --since/--until
  vpc_action,                        // detail: REJECT (a denied record not used as evidence)
  hubble_verdict,                    // detail: DROPPED, AUDIT, ERROR, ..., missing, unrecognised
  policy_verdict,                    // detail: DENY (EKS network policy agent)
  policy_verdict_connection_ending,  // EXPIRED/DELETED
  policy_verdict_unknown,            //
  banner_line,                       // a line ahead of the first flow record
  line_cut_off,                      // by a broken connection or the end of a collection
  dns_name_unusable,                 // a Hubble DNS answer whose name no policy can hold
  hubble_without_ip,                 //
  hubble_without_l4,                 //
  hubble_unknown_l4,                 //
  cloudwatch_control_message,        //
  unknown_json_object,               // neither a Hubble flow nor a CloudWatch payload
  nfm_not_tcp,                       // Network Flow Monitor
  nfm_without_server_port,           //
  agent_flow_other_protocol,         // EKS network policy agent: neither TCP, UDP nor SCTP
  scrape_cut_off,                    // OpenMetrics without its '# EOF'
  series_without_new_traffic,        // since the previous scrape
  series_without_traffic,            // metric; detail: the value
  series_without_label,              // metric; detail: the label (protocol, port, ...)
  series_without_end,                // metric; detail: the side (source, destination)
  series_of_protocol,                // metric; detail: the protocol label
  series_of_replies,                 // metric
};

struct SkipKey {
  SkipReason reason = SkipReason::log_status;
  std::string detail{};  // the value the reason names; empty when it names none
  std::string metric{};  // the flow metric of a series_* reason; else empty

  auto operator<=>(const SkipKey&) const = default;
};

using SkipCounts = std::map<SkipKey, std::uint64_t>;  // key -> records

// Every reason, in declaration order.
std::span<const SkipReason> all_skip_reasons();
// What a reason needs to be worded (see SkipReason).
bool skip_reason_has_detail(SkipReason reason);
bool skip_reason_has_metric(SkipReason reason);

// The one display text of a skip reason: "log-status NODATA", "before --since", ...
std::string describe(const SkipKey& key);
// The counts worded by describe, sorted by their text (what summaries print).
std::vector<std::pair<std::string, std::uint64_t>> describe_skips(const SkipCounts& skipped);

// The stable snake_case id of a reason: "log_status", "vpc_action".
std::string_view skip_reason_id(SkipReason reason);
std::optional<SkipReason> skip_reason_from_id(std::string_view id);
// The stable key saved edge files use: the id, then ":metric" and ":detail" where the reason has
// them ("log_status:NODATA", "series_of_replies:hubble_port_distribution_total").
std::string stable_skip_key(const SkipKey& key);
// Reads a stable key, or the display text earlier versions saved ("log-status NODATA"); nullopt
// for neither.
std::optional<SkipKey> parse_skip_key(std::string_view text);

}  // namespace netobs
