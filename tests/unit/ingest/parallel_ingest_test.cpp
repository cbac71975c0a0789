// Reading a large file as two halves in parallel must give exactly what one pass gives:
// the same edges, counts, and malformed-record messages with the same line numbers.
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

std::string records() {
  std::string text = "version srcaddr dstaddr srcport dstport protocol packets bytes start end action tcp-flags flow-direction\n";
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

TEST(ParallelIngest, SameResultAsOnePass) {
  IngestOptions serial;
  serial.max_messages = 100;
  IngestOptions parallel = serial;
  parallel.parallel_min_bytes = 1;
  const std::string text = records();
  const auto one = ingest_text(text, serial);
  const auto two = ingest_text(text, parallel);
  ASSERT_TRUE(one.status);
  ASSERT_TRUE(two.status);
  EXPECT_EQ(one.summary.records_read, two.summary.records_read);
  EXPECT_EQ(one.summary.records_used, two.summary.records_used);
  EXPECT_EQ(one.summary.malformed_count, 7U);
  auto without_dir = [](std::vector<std::string> messages) {
    for (auto& m : messages) m = m.substr(m.find("flows.log"));
    return messages;
  };
  EXPECT_EQ(without_dir(one.summary.malformed), without_dir(two.summary.malformed));
  EXPECT_NE(two.summary.malformed.back().find("flows.log:5984:"), std::string::npos) << two.summary.malformed.back();
  EXPECT_EQ(one.summary.first_seen, two.summary.first_seen);
  EXPECT_EQ(one.summary.last_seen, two.summary.last_seen);
  ASSERT_EQ(one.edge_count(), two.edge_count());
  for (const auto& [key, counters] : one.aggregate.edges) {
    const auto a = counters.total();
    const auto b = two.edge(to_string(key.client), to_string(key.server), key.port);
    EXPECT_EQ(a.flows, b.flows);
    EXPECT_EQ(a.bytes, b.bytes);
    EXPECT_EQ(a.first_seen, b.first_seen);
  }
}

TEST(ParallelIngest, StrictModeReportsTheFirstMalformedLineOfTheSecondHalf) {
  std::string text = "srcaddr dstaddr srcport dstport protocol\n";
  for (int i = 0; i < 3000; ++i) text += "10.0.0.1 10.0.0.2 40000 80 6\n";
  text += "10.0.0.1 10.0.0.2 40000 eighty 6\n";
  IngestOptions options;
  options.strictness = Strictness::stop_at_first;
  options.parallel_min_bytes = 1;
  const auto r = ingest_text(text, options);
  ASSERT_FALSE(r.status);
  EXPECT_NE(r.status.error().message.find("flows.log:3002:"), std::string::npos) << r.status.error().message;
}

}  // namespace
}  // namespace netobs
