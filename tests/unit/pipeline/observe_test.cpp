#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include <netobs/observe.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

TEST(Observe, ReadsEverySourceIntoOneGraph) {
  testing::TempDir dir;
  const std::string header = "srcaddr dstaddr srcport dstport protocol tcp-flags action start end\n";
  const std::string a = dir.write("a.log", header + "10.0.1.5 8.8.8.8 40000 443 6 2 ACCEPT 100 160\n");
  const std::string b = dir.write("b.log", header + "10.0.1.5 1.1.1.1 40000 443 6 2 ACCEPT 100 160\n");
  auto observed = observe(ObserveOptions{{a, b}, {}, {}, {}}, Inventory{});
  ASSERT_TRUE(observed) << describe(observed.error());
  EXPECT_EQ(observed->summary.records_used, 2U);
  EXPECT_EQ(observed->graph.edges.size(), 2U);
}

// Metrics name workloads without their kind: the inventory's workload of that name is meant.
TEST(Observe, MetricWorkloadsTakeTheirKindFromTheInventory) {
  testing::TempDir dir;
  const std::string metrics = dir.write(
      "m.prom",
      "hubble_port_distribution_total{protocol=\"TCP\",port=\"3306\",source_namespace=\"catalog\","
      "source_workload=\"catalog\",destination_namespace=\"catalog\",destination_workload=\"catalog-mysql\"} 4\n");
  Inventory inventory;
  ASSERT_TRUE(inventory.load_file(std::filesystem::path(NETOBS_SOURCE_DIR) / "samples/flows/inventory.json"));
  auto observed = observe(ObserveOptions{{metrics}, {}, {}, {}}, inventory);
  ASSERT_TRUE(observed) << describe(observed.error());
  std::set<std::string> names;
  for (const auto& [ref, node] : observed->graph.workloads) names.insert(workload_name(ref));
  EXPECT_EQ(names, (std::set<std::string>{"catalog/catalog[Deployment]", "catalog/catalog-mysql[StatefulSet]"}));
  EXPECT_EQ(inventory.workload_named("catalog", "catalog-mysql")->kind, "StatefulSet");
  EXPECT_FALSE(inventory.workload_named("catalog", "nothing"));
}

TEST(Observe, BadClusterCidrIsAUsageError) {
  auto observed = observe(ObserveOptions{{}, {}, {"10.0.0.0/33"}, {}}, Inventory{});
  ASSERT_FALSE(observed);
  EXPECT_EQ(observed.error().kind, ErrorKind::usage);
  EXPECT_NE(describe(observed.error()).find("10.0.0.0/33"), std::string::npos);
}

TEST(Observe, MissingSourceNamesThePath) {
  auto observed = observe(ObserveOptions{{"/nonexistent/flows.log"}, {}, {}, {}}, Inventory{});
  ASSERT_FALSE(observed);
  EXPECT_NE(describe(observed.error()).find("/nonexistent/flows.log"), std::string::npos);
}

}  // namespace
}  // namespace netobs
