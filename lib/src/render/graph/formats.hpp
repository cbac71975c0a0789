// One renderer per `netobs graph` format, selected in render_graph, and what they share: the
// edges as drawn (one line per client, server and verdict, its ports listed on it) and colours.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/graph_view.hpp>

namespace netobs {

struct DrawnEdge {
  std::string client;
  std::string server;
  EdgeState state = EdgeState::observed;
  std::string why;
  std::vector<std::string> ports;  // "TCP 8080", in the view's order
  std::uint64_t flows = 0;
};

// The view's edges merged per (client, server, state, why), in the view's order.
std::vector<DrawnEdge> drawn_edges(const GraphView& view);
// "TCP 8080, UDP 53 · 12 flows", and the blocking side when blocked.
std::string drawn_label(const DrawnEdge& edge);
// The colour an edge of `state` is drawn in (#rrggbb).
const char* state_colour(EdgeState state);
// The namespaces of the view's workloads, sorted, each with the ids of its workloads.
std::vector<std::pair<std::string, std::vector<const NodeView*>>> namespace_boxes(const GraphView& view);

std::string graph_dot(const GraphView& view);
std::string graph_mermaid(const GraphView& view);
std::string graph_json(const GraphView& view);
Result<std::string> graph_svg(const GraphView& view);   // dot -Tsvg
Result<std::string> graph_html(const GraphView& view);  // the SVG, a legend and a table of edges

}  // namespace netobs
