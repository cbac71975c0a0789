#include <map>

#include <fmt/format.h>

#include <netobs/plural.hpp>
#include <netobs/time.hpp>

#include "render/graph/formats.hpp"

namespace netobs {
namespace {

std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// dot's SVG without its XML declaration and DOCTYPE, which may not stand inside HTML.
std::string inline_svg(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

std::string legend(const GraphView& view) {
  std::string out =
      "<ul class=\"legend\">\n<li>Rounded box: a workload, inside its namespace (dashed: on the host network)</li>\n"
      "<li>Hexagon: an address outside the cluster</li>\n<li>3-D box: a node</li>\n"
      "<li>Octagon: an address in the cluster's ranges that no pod or Service explains</li>\n";
  if (view.overlay) {
    out += fmt::format(
        "<li><span style=\"color:{}\">Green</span>: the policies allow it</li>\n"
        "<li><span style=\"color:{}\">Red, bold</span>: the policies block it (the table says which side)</li>\n"
        "<li><span style=\"color:{}\">Grey, dashed</span>: not checked (an end is a node or unexplained)</li>\n",
        state_colour(EdgeState::allowed), state_colour(EdgeState::blocked), state_colour(EdgeState::not_checked));
  }
  return out + "</ul>\n";
}

std::string edge_table(const GraphView& view) {
  std::string out =
      "<table>\n<thead><tr><th>Client</th><th>Server</th><th>Port</th><th>Flows</th><th>First seen</th>"
      "<th>Last seen</th>";
  out += view.overlay ? "<th>Verdict</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n";
  std::map<std::string, const NodeView*> nodes;
  for (const auto& node : view.nodes) nodes.emplace(node.id, &node);
  for (const auto& edge : view.edges) {
    const auto when = [](std::int64_t t) { return t == 0 ? std::string("-") : format_rfc3339(t); };
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td>",
                       escaped(to_string(nodes.at(edge.client)->peer)), escaped(to_string(nodes.at(edge.server)->peer)),
                       to_string(edge.protocol), edge.port, edge.stats.flows, when(edge.stats.first_seen),
                       when(edge.stats.last_seen));
    if (view.overlay) {
      const std::string verdict = edge.why.empty() ? to_string(edge.state) : to_string(edge.state) + ": " + edge.why;
      out += fmt::format("<td class=\"{}\">{}</td>", to_string(edge.state), escaped(verdict));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

// One page with nothing to fetch: the drawing, what its shapes and colours mean, every edge.
Result<std::string> graph_html(const GraphView& view) {
  auto svg = graph_svg(view);
  if (!svg) return svg;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>netobs graph</title>\n<style>\n"
      "body {{ font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #24292f; }}\n"
      ".graph {{ overflow: auto; border: 1px solid #d0d7de; padding: 1em; }}\n"
      "table {{ border-collapse: collapse; }}\nth, td {{ border: 1px solid #d0d7de; padding: 4px 8px; text-align: "
      "left; }}\n"
      "td.allowed {{ color: {}; }}\ntd.blocked {{ color: {}; font-weight: bold; }}\ntd.not-checked {{ color: {}; }}\n"
      "</style>\n</head>\n<body>\n<h1>Service dependencies</h1>\n<p>{}, {}{}.</p>\n",
      state_colour(EdgeState::allowed), state_colour(EdgeState::blocked), state_colour(EdgeState::not_checked),
      counted(view.nodes.size(), "end", "ends"), counted(view.edges.size(), "observed edge", "observed edges"),
      view.overlay ? ", with what the given policies do to each" : "");
  for (const auto& note : view.notes) out += "<p>Note: " + escaped(note) + "</p>\n";
  out += "<div class=\"graph\">\n" + inline_svg(*svg) + "</div>\n<h2>Legend</h2>\n" + legend(view) +
         "<h2>Edges</h2>\n" + edge_table(view) + "</body>\n</html>\n";
  return out;
}

}  // namespace netobs
