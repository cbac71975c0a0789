// One observed flow record after parsing, before it is attributed to workloads. Every reader (VPC
// flow logs, Hubble, ...) produces these and nothing else; one place (ingest's flow_to_edge.cpp)
// decides direction and attribution and folds them into edges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/ip.hpp>
#include <netobs/labels.hpp>
#include <netobs/skip_reason.hpp>

namespace netobs {

// The protocols a NetworkPolicy can express. Flows of other protocols (ICMP, ...) are counted
// and skipped, since no policy rule can allow them.
enum class Protocol : std::uint8_t { tcp, udp, sctp };

std::string_view to_string(Protocol protocol);  // "TCP", "UDP", "SCTP"
// From an IANA number (6, 17, 132); nullopt for the others.
std::optional<Protocol> protocol_from_number(int number);

// The identity a Hubble flow carries for one endpoint; VPC records carry none.
struct FlowEndpoint {
  std::string namespace_name;
  std::string pod_name;
  std::string workload_name;  // from `workloads[0]`, when present
  std::string workload_kind;
  Labels labels;         // k8s: labels without the io.cilium.* and namespace labels
  std::string reserved;  // "host", "world", "kube-apiserver", ... from reserved: labels
  bool known() const { return !namespace_name.empty() || !reserved.empty(); }
  bool operator==(const FlowEndpoint&) const = default;
};

// A Cilium reserved identity's name as netobs uses it: dual-stack clusters split the outside world
// into `world-ipv4` and `world-ipv6` (identities 9 and 10); all three are `world`.
inline std::string_view canonical_reserved_identity(std::string_view name) {
  return name == "world-ipv4" || name == "world-ipv6" ? std::string_view("world") : name;
}

// Where a record was captured. A connection is logged at every ENI (or Cilium endpoint) it
// crosses: once leaving the client's side and once entering the server's.
enum class Observation : std::uint8_t { unknown, egress, ingress };

// A DNS answer a capture carries (Hubble's L7 `dns` on a response): the name a pod looked up
// and the addresses it got, so egress to those addresses can be written as the name.
struct DnsAnswer {
  std::string query;  // lower case, without the trailing dot
  std::vector<IpAddress> ips;
};

struct FlowRecord {
  // Metrics name workloads, not addresses: an end without one is IpAddress{} with an identity.
  IpAddress source;
  IpAddress destination;
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  Protocol protocol = Protocol::tcp;
  // TCP flags ORed over the capture window (SYN 0x02, ACK 0x10); 0 when unknown.
  unsigned tcp_flags = 0;
  // Set when the capture itself says whether this is the reply direction (Hubble is_reply).
  std::optional<bool> reply;
  // A connection the network refused (VPC REJECT, Hubble DROPPED/AUDIT): listed for review.
  bool denied = false;
  // Whether --include-dropped may still use a denied record as evidence (Hubble's verdicts: a
  // drop by a policy under test is traffic the workload wants).
  bool denied_may_be_evidence = false;
  SkipReason verdict_field = SkipReason::vpc_action;  // vpc_action, hubble_verdict, policy_verdict
  std::string_view verdict;                           // "REJECT", "DROPPED", ...
  std::string_view drop_reason;
  Observation observed_at = Observation::unknown;
  std::int64_t start = 0;  // Unix seconds; 0 = unknown
  std::int64_t end = 0;
  std::uint64_t packets = 0;
  std::uint64_t bytes = 0;
  // Connections the record stands for: 1 for a flow record, a counter's increase for a metric.
  std::uint64_t connections = 1;
  // Source records it stands for, as the summary counts them: 1, or an edge row's `records` (the
  // engine that ran `netobs sql`'s query aggregated that many flow log records into the row).
  std::uint64_t records = 1;
  // Identity hints the capture gives for each end (Hubble); null when it gives none (VPC).
  const FlowEndpoint* source_identity = nullptr;
  const FlowEndpoint* destination_identity = nullptr;
  // The DNS answer this record carries, to the client (the end that asked); null for most.
  const DnsAnswer* dns_answer = nullptr;
};

}  // namespace netobs
