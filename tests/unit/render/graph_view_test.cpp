// `netobs graph`'s view: focus, the policy overlay (the recommendation proves itself on its own
// graph; taking a policy away blocks exactly that workload's edges), and the text renderers.
#include <gtest/gtest.h>

#include <netobs/graph_view.hpp>
#include <netobs/manifest.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>

#include "render/graph/formats.hpp"
#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* k_shop_list = R"({"apiVersion":"v1","kind":"List","items":[
  {"kind":"Namespace","metadata":{"name":"web"}},
  {"kind":"Namespace","metadata":{"name":"shop"}},
  {"kind":"Pod","metadata":{"name":"ui","namespace":"web","labels":{"app":"ui"}},"spec":{},"status":{"podIP":"10.0.0.1"}},
  {"kind":"Pod","metadata":{"name":"cart","namespace":"shop","labels":{"app":"cart"}},"spec":{},"status":{"podIP":"10.0.0.2"}},
  {"kind":"Pod","metadata":{"name":"db","namespace":"shop","labels":{"app":"db"}},"spec":{},"status":{"podIP":"10.0.0.3"}},
  {"kind":"Pod","metadata":{"name":"idle","namespace":"other","labels":{"app":"idle"}},"spec":{},"status":{"podIP":"10.0.0.4"}},
  {"kind":"Node","metadata":{"name":"node-1"},"status":{"addresses":[{"type":"InternalIP","address":"10.0.9.1"}]}}
]})";

// ui -> cart 8080 and 8443, cart -> db 5432, cart -> the internet 443, the node -> ui 8080 (a probe).
const char* k_shop_flows =
    "10.0.0.1 10.0.0.2 40000 8080 6\n10.0.0.1 10.0.0.2 40001 8443 6\n10.0.0.2 10.0.0.3 40002 5432 6\n"
    "10.0.0.2 203.0.113.7 40003 443 6\n10.0.9.1 10.0.0.1 40004 8080 6\n";

struct Fixture {
  Inventory inventory = testing::inventory_from(k_shop_list);
  testing::PipelineResult result;

  Fixture() {
    testing::TempDir dir;
    const std::string path =
        dir.write("f.log", std::string("srcaddr dstaddr srcport dstport protocol\n") + k_shop_flows);
    result = testing::run_pipeline({path}, inventory);
  }

  // The manifests of `policies` plus the inventory's pods, as `netobs graph --policies` builds them.
  ManifestSet manifests(std::vector<NetworkPolicy> policies) const {
    ManifestSet set;
    set.policies = std::move(policies);
    add_inventory(set, inventory, "inventory");
    return set;
  }
};

const EdgeView& edge_to(const GraphView& view, const std::string& server_label, std::uint16_t port) {
  for (const auto& edge : view.edges) {
    const auto& server =
        *std::find_if(view.nodes.begin(), view.nodes.end(), [&edge](const NodeView& n) { return n.id == edge.server; });
    if (server.label == server_label && edge.port == port) return edge;
  }
  throw std::runtime_error("no edge to " + server_label);
}

TEST(GraphView, HasEveryEndAndEdgeWithStableIds) {
  const Fixture f;
  const GraphView view = make_graph_view(f.result.graph, {});
  ASSERT_EQ(view.nodes.size(), 5U);  // ui, cart, db, the node, the internet address
  EXPECT_EQ(view.nodes[0].id, "n0");
  EXPECT_EQ(view.nodes[0].label, "cart (Pod)");
  EXPECT_EQ(view.nodes[3].label, "node 10.0.9.1");
  EXPECT_EQ(view.nodes[4].label, "203.0.113.7");
  EXPECT_EQ(view.edges.size(), 5U);
  EXPECT_FALSE(view.overlay);
  for (const auto& edge : view.edges) EXPECT_EQ(edge.state, EdgeState::observed);
}

TEST(GraphView, FocusKeepsTheNamespacesEdgesAndTheirPeers) {
  const Fixture f;
  const GraphView view = make_graph_view(f.result.graph, {ReportScope{{"web", "nowhere"}}, nullptr});
  std::vector<std::string> labels;
  for (const auto& node : view.nodes) labels.push_back(node.label);
  // ui's edges: ui -> cart (both ports) and the node's probe; cart's other edges are gone.
  EXPECT_EQ(labels, (std::vector<std::string>{"cart (Pod)", "ui (Pod)", "node 10.0.9.1"}));
  EXPECT_EQ(view.edges.size(), 3U);
  ASSERT_EQ(view.notes.size(), 2U);
  EXPECT_NE(view.notes[0].find("nowhere"), std::string::npos);
  EXPECT_EQ(view.notes[1], "reported: namespaces nowhere, web (every namespace was read)");
}

TEST(GraphView, TheRecommendationAllowsEveryObservedEdge) {
  const Fixture f;
  RecommendOptions options;
  options.dns = DnsMode::none;
  options.default_deny = DefaultDeny::yes;
  const Recommendation r = recommend(f.result.graph, f.inventory, options);
  const ManifestSet set = f.manifests(network_policies(r.model));
  const PolicyEngine engine(set, IpBlockScope::all);
  const GraphView view = make_graph_view(f.result.graph, {{}, &engine});
  EXPECT_TRUE(view.overlay);
  for (const auto& edge : view.edges) {
    if (edge.client == "n3") {  // the node: no verdict
      EXPECT_EQ(edge.state, EdgeState::not_checked);
      EXPECT_NE(edge.why.find("node traffic"), std::string::npos);
    } else {
      EXPECT_EQ(edge.state, EdgeState::allowed) << edge.client << " -> " << edge.server << " " << edge.port;
    }
  }
}

TEST(GraphView, WithoutItsPolicyAWorkloadsEdgesAreBlockedBySide) {
  const Fixture f;
  RecommendOptions options;
  options.dns = DnsMode::none;
  options.default_deny = DefaultDeny::yes;
  const Recommendation r = recommend(f.result.graph, f.inventory, options);
  std::vector<NetworkPolicy> policies = network_policies(r.model);
  std::erase_if(policies, [](const NetworkPolicy& p) { return p.name == "cart-netobs"; });
  const ManifestSet set = f.manifests(policies);
  const PolicyEngine engine(set, IpBlockScope::all);
  const GraphView view = make_graph_view(f.result.graph, {{}, &engine});
  const EdgeView& to_cart = edge_to(view, "cart (Pod)", 8080);
  EXPECT_EQ(to_cart.state, EdgeState::blocked);
  EXPECT_EQ(to_cart.why, "ingress of shop/cart[Pod] (NetworkPolicy shop/default-deny-netobs)");
  const EdgeView& to_db = edge_to(view, "db (Pod)", 5432);
  EXPECT_EQ(to_db.state, EdgeState::blocked);
  EXPECT_EQ(to_db.why, "egress of shop/cart[Pod] (NetworkPolicy shop/default-deny-netobs)");
  EXPECT_EQ(edge_to(view, "203.0.113.7", 443).state, EdgeState::blocked);
}

TEST(GraphView, DrawnEdgesMergePortsPerPairAndVerdict) {
  const Fixture f;
  const GraphView view = make_graph_view(f.result.graph, {});
  const auto drawn = drawn_edges(view);
  ASSERT_EQ(drawn.size(), 4U);
  const auto ui_to_cart =
      std::find_if(drawn.begin(), drawn.end(), [](const DrawnEdge& e) { return e.ports.size() == 2; });
  ASSERT_NE(ui_to_cart, drawn.end());
  EXPECT_EQ(drawn_label(*ui_to_cart), "TCP 8080, TCP 8443 · 2 flows");
}

TEST(GraphView, MermaidAndDotQuoteWhatTheyCannotHoldRaw) {
  Graph graph;
  const Peer odd{PeerKind::workload, WorkloadRef{"ns", "Deployment", "a\"b#c<d>"}, {}};
  const Peer ip{PeerKind::external, {}, *parse_ip("192.0.2.1")};
  graph.edges[EdgeId{odd, ip, Protocol::tcp, 443}] = EdgeStats{1, 1, 1, 0, 0};
  const GraphView view = make_graph_view(graph, {});
  const std::string mermaid = *render_graph(view, GraphFormat::mermaid);
  EXPECT_NE(mermaid.find("n0(\"a#quot;b#35;c#lt;d#gt; (Deployment)\")"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("n1{{\"192.0.2.1\"}}"), std::string::npos) << mermaid;
  const std::string dot = *render_graph(view, GraphFormat::dot);
  EXPECT_NE(dot.find(R"x(n0 [label="a\"b#c<d> (Deployment)" shape=box style=rounded])x"), std::string::npos) << dot;
  EXPECT_NE(dot.find(R"x(n0 -> n1 [label="TCP 443 · 1 flow")x"), std::string::npos) << dot;
}

}  // namespace
}  // namespace netobs
