#include <fmt/format.h>

#include "render/graph/formats.hpp"

namespace netobs {
namespace {

// A Mermaid label in double quotes: quotes, angle brackets and '#' become entity codes, so no
// name is read as markup; a line break is <br>.
std::string mermaid_text(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '#':
        out += "#35;";
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// The same shapes as the DOT output, in Mermaid's flowchart syntax.
std::string node_line(const NodeView& node) {
  switch (node.peer.kind) {
    case PeerKind::workload:
      return fmt::format("{}({})", node.id,
                         mermaid_text(node.host_network ? node.label + "\nhost network" : node.label));
    case PeerKind::external:
      return fmt::format("{}{{{{{}}}}}", node.id, mermaid_text(node.label));
    case PeerKind::node:
      return fmt::format("{}[[{}]]", node.id, mermaid_text(node.label));
    case PeerKind::cluster_unknown:
    case PeerKind::reserved:
      return fmt::format("{}>{}]", node.id, mermaid_text(node.label));
  }
  return {};
}

const char* arrow(EdgeState state) {
  switch (state) {
    case EdgeState::blocked:
      return "==>";
    case EdgeState::not_checked:
      return "-.->";
    case EdgeState::observed:
    case EdgeState::allowed:
      return "-->";
  }
  return "-->";
}

}  // namespace

std::string graph_mermaid(const GraphView& view) {
  std::string out = "flowchart LR\n";
  std::size_t box = 0;
  for (const auto& [ns, workloads] : namespace_boxes(view)) {
    out += fmt::format("  subgraph ns{}[{}]\n", box++, mermaid_text("namespace " + ns));
    for (const NodeView* node : workloads) out += "    " + node_line(*node) + "\n";
    out += "  end\n";
  }
  for (const auto& node : view.nodes) {
    if (node.peer.kind != PeerKind::workload) out += "  " + node_line(node) + "\n";
  }
  const auto edges = drawn_edges(view);
  for (const auto& edge : edges) {
    out +=
        fmt::format("  {} {}|{}| {}\n", edge.client, arrow(edge.state), mermaid_text(drawn_label(edge)), edge.server);
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const char* colour = state_colour(edges[i].state);
    out += fmt::format("  linkStyle {} stroke:{},color:{}\n", i, colour, colour);
  }
  return out;
}

}  // namespace netobs
