// The one place records become edges, whatever their format: the window, the collection bounds,
// denied flows and format selection behave the same for VPC and Hubble records.
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

// The same three connections (at 100, 200 and 300 s) as VPC records and as Hubble flows; a VPC
// record spans its capture window (100-140 s), which --since/--until must overlap.
const char* k_vpc =
    "srcaddr dstaddr srcport dstport protocol tcp-flags start end action\n"
    "10.0.0.1 10.0.0.2 40000 80 6 2 100 140 ACCEPT\n"
    "10.0.0.1 10.0.0.3 40001 81 6 2 200 260 ACCEPT\n"
    "10.0.0.1 10.0.0.4 40002 82 6 2 300 360 REJECT\n";

std::string hubble(const char* time, const char* destination, int port, const char* verdict) {
  return std::string(R"({"flow":{"time":")") + time + R"(","verdict":")" + verdict +
         R"(","IP":{"source":"10.0.0.1","destination":")" + destination +
         R"("},"l4":{"TCP":{"source_port":40000,"destination_port":)" + std::to_string(port) +
         R"(,"flags":{"SYN":true}}}}})"
         "\n";
}

const std::string k_hubble = hubble("1970-01-01T00:01:40Z", "10.0.0.2", 80, "FORWARDED") +
                             hubble("1970-01-01T00:03:20Z", "10.0.0.3", 81, "FORWARDED") +
                             hubble("1970-01-01T00:05:00Z", "10.0.0.4", 82, "DROPPED");

TEST(FlowToEdge, SinceAndUntilBoundEveryFormat) {
  IngestOptions options;
  options.since = 150;
  options.until = 250;
  for (const std::string& text : {std::string(k_vpc), k_hubble}) {
    auto r = ingest_text(text, options);
    ASSERT_TRUE(r.status);
    EXPECT_EQ(r.edge_count(), 1U) << text;
    EXPECT_EQ(r.edge("10.0.0.1", "10.0.0.3", 81).flows, 1U);
    EXPECT_EQ(r.summary.skipped.at({SkipReason::before_since}), 1U);
    EXPECT_EQ(r.summary.skipped.at({SkipReason::after_until}), 1U);
  }
  // A record without a time cannot be placed in a window.
  auto r = ingest_text("srcaddr dstaddr srcport dstport protocol\n10.0.0.1 10.0.0.2 40000 80 6\n", options);
  EXPECT_EQ(r.edge_count(), 0U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::no_time_stamp}), 1U);
}

TEST(FlowToEdge, DeniedFlowsAreListedTheSameWay) {
  auto vpc = ingest_text(k_vpc);
  auto flows = ingest_text(k_hubble);
  for (const auto* r : {&vpc, &flows}) {
    ASSERT_EQ(r->summary.denied.size(), 1U);
    const DeniedConnection& denied = r->summary.denied.begin()->first;
    EXPECT_EQ(denied.client, "10.0.0.1");
    EXPECT_EQ(denied.server, "10.0.0.4");
    EXPECT_EQ(denied.port, 82);
    EXPECT_EQ(r->edge_count(), 2U);
  }
  EXPECT_EQ(vpc.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 1U);
  EXPECT_EQ(flows.summary.skipped.at({SkipReason::hubble_verdict, "DROPPED"}), 1U);
  // --include-dropped makes Hubble drops evidence; a VPC REJECT never is.
  IngestOptions options;
  options.dropped = DroppedFlows::use_as_evidence;
  EXPECT_EQ(ingest_text(k_hubble, options).edge_count(), 3U);
  EXPECT_EQ(ingest_text(k_vpc, options).edge_count(), 2U);
}

TEST(FlowToEdge, MadeUpVerdictsShareOneSummaryKey) {
  auto r = ingest_text(hubble("1970-01-01T00:01:40Z", "10.0.0.2", 80, "BOGUS1") +
                       hubble("1970-01-01T00:01:40Z", "10.0.0.2", 80, "BOGUS2") +
                       hubble("1970-01-01T00:01:40Z", "10.0.0.2", 80, "ERROR"));
  EXPECT_EQ(r.summary.skipped, (SkipCounts{{{SkipReason::hubble_verdict, "unrecognised"}, 2},
                                           {{SkipReason::hubble_verdict, "ERROR"}, 1}}));
}

TEST(FlowToEdge, MaxFlowsEndsTheCollectionAndSaysSo) {
  IngestOptions options;
  options.collect.max_flows = 2;
  auto r = ingest_text(k_vpc, options);
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_read, 2U);
  EXPECT_EQ(r.summary.ended_by, "max_flows 2 reached");
  // Garbage lines are no flows.
  auto g = ingest_text(hubble("1970-01-01T00:01:40Z", "10.0.0.2", 80, "FORWARDED") + "not json\n" + k_hubble, options);
  EXPECT_EQ(g.summary.records_read, 3U);
  EXPECT_EQ(g.summary.malformed_count, 1U);
  EXPECT_EQ(g.summary.ended_by, "max_flows 2 reached");
}

TEST(FlowToEdge, FormatsComeFromOneTable) {
  EXPECT_EQ(flow_format_names(),
            (std::vector<std::string>{"edges", "nfm", "eks-agent", "hubble", "prometheus", "edge-rows", "vpc"}));
  IngestOptions options;
  options.format = "netflow";
  auto r = ingest_text(k_vpc, options);
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.status.error().kind, ErrorKind::usage);
  // Detection looks past blank lines at the first line with content.
  auto blank = ingest_text("\n\n  \n" + k_hubble);
  EXPECT_EQ(blank.edge_count(), 2U);
  EXPECT_NE(blank.summary.sources.front().find("(hubble)"), std::string::npos);
}

}  // namespace
}  // namespace netobs
