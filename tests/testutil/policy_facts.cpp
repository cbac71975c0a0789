#include "testutil/policy_facts.hpp"

#include <fmt/format.h>
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
      if (cilium) out = {"entity host", "entity remote-node"};
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

void cilium_facts(const json& doc, Facts& out) {
  const std::string ns = doc["metadata"]["namespace"];
  const std::string policy = ns + "/" + doc["metadata"]["name"].get<std::string>();
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

}  // namespace

Facts written_facts(const PolicyModel& model, OutputKind kind, std::set<std::string>& cluster_kinds) {
  const json list = json::parse(render_recommendation(model, kind, OutputFormat::json));
  Facts out;
  for (const auto& doc : list["items"]) {
    const std::string doc_kind = doc["kind"];
    if (!doc["metadata"].contains("namespace")) {
      cluster_kinds.insert(doc["apiVersion"].get<std::string>() + " " + doc_kind);
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
