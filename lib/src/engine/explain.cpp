#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <netobs/explain.hpp>

namespace netobs {

Result<NamedEndpoint> find_endpoint(const ManifestSet& set, const std::string& text) {
  if (auto ip = parse_ip(text)) {
    for (const auto& pod : set.pods) {
      if (std::find(pod.ips.begin(), pod.ips.end(), *ip) != pod.ips.end()) {
        return NamedEndpoint{Endpoint::of(pod), workload_name(pod.owner)};
      }
    }
    return NamedEndpoint{Endpoint::range(*ip, *ip), text};
  }
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) {
    return make_error(ErrorKind::usage, fmt::format("'{}' is not ns/workload, ns/pod or an IP address", text));
  }
  const std::string ns = text.substr(0, slash), name = text.substr(slash + 1);
  for (const auto& pod : set.pods) {
    if (pod.namespace_name == ns && pod.name == name) return NamedEndpoint{Endpoint::of(pod), workload_name(pod.owner)};
  }
  for (const auto& pod : set.pods) {
    if (pod.owner.namespace_name == ns && pod.owner.name == name) {
      return NamedEndpoint{Endpoint::of(pod), workload_name(pod.owner)};
    }
  }
  return make_error(ErrorKind::invalid_input, fmt::format("no workload or pod '{}' in the state read", text));
}

std::optional<std::pair<int, Protocol>> parse_port_spec(const std::string& text) {
  const auto slash = text.find('/');
  const std::string number = text.substr(0, slash);
  if (number.empty() || number.size() > 5 || number.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int port = std::stoi(number);
  if (port < 1 || port > 65535) return std::nullopt;
  Protocol protocol = Protocol::tcp;
  if (slash != std::string::npos) {
    std::string name = text.substr(slash + 1);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    if (name == "UDP")
      protocol = Protocol::udp;
    else if (name == "SCTP")
      protocol = Protocol::sctp;
    else if (name != "TCP")
      return std::nullopt;
  }
  return std::make_pair(port, protocol);
}

Explanation explain(const PolicyEngine& engine, const NamedEndpoint& from, const NamedEndpoint& to, Protocol protocol,
                    int port) {
  Explanation out{from, to, protocol, port, false, engine.exemption(from.endpoint, to.endpoint), {}, {}};
  engine.side(PolicyType::egress, from.endpoint, to.endpoint, &out.egress);
  engine.side(PolicyType::ingress, to.endpoint, from.endpoint, &out.ingress);
  out.allowed = engine.allowed(from.endpoint, to.endpoint).contains(protocol, port);
  return out;
}

}  // namespace netobs
