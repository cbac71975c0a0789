// A deliberately small NetworkPolicy evaluator for tests (pods by labels, ipBlocks by address,
// numeric ports), independent of the code that writes policies, so tests can check what the
// recommended policies allow. The full engine lives in the library once it exists.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <netobs/ip.hpp>
#include <netobs/policy.hpp>

namespace netobs::testing {

struct Endpoint {
  bool is_pod = false;
  std::string namespace_name;
  Labels labels;
  IpAddress ip;
  std::string name;  // for messages
};

class PolicyEvaluator {
 public:
  PolicyEvaluator(std::vector<NetworkPolicy> policies, std::map<std::string, Labels> namespace_labels);

  // True when `pod` is selected by a policy listing `type`.
  bool isolated(const Endpoint& pod, PolicyType type) const;
  bool egress_allows(const Endpoint& from, const Endpoint& to, Protocol protocol, int port) const;
  bool ingress_allows(const Endpoint& from, const Endpoint& to, Protocol protocol, int port) const;
  bool allows(const Endpoint& from, const Endpoint& to, Protocol protocol, int port) const {
    return egress_allows(from, to, protocol, port) && ingress_allows(from, to, protocol, port);
  }

 private:
  bool side_allows(const Endpoint& subject, const Endpoint& peer, PolicyType type, Protocol protocol,
                   int port) const;
  bool peer_matches(const PolicyPeer& peer, const std::string& policy_namespace, const Endpoint& other) const;

  std::vector<NetworkPolicy> m_policies;
  std::map<std::string, Labels> m_namespace_labels;
};

}  // namespace netobs::testing
