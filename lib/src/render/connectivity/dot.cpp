#include <set>

#include <nlohmann/json.hpp>

#include "render/connectivity/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

// A DOT string literal (the JSON escape of a string is a valid one).
std::string quoted(const std::string& text) { return k8s::to_json_text(nlohmann::json(text)); }

}  // namespace

std::string connectivity_dot(const ConnectivityReport& report) {
  std::set<std::string> nodes;
  for (const auto& e : report.entries) {
    nodes.insert(e.source);
    nodes.insert(e.destination);
  }
  std::string out = "digraph {\n";
  for (const auto& node : nodes) {
    const bool external = node.ends_with("[External]");
    out += "  " + quoted(node) + " [label=" + quoted(node) + " shape=" + (external ? "box" : "ellipse") +
           (external ? " color=red2" : " color=blue") + "]\n";
  }
  for (const auto& e : report.entries) {
    out += "  " + quoted(e.source) + " -> " + quoted(e.destination) + " [label=" + quoted(e.connections.to_string()) +
           " color=gold2 fontcolor=darkgreen]\n";
  }
  return out + "}\n";
}

}  // namespace netobs
