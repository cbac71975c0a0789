// Flow metrics as edges: Hubble's port distribution and Retina's forward counts
// (../shared/reference/flow-sources.md section 3).
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

std::string hubble_series(const std::string& labels, const std::string& value) {
  return "hubble_port_distribution_total{" + labels + "} " + value + "\n";
}

const std::string k_ends =
    R"(source_namespace="ui",source_workload="ui",destination_namespace="carts",destination_workload="carts")";

const FlowEndpoint& client_of(const Ingested& r, std::uint16_t port) {
  for (const auto& [key, counters] : r.aggregate.edges) {
    if (key.port == port) return r.aggregate.identities[key.client_identity];
  }
  static const FlowEndpoint none;
  return none;
}

TEST(FlowMetricsReader, EachSeriesIsAnEdgeBetweenWorkloads) {
  const std::string text =
      "# HELP hubble_port_distribution_total Numbers of packets distributed by destination port\n"
      "# TYPE hubble_port_distribution_total counter\n" +
      hubble_series(R"(protocol="TCP",port="8080",)" + k_ends, "20") +
      hubble_series(R"(protocol="UDP",port="53",)" + k_ends, "2.5") +
      hubble_series(R"(protocol="ICMPv4",port="0",)" + k_ends, "4") +
      hubble_series(R"(protocol="TCP",port="9090",)" + k_ends, "0") + "go_goroutines 7\n";
  auto r = ingest_text(text, {}, Inventory{}, "metrics.prom");
  ASSERT_TRUE(r.status) << describe(r.status.error());
  EXPECT_NE(r.summary.sources.front().find("(flow metrics)"), std::string::npos);
  EXPECT_EQ(r.summary.records_read, 4U);  // the edge series only
  EXPECT_EQ(r.edge_count(), 2U);
  EXPECT_EQ(r.edge("::", "::", 8080).flows, 20U);
  EXPECT_EQ(r.edge("::", "::", 53, Protocol::udp).flows, 3U);  // a fractional increase rounds up
  EXPECT_EQ(client_of(r, 8080).workload_name, "ui");
  EXPECT_EQ(client_of(r, 8080).namespace_name, "ui");
  EXPECT_EQ(r.summary.skipped.at({SkipReason::series_of_protocol, "ICMPv4", "hubble_port_distribution_total"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::series_without_traffic, "0", "hubble_port_distribution_total"}), 1U);
}

TEST(FlowMetricsReader, AddressesForTheEndsWithoutAWorkload) {
  const std::string text = hubble_series(
      R"(protocol="TCP",port="443",source_namespace="ui",source_workload="ui",destination_ip="2600:1f18::5")", "3");
  auto r = ingest_text(text, {}, Inventory{}, "metrics.prom");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("::", "2600:1f18::5", 443).flows, 3U);
}

TEST(FlowMetricsReader, MissingLabelsNameTheLabelsContext) {
  const std::string text =
      hubble_series(R"(protocol="TCP",port="8080",source_namespace="ui",destination_namespace="carts")", "3") +
      hubble_series(R"(port="8080",)" + k_ends, "3") + hubble_series(R"(protocol="TCP",)" + k_ends, "3");
  auto r = ingest_text(text, {}, Inventory{}, "metrics.prom");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge_count(), 0U);
  ASSERT_EQ(r.summary.warnings.size(), 3U);
  EXPECT_NE(r.summary.warnings[0].find("labelsContext=source_ip,source_namespace,source_workload"), std::string::npos);
  EXPECT_NE(r.summary.warnings[2].find("lack a source workload or address"), std::string::npos)
      << r.summary.warnings[2];
}

TEST(FlowMetricsReader, OpenMetricsNeedsItsEofAndStampsInSeconds) {
  const std::string body = "# TYPE hubble_port_distribution counter\n" +
                           hubble_series(R"(protocol="TCP",port="8080",)" + k_ends, "5 1764000000.5");
  auto whole = ingest_text(body + "# EOF\n", {}, Inventory{}, "metrics.om");
  ASSERT_TRUE(whole.status);
  EXPECT_EQ(whole.edge("::", "::", 8080).first_seen, 1764000000);
  auto cut = ingest_text(body, {}, Inventory{}, "metrics.om");
  ASSERT_FALSE(cut.status);
  EXPECT_TRUE(describe(cut.status.error())
                  .ends_with("metrics.om:2: OpenMetrics body without its '# EOF': cut off, so none of it is used"))
      << describe(cut.status.error());
  EXPECT_EQ(cut.edge_count(), 0U);
  auto after = ingest_text(body + "# EOF\n" + body, {}, Inventory{}, "metrics.om");
  ASSERT_FALSE(after.status);
  EXPECT_TRUE(describe(after.status.error()).ends_with("metrics.om:4: text after '# EOF'"))
      << describe(after.status.error());
  // Prometheus text: milliseconds.
  auto text = ingest_text(hubble_series(R"(protocol="TCP",port="8080",)" + k_ends, "5 1764000000500"), {}, Inventory{},
                          "metrics.prom");
  EXPECT_EQ(text.edge("::", "::", 8080).first_seen, 1764000000);
}

TEST(FlowMetricsReader, RetinaRepliesAreNotEdges) {
  auto series = [](const std::string& source_port, const std::string& destination_port) {
    return "networkobservability_adv_forward_count{direction=\"egress\",protocol=\"tcp\",source_namespace=\"ui\","
           "source_podname=\"ui-5d8f7c9b4-abcde\",source_workload_name=\"ui\",source_workload_kind=\"Deployment\","
           "source_port=\"" +
           source_port +
           "\",destination_namespace=\"carts\",destination_workload_name=\"carts\","
           "destination_port=\"" +
           destination_port + "\"} 9\n";
  };
  auto r = ingest_text(series("51234", "8080") + series("8080", "51234"), {}, Inventory{}, "retina.prom");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge_count(), 1U);
  EXPECT_EQ(r.edge("::", "::", 8080).flows, 9U);
  EXPECT_EQ(client_of(r, 8080).workload_kind, "Deployment");
  EXPECT_EQ(r.summary.skipped.at({SkipReason::series_of_replies, "", "networkobservability_adv_forward_count"}), 1U);
}

TEST(FlowMetricsReader, MalformedLinesAreCountedWithTheirLine) {
  const std::string text = "# TYPE hubble_port_distribution_total counter\n" +
                           hubble_series(R"(protocol="TCP",port="80000",)" + k_ends, "1") +
                           "hubble_port_distribution_total{protocol=\"TCP\" 1\n" +
                           hubble_series(R"(protocol="TCP",port="80",source_ip="10.0.0.300",)" + k_ends, "1") +
                           hubble_series(R"(protocol="TCP",port="80",)" + k_ends, "1 1e300");
  auto r = ingest_text(text, {}, Inventory{}, "metrics.prom");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.malformed_count, 4U);
  EXPECT_TRUE(describe(r.summary.malformed.at(0))
                  .ends_with("metrics.prom:2: hubble_port_distribution_total series with a bad port '80000'"));
  EXPECT_NE(describe(r.summary.malformed.at(1)).find("metrics.prom:3: "), std::string::npos);
  EXPECT_TRUE(describe(r.summary.malformed.at(2))
                  .ends_with("metrics.prom:4: hubble_port_distribution_total series with a bad source_ip"));
  EXPECT_TRUE(describe(r.summary.malformed.at(3))
                  .ends_with("metrics.prom:5: hubble_port_distribution_total series with a timestamp out of range"));
  const std::map<MalformedReason, std::uint64_t> by_reason{{MalformedReason::bad_address, 1},
                                                           {MalformedReason::bad_port, 1},
                                                           {MalformedReason::bad_time, 1},
                                                           {MalformedReason::bad_metrics_line, 1}};
  EXPECT_EQ(r.summary.malformed_by_reason, by_reason);
}

}  // namespace
}  // namespace netobs
