#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include <netobs/edge_check.hpp>
#include <netobs/graph_view.hpp>

namespace netobs {
namespace {

std::string label_of(const Peer& peer) {
  if (peer.kind == PeerKind::workload) return fmt::format("{} ({})", peer.workload.name, peer.workload.kind);
  return to_string(peer);
}

// Why no verdict: an end the policies cannot be asked about.
std::string unchecked_reason(const EdgeId& id, const PolicyEngine& engine) {
  for (const Peer* peer : {&id.client, &id.server}) {
    switch (peer->kind) {
      case PeerKind::node:
        return to_string(*peer) + ": node traffic is not decided by these policies";
      case PeerKind::cluster_unknown:
        return to_string(*peer) + ": no pod or Service explains the address";
      case PeerKind::reserved:
        return to_string(*peer) + ": a Cilium reserved identity, not a pod networking/v1 can name";
      case PeerKind::workload:
        if (endpoints_of(engine.manifests(), *peer).empty())
          return "no pod of " + to_string(*peer) + " in the inventory";
        break;
      case PeerKind::external:
        break;
    }
  }
  return "both ends are one pod";
}

void overlay(EdgeView& view, const EdgeId& id, const PolicyEngine& engine, const Graph& graph) {
  const EdgeVerdict verdict = check_edge(engine, id, &graph);
  if (!verdict.evaluated) {
    view.state = EdgeState::not_checked;
    view.why = unchecked_reason(id, engine);
    return;
  }
  view.state = verdict.allowed() ? EdgeState::allowed : EdgeState::blocked;
  std::vector<std::string> sides;
  if (!verdict.egress) sides.push_back(describe_blocked_side(PolicyType::egress, id.client, verdict.egress_blocker));
  if (!verdict.ingress) sides.push_back(describe_blocked_side(PolicyType::ingress, id.server, verdict.ingress_blocker));
  view.why = fmt::format("{}", fmt::join(sides, "; "));
}

}  // namespace

std::string to_string(EdgeState state) {
  switch (state) {
    case EdgeState::observed:
      return "observed";
    case EdgeState::allowed:
      return "allowed";
    case EdgeState::blocked:
      return "blocked";
    case EdgeState::not_checked:
      return "not-checked";
  }
  return {};
}

GraphView make_graph_view(const Graph& graph, const GraphViewOptions& options) {
  const ReportScope& scope = options.namespaces;
  GraphView view;
  view.overlay = options.policies != nullptr;
  // The peers of kept edges, numbered in the model's order so ids do not depend on the edges.
  std::map<Peer, std::string> ids;
  for (const auto& [id, stats] : graph.edges) {
    if (!scope.touches(id)) continue;
    ids.emplace(id.client, "");
    ids.emplace(id.server, "");
  }
  for (auto& [peer, node_id] : ids) {
    node_id = fmt::format("n{}", view.nodes.size());
    NodeView node{node_id, peer, label_of(peer), false};
    if (peer.kind == PeerKind::workload) {
      if (auto it = graph.workloads.find(peer.workload); it != graph.workloads.end()) {
        node.host_network = it->second.host_network;
      }
    }
    view.nodes.push_back(std::move(node));
  }
  for (const auto& [id, stats] : graph.edges) {
    if (!scope.touches(id)) continue;
    EdgeView edge{ids.at(id.client), ids.at(id.server), id.protocol, id.port, stats, EdgeState::observed, {}};
    if (options.policies) overlay(edge, id, *options.policies, graph);
    view.edges.push_back(std::move(edge));
  }
  const std::set<std::string> named(scope.namespaces.begin(), scope.namespaces.end());
  for (const auto& ns : named) {
    const bool seen = std::any_of(ids.begin(), ids.end(), [&ns](const auto& entry) {
      return entry.first.kind == PeerKind::workload && entry.first.workload.namespace_name == ns;
    });
    if (!seen) view.notes.push_back(fmt::format("namespace {}: no observed edge has a workload of it", ns));
  }
  if (!scope.everything())
    view.notes.push_back(fmt::format("reported: {} (every namespace was read)", describe(scope)));
  return view;
}

}  // namespace netobs
