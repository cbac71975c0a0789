#include <netobs/observe.hpp>

#include <gtest/gtest.h>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

TEST(Observe, ReadsEverySourceIntoOneGraph) {
  testing::TempDir dir;
  const std::string header = "srcaddr dstaddr srcport dstport protocol tcp-flags action start end\n";
  const std::string a = dir.write("a.log", header + "10.0.1.5 8.8.8.8 40000 443 6 2 ACCEPT 100 160\n");
  const std::string b = dir.write("b.log", header + "10.0.1.5 1.1.1.1 40000 443 6 2 ACCEPT 100 160\n");
  auto observed = observe(ObserveOptions{{a, b}, {}, {}, {}}, Inventory{});
  ASSERT_TRUE(observed) << observed.error().message;
  EXPECT_EQ(observed->summary.records_used, 2U);
  EXPECT_EQ(observed->graph.edges.size(), 2U);
}

TEST(Observe, BadClusterCidrIsAUsageError) {
  auto observed = observe(ObserveOptions{{}, {}, {"10.0.0.0/33"}, {}}, Inventory{});
  ASSERT_FALSE(observed);
  EXPECT_EQ(observed.error().kind, ErrorKind::usage);
  EXPECT_NE(observed.error().message.find("10.0.0.0/33"), std::string::npos);
}

TEST(Observe, MissingSourceNamesThePath) {
  auto observed = observe(ObserveOptions{{"/nonexistent/flows.log"}, {}, {}, {}}, Inventory{});
  ASSERT_FALSE(observed);
  EXPECT_NE(observed.error().message.find("/nonexistent/flows.log"), std::string::npos);
}

}  // namespace
}  // namespace netobs
