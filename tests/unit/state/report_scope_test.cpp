#include <gtest/gtest.h>

#include <netobs/report_scope.hpp>

namespace netobs {
namespace {

Peer scope_workload(const std::string& namespace_name, const std::string& name) {
  Peer peer;
  peer.kind = PeerKind::workload;
  peer.workload = {namespace_name, "Deployment", name};
  return peer;
}

EdgeId scope_edge(const Peer& client, const Peer& server) { return EdgeId{client, server, Protocol::tcp, 80}; }

TEST(ReportScope, EverythingIncludesEveryNamespaceAndPeer) {
  const ReportScope scope;
  EXPECT_TRUE(scope.everything());
  EXPECT_TRUE(scope.includes("any"));
  Peer external;
  external.ip = *parse_ip("203.0.113.9");
  EXPECT_TRUE(scope.includes(external));
  EXPECT_EQ(describe(scope), "every namespace");
}

TEST(ReportScope, NamedNamespacesIncludeTheirWorkloadsOnly) {
  const ReportScope scope{{"b", "a"}};
  EXPECT_TRUE(scope.includes("a"));
  EXPECT_FALSE(scope.includes("c"));
  EXPECT_TRUE(scope.includes(scope_workload("b", "db")));
  Peer external;
  external.ip = *parse_ip("203.0.113.9");
  EXPECT_FALSE(scope.includes(external));  // an address is in no namespace
  EXPECT_TRUE(scope.touches(scope_edge(scope_workload("c", "x"), scope_workload("a", "web"))));
  EXPECT_TRUE(scope.touches(scope_edge(scope_workload("a", "web"), external)));
  EXPECT_FALSE(scope.touches(scope_edge(scope_workload("c", "x"), external)));
  EXPECT_EQ(describe(scope), "namespaces a, b");
  EXPECT_EQ(describe(ReportScope{{"a"}}), "namespace a");
}

TEST(ReportScope, MissingNamespacesAreTheNamedOnesNothingHolds) {
  ManifestSet set;
  set.namespaces["a"] = {};
  NetworkPolicy policy;
  policy.namespace_name = "p";
  set.policies.push_back(policy);
  const std::set<std::string> known = namespaces_of(set);
  EXPECT_EQ(known, (std::set<std::string>{"a", "p"}));
  EXPECT_EQ(missing_namespaces(ReportScope{{"z", "a", "p", "y"}}, known), (std::vector<std::string>{"y", "z"}));
  EXPECT_TRUE(missing_namespaces(ReportScope{}, known).empty());
}

TEST(ReportScope, EdgesTouchingKeepsTheEdgesWithAnEndInScope) {
  Graph graph;
  graph.edges[scope_edge(scope_workload("a", "web"), scope_workload("b", "db"))] = {};
  graph.edges[scope_edge(scope_workload("c", "x"), scope_workload("b", "db"))] = {};
  graph.edges[scope_edge(scope_workload("c", "x"), scope_workload("a", "web"))] = {};
  EXPECT_EQ(edges_touching(graph, ReportScope{}).edges.size(), 3U);
  const Graph scoped = edges_touching(graph, ReportScope{{"a"}});
  ASSERT_EQ(scoped.edges.size(), 2U);
  for (const auto& [edge, stats] : scoped.edges)
    EXPECT_TRUE(ReportScope{{"a"}}.touches(edge)) << to_string(edge.client);
}

}  // namespace
}  // namespace netobs
