// The EKS ApplicationNetworkPolicy: read as a NetworkPolicy (the agent evaluates both kinds
// together), with domainNames peers that match no address and are named as not evaluated.
#include <algorithm>

#include <gtest/gtest.h>

#include <netobs/diff.hpp>
#include <netobs/engine.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

const char* k_app_pods = R"(
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.1.0.6}
)";

std::string app_cluster(const std::string& policies) { return std::string(k_app_pods) + "---\n" + policies; }

const char* k_web_egress = R"(
apiVersion: networking.k8s.aws/v1alpha1
kind: ApplicationNetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{protocol: TCP, port: 5432}]
  - to: [{domainNames: [api.example.com, "*.googleapis.com"]}]
    ports: [{protocol: TCP, port: 443}]
)";

TEST(ApplicationPolicy, IsReadAsANetworkPolicyOfItsOwnKind) {
  Cluster c(app_cluster(k_web_egress));
  ASSERT_EQ(c.set.policies.size(), 1U);
  EXPECT_TRUE(c.set.unanalysed.empty());
  const NetworkPolicy& policy = c.set.policies.front();
  EXPECT_TRUE(policy.is_application_policy());
  EXPECT_EQ(describe(policy), "ApplicationNetworkPolicy shop/web-egress");
  EXPECT_EQ(policy.api_version(), "networking.k8s.aws/v1alpha1");
  ASSERT_EQ(policy.egress.size(), 2U);
  EXPECT_EQ(policy.egress[1].peers.at(0).domain_names,
            (std::vector<std::string>{"api.example.com", "*.googleapis.com"}));
  // The egress of web is isolated: the database port only; the domains match no pod.
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
  EXPECT_EQ(c.allowed("db", "web"), "All Connections");
}

TEST(ApplicationPolicy, DomainNamesAreNamedAsNotEvaluatedPerRule) {
  Cluster c(app_cluster(k_web_egress));
  const auto sentences = not_evaluated(c.set);
  ASSERT_EQ(sentences.size(), 1U);
  EXPECT_NE(sentences[0].find("ApplicationNetworkPolicy shop/web-egress egress rule 2: its domainNames peer is not "
                              "evaluated"),
            std::string::npos)
      << sentences[0];
}

TEST(ApplicationPolicy, CombinesWithNetworkPoliciesAsOneAllowList) {
  // A NetworkPolicy of the same name is another object; together they allow the union.
  Cluster c(app_cluster(std::string(k_web_egress) + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{ports: [{protocol: UDP, port: 53}]}]
)"));
  ASSERT_EQ(c.set.policies.size(), 2U);
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432,UDP 53");
}

TEST(ApplicationPolicy, AnotherApiVersionIsNotReadAsOne) {
  Cluster c(app_cluster(R"(
apiVersion: networking.k8s.aws/v1
kind: ApplicationNetworkPolicy
metadata: {name: x, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
)"));
  EXPECT_TRUE(c.set.policies.empty());
  ASSERT_EQ(c.set.unanalysed.size(), 1U);
  EXPECT_EQ(c.allowed("web", "db"), "All Connections");
}

TEST(ApplicationPolicy, DiffShowsObjectsOfEveryKindByKind) {
  Cluster live(app_cluster(std::string(k_web_egress) + R"(---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-db, resourceVersion: "17", uid: abc}
spec:
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress: [{name: no-web, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}]
)"));
  Cluster proposal(app_cluster(std::string(k_web_egress) + R"(---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-db}
spec:
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress: [{name: no-web, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: other}}}}]}]
)"));
  const PolicyDiff diff = diff_policies(live.set, proposal.set, DiffOptions{});
  // The ApplicationNetworkPolicy is the same in both; the ANP changed (server-set metadata aside).
  ASSERT_EQ(diff.objects.size(), 1U);
  EXPECT_EQ(diff.objects[0].title(), "AdminNetworkPolicy deny-db (policy.networking.k8s.io)");
  EXPECT_EQ(diff.objects[0].type, ChangeType::changed);
  EXPECT_NE(diff.objects[0].unified_diff.find("--- live/AdminNetworkPolicy.policy.networking.k8s.io/deny-db"),
            std::string::npos)
      << diff.objects[0].unified_diff;
  EXPECT_NE(diff.objects[0].unified_diff.find("+            app: other"), std::string::npos)
      << diff.objects[0].unified_diff;
  EXPECT_EQ(diff.objects[0].unified_diff.find("resourceVersion"), std::string::npos);
  // And the connectivity the Deny took away is back.
  ASSERT_FALSE(diff.connectivity.empty());
}

TEST(ApplicationPolicy, DiffTellsApartTwoGroupsOfOneKind) {
  // EKS's ClusterNetworkPolicy and the upstream one are two resources of one kind and name.
  const auto same_name = [](const std::string& api_version) {
    return "---\napiVersion: " + api_version + R"(
kind: ClusterNetworkPolicy
metadata: {name: same}
spec:
  tier: Admin
  priority: 5
  subject: {namespaces: {}}
  ingress: [{name: a, action: Deny, from: [{namespaces: {matchLabels: {x: y}}}]}]
)";
  };
  const std::string eks = same_name("networking.k8s.aws/v1alpha1");
  const std::string upstream = same_name("policy.networking.k8s.io/v1alpha2");
  Cluster live(app_cluster(eks));
  Cluster both(app_cluster(eks + upstream));
  ASSERT_EQ(both.set.tiered.size(), 2U);
  const PolicyDiff diff = diff_policies(live.set, both.set, DiffOptions{});
  ASSERT_EQ(diff.objects.size(), 1U);
  EXPECT_EQ(diff.objects[0].type, ChangeType::added);
  EXPECT_EQ(diff.objects[0].title(), "ClusterNetworkPolicy same (policy.networking.k8s.io)");
  // The upstream one alone as the proposal keeps the live EKS one: the same two objects.
  Cluster proposal(app_cluster(upstream));
  const PolicyDiff kept = diff_policies(live.set, proposal.set, DiffOptions{});
  ASSERT_EQ(kept.objects.size(), 1U);
  EXPECT_EQ(kept.objects[0].type, ChangeType::added);
}

}  // namespace
}  // namespace netobs
