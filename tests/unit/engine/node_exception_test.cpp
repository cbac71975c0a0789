// "Traffic to and from the node where a Pod is running is always allowed": modelled once in the
// engine, from the inventory's nodes or the pod's own status.hostIP, and named by explain.
#include <gtest/gtest.h>

#include <netobs/connectivity.hpp>
#include <netobs/explain.hpp>

namespace netobs {
namespace {

// api is isolated both ways and allows nothing; it runs on node-a (10.0.0.10).
const char* const k_manifests = R"(
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {nodeName: node-a, containers: [{name: c, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.1.0.5, hostIP: 10.0.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {nodeName: node-b}
status: {podIP: 10.1.0.6, hostIP: 10.0.0.11}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress, Egress]}
)";

struct Fixture {
  Fixture() : set(*load_manifest_text(k_manifests, "inline")), engine(set, IpBlockScope::all) {}
  NamedEndpoint at(const std::string& text) const { return *find_endpoint(set, text); }
  ManifestSet set;
  PolicyEngine engine;
};

TEST(NodeException, OwnNodeBothWaysFromTheHostIp) {
  const Fixture f;
  const auto api = f.at("shop/api");
  const auto own = f.at("10.0.0.10");
  const auto other = f.at("10.0.0.11");
  EXPECT_EQ(f.engine.exemption(own.endpoint, api.endpoint), Exemption::own_node);
  EXPECT_EQ(f.engine.exemption(api.endpoint, own.endpoint), Exemption::own_node);
  EXPECT_TRUE(f.engine.allowed(own.endpoint, api.endpoint).is_all());
  EXPECT_TRUE(f.engine.allowed(api.endpoint, own.endpoint).is_all());
  EXPECT_EQ(f.engine.exemption(other.endpoint, api.endpoint), Exemption::none);
  EXPECT_TRUE(f.engine.allowed(other.endpoint, api.endpoint).empty());
}

TEST(NodeException, InventoryNodeAddressesCountToo) {
  Fixture f;
  f.set.node_addresses["node-a"] = {*parse_ip("10.0.0.10"), *parse_ip("192.168.0.10")};
  const PolicyEngine engine(f.set, IpBlockScope::all);
  EXPECT_EQ(engine.exemption(f.at("192.168.0.10").endpoint, f.at("shop/api").endpoint), Exemption::own_node);
}

TEST(NodeException, ExplainNamesTheExceptionNotADeniedSide) {
  const Fixture f;
  const Explanation e = explain(f.engine, f.at("10.0.0.10"), f.at("shop/api"), Protocol::tcp, 8080);
  EXPECT_TRUE(e.allowed);
  EXPECT_EQ(e.exemption, Exemption::own_node);
  const std::string text = render_explanation_text(e);
  EXPECT_NE(text.find("traffic between a pod and the node it runs on is always allowed"), std::string::npos) << text;
  EXPECT_EQ(text.find(": denied"), std::string::npos) << text;
  const std::string json = render_explanation_json(e);
  EXPECT_NE(json.find("\"exemption\": \"own-node\""), std::string::npos) << json;

  const Explanation self = explain(f.engine, f.at("shop/api"), f.at("shop/api"), Protocol::tcp, 8080);
  EXPECT_TRUE(self.allowed);
  EXPECT_NE(render_explanation_text(self).find("a pod's traffic to itself is always allowed"), std::string::npos);
}

TEST(NodeException, ConnectivityListsNodesOnlyWhenAsked) {
  const Fixture f;
  const auto plain = render_connectivity(compute_connectivity(f.engine), ConnectivityFormat::txt);
  EXPECT_EQ(plain.find("[Node]"), std::string::npos);
  const auto with_nodes = render_connectivity(compute_connectivity(f.engine, NodeRows::yes), ConnectivityFormat::txt);
  EXPECT_NE(with_nodes.find("node-a[Node] => shop/api[Pod] : All Connections\n"), std::string::npos) << with_nodes;
  EXPECT_NE(with_nodes.find("shop/api[Pod] => node-a[Node] : All Connections\n"), std::string::npos) << with_nodes;
  EXPECT_EQ(with_nodes.find("node-b[Node] => shop/api[Pod]"), std::string::npos) << with_nodes;
  EXPECT_NE(with_nodes.find("node-b[Node] => shop/web[Pod] : All Connections\n"), std::string::npos) << with_nodes;
}

TEST(NodeException, ExplainAndConnectivityAgreeOnAPodsAddress) {
  // An address a pod holds is that pod, under either ipBlock scope: explain --from 10.1.0.6
  // answers for shop/web, which is what connectivity's shop/web row says.
  for (IpBlockScope scope : {IpBlockScope::all, IpBlockScope::external}) {
    Fixture f;
    const PolicyEngine engine(f.set, scope);
    const NamedEndpoint by_address = f.at("10.1.0.6");
    EXPECT_EQ(by_address.name, "shop/web[Pod]");
    const bool allowed = explain(engine, by_address, f.at("shop/api"), Protocol::tcp, 8080).allowed;
    const auto report = compute_connectivity(engine);
    const bool listed = std::any_of(report.entries.begin(), report.entries.end(), [](const ConnectivityEntry& e) {
      return e.source == "shop/web[Pod]" && e.destination == "shop/api[Pod]" &&
             e.connections.contains(Protocol::tcp, 8080);
    });
    EXPECT_EQ(allowed, listed);
    EXPECT_FALSE(allowed);
  }
}

}  // namespace
}  // namespace netobs
