// The EKS (VPC CNI) network policy agent's policy event logs, every shape it has written:
// zap JSON lines with the flow in `msg` (IPv4 and IPv6 spellings), the older lines with the
// flow in separate keys, and the CloudWatch form `Node: ...;SIP: ...;...` (its time the one
// CloudWatch exports and `aws logs tail` write before it). The agent's own log lines in the same
// file are skipped silently. Addresses only: the inventory attributes them, and the client is
// the side with the ephemeral port.
#include <charconv>

#include <fmt/format.h>
#include <simdjson.h>

#include <netobs/time.hpp>

#include "dom_text.hpp"
#include "readers.hpp"

namespace netobs {
namespace {

using simdjson::dom::element;

// The fields of one flow, as text.
struct AgentFlow {
  std::string_view source, source_port, destination, destination_port, protocol, verdict, direction;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == ':')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ':')) text.remove_suffix(1);
  return text;
}

// "Src IP: a Src Port: 1 Dest IP: b Dest Port: 2 Proto[:] TCP Verdict[:] DENY Direction[:] x[,] Tier[:] y":
// each value runs to the next keyword, so "ANY PROTOCOL" keeps its space.
bool parse_message(std::string_view text, AgentFlow& flow) {
  constexpr std::string_view k_keys[] = {"Src IP", " Src Port", " Dest IP",   " Dest Port",
                                         " Proto", " Verdict",  " Direction", " Tier"};
  std::string_view* const into[] = {&flow.source,   &flow.source_port, &flow.destination, &flow.destination_port,
                                    &flow.protocol, &flow.verdict,     &flow.direction,   nullptr};
  std::size_t at = text.find(k_keys[0]);
  if (at == std::string_view::npos) return false;
  // Older agents end the line early (no Direction, no Tier): the next key is the next one present.
  for (std::size_t i = 0; i < std::size(k_keys);) {
    const std::size_t value = at + k_keys[i].size();
    std::size_t next = std::string_view::npos;
    std::size_t next_key = std::size(k_keys);
    for (std::size_t j = i + 1; j < std::size(k_keys) && next == std::string_view::npos; ++j) {
      next = text.find(k_keys[j], value);
      next_key = j;
    }
    if (into[i])
      *into[i] = trim(text.substr(value, next == std::string_view::npos ? std::string_view::npos : next - value));
    if (next == std::string_view::npos) break;
    at = next;
    i = next_key;
  }
  return !flow.source.empty() && !flow.destination.empty();
}

// "Node: n;SIP: a;SPORT: 1;DIP: b;DPORT: 2;PROTOCOL: TCP;PolicyVerdict: ACCEPT[;Tier: t]"
bool parse_cloudwatch(std::string_view text, AgentFlow& flow) {
  bool any = false;
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    const std::string_view part = text.substr(0, end);
    const std::size_t colon = part.find(':');
    if (colon != std::string_view::npos) {
      std::string_view key = part.substr(0, colon);
      if (const auto space = key.rfind(' '); space != std::string_view::npos) key.remove_prefix(space + 1);
      const std::string_view value = trim(part.substr(colon + 1));
      if (key == "SIP")
        flow.source = value, any = true;
      else if (key == "SPORT")
        flow.source_port = value;
      else if (key == "DIP")
        flow.destination = value;
      else if (key == "DPORT")
        flow.destination_port = value;
      else if (key == "PROTOCOL")
        flow.protocol = value;
      else if (key == "PolicyVerdict")
        flow.verdict = value;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return any;
}

// The older shape keeps ports as numbers; they are printed into `storage`.
bool parse_keys(const element& line, AgentFlow& flow, std::string (&storage)[2]) {
  flow.source = text_at(line, "Src IP");
  flow.destination = text_at(line, "Dest IP");
  const char* keys[] = {"Src Port", "Dest Port"};
  std::string_view* ports[] = {&flow.source_port, &flow.destination_port};
  for (int i = 0; i < 2; ++i) {
    std::uint64_t number = 0;
    if (line[keys[i]].get(number) == simdjson::SUCCESS)
      storage[i] = std::to_string(number);
    else
      storage[i] = std::string(text_at(line, keys[i]));
    *ports[i] = storage[i];
  }
  flow.protocol = text_at(line, "Proto");
  flow.verdict = text_at(line, "Verdict");
  flow.direction = text_at(line, "Direction");
  return !flow.source.empty() || !flow.destination.empty();
}

// The time CloudWatch puts before a message: an export's "2025-11-24T16:00:01.123Z Node: ...",
// `aws logs tail`'s detailed "2025-11-24T16:00:01.123000+00:00 <log stream> Node: ..." and short
// "2025-11-24T16:00:01 Node: ..." (UTC). `time` is 0 when the line starts with the message; false
// for a first word that has a date's shape but is no time.
bool read_leading_time(std::string_view line, std::int64_t& time) {
  time = 0;
  const std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return true;
  const std::string_view word = line.substr(start, line.find_first_of(" \t", start) - start);
  const bool dated = word.size() >= 10 && word[4] == '-' && word[7] == '-';
  if (!dated) return true;
  const auto parsed = parse_rfc3339(word);
  if (!parsed) return false;
  time = *parsed;
  return true;
}

bool parse_port(std::string_view text, std::uint16_t& port) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return ec == std::errc() && end == text.data() + text.size();
}

Result<void> read_flow(ReadContext& ctx, const AgentFlow& flow, std::int64_t time) {
  ++ctx.summary.records_read;
  const auto source = parse_ip(flow.source);
  const auto destination = parse_ip(flow.destination);
  if (!source || !destination) {
    return ctx.malformed(MalformedReason::bad_address, "network policy agent flow with a bad Src IP or Dest IP");
  }
  FlowRecord record;
  if (!parse_port(flow.source_port, record.source_port) ||
      !parse_port(flow.destination_port, record.destination_port)) {
    return ctx.malformed(MalformedReason::bad_port, "network policy agent flow with a bad Src Port or Dest Port");
  }
  if (flow.protocol == "TCP")
    record.protocol = Protocol::tcp;
  else if (flow.protocol == "UDP")
    record.protocol = Protocol::udp;
  else if (flow.protocol == "SCTP")
    record.protocol = Protocol::sctp;
  else {
    ctx.summary.skip(flow.protocol == "ICMP" ? SkipKey{SkipReason::protocol_not_expressible, "ICMP"}
                                             : SkipKey{SkipReason::agent_flow_other_protocol});
    return {};
  }
  if (flow.verdict == "DENY") {
    record.denied = true;
    record.denied_may_be_evidence = true;
    record.verdict_field = SkipReason::policy_verdict;
    record.verdict = "DENY";
  } else if (flow.verdict != "ACCEPT") {
    ctx.summary.skip({flow.verdict == "EXPIRED/DELETED" ? SkipReason::policy_verdict_connection_ending
                                                        : SkipReason::policy_verdict_unknown});
    return {};
  }
  record.source = *source;
  record.destination = *destination;
  record.start = record.end = time;
  record.observed_at = flow.direction == "egress"    ? Observation::egress
                       : flow.direction == "ingress" ? Observation::ingress
                                                     : Observation::unknown;
  return ctx.record(record);
}

}  // namespace

bool looks_like_eks_agent_log(std::string_view head) {
  const std::string_view first = head.substr(0, head.find('\n'));
  if (first.find(";SIP: ") != std::string_view::npos && first.find(";DIP: ") != std::string_view::npos) return true;
  return first.find('{') != std::string_view::npos && first.find("\"level\"") != std::string_view::npos &&
         (first.find("\"ts\"") != std::string_view::npos || first.find("\"timestamp\"") != std::string_view::npos) &&
         first.find("\"flow\"") == std::string_view::npos;
}

Result<void> read_eks_agent_records(ReadContext& ctx) {
  simdjson::dom::parser parser;
  std::string_view line;
  std::string storage[2];
  while (ctx.next_line(line)) {
    const auto brace = line.find('{');
    AgentFlow flow;
    if (brace == std::string_view::npos) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (parse_cloudwatch(line, flow)) {
        std::int64_t time = 0;
        if (!read_leading_time(line, time)) {
          ++ctx.summary.records_read;
          if (auto result = ctx.malformed(MalformedReason::bad_time,
                                          "a network policy agent flow after a time stamp that is no RFC 3339 time");
              !result) {
            return result;
          }
          continue;
        }
        if (auto result = read_flow(ctx, flow, time); !result) return result;
        continue;
      }
      ++ctx.summary.records_read;
      if (auto result =
              ctx.malformed(MalformedReason::unrecognised_line, "neither a network policy agent log line nor a flow");
          !result) {
        return result;
      }
      continue;
    }
    element doc;
    const std::string_view json = line.substr(brace);
    if (parser.parse(json.data(), json.size(), true).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      ++ctx.summary.records_read;
      if (auto result = ctx.malformed(MalformedReason::bad_json, "not a JSON object"); !result) return result;
      continue;
    }
    const std::string_view message = text_at(doc, "msg");
    if (!message.starts_with("Flow Info:")) continue;  // the agent's own log lines
    const bool parsed = message.find("Src IP") != std::string_view::npos ? parse_message(message, flow)
                                                                         : parse_keys(doc, flow, storage);
    std::string_view stamp = text_at(doc, "ts");
    if (stamp.empty()) stamp = text_at(doc, "timestamp");
    if (!parsed) {
      ++ctx.summary.records_read;
      if (auto result = ctx.malformed(MalformedReason::missing_part, "a Flow Info line without Src IP and Dest IP");
          !result) {
        return result;
      }
      continue;
    }
    if (auto result = read_flow(ctx, flow, parse_rfc3339(stamp).value_or(0)); !result) return result;
  }
  if (ctx.reader.error()) return tl::unexpected(*ctx.reader.error());
  return {};
}

}  // namespace netobs
