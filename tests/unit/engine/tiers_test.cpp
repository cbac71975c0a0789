// The Admin and Baseline tiers: every apiVersion's cluster network policies, evaluated around
// NetworkPolicies (np-guard's own cases cover v1alpha1 in oracle_connectivity_test).
#include <gtest/gtest.h>

#include <netobs/engine.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

const char* k_tier_pods = R"(
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {tier: front}}
---
apiVersion: v1
kind: Namespace
metadata: {name: data, labels: {tier: back}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: c, ports: [{name: sql, containerPort: 5432}, {name: sql, containerPort: 5432, protocol: UDP}]}]}
status: {podIP: 10.2.0.6}
)";

std::string with(const std::string& policies) { return std::string(k_tier_pods) + "---\n" + policies; }

TEST(Tiers, UpstreamV1alpha2AcceptsWhatItsProtocolsName) {
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: db-ingress}
spec:
  tier: Admin
  priority: 5
  subject: {namespaces: {matchLabels: {tier: back}}}
  ingress:
  - {name: sql, action: Accept, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 5432}}}]}
  - {name: range, action: Accept, from: [{namespaces: {}}], protocols: [{udp: {destinationPort: {range: {start: 10, end: 20}}}}]}
  - {name: rest, action: Deny, from: [{namespaces: {}}]}
)"));
  EXPECT_TRUE(c.set.tiered.at(0).problems.empty());
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432,UDP 10-20");
  EXPECT_EQ(c.allowed("db", "web"), "All Connections");  // web is no subject
}

TEST(Tiers, EksClusterNetworkPolicyReadsPortsAndAccept) {
  Cluster c(with(R"(
apiVersion: networking.k8s.aws/v1alpha1
kind: ClusterNetworkPolicy
metadata: {name: web-egress}
spec:
  tier: Admin
  priority: 100
  subject: {pods: {namespaceSelector: {matchLabels: {tier: front}}, podSelector: {matchLabels: {app: web}}}}
  egress:
  - {name: sql, action: Accept, to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}], ports: [{portNumber: {protocol: TCP, port: 5432}}]}
  - {name: deny, action: Deny, to: [{namespaces: {}}]}
)"));
  EXPECT_TRUE(c.set.tiered.at(0).problems.empty());
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
}

TEST(Tiers, PassHandsOverToNetworkPoliciesAndTheFirstMatchingRuleDecides) {
  // The Pass comes first, so the later Deny never sees the connection; the NetworkPolicy that
  // isolates db then allows only 5432.
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: pass-first}
spec:
  priority: 1
  subject: {namespaces: {matchLabels: {tier: back}}}
  ingress:
  - {name: pass, action: Pass, from: [{namespaces: {matchLabels: {tier: front}}}]}
  - {name: deny, action: Deny, from: [{namespaces: {}}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 5432}]}]
)"));
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
}

TEST(Tiers, BaselineDecidesOnlyWhatNoNetworkPolicyIsolates) {
  const std::string baseline = R"(
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: baseline-deny}
spec:
  tier: Baseline
  priority: 0
  subject: {namespaces: {}}
  ingress:
  - {name: deny, action: Deny, from: [{namespaces: {}}]}
)";
  EXPECT_EQ(Cluster(with(baseline)).allowed("web", "db"), "No Connections");
  Cluster isolated(with(baseline + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 5432}]}]
)"));
  EXPECT_EQ(isolated.allowed("web", "db"), "TCP 5432");
}

TEST(Tiers, SamePriorityDecidesByNameAndBaselinePassAllows) {
  // v1alpha2 leaves equal priorities to the implementation; netobs orders them by name.
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: b-deny}
spec:
  tier: Admin
  priority: 3
  subject: {namespaces: {}}
  ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: a-pass}
spec:
  tier: Admin
  priority: 3
  subject: {namespaces: {}}
  ingress: [{name: pass, action: Pass, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 5432}}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: base}
spec:
  tier: Baseline
  priority: 1
  subject: {namespaces: {}}
  ingress:
  - {name: pass, action: Pass, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 5432}}}]}
  - {name: deny, action: Deny, from: [{namespaces: {}}]}
)"));
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
}

TEST(Tiers, NamedPortsResolveOnTheDestinationInEveryProtocol) {
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: named}
spec:
  priority: 1
  subject: {namespaces: {matchLabels: {tier: back}}}
  ingress:
  - {name: sql, action: Allow, from: [{namespaces: {}}], ports: [{namedPort: sql}]}
  - {name: deny, action: Deny, from: [{namespaces: {}}]}
)"));
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432,UDP 5432");
}

TEST(Tiers, NetworksMatchPodAddressesUnlessScopeIsExternal) {
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: nets}
spec:
  priority: 1
  subject: {namespaces: {matchLabels: {tier: front}}}
  egress:
  - {name: deny-data-range, action: Deny, to: [{networks: [10.2.0.0/16]}]}
)"));
  EXPECT_EQ(c.allowed("web", "db"), "No Connections");
  EXPECT_EQ(c.allowed("web", "db", IpBlockScope::external), "All Connections");
}

TEST(Tiers, NodesPeersMatchLabelledNodesAndAreNamedWhenNoLabelsAreKnown) {
  const std::string policy = with(R"(
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: nodes}
spec:
  priority: 1
  subject: {namespaces: {}}
  egress:
  - {name: deny-control-plane, action: Deny, to: [{nodes: {matchLabels: {role: control-plane}}}]}
)");
  Cluster unlabelled(policy);
  ASSERT_EQ(not_evaluated(unlabelled.set).size(), 1U);
  EXPECT_NE(not_evaluated(unlabelled.set)[0].find("nodes peer is not evaluated"), std::string::npos);

  Cluster c(policy);
  c.set.node_addresses["cp"] = {*parse_ip("192.168.0.1")};
  c.set.node_labels["cp"] = {{"role", "control-plane"}};
  c.set.node_addresses["worker"] = {*parse_ip("192.168.0.2")};
  c.set.node_labels["worker"] = {{"role", "worker"}};
  EXPECT_TRUE(not_evaluated(c.set).empty());
  const PolicyEngine engine(c.set, IpBlockScope::all);
  auto to = [&](const char* ip) {
    return engine.allowed(Endpoint::of(c.pod("web")), Endpoint::range(*parse_ip(ip), *parse_ip(ip))).to_string();
  };
  EXPECT_EQ(to("192.168.0.1"), "No Connections");
  EXPECT_EQ(to("192.168.0.2"), "All Connections");
}

TEST(Tiers, DomainNamesAreNotEvaluatedAndSaidSo) {
  Cluster c(with(R"(
apiVersion: networking.k8s.aws/v1alpha1
kind: ClusterNetworkPolicy
metadata: {name: names}
spec:
  tier: Admin
  priority: 1
  subject: {namespaces: {}}
  egress:
  - {name: api, action: Accept, to: [{domainNames: ["*.example.com"]}]}
)"));
  EXPECT_TRUE(c.set.tiered.at(0).problems.empty());
  ASSERT_EQ(not_evaluated(c.set).size(), 1U);
  EXPECT_NE(not_evaluated(c.set)[0].find("egress rule 1 (api): its domainNames peer is not evaluated"),
            std::string::npos);
}

TEST(Tiers, MalformedPoliciesCarryLocatedProblems) {
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: bad}
spec:
  tier: Middle
  priority: 5
  subject: {namespaces: {}}
  egress:
  - {name: deny-names, action: Deny, to: [{domainNames: [a.example.com]}]}
  - {name: two-fields, action: Accept, to: [{networks: [10.0.0.0/8], namespaces: {}}]}
  - {name: range, action: Accept, to: [{networks: [not-a-cidr]}], protocols: [{tcp: {destinationPort: {range: {start: 90, end: 80}}}}]}
)"));
  const auto& problems = c.set.tiered.at(0).problems;
  std::string all;
  for (const auto& p : problems) {
    EXPECT_GT(p.location.line, 0U) << p.message;
    all += p.message + "\n";
  }
  for (const char* expected :
       {"tier must be Admin or Baseline", "domainNames peers are allowed only with action Accept",
        "exactly one field must be set in a rule peer", "invalid CIDR address: 'not-a-cidr'",
        "illegal port range 90-80"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " not in:\n" << all;
  }
}

TEST(Tiers, MalformedSelectorsAreProblemsNotMatchAll) {
  // In without values is rejected by the API server; evaluated, it would select everything.
  Cluster c(with(R"(
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny}
spec:
  priority: 3
  subject: {namespaces: {}}
  ingress: [{name: r, action: Deny, from: [{namespaces: {matchExpressions: [{key: tier, operator: In}]}}]}]
)"));
  const auto& problems = c.set.tiered.at(0).problems;
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].message.find("needs a non-empty values list"), std::string::npos) << problems[0].message;
  EXPECT_GT(problems[0].location.line, 7U);
}

}  // namespace
}  // namespace netobs
