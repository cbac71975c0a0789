// Reading a large file on two threads (one parses, the other folds and parses the lines it is
// handed) must give exactly what one thread gives: the same edges in the same order, counts, and
// malformed-record messages in the same order with the same line numbers, for plain and gzip input.
// The two-thread read is forced (TwoThreadRead::always), and each test checks it was taken: on a
// one-core machine it would otherwise quietly compare one thread with itself.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <netobs/collect.hpp>

#include "testutil/ingest_text.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

// Options that read any non-empty file on two threads, even on one core.
IngestOptions two_threads(IngestOptions options = {}) {
  options.parallel_min_bytes = 1;
  options.two_thread_read = TwoThreadRead::always;
  return options;
}

std::string records() {
  std::string text =
      "version srcaddr dstaddr srcport dstport protocol packets bytes start end action tcp-flags flow-direction\n";
  for (int i = 0; i < 6000; ++i) {
    const int client = i % 37, server = i % 11;
    if (i % 997 == 0) {
      text += "5 10.0.0.1 broken\n";
      continue;
    }
    text += "5 10.0.1." + std::to_string(client) + " 10.0.2." + std::to_string(server) + " " +
            std::to_string(40000 + i % 20000) + " " + std::to_string(8000 + server) + " 6 3 300 " +
            std::to_string(1700000000 + i) + " " + std::to_string(1700000060 + i) + " ACCEPT 3 egress\n";
  }
  return text;
}

// The same edges in the same order, with the same counters and identities.
void expect_same_edges(const Ingested& one, const Ingested& two) {
  ASSERT_EQ(one.edge_count(), two.edge_count());
  auto a = one.aggregate.edges.begin();
  for (const auto& [key, counters] : two.aggregate.edges) {
    EXPECT_EQ(a->first, key);
    EXPECT_EQ(a->second.flows[1], counters.flows[1]);
    EXPECT_EQ(a->second.total().bytes, counters.total().bytes);
    EXPECT_EQ(a->second.first_seen, counters.first_seen);
    EXPECT_EQ(a->second.last_seen, counters.last_seen);
    ++a;
  }
}

TEST(ParallelIngest, SameResultAsOnePass) {
  IngestOptions serial;
  serial.max_messages = 100;
  const IngestOptions parallel = two_threads(serial);
  const std::string text = records();
  const auto one = ingest_text(text, serial);
  const auto two = ingest_text(text, parallel);
  ASSERT_TRUE(one.status);
  ASSERT_TRUE(two.status);
  EXPECT_EQ(one.summary.two_thread_sources, 0U);
  EXPECT_EQ(two.summary.two_thread_sources, 1U);
  EXPECT_EQ(one.summary.records_read, two.summary.records_read);
  EXPECT_EQ(one.summary.records_used, two.summary.records_used);
  EXPECT_EQ(one.summary.malformed_count, 7U);
  auto without_dir = [](const std::vector<MalformedRecord>& records) {  // and without ".gz"
    std::vector<std::string> messages;
    for (const auto& [reason, error] : records) {
      messages.push_back(fmt::format(":{}: {} ({})", error.where.line, error.message, malformed_reason_id(reason)));
    }
    return messages;
  };
  EXPECT_EQ(without_dir(one.summary.malformed), without_dir(two.summary.malformed));
  EXPECT_NE(describe(two.summary.malformed.back()).find("flows.log:5984:"), std::string::npos)
      << describe(two.summary.malformed.back());
  EXPECT_EQ(one.summary.first_seen, two.summary.first_seen);
  EXPECT_EQ(one.summary.last_seen, two.summary.last_seen);
  expect_same_edges(one, two);
  // gzip input too: the compressed size decides, and the inflating thread is the parsing one.
  const auto gzipped = ingest_text(testing::gzip(text), parallel, Inventory{}, "flows.log.gz");
  ASSERT_TRUE(gzipped.status);
  EXPECT_EQ(gzipped.summary.two_thread_sources, 1U);
  EXPECT_EQ(without_dir(one.summary.malformed), without_dir(gzipped.summary.malformed));
  expect_same_edges(one, gzipped);
}

// Objects concatenated with a header each: the lines after a header are parsed with its layout,
// on whichever thread parses them.
TEST(ParallelIngest, AHeaderChangesTheLayoutOfTheLinesAfterIt) {
  std::string text = "srcaddr dstaddr srcport dstport protocol\n";
  for (int i = 0; i < 3000; ++i) text += "10.0.0." + std::to_string(i % 50) + " 10.0.1.1 40000 80 6\n";
  text += "protocol dstport srcport dstaddr srcaddr\n";
  for (int i = 0; i < 3000; ++i) text += "6 443 40000 10.0.1.2 10.0.0." + std::to_string(i % 50) + "\n";
  const IngestOptions serial;
  const IngestOptions parallel = two_threads();
  const auto one = ingest_text(text, serial);
  const auto two = ingest_text(text, parallel);
  ASSERT_TRUE(one.status);
  ASSERT_TRUE(two.status);
  EXPECT_EQ(two.summary.two_thread_sources, 1U);
  EXPECT_EQ(one.summary.malformed_count, 0U);
  EXPECT_EQ(two.summary.malformed_count, 0U);
  EXPECT_EQ(two.edge_count(), 100U);
  expect_same_edges(one, two);
}

// A collection's stop request (SIGINT while agents are read beside a large file) ends the file's
// read too, and the summary says why.
TEST(ParallelIngest, AStopRequestEndsTheRead) {
  IngestOptions parallel = two_threads();
  CollectStop stop;
  ASSERT_TRUE(stop.request("SIGINT"));
  parallel.collect.stop = &stop;
  const auto two = ingest_text(records(), parallel);
  ASSERT_TRUE(two.status);
  EXPECT_EQ(two.summary.records_read, 0U);
  EXPECT_EQ(two.summary.ended_by, "SIGINT");
  parallel.collect.stop = nullptr;
  const auto again = ingest_text(records(), parallel);
  EXPECT_EQ(again.summary.records_read, 6000U);
  EXPECT_EQ(again.summary.two_thread_sources, 1U);
}

TEST(ParallelIngest, StrictModeStopsAtTheFirstMalformedLine) {
  std::string text = "srcaddr dstaddr srcport dstport protocol\n";
  for (int i = 0; i < 3000; ++i) text += "10.0.0.1 10.0.0.2 40000 80 6\n";
  text += "10.0.0.1 10.0.0.2 40000 eighty 6\n";
  IngestOptions options = two_threads();
  options.strictness = Strictness::stop_at_first;
  const auto r = ingest_text(text, options);
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.summary.two_thread_sources, 1U);
  EXPECT_NE(describe(r.status.error()).find("flows.log:3002:"), std::string::npos) << describe(r.status.error());
}

}  // namespace
}  // namespace netobs
