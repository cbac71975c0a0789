#include <fmt/format.h>

#include "render/dot_text.hpp"
#include "render/graph/formats.hpp"

namespace netobs {
namespace {

// Shapes tell the kinds of ends apart without colour: workloads are rounded boxes (dashed when on
// the host network), the outside world hexagons, nodes 3-D boxes, unexplained addresses and
// Cilium reserved identities octagons.
std::string node_attributes(const NodeView& node) {
  switch (node.peer.kind) {
    case PeerKind::workload:
      return node.host_network
                 ? fmt::format("label={} shape=box style=\"rounded,dashed\"", dot_quoted(node.label + "\nhost network"))
                 : fmt::format("label={} shape=box style=rounded", dot_quoted(node.label));
    case PeerKind::external:
      return fmt::format("label={} shape=hexagon", dot_quoted(node.label));
    case PeerKind::node:
      return fmt::format("label={} shape=box3d", dot_quoted(node.label));
    case PeerKind::cluster_unknown:
    case PeerKind::reserved:
      return fmt::format("label={} shape=octagon style=dashed", dot_quoted(node.label));
  }
  return {};
}

std::string edge_style(EdgeState state) {
  switch (state) {
    case EdgeState::blocked:
      return " style=bold";
    case EdgeState::not_checked:
      return " style=dashed";
    case EdgeState::observed:
    case EdgeState::allowed:
      return "";
  }
  return "";
}

}  // namespace

std::string graph_dot(const GraphView& view) {
  std::string out =
      "digraph netobs {\n  rankdir=LR\n  graph [fontname=\"Helvetica\"]\n  node [fontname=\"Helvetica\" fontsize=11]\n"
      "  edge [fontname=\"Helvetica\" fontsize=9]\n";
  for (const auto& [ns, workloads] : namespace_boxes(view)) {
    out += fmt::format("  subgraph {} {{\n    label={}\n    style=rounded\n    color=\"#8c959f\"\n",
                       dot_quoted("cluster_" + ns), dot_quoted("namespace " + ns));
    for (const NodeView* node : workloads) out += fmt::format("    {} [{}]\n", node->id, node_attributes(*node));
    out += "  }\n";
  }
  for (const auto& node : view.nodes) {
    if (node.peer.kind != PeerKind::workload) out += fmt::format("  {} [{}]\n", node.id, node_attributes(node));
  }
  for (const auto& edge : drawn_edges(view)) {
    const char* colour = state_colour(edge.state);
    out += fmt::format("  {} -> {} [label={} color=\"{}\" fontcolor=\"{}\"{}]\n", edge.client, edge.server,
                       dot_quoted(drawn_label(edge)), colour, colour, edge_style(edge.state));
  }
  return out + "}\n";
}

}  // namespace netobs
