// Observed traffic with peers that are not pods reaches a policy: Cilium's dual-stack world
// identities (tests/data/observed-peers: the traffic as Hubble flows and as VPC flow logs).
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

std::vector<std::string> cidrs_of(const std::vector<AllowEntry>& entries, AllowPeerKind kind) {
  std::vector<std::string> out;
  for (const auto& entry : entries) {
    if (entry.peer.kind != kind) continue;
    for (const Cidr& cidr : entry.peer.cidrs) out.push_back(to_string(cidr));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ObservedPeers, DualStackWorldIdentitiesAreTheInternet) {
  const auto r = run("hubble.jsonl");
  const WorkloadAllowList* web = allow_list(r.recommendation, "web");
  ASSERT_TRUE(web);
  EXPECT_EQ(cidrs_of(web->egress, AllowPeerKind::address), (std::vector<std::string>{"1.1.1.1/32", "2606:4700::1111/128"}));
  EXPECT_FALSE(r.graph.report.cluster_unknown.contains(*parse_ip("1.1.1.1")));
}

}  // namespace
}  // namespace netobs
