#include <nlohmann/json.hpp>

#include <netobs/time.hpp>

#include "render/graph/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using OrderedJson = nlohmann::ordered_json;

const char* kind_name(PeerKind kind) {
  switch (kind) {
    case PeerKind::workload:
      return "workload";
    case PeerKind::node:
      return "node";
    case PeerKind::external:
      return "external";
    case PeerKind::cluster_unknown:
      return "unknown";
    case PeerKind::reserved:
      return "reserved";
  }
  return "";
}

OrderedJson time_or_null(std::int64_t seconds) {
  return seconds == 0 ? OrderedJson(nullptr) : OrderedJson(format_rfc3339(seconds));
}

OrderedJson node_json(const NodeView& node) {
  OrderedJson out{{"id", node.id}, {"kind", kind_name(node.peer.kind)}, {"label", node.label}};
  if (node.peer.kind == PeerKind::workload) {
    out["namespace"] = node.peer.workload.namespace_name;
    out["workload"] = node.peer.workload.name;
    out["workloadKind"] = node.peer.workload.kind;
    out["hostNetwork"] = node.host_network;
  } else {
    out["ip"] = to_string(node.peer.ip);
  }
  return out;
}

}  // namespace

// One object per node and per observed edge (per port, not merged), for other tools.
std::string graph_json(const GraphView& view) {
  OrderedJson nodes = OrderedJson::array();
  for (const auto& node : view.nodes) nodes.push_back(node_json(node));
  OrderedJson edges = OrderedJson::array();
  for (const auto& edge : view.edges) {
    OrderedJson out{{"source", edge.client},
                    {"target", edge.server},
                    {"protocol", to_string(edge.protocol)},
                    {"port", edge.port},
                    {"flows", edge.stats.flows},
                    {"packets", edge.stats.packets},
                    {"bytes", edge.stats.bytes},
                    {"firstSeen", time_or_null(edge.stats.first_seen)},
                    {"lastSeen", time_or_null(edge.stats.last_seen)},
                    {"state", to_string(edge.state)}};
    if (!edge.why.empty()) out["why"] = edge.why;
    edges.push_back(std::move(out));
  }
  const OrderedJson out{{"overlay", view.overlay}, {"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  return k8s::to_json_text(out, 2) + "\n";
}

}  // namespace netobs
