#include <gtest/gtest.h>

#include <netobs/graph.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* k_inventory = R"({"apiVersion":"v1","kind":"List","items":[
  {"kind":"Node","metadata":{"name":"n1"},"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.10"}]}},
  {"kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"web"}}}},
  {"kind":"Deployment","metadata":{"name":"web-canary","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"web","track":"canary"}}}},
  {"kind":"Pod","metadata":{"name":"web-5f6d7c8b9-aaaaa","namespace":"shop","labels":{"app":"web","track":"stable","pod-template-hash":"5f6d7c8b9"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"web-5f6d7c8b9","controller":true}]},"spec":{"containers":[{"name":"c"}]},
   "status":{"podIP":"10.0.1.5","phase":"Running"}},
  {"kind":"Pod","metadata":{"name":"web-canary-6a7b8c9d1-bbbbb","namespace":"shop","labels":{"app":"web","track":"canary","pod-template-hash":"6a7b8c9d1"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"web-canary-6a7b8c9d1","controller":true}]},"spec":{"containers":[{"name":"c"}]},
   "status":{"podIP":"10.0.1.6","phase":"Running"}},
  {"kind":"Pod","metadata":{"name":"api-0","namespace":"shop","labels":{"app":"api","statefulset.kubernetes.io/pod-name":"api-0"},
   "ownerReferences":[{"kind":"StatefulSet","name":"api","controller":true}]},
   "spec":{"containers":[{"name":"c","ports":[{"name":"grpc","containerPort":9000}]}]},"status":{"podIP":"10.0.2.7","phase":"Running"}},
  {"kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"clusterIP":"172.20.0.5","selector":{"app":"api"},"ports":[{"port":80,"targetPort":"grpc"}]}}
]})";

testing::PipelineResult run(const std::string& records, const std::vector<std::string>& cluster_cidrs = {}) {
  testing::TempDir dir;
  const std::string path =
      dir.write("f.log", "srcaddr dstaddr srcport dstport protocol tcp-flags action start end\n" + records);
  static Inventory inventory = testing::inventory_from(k_inventory);
  return testing::run_pipeline({path}, inventory, {}, {}, cluster_cidrs);
}

const EdgeId* find_edge(const Graph& graph, const std::string& client, const std::string& server) {
  for (const auto& [id, stats] : graph.edges) {
    if (to_string(id.client) == client && to_string(id.server) == server) return &id;
  }
  return nullptr;
}

TEST(Graph, ServiceAddressBecomesBackendsOnTheirTargetPort) {
  auto r = run("10.0.1.5 172.20.0.5 40000 80 6 2 ACCEPT 100 160\n");
  const EdgeId* edge = find_edge(r.graph, "shop/web[Deployment]", "shop/api[StatefulSet]");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->port, 9000);  // policies see the pod's port, not the Service's
}

TEST(Graph, NodesExternalAndUnknownClusterAddresses) {
  auto r =
      run("10.0.0.10 10.0.1.5 40000 8080 6 2 ACCEPT 100 160\n"      // kubelet probe
          "10.0.0.10 8.8.8.8 40000 443 6 2 ACCEPT 100 160\n"        // SNATed egress
          "10.0.1.5 10.0.9.9 40000 443 6 2 ACCEPT 100 160\n"        // in the cluster range, unexplained
          "10.0.1.5 192.168.50.5 40000 5432 6 2 ACCEPT 100 160\n",  // a private resource outside
          {"10.0.0.0/16"});
  EXPECT_EQ(r.graph.report.node_traffic.size(), 1U);
  EXPECT_EQ(r.graph.report.snat.count(*parse_ip("10.0.0.10")), 1U);
  EXPECT_EQ(r.graph.report.cluster_unknown.count(*parse_ip("10.0.9.9")), 1U);
  EXPECT_EQ(r.graph.report.private_external.count(*parse_ip("192.168.50.5")), 1U);
  EXPECT_TRUE(find_edge(r.graph, "shop/web[Deployment]", "192.168.50.5"));
}

TEST(Graph, SelectorsMustBeExact) {
  auto r =
      run("10.0.1.5 10.0.2.7 40000 9000 6 2 ACCEPT 100 160\n"
          "10.0.1.6 10.0.2.7 40000 9000 6 2 ACCEPT 100 160\n");
  const auto& web = r.graph.workloads.at({"shop", "Deployment", "web"});
  // spec.selector app=web also selects the canary's pods; the shared labels are exact.
  EXPECT_EQ(web.selector.match_labels, (Labels{{"app", "web"}, {"track", "stable"}}));
  EXPECT_TRUE(web.selector_note.empty());
  const auto& canary = r.graph.workloads.at({"shop", "Deployment", "web-canary"});
  EXPECT_EQ(canary.selector.match_labels, (Labels{{"app", "web"}, {"track", "canary"}}));
  const auto& api = r.graph.workloads.at({"shop", "StatefulSet", "api"});
  EXPECT_EQ(api.selector.match_labels, (Labels{{"app", "api"}}));  // no pod-name label
}

TEST(Graph, InexactSelectorIsSaidWhenNoCandidateFits) {
  const Inventory inventory = testing::inventory_from(R"({"kind":"List","items":[
    {"kind":"Pod","metadata":{"name":"a","namespace":"x","labels":{"app":"same"}},"spec":{},"status":{"podIP":"10.0.0.1"}},
    {"kind":"Pod","metadata":{"name":"b","namespace":"x","labels":{"app":"same"}},"spec":{},"status":{"podIP":"10.0.0.2"}}]})");
  testing::TempDir dir;
  const std::string path =
      dir.write("f.log", "srcaddr dstaddr srcport dstport protocol\n10.0.0.1 10.0.0.2 40000 80 6\n");
  auto r = testing::run_pipeline({path}, inventory);
  const auto& a = r.graph.workloads.at({"x", "Pod", "a"});
  EXPECT_NE(a.selector_note.find("also selects pods of Pod/b"), std::string::npos) << a.selector_note;
}

TEST(Graph, StaleAddressOfAPodStartedLaterIsNotAttributed) {
  const Inventory inventory = testing::inventory_from(R"({"kind":"List","items":[
    {"kind":"Pod","metadata":{"name":"new","namespace":"x","labels":{"app":"new"}},"spec":{},
     "status":{"podIP":"10.0.0.1","startTime":"2025-01-01T00:00:00Z","phase":"Running"}}]})");
  testing::TempDir dir;
  const std::string path = dir.write("f.log",
                                     "srcaddr dstaddr srcport dstport protocol start end\n"
                                     "10.0.0.1 8.8.8.8 40000 53 17 1600000000 1600000060\n");
  auto r = testing::run_pipeline({path}, inventory);
  EXPECT_EQ(r.graph.report.unheld_pod_ips, (std::map<IpAddress, std::uint64_t>{{*parse_ip("10.0.0.1"), 1}}));
  EXPECT_TRUE(r.graph.report.cluster_unknown.empty());
  EXPECT_TRUE(r.graph.edges.begin()->first.client.kind == PeerKind::cluster_unknown);
}

TEST(Graph, HubbleIdentitiesWithoutInventory) {
  testing::TempDir dir;
  const std::string path = dir.write(
      "h.json",
      R"({"flow":{"verdict":"FORWARDED","IP":{"source":"10.1.0.4","destination":"10.1.0.9"},"l4":{"TCP":{"source_port":41000,"destination_port":9080,"flags":{"SYN":true}}},)"
      R"("source":{"namespace":"bookinfo","labels":["k8s:app=productpage","k8s:version=v1"],"pod_name":"productpage-v1-6b746f74dc-9rcxx"},)"
      R"("destination":{"labels":["k8s:app=details","k8s:io.kubernetes.pod.namespace=bookinfo"],"pod_name":"details-v1-79f774bdb9-m4j4k"}}})"
      "\n");
  auto r = testing::run_pipeline({path}, Inventory{});
  const EdgeId* edge = find_edge(r.graph, "bookinfo/productpage-v1[Deployment]", "bookinfo/details-v1[Deployment]");
  ASSERT_TRUE(edge);
  EXPECT_EQ(r.graph.workloads.at(edge->client.workload).selector.match_labels,
            (Labels{{"app", "productpage"}, {"version", "v1"}}));
}

}  // namespace
}  // namespace netobs
