// Edge rows (netobs sql's CSV results): any column order, quoted or not, CRLF lines; each row is a
// flow record standing for `records` of them, with direction decided as for the records.
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

IngestOptions edge_rows_format() {
  IngestOptions options;
  options.format = "edge-rows";
  return options;
}

TEST(EdgeRows, QuotedAnyOrderCrlf) {
  const std::string text =
      "\"DSTADDR\",\"srcaddr\",\"protocol\",\"dstport\",\"srcport\",\"records\",\"tcp_flags\",\"first_seen\",\"last_"
      "seen\"\r\n"
      "\"10.0.2.6\",\"10.0.1.5\",\"6\",\"8080\",\"32768\",\"7\",\"2\",\"1764000000\",\"1764000600\"\r\n";
  auto r = ingest_text(text, edge_rows_format(), Inventory{}, "rows.csv");
  ASSERT_TRUE(r.status) << describe(r.status.error());
  const EdgeStats stats = r.edge("10.0.1.5", "10.0.2.6", 8080);
  EXPECT_EQ(stats.flows, 7U);
  EXPECT_EQ(stats.first_seen, 1764000000);
  EXPECT_EQ(stats.last_seen, 1764000600);
  // The summary counts the records the row stands for, as reading the logs would.
  EXPECT_EQ(r.summary.records_read, 7U);
  EXPECT_EQ(r.summary.records_used, 7U);
}

TEST(EdgeRows, RepliesRejectsAndBadRows) {
  const std::string text =
      "srcaddr,dstaddr,protocol,srcport,dstport,records,action,tcp_flags\n"
      "10.0.2.6,10.0.1.5,6,8080,32768,3,ACCEPT,18\n"  // SYN-ACK: the destination is the client
      "10.0.1.5,10.0.3.7,6,32768,5432,2,REJECT,2\n"   // refused: listed, not evidence
      "10.0.1.5,10.0.3.7,1,0,0,1,ACCEPT,0\n"          // ICMP: skipped
      "10.0.1.5,\"10.0.3.7,6,1,2,1,ACCEPT,0\n"        // unterminated quote
      "10.0.1.5,10.0.3.7,6,1,x,1,ACCEPT,0\n";         // bad port
  auto r = ingest_text(text, edge_rows_format(), Inventory{}, "rows.csv");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge_count(), 1U);
  EXPECT_EQ(r.edge("10.0.1.5", "10.0.2.6", 8080).flows, 0U);  // a reply row counts no connection
  EXPECT_EQ(r.summary.denied.size(), 1U);
  EXPECT_EQ(r.summary.denied.begin()->second, 2U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 2U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::protocol_not_expressible, "1"}), 1U);
  // Rows count as the records they stand for; a row that does not parse as one.
  EXPECT_EQ(r.summary.records_read, 3U + 2U + 1U + 1U + 1U);
  EXPECT_EQ(r.summary.records_used, 3U);
  ASSERT_EQ(r.summary.malformed.size(), 2U);
  EXPECT_TRUE(describe(r.summary.malformed[0]).ends_with("rows.csv:5: unterminated quote or too many fields"))
      << describe(r.summary.malformed[0]);
  EXPECT_TRUE(describe(r.summary.malformed[1]).ends_with("rows.csv:6: bad port '1' or 'x'"))
      << describe(r.summary.malformed[1]);
  EXPECT_EQ(r.summary.malformed[0].reason, MalformedReason::field_count);
  EXPECT_EQ(r.summary.malformed[1].reason, MalformedReason::bad_port);
}

TEST(EdgeRows, TheWindowCountsTheRecordsOfTheRowsItLeavesOut) {
  IngestOptions options = edge_rows_format();
  options.since = 1764000000;
  const std::string text =
      "srcaddr,dstaddr,protocol,srcport,dstport,records,first_seen,last_seen\n"
      "10.0.1.5,10.0.2.6,6,32768,8080,4,1763990000,1763990060\n"  // before --since
      "10.0.1.5,10.0.2.6,6,32768,8080,5,1764000000,1764000060\n";
  auto r = ingest_text(text, options, Inventory{}, "rows.csv");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_read, 9U);
  EXPECT_EQ(r.summary.records_used, 5U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::before_since}), 4U);
}

TEST(EdgeRows, AHeaderWithoutARequiredColumnIsAnError) {
  auto r = ingest_text("srcaddr,dstaddr,protocol,srcport,dstport\n10.0.1.5,10.0.2.6,6,1,2\n", edge_rows_format(),
                       Inventory{}, "rows.csv");
  ASSERT_FALSE(r.status);
  EXPECT_NE(describe(r.status.error()).find("rows.csv:1: edge rows without a 'records' column"), std::string::npos)
      << describe(r.status.error());
}

}  // namespace
}  // namespace netobs
