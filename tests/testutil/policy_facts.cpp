#include "testutil/policy_facts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace netobs::testing {
namespace {

using nlohmann::json;

const char* k_namespace_label_key = "k8s:io.kubernetes.pod.namespace";

std::string selector_text(json selector) {
  if (selector.is_null()) selector = json::object();
  if (selector.contains("matchLabels")) selector["matchLabels"].erase(k_namespace_label_key);
  if (selector.contains("matchLabels") && selector["matchLabels"].empty()) selector.erase("matchLabels");
  return selector.dump();
}

std::string selector_text(const LabelSelector& selector) {
  json out = json::object();
  for (const auto& [key, value] : selector.match_labels) out["matchLabels"][key] = value;
  return selector_text(out);
}

std::string pods_fact(const std::string& ns, const std::string& selector) {
  return fmt::format("pods {} {}", ns, selector);
}

// --- what the model says, in each kind's vocabulary ---

std::vector<std::string> model_peers(const AllowPeer& peer, OutputKind kind) {
  const bool cilium = kind == OutputKind::cilium;
  std::vector<std::string> out;
  switch (peer.kind) {
    case AllowPeerKind::workload:
      out.push_back(pods_fact(peer.workload.namespace_name, selector_text(peer.selector)));
      break;
    case AllowPeerKind::every_pod:
      out.emplace_back("every-pod");
      break;
    case AllowPeerKind::nodes:
      if (cilium) out = {peer.node_scope == NodeScope::own_node ? "entity host" : "entity remote-node"};
      break;  // networking/v1 cannot name nodes: no rule, by design
    case AllowPeerKind::ingress_proxy:
      if (cilium) out.emplace_back("entity ingress");
      break;  // nor Cilium's ingress proxy: the summary says what to do
    case AllowPeerKind::apiserver:
      if (cilium) {
        out.emplace_back("entity kube-apiserver");
        break;
      }
      [[fallthrough]];
    case AllowPeerKind::address:
      for (const Cidr& cidr : peer.cidrs) out.push_back("cidr " + to_string(cidr));
      break;
    case AllowPeerKind::domains:
      if (cilium || kind == OutputKind::eks) {
        for (const auto& name : peer.domains) out.push_back("fqdn " + name);
      } else {
        for (const Cidr& cidr : peer.cidrs) out.push_back("cidr " + to_string(cidr));
      }
      break;
  }
  return out;
}

std::string port_fact(Protocol protocol, int port) { return fmt::format("{}/{}", to_string(protocol), port); }

// A cluster-scoped policy of the tiers (ClusterNetworkPolicy): its name, tier and the namespaces
// it applies to are one "policy" of its facts, whose direction carries the rule's action.
std::string cluster_policy(const std::string& name, const std::string& tier, const std::set<std::string>& namespaces) {
  return fmt::format("cluster {} {} [{}]", name, tier, fmt::join(namespaces, ","));
}
const char* k_every_port = "every port";

// What --default-deny adds as the cluster tiers (eks, clusternetworkpolicy): DNS for every pod of
// the denied namespaces in the Admin tier, and the deny of everything else in the Baseline tier.
void model_cluster_facts(const PolicyModel& model, OutputKind kind, Facts& out) {
  if (model.default_deny.empty() || (kind != OutputKind::eks && kind != OutputKind::clusternetworkpolicy)) return;
  if (model.dns) {
    const std::string policy = cluster_policy("allow-dns-netobs", "Admin", model.default_deny);
    std::vector<std::string> peers{pods_fact(model.dns->namespace_name, selector_text(model.dns->selector))};
    for (const auto& ip : model.dns->ips) peers.push_back("cidr " + to_string(host_cidr(ip)));
    for (const auto& peer : peers) {
      for (const auto& [protocol, port] : dns_port_keys())
        out.emplace(policy, "out Accept", peer, port_fact(protocol, port));
    }
  }
  const std::string deny = cluster_policy("default-deny-netobs", "Baseline", model.default_deny);
  out.emplace(deny, "in Deny", "every-pod", k_every_port);
  for (const char* peer : {"every-pod", "cidr 0.0.0.0/0", "cidr ::/0"})
    out.emplace(deny, "out Deny", peer, k_every_port);
}

}  // namespace

Facts model_facts(const PolicyModel& model, OutputKind kind) {
  Facts out;
  for (const auto& list : model.workloads) {
    const std::string policy = list.workload.namespace_name + "/" + list.name;
    for (const auto& [direction, entries] : {std::pair{"in", &list.ingress}, std::pair{"out", &list.egress}}) {
      for (const auto& entry : *entries) {
        for (const auto& peer : model_peers(entry.peer, kind)) {
          for (const auto& [protocol, port] : entry.ports)
            out.emplace(policy, direction, peer, port_fact(protocol, port));
        }
      }
    }
    if (list.resolves_names && model.dns) {
      std::vector<std::string> peers{pods_fact(model.dns->namespace_name, selector_text(model.dns->selector))};
      for (const auto& ip : model.dns->ips) peers.push_back("cidr " + to_string(host_cidr(ip)));
      for (const auto& peer : peers) {
        for (const auto& [protocol, port] : dns_port_keys())
          out.emplace(policy, "out", peer, port_fact(protocol, port));
      }
    }
  }
  model_cluster_facts(model, kind, out);
  return out;
}

namespace {

// --- what the documents say ---

std::vector<std::string> port_list(const json& ports, const char* port_key) {
  std::vector<std::string> out;
  for (const auto& port : ports) {
    const json& number = port.at(port_key);
    const int value = number.is_string() ? std::stoi(number.get<std::string>()) : number.get<int>();
    out.push_back(fmt::format("{}/{}", port.value("protocol", "TCP"), value));
  }
  return out;
}

void add_facts(Facts& out, const std::string& policy, const char* direction, const std::vector<std::string>& peers,
               const std::vector<std::string>& ports) {
  EXPECT_FALSE(peers.empty()) << policy << ": a rule without peers allows every peer";
  EXPECT_FALSE(ports.empty()) << policy << ": a rule without ports allows every port";
  for (const auto& peer : peers) {
    for (const auto& port : ports) out.emplace(policy, direction, peer, port);
  }
}

// NetworkPolicy and ApplicationNetworkPolicy.
void network_policy_facts(const json& doc, Facts& out) {
  const std::string ns = doc["metadata"]["namespace"];
  const std::string policy = ns + "/" + doc["metadata"]["name"].get<std::string>();
  for (const auto& [section, key, direction] :
       {std::tuple{"ingress", "from", "in"}, std::tuple{"egress", "to", "out"}}) {
    for (const auto& rule : doc["spec"].value(section, json::array())) {
      std::vector<std::string> peers;
      for (const auto& peer : rule.value(key, json::array())) {
        if (peer.contains("ipBlock")) {
          peers.push_back("cidr " + peer["ipBlock"]["cidr"].get<std::string>());
        } else if (peer.contains("domainNames")) {
          for (const auto& name : peer["domainNames"]) peers.push_back("fqdn " + name.get<std::string>());
        } else if (peer.contains("namespaceSelector") && !peer.contains("podSelector")) {
          EXPECT_EQ(peer["namespaceSelector"], json::object()) << policy;
          peers.emplace_back("every-pod");
        } else {
          const std::string peer_ns =
              peer.contains("namespaceSelector")
                  ? peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"].get<std::string>()
                  : ns;
          peers.push_back(pods_fact(peer_ns, selector_text(peer["podSelector"])));
        }
      }
      add_facts(out, policy, direction, peers, port_list(rule.value("ports", json::array()), "port"));
    }
  }
}

// CiliumNetworkPolicy, and CiliumClusterwideNetworkPolicy (no namespace: "cluster NAME").
void cilium_facts(const json& doc, Facts& out) {
  const std::string ns = doc["metadata"].value("namespace", "");
  const std::string name = doc["metadata"]["name"];
  const std::string policy = ns.empty() ? "cluster " + name : ns + "/" + name;
  for (const auto& [section, prefix, direction] :
       {std::tuple{"ingress", "from", "in"}, std::tuple{"egress", "to", "out"}}) {
    for (const auto& rule : doc["spec"].value(section, json::array())) {
      if (rule.empty()) continue;  // `{}`: default deny, allows nothing
      std::vector<std::string> peers;
      for (const auto& selector : rule.value(std::string(prefix) + "Endpoints", json::array())) {
        const json every_namespace = {{"key", k_namespace_label_key}, {"operator", "Exists"}};
        if (selector.contains("matchExpressions") && selector["matchExpressions"].size() == 1 &&
            selector["matchExpressions"][0] == every_namespace) {
          peers.emplace_back("every-pod");
          continue;
        }
        const auto& labels = selector.value("matchLabels", json::object());
        peers.push_back(
            pods_fact(labels.contains(k_namespace_label_key) ? labels[k_namespace_label_key].get<std::string>() : ns,
                      selector_text(selector)));
      }
      for (const auto& entity : rule.value(std::string(prefix) + "Entities", json::array())) {
        peers.push_back("entity " + entity.get<std::string>());
      }
      for (const auto& cidr : rule.value(std::string(prefix) + "CIDR", json::array()))
        peers.push_back("cidr " + cidr.get<std::string>());
      for (const auto& fqdn : rule.value("toFQDNs", json::array()))
        peers.push_back("fqdn " + fqdn["matchName"].get<std::string>());
      std::vector<std::string> ports;
      for (const auto& to_port : rule.value("toPorts", json::array())) {
        for (const auto& port : port_list(to_port["ports"], "port")) ports.push_back(port);
      }
      add_facts(out, policy, direction, peers, ports);
    }
  }
}

// ClusterNetworkPolicy of either API (networking.k8s.aws's `ports` of `portNumber`, upstream's
// `protocols`): every rule, Deny included, with its action; what is not understood is kept as
// "?" text, so it cannot match the model.
std::vector<std::string> cluster_ports(const json& rule) {
  std::vector<std::string> out;
  for (const auto& port : rule.value("ports", json::array())) {
    const json& number = port.value("portNumber", json::object());
    out.push_back(number.contains("port")
                      ? fmt::format("{}/{}", number.value("protocol", "TCP"), number["port"].get<int>())
                      : "? " + port.dump());
  }
  for (const auto& protocols : rule.value("protocols", json::array())) {
    for (const auto& [protocol, port] : protocols.items()) {
      std::string upper = protocol;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.push_back(port.contains("destinationPort")
                        ? fmt::format("{}/{}", upper, port["destinationPort"].value("number", 0))
                        : "? " + protocols.dump());
    }
  }
  if (out.empty()) out.emplace_back(k_every_port);
  return out;
}

std::vector<std::string> cluster_peers(const json& peers) {
  std::vector<std::string> out;
  for (const auto& peer : peers) {
    if (peer.contains("namespaces") && peer["namespaces"] == json::object()) {
      out.emplace_back("every-pod");
    } else if (peer.contains("pods")) {
      const json& namespaces =
          peer["pods"].value("namespaceSelector", json::object()).value("matchLabels", json::object());
      out.push_back(
          namespaces.size() == 1 && namespaces.contains("kubernetes.io/metadata.name")
              ? pods_fact(namespaces["kubernetes.io/metadata.name"], selector_text(peer["pods"]["podSelector"]))
              : "? " + peer.dump());
    } else if (peer.contains("networks")) {
      for (const auto& cidr : peer["networks"]) out.push_back("cidr " + cidr.get<std::string>());
    } else {
      out.push_back("? " + peer.dump());
    }
  }
  return out;
}

void cluster_tier_facts(const json& doc, Facts& out) {
  // The subject: the namespaces by name, the only form netobs writes.
  std::set<std::string> namespaces;
  const json& expressions =
      doc["spec"]["subject"].value("namespaces", json::object()).value("matchExpressions", json::array());
  if (expressions.size() == 1 && expressions[0].value("key", "") == "kubernetes.io/metadata.name" &&
      expressions[0].value("operator", "") == "In") {
    namespaces = expressions[0]["values"].get<std::set<std::string>>();
  } else {
    namespaces.insert("? " + doc["spec"]["subject"].dump());
  }
  const std::string policy = cluster_policy(doc["metadata"]["name"], doc["spec"].value("tier", "?"), namespaces);
  for (const auto& [section, key, direction] :
       {std::tuple{"ingress", "from", "in"}, std::tuple{"egress", "to", "out"}}) {
    for (const auto& rule : doc["spec"].value(section, json::array())) {
      const std::string action = fmt::format("{} {}", direction, rule.value("action", "?"));
      for (const auto& peer : cluster_peers(rule.value(key, json::array()))) {
        for (const auto& port : cluster_ports(rule)) out.emplace(policy, action, peer, port);
      }
    }
  }
}

}  // namespace

Facts written_facts(const PolicyModel& model, OutputKind kind, std::set<std::string>& cluster_kinds) {
  const json list = json::parse(render_recommendation(model, kind, OutputFormat::json));
  Facts out;
  for (const auto& doc : list["items"]) {
    const std::string doc_kind = doc["kind"];
    if (!doc["metadata"].contains("namespace")) {
      cluster_kinds.insert(doc["apiVersion"].get<std::string>() + " " + doc_kind);
      if (doc_kind == "ClusterNetworkPolicy") {
        cluster_tier_facts(doc, out);
      } else {
        cilium_facts(doc, out);  // CiliumClusterwideNetworkPolicy: its default deny allows nothing
      }
    } else if (doc_kind == "CiliumNetworkPolicy") {
      cilium_facts(doc, out);
    } else if (doc["spec"]["podSelector"] == json::object() && !doc["spec"].contains("ingress")) {
      continue;  // networking/v1's deny-all: no rules
    } else {
      network_policy_facts(doc, out);
    }
  }
  return out;
}

std::string describe(const Fact& fact) {
  return fmt::format("{} {} {} {}", std::get<0>(fact), std::get<1>(fact), std::get<2>(fact), std::get<3>(fact));
}

}  // namespace netobs::testing
