// Saved edge files keep skip reasons, refusing verdicts and malformed-record reasons under stable
// ids, and read the words earlier versions saved as the same reasons.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include <netobs/edge_file.hpp>

#include "testutil/ingest_text.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

// A checkpoint as netobs wrote it before skip reasons had ids: the reasons' words as keys, and
// "hubble verdict" naming what refused a denied connection.
const char* k_words_as_keys =
    R"({"netobs_edges":2,"records_read":9,"records_used":4,"malformed":0,"first_seen":1764000000,"last_seen":1764000900,)"
    R"x("skipped":{"action REJECT":2,"hubble_port_distribution_total series without traffic (value 0)":1,)x"
    R"("log-status NODATA":1,"policy verdict missing or unknown":1}})"
    "\n"
    R"({"client":"10.0.1.21","server":"10.0.1.61","port":15672,"protocol":"TCP","flows":[0,1,0],"packets":[0,1,0],)"
    R"("bytes":[0,0,0],"first_seen":1764000900,"last_seen":1764000900,"denied":{"verdict_field":"hubble verdict",)"
    R"("verdict":"DROPPED","drop_reason":"Policy denied","may_be_evidence":true,"records":1}})"
    "\n"
    R"({"client":"10.0.1.5","server":"10.0.3.7","port":443,"protocol":"TCP","flows":[4,0,0],"packets":[4,0,0],)"
    R"("bytes":[0,0,0],"first_seen":1764000000,"last_seen":1764000000,"records":4})"
    "\n";

TEST(EdgeFileKeys, WordsEarlierVersionsSavedAreReadAsTheirReasons) {
  testing::TempDir dir;
  FlowAggregate aggregate;
  IngestSummary summary;
  ASSERT_TRUE(read_edge_file(dir.write("old.edges", k_words_as_keys), aggregate, summary));
  const SkipCounts expected{
      {{SkipReason::log_status, "NODATA", ""}, 1},
      {{SkipReason::vpc_action, "REJECT", ""}, 2},
      {{SkipReason::policy_verdict_unknown, "", ""}, 1},
      {{SkipReason::series_without_traffic, "0", "hubble_port_distribution_total"}, 1},
  };
  EXPECT_EQ(summary.skipped, expected);
  ASSERT_EQ(aggregate.denied.size(), 1U);
  EXPECT_EQ(aggregate.denied.begin()->first.verdict_field, SkipReason::hubble_verdict);
  EXPECT_EQ(aggregate.denied.begin()->first.verdict, "DROPPED");

  // Written again, under the ids, and read back the same.
  const std::string text = render_edge_file(aggregate, summary);
  EXPECT_NE(text.find(R"("skipped":{"log_status:NODATA":1,"vpc_action:REJECT":2,"policy_verdict_unknown":1,)"
                      R"("series_without_traffic:hubble_port_distribution_total:0":1})"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("verdict_field":"hubble_verdict")"), std::string::npos) << text;
  FlowAggregate again;
  IngestSummary again_summary;
  ASSERT_TRUE(read_edge_file(dir.write("new.edges", text), again, again_summary));
  EXPECT_EQ(again_summary.skipped, expected);
  EXPECT_EQ(render_edge_file(again, again_summary), text);
}

TEST(EdgeFileKeys, UnknownReasonsAreErrorsNamingTheLine) {
  testing::TempDir dir;
  const std::string header_start =
      R"({"netobs_edges":2,"records_read":1,"records_used":0,"malformed":1,"first_seen":0,"last_seen":0,)";
  struct Case {
    std::string text;
    std::string message;
  };
  for (
      const auto& [text, message] : std::vector<Case>{
          {header_start + R"("skipped":{"made up":1}})" + "\n", ":1: unknown skip reason 'made up' in \"skipped\""},
          {header_start + R"("skipped":{},"malformed_reasons":{"bad_mood":1}})" + "\n",
           ":1: bad reason or count 'bad_mood' in \"malformed_reasons\""},
          {header_start + R"("skipped":{}})" + "\n" +
               R"({"client":"10.0.0.1","server":"10.0.0.2","port":80,"protocol":"TCP","flows":[1,0,0],"packets":[1,0,0],)"
               R"("bytes":[0,0,0],"first_seen":0,"last_seen":0,"denied":{"verdict_field":"log_status","verdict":"X",)"
               R"("may_be_evidence":false,"records":1}})" +
               "\n",
           ":2: unknown verdict_field 'log_status' in \"denied\""},
      }) {
    FlowAggregate aggregate;
    IngestSummary summary;
    const auto read = read_edge_file(dir.write("bad.edges", text), aggregate, summary);
    ASSERT_FALSE(read) << text;
    EXPECT_NE(describe(read.error()).find(message), std::string::npos) << describe(read.error());
  }
}

TEST(EdgeFileKeys, MalformedRecordsAreCountedByReasonAndSaved) {
  IngestOptions options;
  options.format = "vpc";
  const auto r = ingest_text(
      "2 1 eni-1 10.0.0.1 10.0.0.2 40000 80 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.999 10.0.0.2 40000 80 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 40000 80 6 1 1 1 2 ACCEPT\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 40000 80 tcp 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 40000 http 6 1 1 1 2 ACCEPT OK\n"
      "2 1 eni-1 10.0.0.1 10.0.0.2 40000 80 6 1 1 1 two ACCEPT OK\n",
      options);
  ASSERT_TRUE(r.status);
  const std::map<MalformedReason, std::uint64_t> expected{{MalformedReason::field_count, 1},
                                                          {MalformedReason::bad_address, 1},
                                                          {MalformedReason::bad_port, 1},
                                                          {MalformedReason::bad_protocol, 1},
                                                          {MalformedReason::bad_number, 1}};
  EXPECT_EQ(r.summary.malformed_by_reason, expected);
  ASSERT_EQ(r.summary.malformed.size(), 5U);
  EXPECT_EQ(r.summary.malformed[0].reason, MalformedReason::bad_address);
  EXPECT_EQ(r.summary.malformed[0].error.message, "bad address '10.0.0.999'");  // the words stay
  EXPECT_EQ(describe(r.summary.malformed[0]), describe(r.summary.malformed[0].error));

  testing::TempDir dir;
  const std::string text = render_edge_file(r.aggregate, r.summary);
  EXPECT_NE(text.find(R"("malformed_reasons":{"field_count":1,"bad_address":1,"bad_port":1,"bad_protocol":1,)"
                      R"("bad_number":1})"),
            std::string::npos)
      << text;
  FlowAggregate aggregate;
  IngestSummary summary;
  ASSERT_TRUE(read_edge_file(dir.write("saved.edges", text), aggregate, summary));
  EXPECT_EQ(summary.malformed_by_reason, expected);
  EXPECT_EQ(summary.malformed_count, 5U);
}

TEST(MalformedReason, EveryReasonHasADistinctIdAndText) {
  std::set<std::string_view> ids;
  std::set<std::string_view> texts;
  for (const MalformedReason reason : all_malformed_reasons()) {
    EXPECT_FALSE(describe(reason).empty());
    EXPECT_TRUE(texts.insert(describe(reason)).second) << describe(reason);
    EXPECT_TRUE(ids.insert(malformed_reason_id(reason)).second) << malformed_reason_id(reason);
    EXPECT_EQ(malformed_reason_from_id(malformed_reason_id(reason)), reason);
  }
}

}  // namespace
}  // namespace netobs
