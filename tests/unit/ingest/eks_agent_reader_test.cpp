// The EKS network policy agent's event logs, from lines written after the documented formats
// (../shared/reference/flow-sources.md section 1), mixed with the agent's own lines and garbage.
#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

const char* k_log =
    R"({"level":"info","ts":"2025-11-24T16:00:00.000Z","caller":"runtime/asm_amd64.s:1700","msg":"Starting network policy agent"})"
    "\n"
    // IPv4 spelling: no colon after Proto, Verdict, Direction; a comma before Tier.
    R"({"level":"debug","ts":"2025-11-24T16:00:01.000Z","caller":"events/events.go:200","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 41000 Dest IP: 10.0.2.31 Dest Port: 8080 Proto TCP Verdict ACCEPT Direction egress, Tier DEFAULT"})"
    "\n"
    R"({"level":"info","ts":"2025-11-24T16:00:02.000Z","caller":"events/events.go:200","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 41001 Dest IP: 10.0.3.51 Dest Port: 6379 Proto TCP Verdict DENY Direction egress, Tier NETWORK_POLICY"})"
    "\n"
    // IPv6 spelling.
    R"({"level":"info","ts":"2025-11-24T16:00:03.000Z","caller":"events/events.go:190","msg":"Flow Info: Src IP: fd00::21 Src Port: 41002 Dest IP: fd00::31 Dest Port: 8080 Proto: TCP Verdict: ACCEPT Direction: ingress Tier: DEFAULT"})"
    "\n"
    // Before v1.2.2: the flow in separate keys; before Direction existed.
    R"({"level":"info","ts":"2023-12-12T07:00:02.818Z","logger":"ebpf-client","msg":"Flow Info:  ","Src IP":"10.1.206.228","Src Port":49880,"Dest IP":"10.1.6.79","Dest Port":6379,"Proto":"TCP","Verdict":"ACCEPT"})"
    "\n"
    R"({"level":"info","ts":"2025-11-24T16:00:04.000Z","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 0 Dest IP: 10.0.2.31 Dest Port: 0 Proto ICMP Verdict ACCEPT"})"
    "\n"
    R"({"level":"info","ts":"2025-11-24T16:00:05.000Z","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 41003 Dest IP: 10.0.2.31 Dest Port: 8080 Proto TCP Verdict EXPIRED/DELETED Direction egress"})"
    "\n"
    R"({"level":"info","ts":"2025-11-24T16:00:06.000Z","msg":"Flow Info: Src IP: 10.0.1.x Src Port: 1 Dest IP: 10.0.2.31 Dest Port: 8080 Proto TCP Verdict ACCEPT"})"
    "\n"
    "garbage, not a log line\n"
    R"({"level":"info","ts":"2025-11-24T16:00:07.000Z","msg":"Cleaned up stale conntrack entries"})"
    "\n";

TEST(EksAgentReader, EveryShapeWithTheAgentsOwnLinesSkipped) {
  auto r = ingest_text(k_log, {}, Inventory{}, "network-policy-agent.log");
  ASSERT_TRUE(r.status);
  EXPECT_NE(r.summary.sources.front().find("(eks network policy agent)"), std::string::npos);
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.2.31", 8080).flows, 1U);
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.2.31", 8080).first_seen, 1764000001);
  EXPECT_EQ(r.edge("fd00::21", "fd00::31", 8080).flows, 1U);
  EXPECT_EQ(r.edge("10.1.206.228", "10.1.6.79", 6379).flows, 1U);
  EXPECT_EQ(r.edge_count(), 3U);
  ASSERT_EQ(r.summary.denied.size(), 1U);
  EXPECT_EQ(r.summary.denied.begin()->first.server, "10.0.3.51");
  EXPECT_EQ(r.summary.denied.begin()->first.reason, "DENY");
  EXPECT_EQ(r.summary.skipped.at({SkipReason::policy_verdict, "DENY"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::protocol_not_expressible, "ICMP"}), 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::policy_verdict_connection_ending}), 1U);
  EXPECT_EQ(r.summary.malformed_count, 2U);  // the bad address and the garbage line; not the agent's own lines
  EXPECT_EQ(r.summary.records_read, 8U);
}

TEST(EksAgentReader, DeniedFlowsAreEvidenceOnlyWhenAskedFor) {
  IngestOptions options;
  options.dropped = DroppedFlows::use_as_evidence;
  auto r = ingest_text(k_log, options, Inventory{}, "network-policy-agent.log");
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.3.51", 6379).flows, 1U);
  EXPECT_EQ(r.edge_count(), 4U);
}

TEST(EksAgentReader, CloudWatchFormWithAndWithoutTier) {
  auto r = ingest_text(
      "Node: ip-172-27-44-11.ec2.internal;SIP: 172.27.32.157;SPORT: 60476;DIP: 172.27.38.227;DPORT: 5003;PROTOCOL: "
      "TCP;PolicyVerdict: ACCEPT\n"
      "2025-11-24T16:00:00.000Z Node: ip-172-27-44-11.ec2.internal;SIP: 172.27.32.158;SPORT: 60477;DIP: "
      "172.27.38.227;DPORT: 5003;PROTOCOL: UDP;PolicyVerdict: DENY;Tier: DEFAULT\n"
      "Node: n;SIP: 172.27.32.157;SPORT: port;DIP: 172.27.38.227;DPORT: 5003;PROTOCOL: TCP;PolicyVerdict: ACCEPT\n");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.edge("172.27.32.157", "172.27.38.227", 5003).flows, 1U);
  EXPECT_EQ(r.summary.denied.size(), 1U);
  EXPECT_EQ(r.summary.denied.begin()->first.protocol, Protocol::udp);
  EXPECT_EQ(r.summary.malformed_count, 1U);
}

TEST(EksAgentReader, TheTimeCloudWatchWritesBeforeTheMessageIsTheFlowsTime) {
  auto r = ingest_text(
      // An export (or `aws logs get-log-events` text): RFC 3339 in UTC.
      "2025-11-24T16:00:01.000Z Node: n;SIP: 10.0.1.21;SPORT: 41000;DIP: 10.0.2.31;DPORT: 8080;PROTOCOL: "
      "TCP;PolicyVerdict: ACCEPT\n"
      // `aws logs tail` (detailed, its default): isoformat time and the log stream.
      "2025-11-24T16:05:00.123000+00:00 aws-network-policy-agent-audit-0f3c Node: n;SIP: 10.0.1.22;SPORT: 41001;DIP: "
      "10.0.2.31;DPORT: 8080;PROTOCOL: TCP;PolicyVerdict: ACCEPT\n"
      // `aws logs tail --format short`: seconds, UTC without a zone.
      "2025-11-24T16:10:00 Node: n;SIP: 10.0.1.23;SPORT: 41002;DIP: 10.0.2.31;DPORT: 8080;PROTOCOL: TCP;PolicyVerdict: "
      "ACCEPT\n"
      "2025-13-24T16:10:00Z Node: n;SIP: 10.0.1.24;SPORT: 41003;DIP: 10.0.2.31;DPORT: 8080;PROTOCOL: "
      "TCP;PolicyVerdict: ACCEPT\n",
      {}, Inventory{}, "cloudwatch.log");
  ASSERT_TRUE(r.status) << describe(r.status.error());
  EXPECT_NE(r.summary.sources.front().find("(eks network policy agent)"), std::string::npos);
  EXPECT_EQ(r.edge("10.0.1.21", "10.0.2.31", 8080).first_seen, 1764000001);
  EXPECT_EQ(r.edge("10.0.1.22", "10.0.2.31", 8080).first_seen, 1764000300);
  EXPECT_EQ(r.edge("10.0.1.23", "10.0.2.31", 8080).first_seen, 1764000600);
  EXPECT_EQ(r.edge_count(), 3U);
  ASSERT_EQ(r.summary.malformed.size(), 1U);
  EXPECT_TRUE(describe(r.summary.malformed[0])
                  .ends_with("cloudwatch.log:4: a network policy agent flow after a time stamp that "
                             "is no RFC 3339 time"))
      << describe(r.summary.malformed[0]);
  EXPECT_EQ(r.summary.malformed[0].reason, MalformedReason::bad_time);
}

}  // namespace
}  // namespace netobs
