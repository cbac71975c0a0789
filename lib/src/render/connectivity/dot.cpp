#include <set>

#include "render/connectivity/formats.hpp"
#include "render/dot_text.hpp"

namespace netobs {

std::string connectivity_dot(const ConnectivityReport& report) {
  std::set<std::string> nodes;
  for (const auto& e : report.entries) {
    nodes.insert(e.source);
    nodes.insert(e.destination);
  }
  std::string out = "digraph {\n";
  for (const auto& node : nodes) {
    const bool external = node.ends_with("[External]");
    out += "  " + dot_quoted(node) + " [label=" + dot_quoted(node) + " shape=" + (external ? "box" : "ellipse") +
           (external ? " color=red2" : " color=blue") + "]\n";
  }
  for (const auto& e : report.entries) {
    out += "  " + dot_quoted(e.source) + " -> " + dot_quoted(e.destination) +
           " [label=" + dot_quoted(e.connections.to_string()) + " color=gold2 fontcolor=darkgreen]\n";
  }
  return out + "}\n";
}

}  // namespace netobs
