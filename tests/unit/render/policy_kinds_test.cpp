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
#include "testutil/policy_facts.hpp"

namespace netobs {
namespace {

using nlohmann::json;
using testing::Facts;
using testing::model_facts;
using testing::written_facts;
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
                 AllowEntry{peer(AllowPeerKind::ingress_proxy), {{Protocol::tcp, 8080}}, {}, false},
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

const std::vector<std::pair<OutputKind, const char*>> k_output_kinds{
    {OutputKind::networkpolicy, "networkpolicy"},
    {OutputKind::cilium, "cilium"},
    {OutputKind::eks, "eks"},
    {OutputKind::clusternetworkpolicy, "clusternetworkpolicy"}};

void expect_exact_translation(const PolicyModel& model) {
  for (const auto& [kind, name] : k_output_kinds) {
    std::set<std::string> cluster_kinds;
    const Facts written = written_facts(model, kind, cluster_kinds);
    const Facts expected = model_facts(model, kind);
    for (const auto& fact : expected) {
      EXPECT_TRUE(written.contains(fact)) << name << " dropped " << testing::describe(fact);
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
