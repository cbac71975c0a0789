// `netobs graph`: the service-dependency graph as a reviewer sees it, focused on some namespaces
// and, when policies are given, with what they do to each observed edge; and its renderings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <netobs/engine.hpp>
#include <netobs/error.hpp>
#include <netobs/graph.hpp>
#include <netobs/report_scope.hpp>

namespace netobs {

enum class GraphFormat { dot, mermaid, json, svg, html };

// What the overlaid policies do to an observed edge.
enum class EdgeState {
  observed,     // no policies overlaid
  allowed,      // the client's egress and the server's ingress both let it through
  blocked,      // one side or both cut it (EdgeView::why says which)
  not_checked,  // an end is a node or an unexplained address: no policy decides it here
};

// One drawn end: a workload, a node, an external or an unexplained address.
struct NodeView {
  std::string id;  // stable within the view: n0, n1, ... in the order of `Peer`
  Peer peer;
  std::string label;  // the name a reviewer reads: "frontend (Deployment)", "203.0.113.9"
  bool host_network = false;
};

// One observed edge (one port and protocol), as the graph model has it.
struct EdgeView {
  std::string client;  // NodeView::id
  std::string server;
  Protocol protocol = Protocol::tcp;
  std::uint16_t port = 0;
  EdgeStats stats;
  EdgeState state = EdgeState::observed;
  // Blocked: the sides that block, "egress of shop/frontend[Deployment] (policy shop/deny-all)",
  // joined by "; ". Not checked: why no verdict.
  std::string why;
};

struct GraphView {
  std::vector<NodeView> nodes;  // sorted by peer
  std::vector<EdgeView> edges;  // sorted by client, server, protocol, port
  bool overlay = false;
  std::vector<std::string> notes;  // e.g. a focused namespace with no observed workload
};

struct GraphViewOptions {
  ReportScope namespaces;                  // focus: edges with a workload of these at one end
  const PolicyEngine* policies = nullptr;  // overlay these policies (a default deny plus them)
};

GraphView make_graph_view(const Graph& graph, const GraphViewOptions& options);

// The view in `format`. svg and html run Graphviz's `dot`; without it they fail with an io error
// that names the package to install.
Result<std::string> render_graph(const GraphView& view, GraphFormat format);

std::string to_string(EdgeState state);  // "observed", "allowed", "blocked", "not-checked"

}  // namespace netobs
