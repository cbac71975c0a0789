// Which namespaces a recommendation is asked for, checked against what the inputs hold.
#include <set>

#include <netobs/recommend.hpp>

namespace netobs {

std::vector<std::string> unknown_namespaces(const std::vector<std::string>& named, const Inventory& inventory,
                                            const Graph& graph) {
  std::set<std::string> known;
  for (const auto& [ns, labels] : inventory.namespaces()) known.insert(ns);
  for (const auto& pod : inventory.pods()) known.insert(pod.namespace_name);
  for (const auto& [ref, workload] : graph.workloads) known.insert(ref.namespace_name);
  std::set<std::string> unknown;
  for (const auto& ns : named) {
    if (!known.contains(ns)) unknown.insert(ns);
  }
  return {unknown.begin(), unknown.end()};
}

}  // namespace netobs
