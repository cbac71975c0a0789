// The ids and words of malformed-record reasons, in one table.
#include <array>

#include <netobs/malformed.hpp>

namespace netobs {
namespace {

struct MalformedReasonText {
  MalformedReason reason;
  std::string_view id;
  std::string_view text;
};

// In declaration order (checked below), so a reason indexes its row.
constexpr std::array k_malformed_reason_texts{
    MalformedReasonText{MalformedReason::field_count, "field_count", "wrong number of fields"},
    MalformedReasonText{MalformedReason::bad_address, "bad_address", "bad address"},
    MalformedReasonText{MalformedReason::bad_port, "bad_port", "bad port"},
    MalformedReasonText{MalformedReason::bad_protocol, "bad_protocol", "bad protocol"},
    MalformedReasonText{MalformedReason::bad_number, "bad_number", "bad count, time or flags value"},
    MalformedReasonText{MalformedReason::bad_time, "bad_time", "bad time stamp"},
    MalformedReasonText{MalformedReason::bad_json, "bad_json", "not a JSON object"},
    MalformedReasonText{MalformedReason::missing_part, "missing_part", "record without a part it needs"},
    MalformedReasonText{MalformedReason::unrecognised_line, "unrecognised_line", "neither a log line nor a flow"},
    MalformedReasonText{MalformedReason::bad_metrics_line, "bad_metrics_line", "bad metrics line"},
    MalformedReasonText{MalformedReason::bad_action, "bad_action", "bad action"},
};

constexpr bool malformed_texts_in_declaration_order() {
  for (std::size_t i = 0; i < k_malformed_reason_texts.size(); ++i) {
    if (static_cast<std::size_t>(k_malformed_reason_texts[i].reason) != i) return false;
  }
  return static_cast<std::size_t>(MalformedReason::bad_action) + 1 == k_malformed_reason_texts.size();
}
static_assert(malformed_texts_in_declaration_order(),
              "k_malformed_reason_texts: one row per MalformedReason, in declaration order");

constexpr std::array<MalformedReason, k_malformed_reason_texts.size()> k_all_malformed_reasons = [] {
  std::array<MalformedReason, k_malformed_reason_texts.size()> reasons{};
  for (std::size_t i = 0; i < reasons.size(); ++i) reasons[i] = k_malformed_reason_texts[i].reason;
  return reasons;
}();

const MalformedReasonText& malformed_text_of(MalformedReason reason) {
  return k_malformed_reason_texts.at(static_cast<std::size_t>(reason));
}

}  // namespace

std::span<const MalformedReason> all_malformed_reasons() { return k_all_malformed_reasons; }

std::string_view malformed_reason_id(MalformedReason reason) { return malformed_text_of(reason).id; }

std::optional<MalformedReason> malformed_reason_from_id(std::string_view id) {
  for (const auto& row : k_malformed_reason_texts) {
    if (row.id == id) return row.reason;
  }
  return std::nullopt;
}

std::string_view describe(MalformedReason reason) { return malformed_text_of(reason).text; }

}  // namespace netobs
