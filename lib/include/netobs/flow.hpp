// One observed flow record after parsing, before it is attributed to workloads. Readers for VPC
// flow logs and Hubble produce these; the aggregator folds them into edges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <netobs/ip.hpp>
#include <netobs/labels.hpp>

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
  Labels labels;              // k8s: labels without the io.cilium.* and namespace labels
  std::string reserved;       // "host", "world", "kube-apiserver", ... from reserved: labels
  bool known() const { return !namespace_name.empty() || !reserved.empty(); }
};

}  // namespace netobs
