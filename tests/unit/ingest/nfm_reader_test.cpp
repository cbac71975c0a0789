// AWS Network Flow Monitor agent reports (../shared/reference/flow-sources.md section 2).
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

const char* k_reports =
    "Publishing report\n"
    R"({"report_version":"1.1","k8s_metadata":{"node_name":"n1","cluster_name":"c"},"network_stats":[)"
    // The client's port is elided: local 10.0.1.21 opened to remote :8080.
    R"({"flow":{"protocol":"TCP","local_address":"10.0.1.21","remote_address":"10.0.2.31","local_port":0,"remote_port":8080,)"
    R"("local_pod_name":"ui-5d8f7c9b4-abcde","local_pod_namespace":"ui"},"stats":{"bytes_delivered":10}},)"
    // A server's view: the remote side (port 0) is the client; metadata nested.
    R"({"flow":{"protocol":"TCP","local_address":"fd00::31","remote_address":"fd00::21","local_port":443,"remote_port":0,)"
    R"("kubernetes_metadata":{"local_pod_name":"api-0","local_pod_namespace":"shop"}},"stats":{}},)"
    R"({"flow":{"protocol":"TCP","local_address":"10.0.1.21","remote_address":"10.0.2.31","local_port":0,"remote_port":0}},)"
    R"({"flow":{"protocol":"TCP","local_address":"nowhere","remote_address":"10.0.2.31","local_port":0,"remote_port":80}},)"
    R"({"stats":{}}]})"
    "\n"
    R"({"level":"info","msg":"not a report"})"
    "\n"
    "{broken\n";

TEST(NfmReader, ThePortZeroSideIsTheClient) {
  auto r = ingest_text(k_reports, {}, Inventory{}, "nfm.log");
  ASSERT_TRUE(r.status);
  EXPECT_NE(r.summary.sources.front().find("(network flow monitor)"), std::string::npos);
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.2.31", 8080).flows, 1U);
  EXPECT_EQ(r.edge("fd00::21", "fd00::31", 443).flows, 1U);
  EXPECT_EQ(r.edge_count(), 2U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::nfm_without_server_port}), 1U);
  EXPECT_EQ(r.summary.malformed_count, 3U);  // the bad address, the entry without a flow, the broken line
  // The pods the report names are the identities.
  bool named = false;
  for (const auto& [key, counters] : r.aggregate.edges) {
    if (key.port == 8080) named = r.aggregate.identities[key.client_identity].pod_name == "ui-5d8f7c9b4-abcde";
  }
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace netobs
