#include <gtest/gtest.h>

#include <netobs/engine.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

const char* k_pods = R"(
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 5353, protocol: UDP}]}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: prod, labels: {app: api, tier: backend}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}]}]}
status: {podIP: 10.1.0.6}
---
apiVersion: v1
kind: Pod
metadata: {name: tool, namespace: dev, labels: {app: tool}}
spec: {containers: [{name: c}]}
status: {podIP: 10.2.0.7}
)";

TEST(Engine, NoPoliciesAllowEverything) {
  Cluster c(k_pods);
  EXPECT_EQ(c.allowed("web", "api"), "All Connections");
}

TEST(Engine, PolicyTypesDefaultFromTheRules) {
  // No policyTypes and no egress rules: only Ingress is isolated.
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9090}]}]
)");
  EXPECT_EQ(c.allowed("web", "api"), "TCP 9090");
  EXPECT_EQ(c.allowed("tool", "api"), "No Connections");   // podSelector alone = the policy's namespace
  EXPECT_EQ(c.allowed("api", "tool"), "All Connections");  // egress not isolated
}

TEST(Engine, NamespaceAndPodSelectorsInOneElementAreAnd) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [dev]}]}
      podSelector: {matchLabels: {app: tool}}
)");
  EXPECT_EQ(c.allowed("tool", "api"), "All Connections");
  EXPECT_EQ(c.allowed("web", "api"), "No Connections");
}

TEST(Engine, NamedPortsResolveByNameAndProtocolOnTheDestination) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}, {port: dns}]}]
)");
  EXPECT_EQ(c.allowed("tool", "web"), "TCP 8080,UDP 5353");
  EXPECT_EQ(c.allowed("tool", "api"), "TCP 9090");
  std::string note;
  PolicyEngine engine(c.set, IpBlockScope::all);
  engine.rule_ports(c.set.policies[0].ingress[0], Endpoint::of(c.pod("api")), &note);
  EXPECT_EQ(note, "named port 'dns' has no TCP container port on the destination");
}

TEST(Engine, EndPortProtocolOnlyAndSctp) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{ports: [{port: 8000, endPort: 8010}, {protocol: UDP}, {protocol: SCTP, port: 7}]}]
)");
  EXPECT_EQ(c.allowed("web", "api"), "SCTP 7,TCP 8000-8010,UDP 1-65535");
}

TEST(Engine, IpBlocksWithExceptAndScope) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16]}}]}]
)");
  PolicyEngine engine(c.set, IpBlockScope::all);
  const Endpoint web = Endpoint::of(c.pod("web"));
  EXPECT_TRUE(engine.allowed(web, Endpoint::range(*parse_ip("10.9.0.1"), *parse_ip("10.9.0.1"))).is_all());
  EXPECT_TRUE(engine.allowed(web, Endpoint::range(*parse_ip("10.2.0.1"), *parse_ip("10.2.0.1"))).empty());
  EXPECT_TRUE(engine.allowed(web, Endpoint::range(*parse_ip("8.8.8.8"), *parse_ip("8.8.8.8"))).empty());
  EXPECT_EQ(c.allowed("web", "api", IpBlockScope::all), "All Connections");      // 10.1.0.6 is in the block
  EXPECT_EQ(c.allowed("web", "api", IpBlockScope::external), "No Connections");  // never a pod
  EXPECT_EQ(c.allowed("web", "tool", IpBlockScope::all), "No Connections");      // excepted
}

TEST(Engine, RulesOfAllSelectingPoliciesAreUnitedAndSelfIsAllowed) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a, namespace: prod}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 1}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b, namespace: prod}
spec:
  podSelector: {matchLabels: {tier: backend}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 2}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: w, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {}}]}]
)");
  EXPECT_EQ(c.allowed("web", "api"), "TCP 1-2");
  EXPECT_EQ(c.allowed("api", "web"), "No Connections");
  PolicyEngine engine(c.set, IpBlockScope::all);
  EXPECT_TRUE(engine.allowed(Endpoint::of(c.pod("api")), Endpoint::of(c.pod("api"))).is_all());
}

}  // namespace
}  // namespace netobs

namespace netobs {
namespace {

TEST(Engine, TrafficFromThePodsOwnNodeIsAllowed) {
  Cluster c(std::string(k_pods) + R"(
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress]}
)");
  for (auto& pod : c.set.pods) pod.node_name = "n1";
  c.set.node_addresses["n1"] = {*parse_ip("10.0.0.10")};
  c.set.node_addresses["n2"] = {*parse_ip("10.0.0.20")};
  PolicyEngine engine(c.set, IpBlockScope::all);
  const Endpoint web = Endpoint::of(c.pod("web"));
  EXPECT_TRUE(engine.allowed(Endpoint::range(*parse_ip("10.0.0.10"), *parse_ip("10.0.0.10")), web).is_all());
  EXPECT_TRUE(engine.allowed(Endpoint::range(*parse_ip("10.0.0.20"), *parse_ip("10.0.0.20")), web).empty());
}

}  // namespace
}  // namespace netobs
