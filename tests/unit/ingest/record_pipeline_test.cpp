// The hand-over between the reading and the folding thread: lines it takes are parsed on the
// folding thread, with their own line numbers, and every batch is folded in the order it was
// read, whether it held records or lines.
#include "ingest/record_pipeline.hpp"

#include <gtest/gtest.h>

#include "ingest/byte_source.hpp"

namespace netobs {
namespace {

// A record from `client` to 10.0.9.9 on `port`, opened by the client.
FlowRecord request(std::string_view client, std::uint16_t port) {
  FlowRecord record;
  record.source = *parse_ip(client);
  record.destination = *parse_ip("10.0.9.9");
  record.source_port = 40000;
  record.destination_port = port;
  record.tcp_flags = 0x02;
  return record;
}

// Lines that are a client's address, or "bad"; each parser gives its own port.
std::shared_ptr<LineParser> parser_for_port(std::uint16_t port) {
  return std::make_shared<LineParser>([port](ReadContext& ctx, std::string_view line) -> Result<void> {
    if (line == "bad") return ctx.malformed(MalformedReason::unrecognised_line, "bad line");
    return ctx.record(request(line, port));
  });
}

struct Folding {
  IngestOptions options;
  Inventory inventory;
  FlowAggregate aggregate;
  IngestSummary summary;
  std::unique_ptr<LineReader> reader = *LineReader::open(open_memory_source("", "flows.log"));
  ReadContext context{options, inventory, aggregate, summary, *reader};

  // Client and port of each edge, in the order the edges were made.
  std::vector<std::string> edges() const {
    std::vector<std::string> out;
    for (const auto& [key, counters] : aggregate.edges)
      out.push_back(to_string(key.client) + ":" + std::to_string(key.port));
    return out;
  }
};

TEST(RecordHandoff, LinesTakenAreParsedOnTheFoldingThreadBeforeTheRecordsAfterThem) {
  Folding folding;
  const auto parser = parser_for_port(80);
  {
    RecordHandoff handoff(folding.context);
    // Nothing is queued yet: the folding thread is waiting, so it is given the lines.
    EXPECT_TRUE(handoff.take_line("10.0.0.1", 7, parser));
    EXPECT_TRUE(handoff.take_line("bad", 8, parser));
    ASSERT_TRUE(handoff.push(request("10.0.0.2", 80)));
    // A batch of records is being filled: the reader parses this line itself.
    EXPECT_FALSE(handoff.take_line("10.0.0.3", 10, parser));
    ASSERT_TRUE(handoff.push(request("10.0.0.3", 80)));
    ASSERT_TRUE(handoff.finish());
  }
  EXPECT_EQ(folding.edges(), (std::vector<std::string>{"10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"}));
  ASSERT_EQ(folding.summary.malformed.size(), 1U);
  EXPECT_EQ(describe(folding.summary.malformed[0]), "flows.log:8: bad line");
  EXPECT_EQ(folding.summary.malformed[0].error.where.line, 8U);
  EXPECT_EQ(folding.summary.malformed_count, 1U);
  EXPECT_EQ(folding.summary.records_used, 3U);
}

TEST(RecordHandoff, ANewParserStartsANewBatchOfLines) {
  Folding folding;
  const auto before = parser_for_port(80);
  const auto after = parser_for_port(443);  // as after a header line with another layout
  {
    RecordHandoff handoff(folding.context);
    EXPECT_TRUE(handoff.take_line("10.0.0.1", 2, before));
    // One batch is queued at most, so the folding thread still gets lines.
    EXPECT_TRUE(handoff.take_line("10.0.0.1", 4, after));
    EXPECT_TRUE(handoff.take_line("10.0.0.2", 5, after));
    ASSERT_TRUE(handoff.finish());
  }
  EXPECT_EQ(folding.edges(), (std::vector<std::string>{"10.0.0.1:80", "10.0.0.1:443", "10.0.0.2:443"}));
}

TEST(RecordHandoff, AFailureOnTheFoldingThreadReachesTheReader) {
  Folding folding;
  folding.options.strictness = Strictness::stop_at_first;
  const auto parser = parser_for_port(80);
  RecordHandoff handoff(folding.context);
  EXPECT_TRUE(handoff.take_line("bad", 3, parser));
  const auto finished = handoff.finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(describe(finished.error()), "flows.log:3: bad line");
  EXPECT_TRUE(folding.edges().empty());
}

}  // namespace
}  // namespace netobs
