// Each output kind carries exactly the model's allow entries: the written documents are read back
// (independently of the writers) into (policy, direction, peer, port) facts and compared with the
// model's own, so a rule dropped, a peer lost, or peers with different ports merged into one rule
// (which would widen both) fails. Peers a kind names its own way are compared in its vocabulary.
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <netobs/policy_model.hpp>
#include <netobs/render.hpp>

#include "testutil/pipeline.hpp"

namespace netobs {
namespace {

using nlohmann::json;
using Fact = std::tuple<std::string, std::string, std::string, std::string>;  // policy, in|out, peer, port
using Facts = std::set<Fact>;

const char* k_ns_label = "k8s:io.kubernetes.pod.namespace";

std::string selector_text(json selector) {
  if (selector.is_null()) selector = json::object();
  if (selector.contains("matchLabels")) selector["matchLabels"].erase(k_ns_label);
  if (selector.contains("matchLabels") && selector["matchLabels"].empty()) selector.erase("matchLabels");
  return selector.dump();
}

std::string selector_text(const LabelSelector& selector) {
  json out = json::object();
  for (const auto& [key, value] : selector.match_labels) out["matchLabels"][key] = value;
  return selector_text(out);
}

std::string pods(const std::string& ns, const std::string& selector) { return fmt::format("pods {} {}", ns, selector); }

// --- what the model says, in each kind's vocabulary ---

std::vector<std::string> model_peers(const AllowPeer& peer, OutputKind kind) {
  const bool cilium = kind == OutputKind::cilium;
  std::vector<std::string> out;
  switch (peer.kind) {
    case AllowPeerKind::workload:
      out.push_back(pods(peer.workload.namespace_name, selector_text(peer.selector)));
      break;
    case AllowPeerKind::every_pod:
      out.emplace_back("every-pod");
      break;
    case AllowPeerKind::nodes:
      if (cilium) out = {"entity host", "entity remote-node"};
      break;  // networking/v1 cannot name nodes: no rule, by design
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

std::string port_text(Protocol protocol, int port) { return fmt::format("{}/{}", to_string(protocol), port); }

Facts model_facts(const PolicyModel& model, OutputKind kind) {
  Facts out;
  for (const auto& list : model.workloads) {
    const std::string policy = list.workload.namespace_name + "/" + list.name;
    for (const auto& [direction, entries] : {std::pair{"in", &list.ingress}, std::pair{"out", &list.egress}}) {
      for (const auto& entry : *entries) {
        for (const auto& peer : model_peers(entry.peer, kind)) {
          for (const auto& [protocol, port] : entry.ports)
            out.emplace(policy, direction, peer, port_text(protocol, port));
        }
      }
    }
    if (list.resolves_names && model.dns) {
      std::vector<std::string> peers{pods(model.dns->namespace_name, selector_text(model.dns->selector))};
      for (const auto& ip : model.dns->ips) peers.push_back("cidr " + to_string(host_cidr(ip)));
      for (const auto& peer : peers) {
        for (const auto& [protocol, port] : dns_port_keys())
          out.emplace(policy, "out", peer, port_text(protocol, port));
      }
    }
  }
  return out;
}

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
          peers.push_back(pods(peer_ns, selector_text(peer["podSelector"])));
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
        if (selector.contains("matchExpressions")) {
          EXPECT_EQ(selector["matchExpressions"][0]["operator"], "Exists") << policy;
          peers.emplace_back("every-pod");
          continue;
        }
        const auto& labels = selector.value("matchLabels", json::object());
        peers.push_back(
            pods(labels.contains(k_ns_label) ? labels[k_ns_label].get<std::string>() : ns, selector_text(selector)));
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

// A model with every kind of peer, the DNS server's own entries and a default deny.
PolicyModel every_peer_model() {
  auto peer = [](AllowPeerKind kind) {
    AllowPeer out;
    out.kind = kind;
    return out;
  };
  AllowPeer db = peer(AllowPeerKind::workload);
  db.workload = WorkloadRef{"shop", "StatefulSet", "db"};
  db.selector = LabelSelector{{{"app", "db"}}, {}};
  AllowPeer pay = peer(AllowPeerKind::workload);
  pay.workload = WorkloadRef{"pay", "Deployment", "api"};
  pay.selector = LabelSelector{{{"app", "pay"}}, {}};
  AllowPeer s3 = peer(AllowPeerKind::address);
  s3.cidrs = {*parse_cidr("52.216.0.0/15")};
  AllowPeer api = peer(AllowPeerKind::apiserver);
  api.cidrs = {*parse_cidr("10.100.0.1/32")};
  AllowPeer names = peer(AllowPeerKind::domains);
  names.domains = {"api.stripe.com"};
  names.cidrs = {*parse_cidr("203.0.113.5/32"), *parse_cidr("203.0.113.6/32")};
  const std::set<PortKey> https{{Protocol::tcp, 443}};

  WorkloadAllowList web;
  web.workload = WorkloadRef{"shop", "Deployment", "web"};
  web.name = "web-netobs";
  web.selector = LabelSelector{{{"app", "web"}}, {}};
  web.ingress = {AllowEntry{peer(AllowPeerKind::nodes), {{Protocol::tcp, 8080}}, {}, false},
                 AllowEntry{pay, {{Protocol::tcp, 8080}, {Protocol::tcp, 9090}}, {}, false}};
  web.egress = {AllowEntry{db, {{Protocol::tcp, 5432}}, {}, false},
                AllowEntry{pay, https, {}, false},
                AllowEntry{s3, https, {}, false},
                AllowEntry{api, https, {}, false},
                AllowEntry{names, https, {}, false},
                AllowEntry{peer(AllowPeerKind::nodes), {{Protocol::udp, 8125}}, {}, false}};
  web.resolves_names = true;

  WorkloadAllowList dns;
  dns.workload = WorkloadRef{"kube-system", "Deployment", "coredns"};
  dns.name = "coredns-netobs";
  dns.selector = LabelSelector{{{"k8s-app", "kube-dns"}}, {}};
  const std::set<PortKey> dns_ports(dns_port_keys().begin(), dns_port_keys().end());
  AllowPeer upstream = peer(AllowPeerKind::address);
  upstream.cidrs = {*parse_cidr("169.254.169.253/32")};
  dns.ingress = {AllowEntry{peer(AllowPeerKind::every_pod), dns_ports, {}, true}};
  dns.egress = {AllowEntry{api, https, {}, false}, AllowEntry{upstream, dns_ports, {}, true}};
  dns.resolves_names = true;

  PolicyModel model;
  model.workloads = {dns, web};
  model.dns = ClusterDns{"kube-system", LabelSelector{{{"k8s-app", "kube-dns"}}, {}}, {*parse_ip("169.254.20.10")}};
  model.default_deny = {"kube-system", "shop"};
  return model;
}

const std::vector<std::pair<OutputKind, const char*>> k_kinds{
    {OutputKind::networkpolicy, "networkpolicy"},
    {OutputKind::cilium, "cilium"},
    {OutputKind::eks, "eks"},
    {OutputKind::clusternetworkpolicy, "clusternetworkpolicy"}};

void expect_exact_translation(const PolicyModel& model) {
  for (const auto& [kind, name] : k_kinds) {
    std::set<std::string> cluster_kinds;
    const Facts written = written_facts(model, kind, cluster_kinds);
    const Facts expected = model_facts(model, kind);
    for (const auto& fact : expected) {
      EXPECT_TRUE(written.contains(fact)) << name << " dropped " << std::get<0>(fact) << " " << std::get<1>(fact) << " "
                                          << std::get<2>(fact) << " " << std::get<3>(fact);
    }
    for (const auto& fact : written) {
      EXPECT_TRUE(expected.contains(fact)) << name << " widened " << std::get<0>(fact) << " " << std::get<1>(fact)
                                           << " " << std::get<2>(fact) << " " << std::get<3>(fact);
    }
    EXPECT_GT(expected.size(), 10U) << name;
  }
}

TEST(PolicyKinds, EveryKindCarriesExactlyTheModelsEntries) { expect_exact_translation(every_peer_model()); }

TEST(PolicyKinds, TheSampleScenarioTranslatesExactly) {
  const std::string samples = std::string(NETOBS_SOURCE_DIR) + "/samples/flows";
  Inventory inventory;
  ASSERT_TRUE(inventory.load_file(samples + "/inventory.json"));
  IngestOptions ingest;
  ingest.exclude.push_back(samples + "/inventory.json");
  RecommendOptions options;
  options.default_deny = DefaultDeny::yes;
  const auto result = testing::run_pipeline({samples}, inventory, options, ingest);
  ASSERT_FALSE(result.recommendation.model.workloads.empty());
  expect_exact_translation(result.recommendation.model);
}

TEST(PolicyKinds, DefaultDenyIsOnePieceForTheClusterKinds) {
  const PolicyModel model = every_peer_model();
  std::set<std::string> cilium;
  written_facts(model, OutputKind::cilium, cilium);
  EXPECT_EQ(cilium, (std::set<std::string>{"cilium.io/v2 CiliumClusterwideNetworkPolicy"}));
  std::set<std::string> eks;
  written_facts(model, OutputKind::eks, eks);
  EXPECT_EQ(eks, (std::set<std::string>{"networking.k8s.aws/v1alpha1 ClusterNetworkPolicy"}));
  std::set<std::string> upstream;
  written_facts(model, OutputKind::clusternetworkpolicy, upstream);
  EXPECT_EQ(upstream, (std::set<std::string>{"policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy"}));

  const json list = json::parse(render_recommendation(model, OutputKind::eks, OutputFormat::json));
  std::vector<std::string> tiers;
  for (const auto& doc : list["items"]) {
    if (doc["kind"] == "ClusterNetworkPolicy") {
      tiers.push_back(
          fmt::format("{} {}", doc["spec"]["tier"].get<std::string>(), doc["metadata"]["name"].get<std::string>()));
      EXPECT_EQ(doc["spec"]["subject"]["namespaces"]["matchExpressions"][0]["values"], json({"kube-system", "shop"}));
    }
    // The domain rule stands alone in an ApplicationNetworkPolicy, for the one workload that has it.
    if (doc["kind"] == "ApplicationNetworkPolicy") {
      EXPECT_EQ(doc["metadata"]["name"], "web-netobs");
    }
  }
  EXPECT_EQ(tiers, (std::vector<std::string>{"Admin allow-dns-netobs", "Baseline default-deny-netobs"}));
  // networking/v1 keeps one deny-all per namespace instead.
  const json np = json::parse(render_recommendation(model, OutputKind::networkpolicy, OutputFormat::json));
  EXPECT_EQ(std::count_if(np["items"].begin(), np["items"].end(),
                          [](const json& doc) { return doc["metadata"]["name"] == "default-deny-netobs"; }),
            2);
}

}  // namespace
}  // namespace netobs
