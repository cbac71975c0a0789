#include <random>

#include <gtest/gtest.h>

#include "ingest/readers.hpp"
#include "testutil/ingest_text.hpp"
#include "testutil/pipeline.hpp"

namespace netobs {
namespace {

TEST(VpcReader, DefaultV2FormatWithoutHeader) {
  auto r = ingest_text(
      "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n"
      "2 123456789010 eni-1 172.31.16.21 172.31.16.139 22 20641 6 20 4249 1418530010 1418530070 ACCEPT OK\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_read, 2U);
  EXPECT_EQ(r.summary.records_used, 2U);
  ASSERT_EQ(r.edge_count(), 1U);  // both directions are one connection edge
  const auto stats = r.edge("172.31.16.139", "172.31.16.21", 22);
  EXPECT_EQ(stats.flows, 1U);
  EXPECT_EQ(stats.bytes, 8498U);
  EXPECT_EQ(stats.first_seen, 1418530010);
  EXPECT_EQ(stats.last_seen, 1418530070);
  ASSERT_EQ(r.summary.warnings.size(), 1U);
  EXPECT_NE(r.summary.warnings[0].find("pkt-srcaddr"), std::string::npos);
}

TEST(VpcReader, HeaderNamesColumnsInAnyOrderAndPktAddressesWin) {
  auto r = ingest_text(
      "srcaddr dstaddr pkt-srcaddr pkt-dstaddr srcport dstport protocol action tcp-flags future-field\n"
      "10.0.1.10 10.0.2.31 10.0.1.21 10.0.2.31 40000 8080 6 ACCEPT 2 x\n");
  ASSERT_TRUE(r.status);
  EXPECT_TRUE(r.summary.warnings.empty());
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.2.31", 8080).flows, 1U);
}

TEST(VpcReader, RunsOfSpacesAndCloudWatchTimestamps) {
  auto r = ingest_text("2021-03-10T12:00:00.000Z 2 1 eni-1 10.0.0.1  10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\r\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("10.0.0.1", "10.0.0.2", 443).flows, 1U);
}

TEST(VpcReader, LogFormatOptionForHeaderlessRecords) {
  IngestOptions options;
  options.vpc_format = "${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol}";
  auto r = ingest_text("10.0.0.1 10.0.0.2 50000 5432 6\n", options);
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("10.0.0.1", "10.0.0.2", 5432).flows, 1U);

  options.vpc_format = "${srcaddr} $dstaddr";
  auto bad = ingest_text("10.0.0.1 10.0.0.2\n", options);
  ASSERT_FALSE(bad.status);
  EXPECT_EQ(bad.status.error().kind, ErrorKind::usage);
}

TEST(VpcReader, NoDataRejectAndIcmpAreCountedNotUsed) {
  auto r = ingest_text(
      "2 1 eni-1 - - - - - - - 1431280876 1431280934 - NODATA\n"
      "2 1 eni-1 - - - - - - - 1431280876 1431280934 - SKIPDATA\n"
      "2 1 eni-1 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK\n"
      "2 1 eni-1 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_used, 0U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::log_status, "NODATA"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::log_status, "SKIPDATA"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::protocol_not_expressible, "1"}), 1U);
  ASSERT_EQ(r.summary.denied.size(), 1U);
  EXPECT_EQ(r.summary.denied.begin()->first.server, "172.31.9.12");
  EXPECT_EQ(r.summary.denied.begin()->first.port, 3389);
}

TEST(VpcReader, MalformedRecordsNameFileAndLine) {
  IngestOptions options;
  options.max_messages = 2;
  auto r = ingest_text(
      "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT\n"
      "2 1 eni-1 10.0.0.999 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 70000 443 6 1 1 1 2 ACCEPT OK\n",
      options);
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.malformed_count, 3U);
  ASSERT_EQ(r.summary.malformed.size(), 2U);
  EXPECT_NE(describe(r.summary.malformed[0]).find("flows.log:2: expected 14 fields"), std::string::npos)
      << describe(r.summary.malformed[0]);
  EXPECT_NE(describe(r.summary.malformed[1]).find("flows.log:3: bad address '10.0.0.999'"), std::string::npos);
  EXPECT_EQ(r.summary.records_used, 1U);
}

// Where a malformed record is, is kept as fields (the two-thread read orders messages by them),
// and the message is the problem alone.
TEST(VpcReader, MalformedRecordsCarryTheirFileAndLine) {
  IngestOptions options;
  auto r = ingest_text(
      "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.999 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n",
      options);
  ASSERT_TRUE(r.status);
  ASSERT_EQ(r.summary.malformed.size(), 1U);
  EXPECT_TRUE(r.summary.malformed[0].error.where.file.ends_with("flows.log"));
  EXPECT_EQ(r.summary.malformed[0].error.where.line, 2U);
  EXPECT_EQ(r.summary.malformed[0].error.message, "bad address '10.0.0.999'");
  options.strictness = Strictness::stop_at_first;
  auto strict = ingest_text("2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\nbroken\n", options);
  ASSERT_FALSE(strict.status);
  EXPECT_EQ(strict.status.error().where.line, 2U);
}

// Only ACCEPT is evidence that a flow was allowed: a corrupted action (or one a later format adds)
// must not become a permission in a policy.
TEST(VpcReader, AnActionNeitherAcceptNorRejectIsMalformedNotUsed) {
  IngestOptions options;
  auto r = ingest_text(
      "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 FOO OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCXYZ OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.3 50000 443 6 1 1 1 2 ACCEPT OK\n",
      options);
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_used, 1U);
  ASSERT_EQ(r.summary.malformed.size(), 2U);
  EXPECT_EQ(r.summary.malformed[0].reason, MalformedReason::bad_action);
  EXPECT_EQ(r.summary.malformed[0].error.message, "bad action 'FOO'");
  EXPECT_EQ(r.summary.malformed[1].error.where.line, 2U);
}

TEST(VpcReader, StrictStopsAtTheFirstMalformedRecord) {
  IngestOptions options;
  options.strictness = Strictness::stop_at_first;
  auto r = ingest_text("2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\nbroken\n", options);
  ASSERT_FALSE(r.status);
  EXPECT_NE(describe(r.status.error()).find("flows.log:2:"), std::string::npos);
}

TEST(VpcReader, TcpFlagsDecideTheClientBeforePorts) {
  // The server listens on an ephemeral-looking port; the SYN says who connected.
  auto r = ingest_text(
      "srcaddr dstaddr srcport dstport protocol tcp-flags action\n"
      "10.0.0.5 10.0.0.9 8080 40000 6 2 ACCEPT\n"
      "10.0.0.9 10.0.0.5 40000 8080 6 18 ACCEPT\n");
  ASSERT_TRUE(r.status);
  ASSERT_EQ(r.edge_count(), 1U);
  EXPECT_EQ(r.edge("10.0.0.5", "10.0.0.9", 40000).flows, 1U);
}

TEST(VpcReader, InventoryListeningPortsDecideWithoutFlags) {
  const Inventory inventory = testing::inventory_from(R"({"apiVersion":"v1","kind":"List","items":[
    {"kind":"Pod","metadata":{"name":"db-0","namespace":"d"},"spec":{"containers":[{"name":"c","ports":[{"containerPort":33000}]}]},
     "status":{"podIP":"10.0.0.9","phase":"Running"}}]})");
  auto r = ingest_text(
      "srcaddr dstaddr srcport dstport protocol action\n"
      "10.0.0.9 10.0.0.5 33000 40000 6 ACCEPT\n",
      {}, inventory);
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("10.0.0.5", "10.0.0.9", 33000).flows, 0U);  // a reply record: no new connection
  EXPECT_EQ(r.edge_count(), 1U);
  EXPECT_EQ(r.aggregate.edges.begin()->first.port, 33000);
}

TEST(VpcReader, FlowDirectionCountsEachConnectionOnce) {
  // One connection logged at both ENIs, both directions: four records, one flow.
  auto r = ingest_text(
      "srcaddr dstaddr srcport dstport protocol packets bytes action tcp-flags flow-direction\n"
      "10.0.1.21 10.0.2.31 40000 8080 6 5 500 ACCEPT 3 egress\n"
      "10.0.2.31 10.0.1.21 8080 40000 6 4 4000 ACCEPT 19 ingress\n"
      "10.0.1.21 10.0.2.31 40000 8080 6 5 500 ACCEPT 3 ingress\n"
      "10.0.2.31 10.0.1.21 8080 40000 6 4 4000 ACCEPT 19 egress\n");
  ASSERT_TRUE(r.status);
  const auto stats = r.edge("10.0.1.21", "10.0.2.31", 8080);
  EXPECT_EQ(stats.flows, 1U);
  EXPECT_EQ(stats.bytes, 4500U);
  EXPECT_EQ(stats.packets, 9U);
}

TEST(VpcReader, HeaderWithoutPortsIsReportedNotMalformed) {
  auto r = ingest_text(
      "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr\n- eni-1 10.0.1.5 10.0.0.220 10.0.1.5 "
      "203.0.113.5\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.malformed_count, 0U);
  EXPECT_EQ(r.summary.records_used, 0U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::format_without_addresses}), 1U);
}

TEST(VpcReader, Ipv6Records) {
  auto r = ingest_text(
      "2 1 eni-1 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 "
      "1477913708 1477913820 ACCEPT OK\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("2001:db8:1234:a100:8d6e:3477:df66:f105", "2001:db8:1234:a102:3304:8879:34cf:4071", 22).flows, 1U);
}

TEST(VpcReader, SplitFieldsMatchesANaiveSplitOnRandomLines) {
  // Separators fall at every offset of the eight-byte words the splitter tests at a time.
  auto naive = [](std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
  };
  std::mt19937 rng(11);
  const std::string alphabet = "  \t0123456789abc-.:\x80\xff";
  std::vector<std::string_view> tokens;
  for (int n = 0; n < 20000; ++n) {
    std::string line(rng() % 40, 'x');
    for (char& c : line) c = alphabet[rng() % alphabet.size()];
    split_fields(line, tokens);
    EXPECT_EQ(tokens, naive(line)) << "'" << line << "'";
  }
}

}  // namespace
}  // namespace netobs
