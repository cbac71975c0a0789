#include "manifest/cilium_parse.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "util/k8s_json.hpp"
#include "util/k8s_names.hpp"

namespace netobs {
namespace {

using k8s::field;
using nlohmann::json;

// The entities of the CRD's enum.
constexpr std::array<const char*, 11> k_cilium_entities = {"all",    "world",   "cluster",       "host",
                                                           "init",   "ingress", "unmanaged",     "remote-node",
                                                           "health", "none",    "kube-apiserver"};

// A selector key as the pod's Cilium labels carry it: a key without a source (or with `any:`)
// matches the `k8s:` label of that name; other sources (`reserved:`, `container:`) stay apart and
// match no pod label.
std::string cilium_key(const std::string& key) {
  if (key.starts_with("any:")) return "k8s:" + key.substr(4);
  if (key.find(':') == std::string::npos) return "k8s:" + key;
  return key;
}

LabelSelector to_cilium_keys(const LabelSelector& selector) {
  LabelSelector out;
  for (const auto& [key, value] : selector.match_labels) out.match_labels[cilium_key(key)] = value;
  for (auto requirement : selector.match_expressions) {
    requirement.key = cilium_key(requirement.key);
    out.match_expressions.push_back(std::move(requirement));
  }
  return out;
}

bool names_namespace(const LabelSelector& selector) {
  return selector.match_labels.contains(k_cilium_namespace_key) ||
         std::any_of(selector.match_expressions.begin(), selector.match_expressions.end(),
                     [](const SelectorRequirement& r) { return r.key == k_cilium_namespace_key; });
}

// A port name as Kubernetes allows it (IANA service name): lowercase letters, digits and '-'.
bool is_port_name(const std::string& text) {
  return !text.empty() && text.size() <= 15 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }) && std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

class CiliumReader {
 public:
  // `base` is where the spec read is: "/spec", or "/specs/N" for one of a policy's list of specs.
  CiliumReader(const ManifestObject& object, CiliumPolicy& policy, std::string base)
      : m_object(object), m_policy(policy), m_base(std::move(base)) {}

  void read(const json& spec) {
    if (!spec.is_object()) {
      problem(m_base, "a spec must be an object");
      return;
    }
    read_subject(spec);
    m_policy.ingress = read_rules(field(spec, "ingress"), m_base + "/ingress", PolicyType::ingress, false);
    m_policy.egress = read_rules(field(spec, "egress"), m_base + "/egress", PolicyType::egress, false);
    m_policy.ingress_deny = read_rules(field(spec, "ingressDeny"), m_base + "/ingressDeny", PolicyType::ingress, true);
    m_policy.egress_deny = read_rules(field(spec, "egressDeny"), m_base + "/egressDeny", PolicyType::egress, true);
    const json& defaults = field(spec, "enableDefaultDeny");
    if (const json& in = field(defaults, "ingress"); in.is_boolean()) m_policy.default_deny_ingress = in.get<bool>();
    if (const json& out = field(defaults, "egress"); out.is_boolean()) m_policy.default_deny_egress = out.get<bool>();
  }

 private:
  SourceLocation at(const std::string& pointer) const {
    return m_object.document->location(m_object.pointer + pointer);
  }
  void problem(const std::string& pointer, const std::string& message) {
    m_policy.problems.push_back({at(pointer), fmt::format("{}: {}", describe(m_policy), message)});
  }

  // A selector with Cilium keys; a namespaced policy's that names no namespace gets its own.
  std::optional<LabelSelector> selector_at(const json& value, const std::string& pointer) {
    auto selector = k8s::parse_selector(value);
    if (!selector) {
      problem(pointer,
              "invalid label selector (an object of matchLabels and matchExpressions with In, NotIn, "
              "Exists or DoesNotExist)");
      return std::nullopt;
    }
    if (auto why = selector_problem(*selector, true)) problem(pointer, *why);
    LabelSelector out = to_cilium_keys(*selector);
    if (!m_policy.namespace_name.empty() && !names_namespace(out)) {
      out.match_labels[k_cilium_namespace_key] = m_policy.namespace_name;
    }
    return out;
  }

  void read_subject(const json& spec) {
    const json& endpoints = field(spec, "endpointSelector");
    const bool nodes = !field(spec, "nodeSelector").is_null();
    if (nodes && m_policy.namespace_name.empty() && endpoints.is_null()) {
      m_policy.selects_nodes = true;  // a host policy: it selects nodes, no pod
      return;
    }
    if (endpoints.is_null() == !nodes || (nodes && !m_policy.namespace_name.empty())) {
      problem(m_base, m_policy.namespace_name.empty()
                          ? "exactly one of endpointSelector and nodeSelector must be set"
                          : "endpointSelector must be set (nodeSelector is for the clusterwide kind)");
    }
    if (endpoints.is_null()) return;
    if (auto selector = selector_at(endpoints, m_base + "/endpointSelector")) m_policy.endpoint_selector = *selector;
  }

  void read_cidr(const std::string& text, std::vector<std::string> except, const std::string& pointer,
                 CiliumRule& rule) {
    IpBlock block = IpBlock::parse(text, std::move(except));
    if (!block.cidr_range) problem(pointer, fmt::format("invalid CIDR '{}'", text));
    for (std::size_t i = 0; i < block.except_ranges.size(); ++i) {
      if (!block.except_ranges[i])
        problem(pointer + "/except", fmt::format("invalid CIDR '{}' in except", block.except[i]));
    }
    rule.cidrs.push_back(std::move(block));
  }

  std::optional<CiliumPort> read_port(const json& value, const std::string& pointer) {
    CiliumPort port;
    const std::string protocol = value.contains("protocol") ? k8s::string_at(value, "protocol") : "ANY";
    if (protocol == "ANY") {
      port.protocols = {Protocol::tcp, Protocol::udp, Protocol::sctp};
    } else if (auto parsed = k8s::parse_protocol(field(value, "protocol"))) {
      port.protocols = {*parsed};
    } else {
      problem(pointer + "/protocol", fmt::format("protocol must be TCP, UDP, SCTP or ANY, not '{}'", protocol));
      return std::nullopt;
    }
    const json& number = field(value, "port");
    const std::string text = number.is_string()           ? number.get<std::string>()
                             : number.is_number_integer() ? std::to_string(number.get<long long>())
                                                          : "";
    long long first = 0;
    if (text.empty()) {
      first = 0;
    } else if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), first);
               error != std::errc() || end != text.data() + text.size()) {
      if (!is_port_name(text)) {
        problem(pointer + "/port", fmt::format("invalid port '{}': a number 0-65535 or a port name", text));
        return std::nullopt;
      }
      port.name = text;
      return port;
    }
    if (first < 0 || first > 65535) {
      problem(pointer + "/port", fmt::format("invalid port '{}': a number 0-65535 or a port name", text));
      return std::nullopt;
    }
    const json& end_port = field(value, "endPort");
    const long long last = end_port.is_number_integer() ? end_port.get<long long>() : first;
    if (last < first || last > 65535) {
      problem(pointer + "/endPort",
              fmt::format("invalid endPort {}: it is at most 65535 and not below port {}", last, first));
      return std::nullopt;
    }
    if (first != 0) {  // port 0 (or none) is every port
      port.first = static_cast<int>(first);
      port.last = static_cast<int>(last);
    }
    return port;
  }

  void read_to_ports(const json& value, const std::string& pointer, bool deny, CiliumRule& rule) {
    if (value.is_null()) return;
    rule.to_ports.emplace();
    for (std::size_t i = 0; value.is_array() && i < value.size(); ++i) {
      const std::string here = fmt::format("{}/{}", pointer, i);
      CiliumPortRule item;
      const json& ports = field(value[i], "ports");
      for (std::size_t p = 0; ports.is_array() && p < ports.size(); ++p) {
        if (auto port = read_port(ports[p], fmt::format("{}/ports/{}", here, p))) item.ports.push_back(*port);
      }
      item.has_l7_rules = !field(value[i], "rules").is_null();
      if (item.has_l7_rules && deny) problem(here + "/rules", "a deny rule cannot carry L7 rules");
      rule.to_ports->push_back(std::move(item));
    }
  }

  std::vector<CiliumRule> read_rules(const json& rules, const std::string& pointer, PolicyType type, bool deny) {
    std::vector<CiliumRule> out;
    if (!rules.is_array()) return out;
    const std::string side = type == PolicyType::ingress ? "from" : "to";
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const json& value = rules[i];
      const std::string here = fmt::format("{}/{}", pointer, i);
      CiliumRule rule;
      rule.location = at(here);
      std::vector<std::string> l3_fields;  // Cilium rejects a rule that combines two
      auto list = [&](const std::string& key) -> const json& {
        const json& item = field(value, key.c_str());
        if (item.is_array() && !item.empty()) l3_fields.push_back(key);
        return item;
      };
      const json& endpoints = list(side + "Endpoints");
      for (std::size_t e = 0; endpoints.is_array() && e < endpoints.size(); ++e) {
        if (auto selector = selector_at(endpoints[e], fmt::format("{}/{}Endpoints/{}", here, side, e)))
          rule.endpoints.push_back(*selector);
      }
      const json& entities = list(side + "Entities");
      for (std::size_t e = 0; entities.is_array() && e < entities.size(); ++e) {
        const std::string name = entities[e].is_string() ? entities[e].get<std::string>() : "";
        if (std::find(k_cilium_entities.begin(), k_cilium_entities.end(), name) == k_cilium_entities.end()) {
          problem(fmt::format("{}/{}Entities/{}", here, side, e), fmt::format("unknown entity '{}'", name));
        }
        rule.entities.push_back(name);
      }
      const json& cidrs = list(side + "CIDR");
      for (std::size_t c = 0; cidrs.is_array() && c < cidrs.size(); ++c) {
        read_cidr(cidrs[c].is_string() ? cidrs[c].get<std::string>() : "", {},
                  fmt::format("{}/{}CIDR/{}", here, side, c), rule);
      }
      const json& sets = list(side + "CIDRSet");
      for (std::size_t c = 0; sets.is_array() && c < sets.size(); ++c) {
        std::vector<std::string> except;
        for (const auto& e : field(sets[c], "except")) except.push_back(e.is_string() ? e.get<std::string>() : "");
        read_cidr(k8s::string_at(sets[c], "cidr"), std::move(except), fmt::format("{}/{}CIDRSet/{}", here, side, c),
                  rule);
      }
      if (type == PolicyType::egress) {
        for (const auto& fqdn : field(value, "toFQDNs")) {
          if (const json& name = field(fqdn, "matchName"); name.is_string())
            rule.fqdn_names.push_back(name.get<std::string>());
          if (const json& pattern = field(fqdn, "matchPattern"); pattern.is_string())
            rule.fqdn_patterns.push_back(pattern.get<std::string>());
        }
      }
      for (const char* key : {"Groups", "Nodes", "FQDNs", "Services"}) {
        const std::string name = side + key;
        if (name == "fromFQDNs" || name == "fromServices") continue;  // egress only
        if (const json& item = list(name); item.is_array() && !item.empty()) rule.undecided.push_back(name);
      }
      rule.has_l3 = !l3_fields.empty();
      // fromRequires/toRequires narrows the endpoints selectors by labels the peer must also
      // carry (the policy's namespace included, as Cilium reads them).
      const json& required = field(value, (side + "Requires").c_str());
      for (std::size_t r = 0; required.is_array() && r < required.size(); ++r) {
        if (auto selector = selector_at(required[r], fmt::format("{}/{}Requires/{}", here, side, r)))
          rule.required.push_back(*selector);
      }
      if (l3_fields.size() > 1) {
        problem(here, fmt::format("combining {} and {} in one rule is not supported (write a rule for each)",
                                  l3_fields[0], l3_fields[1]));
      }
      read_to_ports(field(value, "toPorts"), here + "/toPorts", deny, rule);
      const json& icmps = field(value, "icmps");
      rule.has_icmps = icmps.is_array() && !icmps.empty();
      if (rule.has_icmps && !rule.to_ports) rule.to_ports.emplace();
      out.push_back(std::move(rule));
    }
    return out;
  }

  const ManifestObject& m_object;
  CiliumPolicy& m_policy;
  std::string m_base;
};

}  // namespace

bool is_cilium_policy_kind(const std::string& api_version, const std::string& kind) {
  return api_version == "cilium.io/v2" && (kind == "CiliumNetworkPolicy" || kind == "CiliumClusterwideNetworkPolicy");
}

std::vector<CiliumPolicy> parse_cilium_policy(const ManifestObject& object) {
  const json& value = object.value();
  const json& metadata = field(value, "metadata");
  CiliumPolicy base;
  base.api_version = k8s::string_at(value, "apiVersion");
  base.kind = object.kind;
  base.name = k8s::string_at(metadata, "name");
  if (base.kind == "CiliumNetworkPolicy") base.namespace_name = k8s::namespace_of(metadata);
  base.location = object.document->location(object.pointer);
  base.as_written = k8s::object_as_written(object.value());
  // A policy holds a `spec`, a list of `specs`, or both: each applies as a policy of its own.
  std::vector<CiliumPolicy> out;
  const json& specs = field(value, "specs");
  if (!field(value, "spec").is_null() || !specs.is_array() || specs.empty()) {
    out.push_back(base);
    CiliumReader(object, out.back(), "/spec").read(field(value, "spec"));
  }
  for (std::size_t i = 0; specs.is_array() && i < specs.size(); ++i) {
    out.push_back(base);
    out.back().part = fmt::format("specs[{}]", i);
    out.back().location = object.document->location(object.pointer + fmt::format("/specs/{}", i));
    CiliumReader(object, out.back(), fmt::format("/specs/{}", i)).read(specs[i]);
  }
  return out;
}

}  // namespace netobs
