// Why a flow record could not be read, typed, beside the located Error that words it: summaries
// count malformed records by reason, and saved edge files keep the counts under stable ids.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <netobs/error.hpp>

namespace netobs {

// One value per kind of fault; the Error's message says which field and value.
enum class MalformedReason : std::uint8_t {
  field_count,        // not as many fields as the format has (VPC records, CSV rows)
  bad_address,        // an address that does not parse
  bad_port,           // a port that does not parse or is out of range
  bad_protocol,       // a protocol number that does not parse
  bad_number,         // a count, byte total, time or flags column that does not parse
  bad_time,           // a time stamp that does not parse or is out of range
  bad_json,           // not a JSON object
  missing_part,       // a record without a part it needs (logEvents, a flow object, Src IP)
  unrecognised_line,  // neither a log line nor a flow record of the format
  bad_metrics_line,   // a line of Prometheus text or OpenMetrics that does not parse
  bad_action,         // a VPC action that is neither ACCEPT nor REJECT: not evidence of either
};

struct MalformedRecord {
  MalformedReason reason = MalformedReason::field_count;
  Error error;  // where, and the words
};

// Every reason, in declaration order.
std::span<const MalformedReason> all_malformed_reasons();
// The stable snake_case id ("bad_address") and the words for people ("bad address").
std::string_view malformed_reason_id(MalformedReason reason);
std::optional<MalformedReason> malformed_reason_from_id(std::string_view id);
std::string_view describe(MalformedReason reason);
// The words of a malformed record: "file:line: message", as describe(const Error&).
inline std::string describe(const MalformedRecord& record) { return describe(record.error); }

}  // namespace netobs
