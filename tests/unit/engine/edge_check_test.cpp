// check_edge names what blocks an edge, whichever kind decides it: the policy isolating the side,
// an Admin or Baseline Deny rule, a Cilium deny rule.
#include <gtest/gtest.h>

#include <netobs/edge_check.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

const char* k_edge_pods = R"(
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.1.0.6}
)";

const char* k_db_allows_web = R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
)";

EdgeId web_to_db(std::uint16_t port) {
  EdgeId edge;
  edge.client = Peer{PeerKind::workload, WorkloadRef{"shop", "Pod", "web"}, {}};
  edge.server = Peer{PeerKind::workload, WorkloadRef{"shop", "Pod", "db"}, {}};
  edge.port = port;
  return edge;
}

EdgeVerdict verdict_of(const Cluster& cluster, std::uint16_t port) {
  const PolicyEngine engine(cluster.set, IpBlockScope::all);
  return check_edge(engine, web_to_db(port));
}

TEST(EdgeCheck, NamesTheNetworkPolicyIsolatingTheSide) {
  Cluster c(std::string(k_edge_pods) + k_db_allows_web);
  const EdgeVerdict allowed = verdict_of(c, 5432);
  EXPECT_TRUE(allowed.evaluated && allowed.allowed());
  const EdgeVerdict blocked = verdict_of(c, 22);
  ASSERT_TRUE(blocked.evaluated);
  EXPECT_TRUE(blocked.egress);
  EXPECT_FALSE(blocked.ingress);
  EXPECT_EQ(blocked.ingress_blocker.what, "NetworkPolicy shop/db");
  ASSERT_NE(blocked.ingress_blocker.policy, nullptr);
  EXPECT_EQ(blocked.ingress_blocker.location.line, blocked.ingress_blocker.policy->location.line);
  EXPECT_EQ(describe_blocked_side(PolicyType::ingress, web_to_db(22).server, blocked.ingress_blocker),
            "ingress of shop/db[Pod] (NetworkPolicy shop/db)");
}

TEST(EdgeCheck, NamesTheAdminDenyRuleNotTheNetworkPolicyThatWouldAllow) {
  Cluster c(std::string(k_edge_pods) + k_db_allows_web + R"(---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: no-db}
spec:
  priority: 3
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress: [{name: nobody, action: Deny, from: [{namespaces: {}}]}]
)");
  const EdgeVerdict verdict = verdict_of(c, 5432);
  ASSERT_TRUE(verdict.evaluated);
  EXPECT_FALSE(verdict.ingress);
  EXPECT_EQ(verdict.ingress_blocker.what,
            "AdminNetworkPolicy no-db (policy.networking.k8s.io/v1alpha1) ingress rule 1 (nobody)");
  EXPECT_EQ(verdict.ingress_blocker.policy, nullptr);
  EXPECT_GT(verdict.ingress_blocker.location.line, 0U);
}

TEST(EdgeCheck, NamesTheBaselineDenyWhereNoNetworkPolicyIsolates) {
  Cluster c(std::string(k_edge_pods) + R"(---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress: [{name: deny-all, action: Deny, to: [{namespaces: {}}]}]
)");
  const EdgeVerdict verdict = verdict_of(c, 5432);
  ASSERT_TRUE(verdict.evaluated);
  EXPECT_FALSE(verdict.egress);
  EXPECT_EQ(verdict.egress_blocker.what,
            "BaselineAdminNetworkPolicy default (policy.networking.k8s.io/v1alpha1) egress rule 1 (deny-all)");
}

TEST(EdgeCheck, NamesTheCiliumDenyRuleAndTheIsolatingCiliumPolicy) {
  Cluster deny(std::string(k_edge_pods) + R"(---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: guard, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress: [{fromEndpoints: [{}]}]
  ingressDeny: [{fromEndpoints: [{matchLabels: {app: web}}]}]
)");
  EXPECT_EQ(verdict_of(deny, 5432).ingress_blocker.what, "CiliumNetworkPolicy shop/guard ingressDeny rule 1");
  Cluster isolated(std::string(k_edge_pods) + R"(---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: only-ui, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress: [{fromEndpoints: [{matchLabels: {app: ui}}]}]
)");
  EXPECT_EQ(verdict_of(isolated, 5432).ingress_blocker.what, "CiliumNetworkPolicy shop/only-ui");
}

}  // namespace
}  // namespace netobs
