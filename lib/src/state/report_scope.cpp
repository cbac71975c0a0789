// What -n reports on; see report_scope.hpp.
#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include <netobs/report_scope.hpp>

namespace netobs {

bool ReportScope::includes(std::string_view namespace_name) const {
  return everything() || std::find(namespaces.begin(), namespaces.end(), namespace_name) != namespaces.end();
}

bool ReportScope::includes(const Peer& peer) const {
  return everything() || (peer.kind == PeerKind::workload && includes(peer.workload.namespace_name));
}

bool ReportScope::touches(const EdgeId& edge) const { return includes(edge.client) || includes(edge.server); }

std::string describe(const ReportScope& scope) {
  if (scope.everything()) return "every namespace";
  const std::set<std::string> sorted(scope.namespaces.begin(), scope.namespaces.end());
  return fmt::format("{} {}", sorted.size() == 1 ? "namespace" : "namespaces", fmt::join(sorted, ", "));
}

std::set<std::string> namespaces_of(const ManifestSet& set) {
  std::set<std::string> out;
  for (const auto& [name, labels] : set.namespaces) out.insert(name);
  for (const auto* pods : {&set.pods, &set.finished_pods}) {
    for (const auto& pod : *pods) out.insert(pod.namespace_name);
  }
  for (const auto& policy : set.policies) out.insert(policy.namespace_name);
  return out;
}

std::vector<std::string> missing_namespaces(const ReportScope& scope, const std::set<std::string>& known) {
  std::set<std::string> missing;
  for (const auto& name : scope.namespaces) {
    if (!known.contains(name)) missing.insert(name);
  }
  return {missing.begin(), missing.end()};
}

Graph edges_touching(Graph graph, const ReportScope& scope) {
  if (scope.everything()) return graph;
  std::erase_if(graph.edges, [&](const auto& entry) { return !scope.touches(entry.first); });
  std::erase_if(graph.node_sides, [&](const auto& entry) { return !scope.touches(entry.first); });
  return graph;
}

}  // namespace netobs
