// diff_policies on small inline states: object normalisation, connectivity changes (widening and
// narrowing), the proposal's scope, and the observed-flow verdicts. Runs in a plain clone; the
// np-guard goldens are in oracle_diff_test.cpp.
#include <gtest/gtest.h>

#include <netobs/diff.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* const k_workloads = R"(
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.0.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, ports: [{containerPort: 9000}]}]}
status: {podIP: 10.0.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
status: {podIP: 10.0.1.1}
)";

// api accepts 9000 from web only; the server's additions and defaults are present.
const char* const k_live_policy = R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
  uid: 1234
  resourceVersion: "99"
  generation: 3
  creationTimestamp: "2026-01-01T00:00:00Z"
  managedFields: [{manager: kubectl}]
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{protocol: TCP, port: 9000}]
status: {}
)";

// The api policy as a user writes it (no protocol, no policyTypes), with `ports` ("[{port: 9000}]").
std::string api_policy(const std::string& ports) {
  return R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: )" +
         ports + "\n";
}

ManifestSet state(const std::string& text) {
  auto set = load_manifest_text(text, "inline");
  EXPECT_TRUE(set) << (set ? "" : describe(set.error()));
  return set ? std::move(*set) : ManifestSet{};
}

TEST(UnifiedDiff, HunksWithContextLikeDiffU) {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
  const std::string after = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
  EXPECT_EQ(unified_diff(before, after, "live/x", "proposed/x"),
            "--- live/x\n+++ proposed/x\n@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n");
  EXPECT_EQ(unified_diff("same\n", "same\n", "a", "b"), "");
  EXPECT_EQ(unified_diff("", "new\n", "/dev/null", "proposed/x"),
            "--- /dev/null\n+++ proposed/x\n@@ -0,0 +1 @@\n+new\n");
}

TEST(UnifiedDiff, FarApartChangesAreSeparateHunks) {
  std::string before;
  for (int i = 0; i < 20; ++i) before += std::to_string(i) + "\n";
  std::string after = before;
  after.replace(after.find("2\n"), 2, "two\n");
  after.replace(after.find("17\n"), 3, "seventeen\n");
  const std::string diff = unified_diff(before, after, "a", "b");
  EXPECT_NE(diff.find("@@ -1,6 +1,6 @@"), std::string::npos) << diff;
  EXPECT_NE(diff.find("@@ -15,6 +15,6 @@"), std::string::npos) << diff;
}

TEST(Diff, WhatTheServerAddsIsNoChange) {
  const ManifestSet live = state(std::string(k_workloads) + "---" + k_live_policy);
  // The same policy as a user writes it: no protocol, no policyTypes, no server fields.
  const ManifestSet proposal = state(api_policy("[{port: 9000}]"));
  const PolicyDiff diff = diff_policies(live, proposal, {});
  EXPECT_TRUE(diff.objects.empty()) << diff.objects.front().unified_diff;
  EXPECT_TRUE(diff.connectivity.empty());
  EXPECT_FALSE(diff.has_differences());
  EXPECT_EQ(render_diff(diff, DiffFormat::txt), "Policy objects: no change\n\nConnectivity: no change\n\n");
}

TEST(Diff, LiveNamespaceLabelsHoldForAProposalOfPoliciesOnly) {
  // The live namespace carries team=data; the proposal selects it by that label.
  const std::string policy = R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-data, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {team: data}}}]
)";
  const ManifestSet live =
      state(std::string(k_workloads) +
            "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: data, labels: {team: data}}\n---" + policy);
  const PolicyDiff diff = diff_policies(live, state(policy), {});
  EXPECT_TRUE(diff.connectivity.empty()) << render_connectivity_diff_txt(diff.connectivity);
}

TEST(Diff, ChangedPolicyShowsItsLinesAndTheConnectivityThatMoves) {
  const ManifestSet live = state(std::string(k_workloads) + "---" + k_live_policy);
  const ManifestSet proposal = state(api_policy("[{port: 9000}, {port: 9090}]"));
  const PolicyDiff diff = diff_policies(live, proposal, {});
  ASSERT_EQ(diff.objects.size(), 1U);
  EXPECT_EQ(diff.objects[0].type, ChangeType::changed);
  EXPECT_NE(diff.objects[0].unified_diff.find("+      port: 9090"), std::string::npos) << diff.objects[0].unified_diff;
  ASSERT_EQ(diff.connectivity.size(), 1U);
  const ConnectivityChange& change = diff.connectivity[0];
  EXPECT_EQ(change.source, "shop/web[Pod]");
  EXPECT_EQ(change.destination, "shop/api[Pod]");
  EXPECT_EQ(change.live.to_string(), "TCP 9000");
  EXPECT_EQ(change.proposed.to_string(), "TCP 9000,9090");
  EXPECT_TRUE(change.widens());
  EXPECT_FALSE(change.narrows());
  EXPECT_EQ(
      render_connectivity_diff_txt(diff.connectivity),
      "Connectivity diff:\ndiff-type: changed, source: shop/web[Pod], destination: shop/api[Pod], ref1: TCP 9000, "
      "ref2: TCP 9000,9090\n");
}

TEST(Diff, ProposalReplacesOnlyItsNamespacesUnlessPruning) {
  const std::string data_policy = R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: data}
spec: {podSelector: {}}
)";
  const ManifestSet live = state(std::string(k_workloads) + "---" + k_live_policy + "---" + data_policy);
  const ManifestSet proposal = state(k_live_policy);
  PolicyDiff diff = diff_policies(live, proposal, {});
  EXPECT_TRUE(diff.objects.empty());
  EXPECT_TRUE(diff.connectivity.empty());
  ASSERT_EQ(diff.notes.size(), 1U);
  EXPECT_NE(diff.notes[0].find("1 live policy in namespaces the proposal has no policy in is kept"), std::string::npos);

  diff = diff_policies(live, proposal, DiffOptions{IpBlockScope::all, DiffScope::everything, {}});
  ASSERT_EQ(diff.objects.size(), 1U);
  EXPECT_EQ(diff.objects[0].type, ChangeType::removed);
  EXPECT_EQ(diff.objects[0].name, "deny");
  EXPECT_NE(diff.objects[0].unified_diff.find("+++ /dev/null"), std::string::npos);
  // Removing data's deny-all opens db to everything: only widening.
  ASSERT_FALSE(diff.connectivity.empty());
  for (const auto& change : diff.connectivity) {
    EXPECT_EQ(change.destination, "data/db[Pod]");
    EXPECT_EQ(change.type, ChangeType::added);
    EXPECT_TRUE(change.widens());
  }
}

TEST(Diff, HeadlineCountsTakeTheSingularForOne) {
  PolicyDiff diff;
  diff.flows.emplace();
  diff.flows->evaluated = 1;
  EXPECT_NE(render_diff(diff, DiffFormat::txt).find("0 unused live permissions removed (1 edge evaluated)"),
            std::string::npos)
      << render_diff(diff, DiffFormat::txt);
  EXPECT_NE(render_diff(diff, DiffFormat::md).find("**0 observed flows would break**"), std::string::npos);
  diff.flows->evaluated = 2;
  EXPECT_NE(render_diff(diff, DiffFormat::txt).find("(2 edges evaluated)"), std::string::npos);
  EXPECT_NE(render_diff(diff, DiffFormat::md).find("(2 edges evaluated)"), std::string::npos);
}

TEST(Diff, ObservedFlowsThatWouldBreakAreFixedOrUnused) {
  // Live: api accepts 9000 from web. Proposed: api accepts 9090 from web only, and db is isolated.
  const ManifestSet live = state(std::string(k_workloads) + "---" + k_live_policy);
  const ManifestSet proposal = state(api_policy("[{port: 9090}]"));
  const Inventory inventory = testing::inventory_from(R"({"apiVersion":"v1","kind":"List","items":[
    {"kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},"status":{"podIP":"10.0.0.1"}},
    {"kind":"Pod","metadata":{"name":"api","namespace":"shop","labels":{"app":"api"}},
     "spec":{"containers":[{"name":"c","ports":[{"containerPort":9000},{"containerPort":9090}]}]},"status":{"podIP":"10.0.0.2"}},
    {"kind":"Pod","metadata":{"name":"db","namespace":"data","labels":{"app":"db"}},"status":{"podIP":"10.0.1.1"}}]})");
  testing::TempDir dir;
  const std::string flows = dir.write("flows.log",
                                      "srcaddr dstaddr srcport dstport protocol tcp-flags action start end\n"
                                      "10.0.0.1 10.0.0.2 40000 9000 6 2 ACCEPT 100 160\n"
                                      "10.0.0.1 10.0.0.2 40001 9000 6 2 ACCEPT 100 160\n"
                                      "10.0.0.2 10.0.1.1 40000 5432 6 2 ACCEPT 100 160\n");
  const Graph graph = testing::run_pipeline({flows}, inventory).graph;
  const PolicyDiff diff = diff_policies(live, proposal, {}, &graph);
  ASSERT_TRUE(diff.flows);
  EXPECT_EQ(diff.flows->evaluated, 2U);
  ASSERT_EQ(diff.flows->would_break.size(), 1U);
  const FlowChange& broken = diff.flows->would_break[0];
  EXPECT_EQ(broken.edge.port, 9000);
  EXPECT_EQ(broken.stats.flows, 2U);
  EXPECT_EQ(broken.blocked_by, "ingress of shop/api[Pod] (NetworkPolicy shop/api)");
  EXPECT_TRUE(diff.flows->fixed.empty());
  EXPECT_TRUE(diff.flows->unused_removed.empty());  // web -> api carried flows
  const std::string text = render_diff(diff, DiffFormat::txt);
  EXPECT_NE(text.find("Observed flows: 1 would break, 0 fixed"), std::string::npos) << text;
  EXPECT_NE(text.find("would break: TCP 9000 from shop/web[Pod] to shop/api[Pod] (2 flows): blocked by the ingress of "
                      "shop/api[Pod] (NetworkPolicy shop/api)"),
            std::string::npos)
      << text;
  EXPECT_NE(render_diff(diff, DiffFormat::md).find("**1 observed flow would break**"), std::string::npos);
  EXPECT_NE(render_diff(diff, DiffFormat::json).find("\"would_break\": ["), std::string::npos);

  // The other way round the same flow is fixed, and nothing breaks.
  const PolicyDiff back = diff_policies(proposal.pods.empty() ? ManifestSet(live) : proposal, live, {}, &graph);
  ASSERT_TRUE(back.flows);
  EXPECT_TRUE(back.flows->would_break.empty());
}

TEST(Diff, UnusedLivePermissionsTheProposalRemoves) {
  const ManifestSet live = state(k_workloads);  // nothing isolated: everything allowed
  const ManifestSet proposal = state(R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec: {podSelector: {}, policyTypes: [Ingress]}
)");
  const Graph graph;  // no flow observed at all
  const PolicyDiff diff = diff_policies(live, proposal, {}, &graph);
  ASSERT_TRUE(diff.flows);
  std::set<std::string> unused;
  for (const auto& change : diff.flows->unused_removed) unused.insert(change.source + " => " + change.destination);
  EXPECT_EQ(unused, (std::set<std::string>{"shop/api[Pod] => data/db[Pod]", "shop/web[Pod] => data/db[Pod]"}));
}

}  // namespace
}  // namespace netobs
