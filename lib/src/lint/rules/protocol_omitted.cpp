#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// Ports where a UDP service is plausible, and what usually runs there. On HTTP, gRPC and metrics
// ports TCP is the only sensible protocol, and a warning there would only be muted.
struct UdpService {
  int port;
  const char* name;
};
constexpr UdpService k_udp_services[] = {
    {53, "DNS"},           {67, "DHCP"},      {68, "DHCP"},        {69, "TFTP"},        {88, "Kerberos"},
    {123, "NTP"},          {161, "SNMP"},     {162, "SNMP traps"}, {443, "QUIC/HTTP3"}, {500, "IKE"},
    {514, "syslog"},       {1194, "OpenVPN"}, {1812, "RADIUS"},    {1813, "RADIUS"},    {3478, "STUN/TURN"},
    {4500, "IPsec NAT-T"}, {4789, "VXLAN"},   {5060, "SIP"},       {5353, "mDNS"},      {8472, "VXLAN (flannel)"},
    {51820, "WireGuard"},
};

// The UDP service a port (or port range, or named port) may stand for, or null.
const char* udp_service(const json& port) {
  const json* number = port.contains("port") ? &port["port"] : nullptr;
  if (!number || number->is_null()) return "any UDP service";  // every port
  if (number->is_string()) {
    const std::string name = number->get<std::string>();
    for (const char* hint : {"dns", "udp", "quic", "ntp", "syslog"}) {
      if (name.find(hint) != std::string::npos) return "a UDP service, by its name";
    }
    return nullptr;
  }
  if (!number->is_number_integer()) return nullptr;
  const auto first = number->get<long long>();
  const auto last =
      port.contains("endPort") && port["endPort"].is_number_integer() ? port["endPort"].get<long long>() : first;
  for (const auto& service : k_udp_services) {
    if (service.port >= first && service.port <= last) return service.name;
  }
  return nullptr;
}

Diagnostics check_protocol_omitted(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_port(input, [&](PolicyType, const json& port, const std::string& at) {
      if (!port.is_object() || (port.contains("protocol") && !port["protocol"].is_null())) return;
      if (const char* service = udp_service(port)) {
        out.push_back(ctx.at(input, at,
                             std::string("protocol is omitted and defaults to TCP, but this port is commonly UDP (") +
                                 service + "): UDP traffic on it is not allowed"));
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_protocol_omitted{"protocol-omitted", Severity::warning,
                              "Port that is commonly UDP without an explicit protocol",
                              "Write protocol: TCP (or UDP, SCTP) on every port.", &check_protocol_omitted};

}  // namespace netobs::lint::rules
