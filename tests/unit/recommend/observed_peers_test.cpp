// Observed traffic with peers that are not pods reaches a policy, or is said to be left out:
// Cilium's dual-stack world identities, its other reserved identities, every API server endpoint,
// and public clients on ingress (tests/data/observed-peers: the same traffic as Hubble flows and
// as VPC flow logs).
#include <algorithm>
#include <filesystem>
#include <optional>

#include <gtest/gtest.h>

#include <netobs/recommend.hpp>

#include "testutil/pipeline.hpp"

namespace netobs {
namespace {

const std::filesystem::path k_data = std::filesystem::path(NETOBS_SOURCE_DIR) / "tests/data/observed-peers";

const Inventory& inventory() {
  static const Inventory loaded = [] {
    Inventory out;
    EXPECT_TRUE(out.load_file(k_data / "inventory.json"));
    return out;
  }();
  return loaded;
}

testing::PipelineResult run(const char* source, const RecommendOptions& options = {}) {
  return testing::run_pipeline({(k_data / source).string()}, inventory(), options, {}, {"10.0.0.0/16"});
}

const WorkloadAllowList* allow_list(const Recommendation& r, const std::string& workload) {
  for (const auto& list : r.model.workloads) {
    if (list.workload.name == workload) return &list;
  }
  return nullptr;
}

std::optional<AllowEntry> entry_of(const std::vector<AllowEntry>& entries, AllowPeerKind kind) {
  for (const auto& entry : entries) {
    if (entry.peer.kind == kind) return entry;
  }
  return std::nullopt;
}

std::vector<std::string> cidrs_of(const std::vector<AllowEntry>& entries, AllowPeerKind kind) {
  std::vector<std::string> out;
  for (const auto& entry : entries) {
    if (entry.peer.kind != kind) continue;
    for (const Cidr& cidr : entry.peer.cidrs) out.push_back(to_string(cidr));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool has_note(const Recommendation& r, const std::string& part) {
  return std::any_of(r.notes.begin(), r.notes.end(),
                     [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

TEST(ObservedPeers, DualStackWorldIdentitiesAreTheInternet) {
  const auto r = run("hubble.jsonl");
  const WorkloadAllowList* web = allow_list(r.recommendation, "web");
  ASSERT_TRUE(web);
  EXPECT_EQ(cidrs_of(web->egress, AllowPeerKind::address),
            (std::vector<std::string>{"1.1.1.1/32", "2606:4700::1111/128"}));
  EXPECT_FALSE(r.graph.report.cluster_unknown.contains(*parse_ip("1.1.1.1")));
}

TEST(ObservedPeers, HubbleApiServerIsEveryEndpointNotTheOneSeen) {
  const auto r = run("hubble.jsonl");
  const WorkloadAllowList* web = allow_list(r.recommendation, "web");
  ASSERT_TRUE(web);
  const auto api = entry_of(web->egress, AllowPeerKind::apiserver);
  ASSERT_TRUE(api);
  EXPECT_EQ(cidrs_of(web->egress, AllowPeerKind::apiserver),
            (std::vector<std::string>{"10.0.200.10/32", "10.0.201.20/32"}));
  EXPECT_EQ(api->ports, (std::set<PortKey>{{Protocol::tcp, 443}}));
  EXPECT_TRUE(r.graph.report.private_external.empty());
  EXPECT_TRUE(has_note(r.recommendation, "they change when the control plane scales or is upgraded"));

  // Without an inventory Hubble's label alone says it is the API server.
  const auto bare = testing::run_pipeline({(k_data / "hubble.jsonl").string()}, Inventory{}, {}, {}, {"10.0.0.0/16"});
  const WorkloadAllowList* bare_web = allow_list(bare.recommendation, "web");
  ASSERT_TRUE(bare_web);
  EXPECT_EQ(cidrs_of(bare_web->egress, AllowPeerKind::apiserver), (std::vector<std::string>{"10.0.200.10/32"}));
  EXPECT_FALSE(bare.graph.report.cluster_unknown.contains(*parse_ip("10.0.200.10")));
}

TEST(ObservedPeers, VpcApiServerEndpointsBothWaysAndTheGivenRange) {
  const auto r = run("vpc.log");
  const WorkloadAllowList* web = allow_list(r.recommendation, "web");
  const WorkloadAllowList* api = allow_list(r.recommendation, "api");
  ASSERT_TRUE(web && api);
  const std::vector<std::string> both{"10.0.200.10/32", "10.0.201.20/32"};
  EXPECT_EQ(cidrs_of(web->egress, AllowPeerKind::apiserver), both);
  EXPECT_EQ(cidrs_of(api->ingress, AllowPeerKind::apiserver), both);
  EXPECT_TRUE(r.graph.report.private_external.empty()) << "the API server's addresses are no unknown private ones";
  EXPECT_TRUE(has_note(r.recommendation, "(10.0.200.10, 10.0.201.20): they change when the control plane"));

  RecommendOptions options;
  options.apiserver_cidrs = {*parse_cidr("10.0.200.0/23")};
  const auto given = run("vpc.log", options);
  web = allow_list(given.recommendation, "web");
  ASSERT_TRUE(web);
  EXPECT_EQ(cidrs_of(web->egress, AllowPeerKind::apiserver), (std::vector<std::string>{"10.0.200.0/23"}));
  EXPECT_FALSE(has_note(given.recommendation, "they change when the control plane"));
}

TEST(ObservedPeers, CiliumIngressProxyIsAPeerAndTheOthersAreReported) {
  const auto r = run("hubble.jsonl");
  const WorkloadAllowList* web = allow_list(r.recommendation, "web");
  ASSERT_TRUE(web);
  const auto proxy = entry_of(web->ingress, AllowPeerKind::ingress_proxy);
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->ports, (std::set<PortKey>{{Protocol::tcp, 8080}}));
  EXPECT_TRUE(has_note(r.recommendation, "shop/web: ingress from Cilium's Ingress/Gateway proxy (reserved:ingress)"));
  // networking/v1 cannot name the proxy: no rule (the note above says what to do).
  for (const auto& policy : network_policies(r.recommendation.model)) {
    if (policy.name != "web-netobs") continue;
    for (const auto& rule : policy.ingress) {
      for (const auto& port : rule.ports) EXPECT_NE(std::get<int>(*port.port), 8080);
    }
  }
  const auto& reserved = r.graph.report.reserved_identities;
  for (const char* end : {"reserved:unmanaged 10.0.3.3", "reserved:init 10.0.1.77", "reserved:health 10.0.0.11",
                          "reserved:health 10.0.0.12"}) {
    EXPECT_TRUE(reserved.contains(end)) << end;
  }
  EXPECT_FALSE(reserved.contains("reserved:ingress 10.0.1.99"));
  EXPECT_TRUE(r.graph.report.cluster_unknown.empty());
  EXPECT_TRUE(has_note(r.recommendation, "shop/api: ingress from reserved:unmanaged 10.0.3.3 TCP 9000 left out"));
  EXPECT_TRUE(has_note(r.recommendation, "shop/api: ingress from reserved:init 10.0.1.77 TCP 9000 left out"));
}

TEST(ObservedPeers, PublicClientsOnIngressAreListedForReview) {
  for (const char* source : {"hubble.jsonl", "vpc.log"}) {
    const auto r = run(source);
    ASSERT_EQ(r.recommendation.public_clients.size(), 1U) << source;
    const std::string& line = r.recommendation.public_clients.front();
    EXPECT_TRUE(line.starts_with("shop/web: ingress from ")) << line;
    EXPECT_TRUE(line.ends_with(" TCP 8443")) << line;
  }
}

}  // namespace
}  // namespace netobs
