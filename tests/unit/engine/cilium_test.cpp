// CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy in the namespaced stage of the engine:
// selection by Cilium keys, default deny, deny rules over every allow, entities, CIDRs and ports.
#include <gtest/gtest.h>

#include <netobs/engine.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

const char* k_cilium_pods = R"(
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: front}}
---
apiVersion: v1
kind: Namespace
metadata: {name: data, labels: {team: back}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {nodeName: n1, containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.1.0.5, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {nodeName: n2, containers: [{name: c, ports: [{name: sql, containerPort: 5432}]}]}
status: {podIP: 10.2.0.6, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: data, labels: {app: cache}}
spec: {nodeName: n2, containers: [{name: c}]}
status: {podIP: 10.2.0.7, hostIP: 192.168.0.2}
)";

std::string with_cilium(const std::string& policies) { return std::string(k_cilium_pods) + "---\n" + policies; }

std::string to_address(const Cluster& c, const char* from, const char* ip) {
  const PolicyEngine engine(c.set, IpBlockScope::all);
  return engine.allowed(Endpoint::of(c.pod(from)), Endpoint::range(*parse_ip(ip), *parse_ip(ip))).to_string();
}

std::string problems_of(const Cluster& c) {
  std::string all;
  for (const auto& policy : c.set.cilium) {
    for (const auto& p : policy.problems) all += p.message + "\n";
  }
  return all;
}

TEST(Cilium, SelectsItsNamespaceByK8sLabelsAndReachesOtherNamespacesByTheNamespaceKey) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-in, namespace: data}
spec:
  endpointSelector: {matchLabels: {"k8s:app": db}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: web, "k8s:io.kubernetes.pod.namespace": shop}}]
    toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
  - fromEndpoints: [{}]
    toPorts: [{ports: [{port: "9000", protocol: UDP}]}]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_TRUE(c.set.unanalysed.empty());
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
  // `{}` in a namespaced policy is every pod of its own namespace only.
  EXPECT_EQ(c.allowed("cache", "db"), "UDP 9000");
  EXPECT_EQ(c.allowed("db", "cache"), "All Connections");  // cache is not selected
}

TEST(Cilium, NamespaceLabelsSelectAndTheClusterwideKindSelectsEveryNamespace) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: back-in}
spec:
  endpointSelector: {matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": back}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: web}}]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_EQ(c.allowed("web", "db"), "All Connections");
  EXPECT_EQ(c.allowed("web", "cache"), "All Connections");
  EXPECT_EQ(c.allowed("db", "cache"), "No Connections");
  EXPECT_EQ(c.allowed("db", "web"), "All Connections");
}

TEST(Cilium, AnEmptyRuleDeniesAllAndEnableDefaultDenyFalseOptsOut) {
  Cluster deny_all(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny, namespace: data}
spec:
  endpointSelector: {}
  ingress: [{}]
)"));
  EXPECT_EQ(deny_all.allowed("web", "db"), "No Connections");
  EXPECT_EQ(deny_all.allowed("db", "web"), "All Connections");

  Cluster opted_out(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-some, namespace: data}
spec:
  endpointSelector: {}
  enableDefaultDeny: {ingress: false}
  ingress:
  - fromEndpoints: [{matchLabels: {app: cache}}]
)"));
  EXPECT_EQ(opted_out.allowed("web", "db"), "All Connections");
}

TEST(Cilium, DenyRulesBeatNetworkPolicyAndCiliumAllows) {
  Cluster c(with_cilium(R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: 5432}, {port: 22}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-more, namespace: data}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
  ingressDeny:
  - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": shop}}]
    toPorts: [{ports: [{port: "22", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: no-ssh-out}
spec:
  endpointSelector: {matchLabels: {app: cache}}
  enableDefaultDeny: {egress: false}
  egressDeny:
  - toEndpoints: [{matchLabels: {app: web}}]
    toPorts: [{ports: [{port: "22"}]}]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_EQ(c.allowed("web", "db"), "TCP 80,5432");
  EXPECT_EQ(c.allowed("cache", "db"), "TCP 22,80,5432");
  // A deny-only policy without default deny denies its ports and leaves the rest open.
  EXPECT_EQ(c.allowed("cache", "web"), "SCTP 1-21,23-65535,TCP 1-21,23-65535,UDP 1-21,23-65535");
}

TEST(Cilium, EntitiesHostRemoteNodeWorldAndCluster) {
  const std::string policy = with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toEntities: [remote-node]
    toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
  - toEntities: [world]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
  - toEntities: [cluster]
    toPorts: [{ports: [{port: "53", protocol: UDP}]}]
)");
  Cluster c(policy);
  c.set.node_addresses["n1"] = {*parse_ip("192.168.0.1")};
  c.set.node_addresses["n2"] = {*parse_ip("192.168.0.2")};
  EXPECT_EQ(to_address(c, "web", "192.168.0.2"), "TCP 10250,UDP 53");
  EXPECT_EQ(to_address(c, "web", "8.8.8.8"), "TCP 443");
  EXPECT_EQ(c.allowed("web", "db"), "UDP 53");
  // The own node is exempt from policies whatever they say.
  EXPECT_EQ(to_address(c, "web", "192.168.0.1"), "All Connections");

  // `host` is the node the subject runs on; toward another node it matches nothing. Known as a
  // pod's hostIP, a node counts even without an inventory.
  Cluster host(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toEntities: [host]
)"));
  EXPECT_EQ(to_address(host, "web", "192.168.0.2"), "No Connections");
  EXPECT_EQ(to_address(host, "web", "8.8.8.8"), "No Connections");
}

TEST(Cilium, CidrSetExceptAnyProtocolAndEndPort) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.128/25]}]
    toPorts: [{ports: [{port: "8000", endPort: 8010, protocol: ANY}]}]
  - toCIDR: [10.2.0.6/32]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_EQ(to_address(c, "web", "203.0.113.5"), "SCTP 8000-8010,TCP 8000-8010,UDP 8000-8010");
  EXPECT_EQ(to_address(c, "web", "203.0.113.200"), "No Connections");
  // CIDR rules do not select pods, even by their address.
  EXPECT_EQ(c.allowed("web", "db"), "No Connections");
}

TEST(Cilium, L7RulesAllowTheirPortAndToFqdnsIsNotEvaluated) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": data, app: cache}}]
    toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
  - toFQDNs: [{matchName: api.example.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_EQ(c.allowed("web", "cache"), "SCTP 53,TCP 53,UDP 53");
  EXPECT_EQ(to_address(c, "web", "8.8.8.8"), "No Connections");
  const auto sentences = not_evaluated(c.set);
  ASSERT_EQ(sentences.size(), 2U);
  EXPECT_EQ(sentences[0].find("CiliumNetworkPolicy shop/web-out egress rule 1: its L7 rules are not evaluated"), 0U)
      << sentences[0];
  EXPECT_EQ(sentences[1].find("CiliumNetworkPolicy shop/web-out egress rule 2: toFQDNs is not evaluated"), 0U)
      << sentences[1];
}

TEST(Cilium, IcmpsAloneAllowNoPortAndAreSaidAsNotEvaluated) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ping-only, namespace: data}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": shop}}]
    icmps: [{fields: [{type: 8, family: IPv4}]}]
)"));
  EXPECT_EQ(problems_of(c), "");
  EXPECT_EQ(c.allowed("web", "db"), "No Connections");
  const auto sentences = not_evaluated(c.set);
  ASSERT_EQ(sentences.size(), 1U);
  EXPECT_EQ(sentences[0].find("CiliumNetworkPolicy data/ping-only ingress rule 1: its icmps are not evaluated"), 0U)
      << sentences[0];
}

TEST(Cilium, FromRequiresNarrowsEveryRuleSelectingThePod) {
  // db may be reached only from pods of namespace shop, whichever rule allows them: the
  // requirement of one policy narrows the other's fromEndpoints, and grants nothing. (A
  // requirement that names no namespace is of the policy's own, as Cilium reads it.)
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-requires-front, namespace: data}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress: [{fromRequires: [{matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-allow, namespace: data}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: cache}}, {matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}]
  - fromEntities: [world]
)"));
  EXPECT_TRUE(problems_of(c).empty()) << problems_of(c);
  EXPECT_EQ(c.allowed("web", "db"), "All Connections");
  EXPECT_EQ(c.allowed("cache", "db"), "No Connections");  // allowed by a rule, refused by the requirement
  // Entities and CIDRs are not narrowed by it.
  const PolicyEngine engine(c.set, IpBlockScope::all);
  EXPECT_EQ(
      engine.allowed(Endpoint::range(*parse_ip("203.0.113.9"), *parse_ip("203.0.113.9")), Endpoint::of(c.pod("db")))
          .to_string(),
      "All Connections");
  EXPECT_TRUE(not_evaluated(c.set).empty());
}

TEST(Cilium, EachOfAListOfSpecsIsAPolicyOfItsOwn) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: multi, namespace: data}
specs:
- endpointSelector: {matchLabels: {app: db}}
  ingress: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}], toPorts: [{ports: [{port: "5432", protocol: TCP}]}]}]
- endpointSelector: {matchLabels: {app: cache}}
  ingress: [{fromEndpoints: [{matchLabels: {app: db}}]}]
)"));
  EXPECT_TRUE(problems_of(c).empty()) << problems_of(c);
  ASSERT_EQ(c.set.cilium.size(), 2U);
  EXPECT_EQ(describe(c.set.cilium[1]), "CiliumNetworkPolicy data/multi specs[1]");
  EXPECT_EQ(c.allowed("web", "db"), "TCP 5432");
  EXPECT_EQ(c.allowed("web", "cache"), "No Connections");
  EXPECT_EQ(c.allowed("db", "cache"), "All Connections");
}

TEST(Cilium, MalformedSelectorsAreProblems) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: bad, namespace: data}
spec:
  endpointSelector: {matchLabels: {"bad key!": x}}
  ingress: [{fromEndpoints: [{matchExpressions: [{key: app, operator: In}]}]}]
)"));
  const std::string problems = problems_of(c);
  EXPECT_NE(problems.find("label key 'bad key!' is not a valid label key"), std::string::npos) << problems;
  EXPECT_NE(problems.find("needs a non-empty values list"), std::string::npos) << problems;
}

TEST(Cilium, MalformedPoliciesCarryLocatedProblems) {
  Cluster c(with_cilium(R"(
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: bad, namespace: shop}
spec:
  endpointSelector: {}
  egress:
  - toFQDNs: [{matchName: api.example.com}]
    toEndpoints: [{}]
  - toCIDR: [10.0.0.0/33]
    toPorts: [{ports: [{port: "70000", protocol: TCP}, {port: "80", protocol: ICMP}]}]
  - toEntities: [everywhere]
  egressDeny:
  - toPorts: [{ports: [{port: "80"}], rules: {http: [{method: GET}]}}]
)"));
  const std::string all = problems_of(c);
  for (const char* expected :
       {"combining toEndpoints and toFQDNs in one rule is not supported", "invalid CIDR '10.0.0.0/33'",
        "invalid port '70000'", "protocol must be TCP, UDP, SCTP or ANY, not 'ICMP'", "unknown entity 'everywhere'",
        "a deny rule cannot carry L7 rules"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " not in:\n" << all;
  }
  for (const auto& p : c.set.cilium.at(0).problems)
    EXPECT_GT(p.location.line, c.set.cilium.at(0).location.line) << p.message;
}

}  // namespace
}  // namespace netobs
