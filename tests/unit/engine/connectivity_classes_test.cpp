// Connectivity evaluates one pod per kind of replica (pods every policy treats alike): replicas
// that a policy can tell apart (labels, addresses in different ipBlock ranges, the node an
// address-sized range is) must each still count.
#include <algorithm>

#include <gtest/gtest.h>

#include <netobs/connectivity.hpp>

#include "testutil/engine_cluster.hpp"

namespace netobs {
namespace {

using testing::Cluster;

std::string row(const ConnectivityReport& report, const std::string& from, const std::string& to) {
  auto it = std::find_if(report.entries.begin(), report.entries.end(),
                         [&](const ConnectivityEntry& e) { return e.source == from && e.destination == to; });
  return it == report.entries.end() ? "No Connections" : it->connections.to_string();
}

// Two replicas of web (one canary-labelled, on another node and address) and a client.
const char* k_replicas = R"(
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f7c, controller: true}]}
spec: {nodeName: node-a, containers: [{name: c}]}
status: {podIP: 10.1.0.5, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, namespace: shop, labels: {app: web, track: canary}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f7c, controller: true}]}
spec: {nodeName: node-b, containers: [{name: c}]}
status: {podIP: 10.2.0.5, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c}]}
status: {podIP: 10.3.0.9}
)";

TEST(ConnectivityClasses, ReplicasWithOtherLabelsEachCount) {
  Cluster c(std::string(k_replicas) + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {track: canary}}}], ports: [{port: 8080}]}]
)");
  const PolicyEngine engine(c.set, IpBlockScope::all);
  EXPECT_EQ(row(compute_connectivity(engine), "shop/client[Pod]", "shop/web-5d8f7c[ReplicaSet]"), "TCP 8080");
}

TEST(ConnectivityClasses, ReplicasInOtherIpBlockRangesEachCount) {
  Cluster c(std::string(k_replicas) + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: by-address, namespace: shop}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.2.0.0/16}}], ports: [{port: 443}]}]
)");
  EXPECT_EQ(row(compute_connectivity(PolicyEngine(c.set, IpBlockScope::all)), "shop/client[Pod]",
                "shop/web-5d8f7c[ReplicaSet]"),
            "TCP 443");
  EXPECT_EQ(row(compute_connectivity(PolicyEngine(c.set, IpBlockScope::external)), "shop/client[Pod]",
                "shop/web-5d8f7c[ReplicaSet]"),
            "No Connections");
}

TEST(ConnectivityClasses, AReplicasOwnNodeAsARangeOfItsOwnStaysExempt) {
  // The ipBlock makes 192.168.0.2/32 a range of its own: it is web-2's node, so web-2 reaches it
  // whatever the policies say, and the workload's row shows it even though web-1 may not.
  Cluster c(R"(
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f7c, controller: true}]}
spec: {nodeName: node-a, containers: [{name: c}]}
status: {podIP: 10.1.0.5, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, namespace: shop, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f7c, controller: true}]}
spec: {nodeName: node-b, containers: [{name: c}]}
status: {podIP: 10.1.0.6, hostIP: 192.168.0.2}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-closed, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 192.168.0.2/32}}], ports: [{port: 9}]}]
)");
  const ConnectivityReport report = compute_connectivity(PolicyEngine(c.set, IpBlockScope::all));
  EXPECT_EQ(row(report, "shop/web-5d8f7c[ReplicaSet]", "192.168.0.2-192.168.0.2[External]"), "All Connections");
  EXPECT_EQ(row(report, "shop/web-5d8f7c[ReplicaSet]", "192.168.0.3-255.255.255.255[External]"), "No Connections");
}

}  // namespace
}  // namespace netobs
