#include "manifest/tiered_parse.hpp"

#include <fmt/format.h>

#include "util/domain_name.hpp"
#include "util/k8s_json.hpp"
#include "util/k8s_names.hpp"

namespace netobs {
namespace {

using k8s::field;
using nlohmann::json;

// The dialect of one apiVersion/kind: field names and words differ, the meaning does not.
struct Dialect {
  bool baseline_v1alpha1 = false;  // BaselineAdminNetworkPolicy: no priority, no Pass, named `default`
  bool has_tier = false;           // v1alpha2 and EKS: `tier: Admin|Baseline`
  const char* allow_word = "Allow";
  bool protocols = false;  // v1alpha2 `protocols` instead of `ports`
  const char* noun = "admin network policy";
};

std::optional<Dialect> dialect_of(const std::string& api_version, const std::string& kind) {
  if (api_version == "policy.networking.k8s.io/v1alpha1" && kind == "AdminNetworkPolicy") return Dialect{};
  if (api_version == "policy.networking.k8s.io/v1alpha1" && kind == "BaselineAdminNetworkPolicy") {
    return Dialect{true, false, "Allow", false, "baseline admin network policy"};
  }
  if (api_version == "policy.networking.k8s.io/v1alpha2" && kind == "ClusterNetworkPolicy") {
    return Dialect{false, true, "Accept", true, "cluster network policy"};
  }
  if (api_version == "networking.k8s.aws/v1alpha1" && kind == "ClusterNetworkPolicy") {
    return Dialect{false, true, "Accept", false, "cluster network policy"};
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(const ManifestObject& object, const Dialect& dialect, TieredPolicy& policy)
      : m_object(object), m_dialect(dialect), m_policy(policy) {}

  void read() {
    const json& spec = field(m_object.value(), "spec");
    read_tier_and_priority(spec);
    read_subject(field(spec, "subject"));
    m_policy.ingress = read_rules(field(spec, "ingress"), "/spec/ingress", PolicyType::ingress);
    m_policy.egress = read_rules(field(spec, "egress"), "/spec/egress", PolicyType::egress);
  }

 private:
  SourceLocation at(const std::string& pointer) const {
    return m_object.document->location(m_object.pointer + pointer);
  }
  void problem(const std::string& pointer, std::string message) {
    m_policy.problems.push_back({at(pointer), fmt::format("{} \"{}\": {}", m_dialect.noun, m_policy.name, message)});
  }
  void rule_problem(const std::string& pointer, const TieredRule& rule, const std::string& message) {
    problem(pointer, fmt::format("in rule \"{}\": {}", rule.name, message));
  }

  void read_tier_and_priority(const json& spec) {
    if (m_dialect.has_tier) {
      const std::string tier = k8s::string_at(spec, "tier");
      if (tier == "Baseline") {
        m_policy.tier = Tier::baseline;
      } else if (tier != "Admin") {
        problem("/spec/tier", fmt::format("tier must be Admin or Baseline, not '{}'", tier));
      }
    } else if (m_dialect.baseline_v1alpha1) {
      m_policy.tier = Tier::baseline;
      if (m_policy.name != "default") {
        problem("/metadata/name",
                "only one baseline admin network policy with metadata.name=default can be created "
                "in the cluster");
      }
      return;
    }
    const json& priority = field(spec, "priority");
    if (!priority.is_number_integer()) {
      problem("/spec/priority", "priority must be an integer between 0-1000");
      return;
    }
    const auto value = priority.get<long long>();
    m_policy.priority = static_cast<int>(std::clamp(value, -1LL, 1001LL));
    if (value < 0 || value > 1000) {
      problem("/spec/priority",
              fmt::format("Invalid Priority Value: {} in {}: \"{}\"; Priority value must be between "
                          "0-1000",
                          value, m_policy.kind == "AdminNetworkPolicy" ? "Admin Network Policy" : m_policy.kind,
                          m_policy.name));
    }
  }

  // A label selector at `pointer`; a malformed one is a problem (evaluated, it would mean what
  // nobody wrote), and reads as matching nothing.
  LabelSelector selector_at(const json& value, const std::string& pointer) {
    if (value.is_null()) return {};  // absent: every one, as np-guard reads it
    auto selector = k8s::parse_selector(value);
    std::optional<std::string> why =
        selector ? selector_problem(*selector)
                 : std::optional<std::string>(
                       "invalid label selector (an object of matchLabels and matchExpressions with In, NotIn, "
                       "Exists or DoesNotExist)");
    if (!why) return *selector;
    problem(pointer, *why);
    return LabelSelector{{}, {{"netobs.io/invalid-selector", SelectorOperator::exists, {}}}};
  }

  // `namespaces: S` or `pods: {namespaceSelector, podSelector}`; nullopt unless exactly one is set.
  std::optional<TieredPods> pods_of(const json& value, int& fields, const std::string& pointer) {
    std::optional<TieredPods> out;
    if (const json& ns = field(value, "namespaces"); !ns.is_null()) {
      ++fields;
      out = TieredPods{selector_at(ns, pointer + "/namespaces"), {}};
    }
    if (const json& pods = field(value, "pods"); !pods.is_null()) {
      ++fields;
      TieredPods p;
      p.namespace_selector = selector_at(field(pods, "namespaceSelector"), pointer + "/pods/namespaceSelector");
      p.pod_selector = selector_at(field(pods, "podSelector"), pointer + "/pods/podSelector");
      out = p;
    }
    return out;
  }

  void read_subject(const json& subject) {
    int fields = 0;
    auto pods = pods_of(subject, fields, "/spec/subject");
    if (fields != 1 || !pods) {
      problem("/spec/subject", "exactly one field must be set in a subject");
      return;
    }
    m_policy.subject = *pods;
  }

  TieredPeer read_peer(const json& value, PolicyType type, const std::string& pointer, const TieredRule& rule) {
    TieredPeer peer;
    int fields = 0;
    if (auto pods = pods_of(value, fields, pointer)) {
      peer.kind = TieredPeer::Kind::pods;
      peer.pods = *pods;
    }
    if (const json& nodes = field(value, "nodes"); !nodes.is_null()) {
      ++fields;
      peer.kind = TieredPeer::Kind::nodes;
      peer.node_selector = selector_at(nodes, pointer + "/nodes");
    }
    if (const json& networks = field(value, "networks"); !networks.is_null()) {
      ++fields;
      peer.kind = TieredPeer::Kind::networks;
      for (std::size_t i = 0; networks.is_array() && i < networks.size(); ++i) {
        const std::string text = networks[i].is_string() ? networks[i].get<std::string>() : "";
        IpBlock block = IpBlock::parse(text);
        if (!block.cidr_range) {
          rule_problem(fmt::format("{}/networks/{}", pointer, i), rule,
                       fmt::format("invalid CIDR address: '{}'", text));
        }
        peer.networks.push_back(std::move(block));
      }
    }
    if (const json& domains = field(value, "domainNames"); !domains.is_null()) {
      ++fields;
      peer.kind = TieredPeer::Kind::domain_names;
      if (!domains.is_array() || domains.empty()) rule_problem(pointer, rule, "domainNames must be a non-empty list");
      for (const auto& name : domains) {
        if (name.is_string() && valid_domain_name(name.get<std::string>())) {
          peer.domain_names.push_back(name.get<std::string>());
        } else {
          rule_problem(pointer, rule, fmt::format("{} is not a domain name", k8s::to_json_text(name)));
        }
      }
    }
    const bool egress_only = peer.kind != TieredPeer::Kind::pods && peer.kind != TieredPeer::Kind::invalid;
    if (fields != 1) {
      rule_problem(pointer, rule, "exactly one field must be set in a rule peer");
      peer.kind = TieredPeer::Kind::invalid;
    } else if (egress_only && type == PolicyType::ingress) {
      rule_problem(pointer, rule,
                   "exactly one field must be set in a rule peer: an ingress peer is namespaces or pods");
      peer.kind = TieredPeer::Kind::invalid;
    }
    return peer;
  }

  void read_port_range(TieredPort& port, long long first, long long last, const std::string& pointer,
                       const TieredRule& rule) {
    if (first < 1 || first > 65535 || last < 1 || last > 65535 || last < first) {
      rule_problem(pointer, rule,
                   fmt::format("illegal port range {}-{}: ports are 1-65535, start before end", first, last));
    }
    port.first = static_cast<int>(std::clamp(first, 0LL, 65536LL));
    port.last = static_cast<int>(std::clamp(last, 0LL, 65536LL));
  }

  static long long integer(const json& value) { return value.is_number_integer() ? value.get<long long>() : 0; }

  std::optional<TieredPort> read_port(const json& value, const std::string& pointer, const TieredRule& rule) {
    TieredPort port;
    int fields = 0;
    auto protocol_at = [&](const json& holder, const char* where) {
      const json& protocol = field(holder, "protocol");
      auto parsed = k8s::parse_protocol(protocol);
      if (!parsed) rule_problem(pointer + where, rule, "protocol must be TCP, UDP or SCTP");
      return parsed.value_or(Protocol::tcp);
    };
    if (m_dialect.protocols) {
      static constexpr std::pair<const char*, Protocol> k_protocols[] = {
          {"tcp", Protocol::tcp}, {"udp", Protocol::udp}, {"sctp", Protocol::sctp}};
      for (const auto& [key, protocol] : k_protocols) {
        const json& holder = field(value, key);
        if (holder.is_null()) continue;
        ++fields;
        port.protocol = protocol;
        const json& destination = field(holder, "destinationPort");
        if (const json& number = field(destination, "number"); !number.is_null()) {
          read_port_range(port, integer(number), integer(number), pointer, rule);
        } else if (const json& range = field(destination, "range"); !range.is_null()) {
          read_port_range(port, integer(field(range, "start")), integer(field(range, "end")), pointer, rule);
        } else {
          port.first = 1;
          port.last = 65535;
        }
      }
      if (const json& name = field(value, "destinationNamedPort"); name.is_string()) {
        ++fields;
        port.name = name.get<std::string>();
      }
    } else {
      if (const json& number = field(value, "portNumber"); !number.is_null()) {
        ++fields;
        port.protocol = protocol_at(number, "/portNumber");
        read_port_range(port, integer(field(number, "port")), integer(field(number, "port")), pointer, rule);
      }
      if (const json& range = field(value, "portRange"); !range.is_null()) {
        ++fields;
        port.protocol = protocol_at(range, "/portRange");
        read_port_range(port, integer(field(range, "start")), integer(field(range, "end")), pointer, rule);
      }
      if (const json& name = field(value, "namedPort"); !name.is_null()) {
        ++fields;
        port.name = name.is_string() ? name.get<std::string>() : "";
      }
    }
    if (fields != 1) {
      rule_problem(pointer, rule,
                   m_dialect.protocols ? "exactly one field must be set in a protocols item"
                                       : "exactly one field must be set in an AdminNetworkPolicyPort");
      return std::nullopt;
    }
    return port;
  }

  std::optional<TieredAction> action_of(const std::string& word) const {
    if (word == m_dialect.allow_word) return TieredAction::allow;
    if (word == "Deny") return TieredAction::deny;
    if (word == "Pass" && !m_dialect.baseline_v1alpha1) return TieredAction::pass;
    return std::nullopt;
  }

  std::vector<TieredRule> read_rules(const json& rules, const std::string& pointer, PolicyType type) {
    std::vector<TieredRule> out;
    if (!rules.is_array()) return out;
    const char* peers_key = type == PolicyType::ingress ? "from" : "to";
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const json& value = rules[i];
      const std::string here = fmt::format("{}/{}", pointer, i);
      TieredRule rule;
      rule.name = k8s::string_at(value, "name");
      rule.location = at(here);
      const std::string word = k8s::string_at(value, "action");
      if (auto action = action_of(word)) {
        rule.action = *action;
      } else {
        rule_problem(here + "/action", rule,
                     fmt::format("unrecognized action '{}': the action is {}, Deny{}", word, m_dialect.allow_word,
                                 m_dialect.baseline_v1alpha1 ? "" : " or Pass"));
      }
      const json& peers = field(value, peers_key);
      if (!peers.is_array() || peers.empty()) {
        rule_problem(here, rule, fmt::format("{} field must be defined and contain at least one item", peers_key));
      }
      for (std::size_t p = 0; peers.is_array() && p < peers.size(); ++p) {
        rule.peers.push_back(read_peer(peers[p], type, fmt::format("{}/{}/{}", here, peers_key, p), rule));
      }
      const char* ports_key = m_dialect.protocols ? "protocols" : "ports";
      if (const json& ports = field(value, ports_key); ports.is_array()) {
        rule.ports.emplace();
        for (std::size_t p = 0; p < ports.size(); ++p) {
          if (auto port = read_port(ports[p], fmt::format("{}/{}/{}", here, ports_key, p), rule)) {
            rule.ports->push_back(*port);
          }
        }
      }
      if (rule.has_domain_names() && rule.action != TieredAction::allow) {
        rule_problem(here, rule,
                     fmt::format("domainNames peers are allowed only with action {}", m_dialect.allow_word));
      }
      out.push_back(std::move(rule));
    }
    return out;
  }

  const ManifestObject& m_object;
  const Dialect& m_dialect;
  TieredPolicy& m_policy;
};

}  // namespace

bool is_tiered_policy_kind(const std::string& api_version, const std::string& kind) {
  return dialect_of(api_version, kind).has_value();
}

TieredPolicy parse_tiered_policy(const ManifestObject& object) {
  const json& value = object.value();
  TieredPolicy policy;
  policy.api_version = k8s::string_at(value, "apiVersion");
  policy.kind = object.kind;
  policy.name = k8s::string_at(field(value, "metadata"), "name");
  policy.location = object.document->location(object.pointer);
  policy.as_written = k8s::object_as_written(object.value());
  const auto dialect = dialect_of(policy.api_version, policy.kind);
  if (!dialect) return policy;
  Reader(object, *dialect, policy).read();
  return policy;
}

}  // namespace netobs
