#include <map>
#include <tuple>

#include <fmt/format.h>

#include <netobs/graph_view.hpp>

#include "render/graph/formats.hpp"

namespace netobs {

std::vector<DrawnEdge> drawn_edges(const GraphView& view) {
  std::vector<DrawnEdge> out;
  std::map<std::tuple<std::string, std::string, EdgeState, std::string>, std::size_t> index;
  for (const auto& edge : view.edges) {
    auto key = std::tuple{edge.client, edge.server, edge.state, edge.why};
    auto [it, added] = index.emplace(std::move(key), out.size());
    if (added) out.push_back(DrawnEdge{edge.client, edge.server, edge.state, edge.why, {}, 0});
    DrawnEdge& drawn = out[it->second];
    drawn.ports.push_back(fmt::format("{} {}", to_string(edge.protocol), edge.port));
    drawn.flows += edge.stats.flows;
  }
  return out;
}

std::string drawn_label(const DrawnEdge& edge) {
  std::string label =
      fmt::format("{} · {} flow{}", fmt::join(edge.ports, ", "), edge.flows, edge.flows == 1 ? "" : "s");
  if (edge.state == EdgeState::blocked) label += "\nblocked: " + edge.why;
  return label;
}

const char* state_colour(EdgeState state) {
  switch (state) {
    case EdgeState::observed:
      return "#57606a";
    case EdgeState::allowed:
      return "#1a7f37";
    case EdgeState::blocked:
      return "#cf222e";
    case EdgeState::not_checked:
      return "#8c959f";
  }
  return "#57606a";
}

std::vector<std::pair<std::string, std::vector<const NodeView*>>> namespace_boxes(const GraphView& view) {
  std::vector<std::pair<std::string, std::vector<const NodeView*>>> boxes;
  for (const auto& node : view.nodes) {
    if (node.peer.kind != PeerKind::workload) continue;
    const std::string& ns = node.peer.workload.namespace_name;
    if (boxes.empty() || boxes.back().first != ns) boxes.emplace_back(ns, std::vector<const NodeView*>{});
    boxes.back().second.push_back(&node);
  }
  return boxes;
}

Result<std::string> render_graph(const GraphView& view, GraphFormat format) {
  switch (format) {
    case GraphFormat::dot:
      return graph_dot(view);
    case GraphFormat::mermaid:
      return graph_mermaid(view);
    case GraphFormat::json:
      return graph_json(view);
    case GraphFormat::svg:
      return graph_svg(view);
    case GraphFormat::html:
      return graph_html(view);
  }
  return std::string{};
}

}  // namespace netobs
