#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <netobs/edge_file.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

// Hubble flows with identities, in two halves: saved separately and merged, they equal one read.
const char* k_first =
    R"({"flow":{"time":"2025-11-24T16:00:00Z","verdict":"FORWARDED","IP":{"source":"10.1.0.4","destination":"10.1.0.9"},"l4":{"TCP":{"source_port":41000,"destination_port":9080,"flags":{"SYN":true}}},"source":{"namespace":"shop","labels":["k8s:app=web","k8s:tier=\"front\""],"pod_name":"web-6b746f74dc-9rcxx"},"destination":{"namespace":"shop","labels":["k8s:app=api"],"pod_name":"api-0"},"traffic_direction":"EGRESS"}})"
    "\n";
const char* k_second =
    R"({"flow":{"time":"2025-11-24T16:05:00Z","verdict":"FORWARDED","IP":{"source":"10.1.0.4","destination":"8.8.8.8"},"l4":{"UDP":{"source_port":41001,"destination_port":53}},"source":{"namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-6b746f74dc-9rcxx"},"destination":{"labels":["reserved:world"]}}})"
    "\n"
    R"({"flow":{"time":"2025-11-24T16:06:00Z","verdict":"FORWARDED","IP":{"source":"10.1.0.4","destination":"10.1.0.9"},"l4":{"TCP":{"source_port":41002,"destination_port":9080,"flags":{"SYN":true}}},"source":{"namespace":"shop","labels":["k8s:app=web","k8s:tier=\"front\""],"pod_name":"web-6b746f74dc-9rcxx"},"destination":{"namespace":"shop","labels":["k8s:app=api"],"pod_name":"api-0"},"traffic_direction":"INGRESS"}})"
    "\n"
    "not json\n";
// Refused connections: a policy drop (evidence with --include-dropped) and its reply, then a
// second drop of the same connection.
const char* k_dropped =
    R"({"flow":{"time":"2025-11-24T16:10:00Z","verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"10.1.0.4","destination":"10.1.0.7"},"l4":{"TCP":{"source_port":41010,"destination_port":6379,"flags":{"SYN":true}}},"source":{"namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-6b746f74dc-9rcxx"},"destination":{"namespace":"shop","labels":["k8s:app=cache"],"pod_name":"cache-0"},"traffic_direction":"EGRESS","is_reply":false}})"
    "\n"
    R"({"flow":{"time":"2025-11-24T16:12:00Z","verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"10.1.0.4","destination":"10.1.0.7"},"l4":{"TCP":{"source_port":41011,"destination_port":6379,"flags":{"SYN":true}}},"source":{"namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-6b746f74dc-9rcxx"},"destination":{"namespace":"shop","labels":["k8s:app=cache"],"pod_name":"cache-0"},"traffic_direction":"INGRESS","is_reply":false}})"
    "\n";

struct Read {
  FlowAggregate aggregate;
  IngestSummary summary;
};

std::string identity_text(const FlowAggregate& aggregate, std::uint32_t index) {
  const FlowEndpoint& e = aggregate.identities.at(index);
  std::string labels;
  for (const auto& [key, value] : e.labels) labels += fmt::format("{}={};", key, value);
  return fmt::format("[{}/{} {} {} {{{}}} {}]", e.namespace_name, e.pod_name, e.workload_kind, e.workload_name, labels,
                     e.reserved);
}

// Every edge and counter of a read, and the summary's counts, as plain text built here: two reads
// compared this way differ wherever their contents do, even in what the edge file's writer
// (render_edge_file) would leave out on both sides.
std::vector<std::string> contents(const Read& read) {
  std::vector<std::string> out;
  for (const auto& [key, c] : read.aggregate.edges) {
    out.push_back(fmt::format("{} {} -> {} {} {}/{} flows {} {} {} packets {} {} {} bytes {} {} {} seen {}-{}",
                              to_string(key.client), identity_text(read.aggregate, key.client_identity),
                              to_string(key.server), identity_text(read.aggregate, key.server_identity),
                              to_string(key.protocol), key.port, c.flows[0], c.flows[1], c.flows[2], c.packets[0],
                              c.packets[1], c.packets[2], c.bytes[0], c.bytes[1], c.bytes[2], c.first_seen,
                              c.last_seen));
  }
  std::sort(out.begin(), out.end());
  const IngestSummary& s = read.summary;
  out.push_back(fmt::format("read {} used {} malformed {} seen {}-{}", s.records_read, s.records_used,
                            s.malformed_count, s.first_seen, s.last_seen));
  for (const auto& [reason, count] : s.skipped) out.push_back(fmt::format("skipped {}: {}", describe(reason), count));
  for (const auto& [d, count] : s.denied) {
    out.push_back(fmt::format("denied {} -> {} {}/{} ({}): {}", d.client, d.server, to_string(d.protocol), d.port,
                              d.reason, count));
  }
  return out;
}

Read ingest(const std::vector<std::string>& sources, const IngestOptions& options = {}) {
  Read read;
  auto result = ingest_sources(sources, options, Inventory{}, read.aggregate, read.summary);
  EXPECT_TRUE(result) << describe(result.error());
  return read;
}

TEST(EdgeFile, HalvesSavedAndMergedEqualOneRead) {
  testing::TempDir dir;
  const std::string first = dir.write("first.jsonl", k_first);
  const std::string second = dir.write("second.jsonl", k_second);
  const Read whole = ingest({first, second});
  const Read a = ingest({first});
  const Read b = ingest({second});
  ASSERT_TRUE(write_edge_file(dir.path() / "a.edges", a.aggregate, a.summary));
  ASSERT_TRUE(write_edge_file(dir.path() / "b.edges", b.aggregate, b.summary));
  Read merged;
  ASSERT_TRUE(read_edge_file(dir.path() / "a.edges", merged.aggregate, merged.summary));
  ASSERT_TRUE(read_edge_file(dir.path() / "b.edges", merged.aggregate, merged.summary));
  EXPECT_EQ(contents(merged), contents(whole));
  EXPECT_EQ(merged.summary.records_read, 4U);
  EXPECT_EQ(merged.summary.malformed_count, 1U);
  EXPECT_EQ(merged.aggregate.edges.size(), 2U);
  // Identities survive, labels with quotes included.
  bool found = false;
  for (const auto& identity : merged.aggregate.identities) {
    if (identity.pod_name == "web-6b746f74dc-9rcxx" && identity.labels.contains("tier")) {
      found = identity.labels.at("tier") == "\"front\"";
    }
  }
  EXPECT_TRUE(found);
}

TEST(EdgeFile, ResumingFromACheckpointEqualsOneCollection) {
  testing::TempDir dir;
  const std::string first = dir.write("first.jsonl", k_first);
  const std::string second = dir.write("second.jsonl", k_second);
  const std::string checkpoint = (dir.path() / "run.edges").string();
  IngestOptions options;
  options.collect.checkpoint = checkpoint;
  for (const auto& source : {first, second}) {
    FlowAggregate aggregate;
    IngestSummary summary;
    ASSERT_TRUE(ingest_sources({source}, options, Inventory{}, aggregate, summary));
  }
  Read resumed;
  ASSERT_TRUE(read_edge_file(checkpoint, resumed.aggregate, resumed.summary));
  const Read whole = ingest({first, second});
  EXPECT_EQ(contents(resumed), contents(whole));
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

IngestOptions with_dropped(DroppedFlows dropped) {
  IngestOptions options;
  options.dropped = dropped;
  return options;
}

TEST(EdgeFile, DeniedConnectionsRoundTripAndAreSettledAsTheRawFlowsWouldBe) {
  testing::TempDir dir;
  const std::string flows = dir.write("flows.jsonl", std::string(k_first) + k_dropped);
  const std::string checkpoint = (dir.path() / "run.edges").string();
  // The run that saves decides nothing for later readers: with or without --include-dropped, the
  // file is the same.
  std::string saved[2];
  for (const DroppedFlows writer : {DroppedFlows::report_only, DroppedFlows::use_as_evidence}) {
    IngestOptions options = with_dropped(writer);
    options.collect.checkpoint = checkpoint;
    std::filesystem::remove(checkpoint);
    EXPECT_EQ(ingest({flows}, options).summary.records_read, 3U);
    saved[static_cast<int>(writer)] = file_text(checkpoint);
  }
  EXPECT_EQ(saved[0], saved[1]);
  EXPECT_NE(
      saved[0].find(
          R"("denied":{"verdict_field":"hubble_verdict","verdict":"DROPPED","drop_reason":"POLICY_DENIED","may_be_evidence":true,"records":2})"),
      std::string::npos)
      << saved[0];
  for (const DroppedFlows reader : {DroppedFlows::report_only, DroppedFlows::use_as_evidence}) {
    const Read raw = ingest({flows}, with_dropped(reader));
    Read resumed;
    ASSERT_TRUE(read_edge_file(checkpoint, resumed.aggregate, resumed.summary));
    ASSERT_EQ(resumed.aggregate.denied.size(), 1U);
    // Unsettled, it renders back to the same file.
    EXPECT_EQ(render_edge_file(resumed.aggregate, resumed.summary), saved[0]);
    settle_denied(resumed.aggregate, resumed.summary, reader);
    EXPECT_EQ(contents(resumed), contents(raw));
    EXPECT_TRUE(resumed.aggregate.denied.empty());
    ASSERT_EQ(resumed.summary.denied.size(), 1U);
    EXPECT_EQ(resumed.summary.denied.begin()->second, 2U);
    EXPECT_EQ(resumed.aggregate.edges.size(), reader == DroppedFlows::use_as_evidence ? 2U : 1U);
  }
}

TEST(EdgeFile, VersionOneFilesAreStillRead) {
  testing::TempDir dir;
  const std::string path = dir.write(
      "old.edges",
      R"({"netobs_edges":1,"records_read":3,"records_used":2,"malformed":0,"first_seen":1,"last_seen":2,"skipped":{"action REJECT":1}})"
      "\n"
      R"({"client":"10.0.0.1","server":"10.0.0.2","port":80,"protocol":"TCP","flows":[2,0,0],"packets":[2,0,0],"bytes":[0,0,0],"first_seen":1,"last_seen":2})"
      "\n");
  Read read;
  ASSERT_TRUE(read_edge_file(path, read.aggregate, read.summary));
  EXPECT_EQ(read.aggregate.edges.size(), 1U);
  EXPECT_EQ(read.summary.records_read, 3U);
  EXPECT_EQ(read.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 1U);
  EXPECT_TRUE(read.aggregate.denied.empty());
}

TEST(EdgeFile, AWindowLeavesOutEdgesSeenOnlyOutsideIt) {
  testing::TempDir dir;
  const Read whole = ingest({dir.write("all.jsonl", std::string(k_first) + k_second)});
  ASSERT_TRUE(write_edge_file(dir.path() / "all.edges", whole.aggregate, whole.summary));
  // 16:00 (web -> api, again at 16:06) and 16:05 (web -> 8.8.8.8): a window 16:05:30-16:10 keeps
  // the first edge whole, and leaves the second out.
  Read windowed;
  ASSERT_TRUE(read_edge_file(dir.path() / "all.edges", windowed.aggregate, windowed.summary, 1764000330, 1764000600));
  ASSERT_EQ(windowed.aggregate.edges.size(), 1U);
  EXPECT_EQ(windowed.aggregate.edges.begin()->first.port, 9080);
  EXPECT_EQ(windowed.aggregate.edges.begin()->second.first_seen, 1764000000);  // whole: from 16:00
  EXPECT_EQ(windowed.aggregate.edges.begin()->second.last_seen, 1764000360);
  // The summary counts the records the window kept, over the time of the edges kept.
  EXPECT_EQ(windowed.summary.skipped.at({SkipReason::saved_record_outside_window}), 1U);
  EXPECT_EQ(windowed.summary.records_read, whole.summary.records_read);
  EXPECT_EQ(windowed.summary.records_used, whole.summary.records_used - 1);
  EXPECT_EQ(windowed.summary.first_seen, 1764000000);
  EXPECT_EQ(windowed.summary.last_seen, 1764000360);
}

// A denied connection's line with `denied` as its "denied" object.
std::string denied_line(const std::string& denied) {
  return R"({"client":"10.0.0.1","server":"10.0.0.2","port":80,"protocol":"TCP","flows":[1,0,0],"packets":[1,0,0],"bytes":[0,0,0],"first_seen":1,"last_seen":2,"denied":)" +
         denied + "}\n";
}

TEST(EdgeFile, BadFilesNameTheLineAndChangeNothing) {
  testing::TempDir dir;
  const std::string header =
      R"({"netobs_edges":1,"records_read":2,"records_used":2,"malformed":0,"first_seen":1,"last_seen":2})";
  const std::string good =
      R"({"client":"10.0.0.1","server":"10.0.0.2","port":80,"protocol":"TCP","flows":[1,0,0],"packets":[1,0,0],"bytes":[0,0,0],"first_seen":1,"last_seen":2})";
  struct Case {
    std::string text;
    std::string message;
  };
  for (
      const auto& [text, message] : std::vector<Case>{
          {"", "empty edge file"},
          {"{}\n", ":1: not a netobs edge file"},
          {header + "\n" + good + "\n[1]\n", ":3: not a JSON object"},
          {header + "\n" + R"({"client":"10.0.0.1","server":"10.0.0.2","port":70000,"protocol":"TCP"})" + "\n",
           ":2: bad port"},
          {header + "\n" + R"({"client":"10.0.0.1","server":"10.0.0.2","port":7,"protocol":"ICMP"})" + "\n",
           ":2: bad protocol"},
          {header + "\n" + R"({"client":"10.0.0.1","server":"10.0.0.2","port":7,"protocol":"TCP","flows":[1,2]})" +
               "\n",
           ":2: flows, packets and bytes"},
          {header + "\n" +
               R"({"client":"10.0.0.1","server":"10.0.0.2","port":7,"protocol":"TCP","client_identity":{"labels":{"a":1}}})" +
               "\n",
           ":2: bad client_identity"},
          {header + "\n" + denied_line(R"({"verdict":"DENY","may_be_evidence":true,"records":1})"),
           ":2: \"denied\" needs a verdict_field and a verdict"},
          {header + "\n" + denied_line(R"({"verdict_field":"policy verdict","verdict":"DENY","records":1})"),
           ":2: \"denied\" needs may_be_evidence"},
          {header + "\n" +
               denied_line(
                   R"({"verdict_field":"policy verdict","verdict":"DENY","may_be_evidence":true,"records":-1})"),
           ":2: \"denied\" needs may_be_evidence"},
          {header + "\n" +
               denied_line(
                   R"({"verdict_field":"action","verdict":"REJECT","drop_reason":7,"may_be_evidence":false,"records":1})"),
           ":2: bad \"drop_reason\""},
          {header + "\n" + denied_line("[]"), ":2: \"denied\" needs a verdict_field"},
          {R"({"netobs_edges":0})"
           "\n",
           ":1: edge file version 0 (this netobs reads versions 1 to 2)"},
      }) {
    const std::string path = dir.write("bad.edges", text);
    FlowAggregate aggregate;
    IngestSummary summary;
    auto read = read_edge_file(path, aggregate, summary);
    ASSERT_FALSE(read) << text;
    EXPECT_EQ(read.error().kind, ErrorKind::invalid_input);
    EXPECT_NE(describe(read.error()).find(message), std::string::npos) << describe(read.error());
    EXPECT_TRUE(aggregate.edges.empty());
    EXPECT_TRUE(aggregate.denied.empty());
    EXPECT_EQ(summary.records_read, 0U);
  }
}

}  // namespace
}  // namespace netobs
