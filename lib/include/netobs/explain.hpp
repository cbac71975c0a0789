// Why one connection is allowed or denied: per side (egress of the source, ingress of the
// destination), which policies select the pod and which rule allowed it, or why none did.
#pragma once

#include <string>

#include <netobs/engine.hpp>

namespace netobs {

struct NamedEndpoint {
  Endpoint endpoint;
  std::string name;  // "ns/name[Kind]" or the address
};

// Resolves "ns/workload", "ns/pod" or an IP address against the manifests. An address no pod
// holds is an endpoint outside the cluster. Errors (invalid_input) name what was not found.
Result<NamedEndpoint> find_endpoint(const ManifestSet& set, const std::string& text);

struct Explanation {
  NamedEndpoint from;
  NamedEndpoint to;
  Protocol protocol = Protocol::tcp;
  int port = 0;
  bool allowed = false;
  Exemption exemption = Exemption::none;  // why policies were not consulted, when they were not
  SideExplanation egress;                 // of `from`
  SideExplanation ingress;                // of `to`
};

Explanation explain(const PolicyEngine& engine, const NamedEndpoint& from, const NamedEndpoint& to, Protocol protocol,
                    int port);

// "80", "80/TCP", "53/udp": a port and protocol (TCP when omitted); nullopt when malformed.
std::optional<std::pair<int, Protocol>> parse_port_spec(const std::string& text);

std::string render_explanation_text(const Explanation& explanation);
std::string render_explanation_json(const Explanation& explanation);

}  // namespace netobs
