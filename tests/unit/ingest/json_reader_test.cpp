#include <map>
#include <set>

#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

std::string flow(
    const std::string& extra,
    const std::string& l4 = R"("TCP":{"source_port":41000,"destination_port":8080,"flags":{"SYN":true}})") {
  return R"({"flow":{"time":"2021-06-16T16:52:13.1Z","verdict":"FORWARDED","IP":{"source":"10.0.1.4","destination":"10.0.2.16"},)"
         R"("l4":{)" +
         l4 +
         R"(},"source":{"namespace":"shop","labels":["k8s:app=ui","k8s:io.kubernetes.pod.namespace=shop","k8s:io.cilium.k8s.policy.cluster=default"],"pod_name":"ui-5d8f7c9b4-abcde","workloads":[{"name":"ui","kind":"Deployment"}]},)"
         R"("destination":{"namespace":"shop","labels":["k8s:app=api"],"pod_name":"api-0"})" +
         extra +
         R"(},"node_name":"n1"})"
         "\n";
}

TEST(JsonReader, HubbleRequestWithIdentities) {
  auto r = ingest_text(flow(R"(,"is_reply":false,"traffic_direction":"EGRESS")"), {}, Inventory{}, "f.json");
  ASSERT_TRUE(r.status);
  ASSERT_EQ(r.edge_count(), 1U);
  const auto& key = r.aggregate.edges.begin()->first;
  const EdgeStats stats = r.aggregate.edges.begin()->second.total();
  EXPECT_EQ(to_string(key.client), "10.0.1.4");
  EXPECT_EQ(key.port, 8080);
  EXPECT_EQ(stats.flows, 1U);
  EXPECT_EQ(stats.first_seen, 1623862333);
  const FlowEndpoint& client = r.aggregate.identities[key.client_identity];
  EXPECT_EQ(client.namespace_name, "shop");
  EXPECT_EQ(client.workload_name, "ui");
  EXPECT_EQ(client.labels, (Labels{{"app", "ui"}}));  // cilium and namespace labels dropped
}

TEST(JsonReader, RepliesAreFlippedAndNotCounted) {
  auto r = ingest_text(flow(R"(,"is_reply":true)",
                            R"("TCP":{"source_port":8080,"destination_port":41000,"flags":{"SYN":true,"ACK":true}})"),
                       {}, Inventory{}, "f.json");
  ASSERT_TRUE(r.status);
  // is_reply says the source answered: the destination (10.0.2.16) is the client.
  EXPECT_EQ(r.edge("10.0.2.16", "10.0.1.4", 8080).flows, 0U);
  EXPECT_EQ(r.edge_count(), 1U);
}

TEST(JsonReader, LegacyReplyFlagAndTcpFlags) {
  auto reply = ingest_text(flow(R"(,"reply":true)", R"("TCP":{"source_port":41000,"destination_port":8080})"), {},
                           Inventory{}, "f.json");
  ASSERT_EQ(reply.edge_count(), 1U);
  EXPECT_EQ(reply.aggregate.edges.begin()->first.port, 41000);
  auto synack =
      ingest_text(flow("", R"("TCP":{"source_port":41000,"destination_port":8080,"flags":{"SYN":true,"ACK":true}})"),
                  {}, Inventory{}, "f.json");
  ASSERT_EQ(synack.edge_count(), 1U);
  EXPECT_EQ(synack.aggregate.edges.begin()->first.port, 41000);
  auto ports_only =
      ingest_text(flow("", R"("UDP":{"source_port":41000,"destination_port":53})"), {}, Inventory{}, "f.json");
  ASSERT_EQ(ports_only.edge_count(), 1U);
  EXPECT_EQ(ports_only.aggregate.edges.begin()->first.port, 53);
  EXPECT_EQ(ports_only.aggregate.edges.begin()->first.protocol, Protocol::udp);
}

TEST(JsonReader, DroppedFlowsAreReportedAndOptionallyUsed) {
  const std::string dropped =
      R"({"flow":{"verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"10.0.1.4","destination":"10.0.2.16"},"l4":{"TCP":{"source_port":41000,"destination_port":15672,"flags":{"SYN":true}}},"source":{"namespace":"a","pod_name":"x"},"destination":{"namespace":"b","pod_name":"y"}}})"
      "\n";
  auto r = ingest_text(dropped, {}, Inventory{}, "f.json");
  EXPECT_EQ(r.summary.records_used, 0U);
  ASSERT_EQ(r.summary.denied.size(), 1U);
  EXPECT_EQ(r.summary.denied.begin()->first.client, "a/x");
  EXPECT_EQ(r.summary.denied.begin()->first.reason, "DROPPED POLICY_DENIED");
  IngestOptions options;
  options.dropped = DroppedFlows::use_as_evidence;
  auto used = ingest_text(dropped, options, Inventory{}, "f.json");
  EXPECT_EQ(used.summary.records_used, 1U);
}

TEST(JsonReader, BareFlowObjectsAndReservedIdentities) {
  auto r = ingest_text(
      R"({"verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.2.16"},"l4":{"TCP":{"source_port":42044,"destination_port":15020}},"source":{"identity":1,"labels":["reserved:host"]},"destination":{"namespace":"shop","pod_name":"api-0"}})"
      "\n",
      {}, Inventory{}, "f.json");
  ASSERT_TRUE(r.status);
  const auto& key = r.aggregate.edges.begin()->first;
  EXPECT_EQ(r.aggregate.identities[key.client_identity].reserved, "host");
}

TEST(JsonReader, DualStackWorldIdentitiesAreTheWorld) {
  // Dual-stack clusters name the outside world reserved:world-ipv4 and reserved:world-ipv6
  // (identities 9 and 10); both are the world, as reserved:world is.
  for (const char* label : {"world-ipv4", "world-ipv6", "world"}) {
    auto r = ingest_text(
        std::string(
            R"({"verdict":"FORWARDED","IP":{"source":"10.0.1.4","destination":"1.1.1.1"},)"
            R"("l4":{"TCP":{"source_port":41000,"destination_port":443,"flags":{"SYN":true}}},)"
            R"("source":{"namespace":"shop","pod_name":"api-0"},"destination":{"identity":9,"labels":["reserved:)") +
            label +
            R"("]}})"
            "\n",
        {}, Inventory{}, "f.json");
    ASSERT_TRUE(r.status);
    ASSERT_EQ(r.edge_count(), 1U);
    const auto& key = r.aggregate.edges.begin()->first;
    EXPECT_EQ(r.aggregate.identities[key.server_identity].reserved, "world") << label;
  }
}

TEST(JsonReader, IcmpAndMalformedLines) {
  auto r = ingest_text(
      R"({"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"ICMPv4":{"type":8}}}})"
      "\n"
      "{not json\n"
      "\n",
      {}, Inventory{}, "f.json");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::protocol_not_expressible, "ICMP"}), 1U);
  EXPECT_EQ(r.summary.malformed_count, 1U);
  EXPECT_NE(describe(r.summary.malformed[0]).find("f.json:2: not a JSON object"), std::string::npos);
  EXPECT_EQ(r.summary.malformed[0].reason, MalformedReason::bad_json);
}

TEST(JsonReader, CloudWatchSubscriptionPayloadCarriesVpcRecords) {
  IngestOptions options;
  options.vpc_format = "${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action}";
  auto r = ingest_text(
      R"({"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","timestamp":1,"message":"2 10.0.0.1 10.0.0.2 40000 443 6 ACCEPT"},{"id":"2","timestamp":2,"message":"2 10.0.0.1 10.0.0.3 40000 22 6 REJECT"}]})",
      options, Inventory{}, "cw.json");
  ASSERT_TRUE(r.status);
  EXPECT_EQ(r.summary.records_read, 2U);
  EXPECT_EQ(r.edge("10.0.0.1", "10.0.0.2", 443).flows, 1U);
  EXPECT_EQ(r.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 1U);
}

// A DNS response names the addresses it gave to the client that asked (the reply's destination):
// names folded to lower case without the trailing dot, at most 64 addresses, and none from an
// answer without addresses or for a name no policy could hold.
TEST(JsonReader, DnsAnswersNameTheirAddressesForTheClient) {
  std::string many;
  for (int i = 0; i < 70; ++i) many += (i ? "," : "") + std::string("\"198.51.100.") + std::to_string(i) + "\"";
  const std::string udp = R"("UDP":{"source_port":53,"destination_port":41000})";
  const std::string text =
      flow(
          R"(,"is_reply":true,"l7":{"type":"RESPONSE","dns":{"query":"API.Example.com.","ips":["203.0.113.5","2001:db8::5"],"rcode":0}})",
          udp) +
      flow(R"(,"is_reply":true,"l7":{"type":"RESPONSE","dns":{"query":"many.example.com.","ips":[)" + many + "]}}",
           udp) +
      flow(R"(,"is_reply":true,"l7":{"type":"RESPONSE","dns":{"query":"gone.example.com.","rcode":3}})", udp) +
      flow(R"(,"is_reply":true,"l7":{"type":"RESPONSE","dns":{"query":"bad name.example.com.","ips":["203.0.113.9"]}})",
           udp) +
      flow(R"(,"is_reply":false,"l7":{"type":"REQUEST","dns":{"query":"asked.example.com.","ips":["203.0.113.7"]}})",
           udp);
  auto r = ingest_text(text, {}, Inventory{}, "f.json");
  ASSERT_TRUE(r.status);
  std::map<std::string, std::set<std::string>> names;  // name -> addresses, all for client 10.0.2.16
  for (const auto& [resolved, seen] : r.aggregate.resolved_names) {
    EXPECT_EQ(to_string(resolved.client), "10.0.2.16");
    EXPECT_EQ(seen, 1623862333);
    names[resolved.name].insert(to_string(resolved.address));
  }
  EXPECT_EQ(names["api.example.com"], (std::set<std::string>{"203.0.113.5", "2001:db8::5"}));
  EXPECT_EQ(names["many.example.com"].size(), 64U);
  EXPECT_EQ(names.size(), 2U);  // not the NXDOMAIN, the bad name, or a request
  EXPECT_EQ(r.summary.skipped.at({SkipReason::dns_name_unusable}), 1U);
  EXPECT_EQ(r.summary.records_used, 5U);  // the records themselves still count as traffic
}

}  // namespace
}  // namespace netobs
