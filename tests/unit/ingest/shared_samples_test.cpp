// The public sample records in ../shared/samples (AWS documentation, Hubble captures) read as
// their documentation says. Those cases skip where ../shared is absent, as in a user's clone; the
// project's own samples (samples/flows, one per format) are read the same way everywhere.
#include <filesystem>

#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

const std::filesystem::path k_samples = std::filesystem::path(NETOBS_SHARED_DIR) / "samples";

Ingested ingest_sample(const std::string& relative, const IngestOptions& options = {}) {
  Ingested out;
  out.status = ingest_source((k_samples / relative).string(), options, Inventory{}, out.aggregate, out.summary);
  return out;
}

class SharedSamples : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(k_samples)) GTEST_SKIP() << "../shared/samples is absent";
  }
};

// Runs in a plain clone: the bundled samples go through the same readers with nothing malformed.
TEST(BundledSamples, EveryFormatReadsWithoutMalformedRecords) {
  const std::filesystem::path flows = std::filesystem::path(NETOBS_SOURCE_DIR) / "samples" / "flows";
  for (const char* format : {"vpc", "hubble"}) {
    Ingested r;
    r.status = ingest_source((flows / format).string(), {}, Inventory{}, r.aggregate, r.summary);
    ASSERT_TRUE(r.status) << format << ": " << describe(r.status.error());
    EXPECT_GT(r.summary.records_read, 500U) << format;
    EXPECT_EQ(r.summary.malformed_count, 0U) << format;
    EXPECT_GT(r.edge_count(), 10U) << format;
  }
}

TEST_F(SharedSamples, DefaultFormatDocsExample) {
  auto r = ingest_sample("vpc/vpc-default-aws-docs.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_read, 7U);
  EXPECT_EQ(r.summary.records_used, 2U);  // the SSH accept and the IPv6 SSH accept
  EXPECT_EQ(r.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::protocol_not_expressible, "1"}), 2U);
  EXPECT_EQ(r.edge("172.31.16.139", "172.31.16.21", 22).flows, 1U);
}

TEST_F(SharedSamples, TcpFlagSequence) {
  auto r = ingest_sample("vpc/vpc-custom-v3-tcpflags-header-aws-docs.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.malformed_count, 0U);  // includes the line with a double space
  ASSERT_EQ(r.edge_count(), 1U);             // every record is one client -> server:5001 edge
  EXPECT_EQ(r.edge("52.213.180.42", "10.0.0.62", 5001).flows, 4U);
}

TEST_F(SharedSamples, V5HeaderWithFlowDirection) {
  auto r = ingest_sample("vpc/vpc-custom-v5-header-aws-docs.log");
  ASSERT_TRUE(r.status);
  // The instance fetched from S3 on port 80: one edge, one connection.
  EXPECT_EQ(r.edge("10.0.0.71", "52.95.128.179", 80).flows, 1U);
  EXPECT_EQ(r.edge_count(), 1U);
}

TEST_F(SharedSamples, NatGatewayFormatHasNoPorts) {
  auto r = ingest_sample("vpc/vpc-custom-nat-gateway-header-aws-docs.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_used, 0U);
  EXPECT_EQ(r.summary.malformed_count, 0U);
}

TEST_F(SharedSamples, S3HeaderAndNodata) {
  auto r = ingest_sample("vpc/vpc-s3-default-header-nodata-otel.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::log_status, "NODATA"}), 1U);
}

TEST_F(SharedSamples, EcsFieldsAndNoTrailingNewline) {
  auto r = ingest_sample("vpc/vpc-custom-ecs-header-otel.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("10.0.1.100", "10.0.2.200", 22).flows, 1U);
}

TEST_F(SharedSamples, TransitGatewayLogWithoutAction) {
  auto r = ingest_sample("vpc/tgw-flow-log-header-otel.log");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("10.0.0.1", "10.0.1.1", 443).flows, 1U);
}

TEST_F(SharedSamples, CloudWatchPayloadNeedsItsLogFormat) {
  auto without = ingest_sample("vpc/vpc-cwl-subscription-custom-otel.json");
  ASSERT_TRUE(without.status);
  EXPECT_EQ(without.summary.malformed_count, 2U);
  IngestOptions options;
  options.vpc_format = "${version} ${interface-id} ${srcaddr} ${dstaddr}";
  auto with = ingest_sample("vpc/vpc-cwl-subscription-custom-otel.json", options);
  EXPECT_EQ(with.summary.malformed_count, 0U);
  EXPECT_EQ(with.summary.skipped.at({SkipReason::format_without_addresses}), 2U);
}

TEST_F(SharedSamples, HubbleCaptures) {
  auto basic = ingest_sample("hubble/hubble-otel-basic-sample-10-flows.json");
  ASSERT_TRUE(basic.status);
  EXPECT_EQ(basic.summary.records_used, 10U);
  auto icmp = ingest_sample("hubble/hubble-otel-basic-sample-400-icmpv4-flows.json");
  ASSERT_TRUE(icmp.status);
  EXPECT_EQ(icmp.summary.records_read, 18U);  // one flow per line
  EXPECT_EQ(icmp.summary.malformed_count, 0U);
  EXPECT_EQ(icmp.summary.records_used, 0U);  // ICMP has no port a policy could name
  EXPECT_EQ(icmp.edge_count(), 0U);
  auto dns = ingest_sample("hubble/hubble-otel-basic-sample-5-dns-flows.json");
  ASSERT_TRUE(dns.status);
  // node-local-dns -> kube-dns on TCP 53: requests and replies fold into one edge.
  EXPECT_EQ(dns.edge_count(), 1U);
  EXPECT_EQ(dns.aggregate.edges.begin()->first.port, 53);
}

}  // namespace
}  // namespace netobs
